-- Migration 38: seats an import adds to an election that has seats, only when asked.
--
-- A results or nominations file adds each seat the election lacks. Into an election that
-- has its seats, that is a mistyped GSS code (a phantom seat) or another election's file
-- (2019's codes into the 2024 night: 1,300 seats and a wrong majority line on air). The
-- desk refuses such a file before calling the server unless the person importing said
-- to add them (`add_seats` in the plan: desk/import_seats.py, the command line's
-- --add-seats, the window's question); this is the same rule again under the server's
-- lock, for another desk's import landing between the desk's checks and this call (the
-- desk saw an empty election; the server's now has seats). An empty election still gets
-- its seats from its first import. The rest of rd_import_nominations is migration 5's.
-- (CREATE OR REPLACE: same arguments and result, so running this twice changes nothing.)
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_import_nominations(p jsonb) RETURNS integer
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
    RETURN added;
END $$;
