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
-- in every seat's); and any change, filling in too, on a seat
-- with figures awaiting verification is refused (RD003) unless the import replaces that
-- seat's figures itself (a results file's seat). The desk checks the same first, naming
-- the file's row (desk/import_electorates.py); this is the rule under the server's lock,
-- from its own rows. The rest of rd_import_nominations is migration 38's.
-- (CREATE OR REPLACE: same arguments and result, so running this twice changes nothing.)
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_import_nominations(p jsonb) RETURNS integer
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    bad text;
    added integer;
    had integer;
    adding integer;
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
    SELECT count(*) INTO had FROM constituencies;
    IF had > 0 AND NOT coalesce((p->>'add_seats')::boolean, false) THEN
        SELECT count(*), min(e->>'code') INTO adding, bad
        FROM jsonb_array_elements(coalesce(p->'constituencies', '[]')) AS e
        WHERE NOT EXISTS (SELECT 1 FROM constituencies k WHERE k.code = e->>'code');
        IF adding > 0 THEN
            PERFORM rd_fail('RD003', format(
                'The file would add %s seat(s) (%s among them) to the %s already in the '
                'election; nothing imported. If the seats are meant, import again with '
                '--add-seats.', adding, bad, had));
        END IF;
    END IF;
    INSERT INTO constituencies (code, name, nation, region, county, kind)
    SELECT e->>'code', e->>'name', e->>'nation', e->>'region', coalesce(e->>'county', ''),
           coalesce(e->>'kind', '')
    FROM jsonb_array_elements(coalesce(p->'constituencies', '[]')) AS e
    ON CONFLICT (code) DO NOTHING;
    SELECT e->>'code' INTO bad FROM jsonb_array_elements(coalesce(p->'candidates', '[]')) e
    WHERE NOT EXISTS (SELECT 1 FROM constituencies k WHERE k.code = e->>'code')
       OR EXISTS (SELECT 1 FROM candidates c JOIN constituencies k ON k.id = c.constituency_id
                  WHERE k.code = e->>'code') LIMIT 1;
    IF bad IS NOT NULL THEN
        PERFORM rd_fail('RD003', format('%s is not a constituency of this election, or its '
                                        'nominations are already recorded.', bad));
    END IF;
    SELECT e->>'party' INTO bad FROM jsonb_array_elements(coalesce(p->'candidates', '[]')) e
    WHERE NOT EXISTS (SELECT 1 FROM parties x WHERE x.abbreviation = e->>'party') LIMIT 1;
    IF bad IS NOT NULL THEN
        PERFORM rd_fail('RD003', format('No party %s in this election.', bad));
    END IF;
    INSERT INTO candidates (constituency_id, party_id, party_name, first_name, surname, gender,
                            sitting_mp, former_mp, member_mnis_id, dc_person_id,
                            ballot_order, colour)
    SELECT k.id, x.id, coalesce(e->>'party_name', ''), e->>'first_name', e->>'surname',
           coalesce(e->>'gender', ''), coalesce((e->>'sitting_mp')::integer, 0),
           coalesce((e->>'former_mp')::integer, 0), (e->>'member_mnis_id')::integer,
           (e->>'dc_person_id')::integer, (e->>'ballot_order')::integer, e->>'colour'
    FROM jsonb_array_elements(coalesce(p->'candidates', '[]')) AS e
    JOIN constituencies k ON k.code = e->>'code'
    JOIN parties x ON x.abbreviation = e->>'party';
    GET DIAGNOSTICS added = ROW_COUNT;
    UPDATE constituencies k SET electorate = (e.value)::integer
    FROM jsonb_each_text(coalesce(p->'electorates', '{}')) AS e WHERE k.code = e.key;
    IF changes IS NOT NULL THEN
        PERFORM rd_audit('change electorates', 'election', '',
                         jsonb_build_object('electorates', changes));
    END IF;
    RETURN added;
END $$;
