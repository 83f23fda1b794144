-- Migration 67: each candidate's own party ids, as their file gave them.
--
-- The results export gives back the HoC Library's columns, and a candidate's MNIS party
-- id was the party's first: a party holds several (the Scottish Greens' 1057 beside the
-- Greens' 44), so the Scottish Greens' rows read 44. The Electoral Commission's register
-- numbers ("Electoral Commission party ID", and the adjunct "PP119" of a Labour and
-- Co-operative candidate) were never kept, and every row exported them empty. The
-- candidates now keep all three (SQLite's schema migration 13 likewise); rows written
-- before keep NULL and "", and export as before. The function that writes the ballot
-- papers is rd_import_nominations_038, migration 38's body, which migration 55's
-- rd_import_nominations wraps (auditing the electorates an import changes): that body is
-- replaced here, with only the candidates' insert changed; the wrapper stays as it is.
-- (CREATE OR REPLACE: same arguments and result, and its grants kept, none; IF NOT
-- EXISTS: running this twice changes nothing.)
SET LOCAL search_path = resultsdesk, pg_temp;

ALTER TABLE candidates ADD COLUMN IF NOT EXISTS party_mnis_id integer;
ALTER TABLE candidates ADD COLUMN IF NOT EXISTS ec_party_id text NOT NULL DEFAULT '';
ALTER TABLE candidates ADD COLUMN IF NOT EXISTS ec_adjunct_party_id text NOT NULL DEFAULT '';

CREATE OR REPLACE FUNCTION rd_import_nominations_038(p jsonb) RETURNS integer
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    bad text;
    added integer;
    had integer;
    adding integer;
BEGIN
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
                            ballot_order, colour, party_mnis_id, ec_party_id,
                            ec_adjunct_party_id)
    SELECT k.id, x.id, coalesce(e->>'party_name', ''), e->>'first_name', e->>'surname',
           coalesce(e->>'gender', ''), coalesce((e->>'sitting_mp')::integer, 0),
           coalesce((e->>'former_mp')::integer, 0), (e->>'member_mnis_id')::integer,
           (e->>'dc_person_id')::integer, (e->>'ballot_order')::integer, e->>'colour',
           (e->>'party_mnis_id')::integer, coalesce(e->>'ec_party_id', ''),
           coalesce(e->>'ec_adjunct_party_id', '')
    FROM jsonb_array_elements(coalesce(p->'candidates', '[]')) AS e
    JOIN constituencies k ON k.code = e->>'code'
    JOIN parties x ON x.abbreviation = e->>'party';
    GET DIAGNOSTICS added = ROW_COUNT;
    UPDATE constituencies k SET electorate = (e.value)::integer
    FROM jsonb_each_text(coalesce(p->'electorates', '{}')) AS e WHERE k.code = e.key;
    RETURN added;
END $$;
REVOKE ALL ON FUNCTION rd_import_nominations_038(jsonb) FROM PUBLIC;
