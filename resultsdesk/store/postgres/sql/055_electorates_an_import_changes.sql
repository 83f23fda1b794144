-- Migration 55: the electorates an import changes, audited, and never under a seat's
-- figures awaiting verification.
--
-- A nominations or results import set every seat's electorate from its constituencies file,
-- recorded nowhere (the import's entry counts seats): an admin's import_candidates with only
-- {"electorates": {...}} changed Hendon's, verified, from 74,865 to 1, and that of a seat
-- awaiting verification, whose verifier's form starts from it and whose blind re-key
-- compares it, so each verifier's try failed on the electorate (three tries each). Now the
-- seats whose known electorate it changes are recorded in their own entry, 'change
-- electorates', {"electorates": {code: [old, new]}}, before the import's own (one filled in
-- where none was known is not a change: the first import with a constituencies file fills
-- in every seat's); and any change, filling in too, on a seat with figures awaiting
-- verification is refused (RD003) unless the import replaces that seat's figures itself
-- (a results file's seat). The desk checks the same first, naming
-- the file's row (desk/import_electorates.py); this is the rule under the server's lock,
-- from its own rows. rd_import_nominations is wrapped, not copied (as migration 41 wraps
-- verify): migration 38's body is renamed rd_import_nominations_038, which nobody is
-- granted, and the new function, with the same argument and result, works out the
-- changes, refuses, calls it, then records them. Written so that running it twice changes
-- nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

DO $$
BEGIN
    IF to_regprocedure('resultsdesk.rd_import_nominations_038(jsonb)') IS NULL THEN
        ALTER FUNCTION rd_import_nominations(jsonb) RENAME TO rd_import_nominations_038;
    END IF;
END $$;
REVOKE ALL ON FUNCTION rd_import_nominations_038(jsonb) FROM PUBLIC;

CREATE OR REPLACE FUNCTION rd_import_nominations(p jsonb) RETURNS integer
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    added integer;
    changes jsonb;
    awaiting record;
BEGIN
    -- The electorates it changes, of the seats as they were (a seat it adds is not among
    -- them); refused on a seat awaiting verification that the import does not replace.
    SELECT jsonb_object_agg(k.code, jsonb_build_array(k.electorate, (e.value)::integer))
    INTO changes
    FROM jsonb_each_text(coalesce(p->'electorates', '{}')) AS e
    JOIN constituencies k ON k.code = e.key
    WHERE k.electorate IS NOT NULL AND k.electorate IS DISTINCT FROM (e.value)::integer;
    SELECT k.name, k.electorate, (e.value)::integer AS given INTO awaiting
    FROM jsonb_each_text(coalesce(p->'electorates', '{}')) AS e
    JOIN constituencies k ON k.code = e.key
    WHERE k.electorate IS DISTINCT FROM (e.value)::integer
      AND EXISTS (SELECT 1 FROM declarations d
                  WHERE d.constituency_id = k.id AND d.status = 'provisional')
      AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(p->'declarations', '[]')) x
                      WHERE x->>'code' = k.code)
    ORDER BY k.name, k.code LIMIT 1;
    IF FOUND THEN
        PERFORM rd_fail('RD003', format(
            '%s has figures awaiting verification, keyed with the electorate %s, and the '
            'file gives %s: verify or reject them before its electorate changes.',
            awaiting.name, coalesce(to_char(awaiting.electorate, 'FM999,999,999,990'), 'none'),
            coalesce(to_char(awaiting.given, 'FM999,999,999,990'), 'none')));
    END IF;
    added := rd_import_nominations_038(p);  -- seats, ballot papers, then the electorates
    IF changes IS NOT NULL THEN
        PERFORM rd_audit('change electorates', 'election', '',
                         jsonb_build_object('electorates', changes));
    END IF;
    RETURN added;
END $$;
