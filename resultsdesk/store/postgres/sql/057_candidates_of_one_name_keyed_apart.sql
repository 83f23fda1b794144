-- Migration 57: two candidates of one name keep their own figures in the audit trail.
--
-- An audit entry's words name each candidate's votes in an object keyed by name
-- (rd_figures_json for a declaration, the client's "names" for an import, checked by
-- rd_audit_as_stored). Two candidates of one seat with one name (Mid Buckinghamshire in
-- 2024: Greg Smith, Green, and Greg Smith, Conservative) were one key: the second's votes
-- replaced the first's, and the trail read "Greg Smith (Green) 20,150", the Conservative
-- winner's votes, with no Conservative at all. Each candidate now has a key of its own, as
-- domain/candidate_keys.py gives it: the name; where two share it, the name and party,
-- "Greg Smith (Con)"; where they share the party too, with their place on the ballot
-- paper, "John Smith (Ind, 3)". The seal (figures_sha256, by candidate id) never changed:
-- only the words did. Entries already written keep theirs (the chain hashes them).
-- (CREATE OR REPLACE, the same arguments and results: running this twice changes nothing.)
SET LOCAL search_path = resultsdesk, pg_temp;

-- A seat's candidates' keys, in ballot order. Names are compared with their spacing evened
-- out and their case folded (lower(): ASCII only in a C-locale database, as ResultsDesk's
-- are; the client folds every letter, so only two names differing just in a non-ASCII
-- letter's case would be keyed apart there and not here).
CREATE OR REPLACE FUNCTION rd_candidate_keys(p_seat integer) RETURNS text[]
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp AS $$
WITH named AS (
    SELECT btrim(c.first_name || ' ' || c.surname) AS name, p.abbreviation AS party,
           c.ballot_order,
           row_number() OVER (ORDER BY c.ballot_order) AS place
    FROM candidates c JOIN parties p ON p.id = c.party_id
    WHERE c.constituency_id = p_seat),
counted AS (
    SELECT n.*,
           count(*) OVER (PARTITION BY lower(rd_spaced_name(n.name))) AS same_name,
           count(*) OVER (PARTITION BY lower(rd_spaced_name(n.name)), lower(n.party))
               AS same_party
    FROM named n)
SELECT coalesce(array_agg(CASE WHEN same_name = 1 THEN name
                               WHEN same_party = 1 THEN format('%s (%s)', name, party)
                               ELSE format('%s (%s, %s)', name, party, place) END
                          ORDER BY ballot_order), '{}')
FROM counted
$$;

-- {"votes": {key: votes}, "invalid_votes": n} as the SQLite desk records them.
CREATE OR REPLACE FUNCTION rd_figures_json(p_seat integer, p_votes integer[], p_invalid integer)
RETURNS jsonb
LANGUAGE sql SET search_path = resultsdesk, pg_temp AS $$
SELECT jsonb_build_object(
    'votes', coalesce((SELECT jsonb_object_agg(n.key, p_votes[n.i] ORDER BY n.i)
                       FROM unnest(rd_candidate_keys(p_seat)) WITH ORDINALITY AS n(key, i)),
                      '{}'::jsonb),
    'invalid_votes', p_invalid)
$$;

-- Migration 42's check of an import's entry, with the stored figures and winner keyed as
-- above (an honest client keys them so too: desk/imports.py).
CREATE OR REPLACE FUNCTION rd_audit_as_stored() RETURNS trigger
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    details jsonb;
    declaration integer;
    seat integer;
    keys text[];
    stored jsonb;
    stored_winner text;
BEGIN
    IF NEW.action IS DISTINCT FROM 'import declaration' THEN
        RETURN NEW;
    END IF;
    details := NEW.details::jsonb;
    declaration := (details ->> 'declaration_id')::integer;
    IF declaration IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT d.constituency_id INTO seat FROM declarations d WHERE d.id = declaration;
    keys := rd_candidate_keys(seat);
    -- The stored version's candidates' keys and votes, read once.
    SELECT coalesce(jsonb_object_agg(keys[o.place], dv.votes ORDER BY o.place), '{}')
    INTO stored
    FROM declaration_votes dv
    JOIN (SELECT c.id, row_number() OVER (ORDER BY c.ballot_order) AS place
          FROM candidates c WHERE c.constituency_id = seat) AS o ON o.id = dv.candidate_id
    WHERE dv.declaration_id = declaration;
    -- Each key with its votes, compared whatever their spacing: the same figures under
    -- other names, or swapped between them, are not the stored result.
    IF jsonb_typeof(details -> 'votes') IS DISTINCT FROM 'object'
       OR rd_spaced_names(details -> 'votes') IS DISTINCT FROM rd_spaced_names(stored) THEN
        details := details || jsonb_build_object('votes', stored);
    END IF;
    SELECT keys[o.place] INTO stored_winner
    FROM declarations d
    JOIN (SELECT c.id, row_number() OVER (ORDER BY c.ballot_order) AS place
          FROM candidates c WHERE c.constituency_id = seat) AS o
      ON o.id = d.tie_winner_candidate_id
    WHERE d.id = declaration;
    IF stored_winner IS NULL THEN
        details := details - 'winner';
    ELSIF rd_spaced_name(details ->> 'winner') IS DISTINCT FROM rd_spaced_name(stored_winner)
    THEN
        details := details || jsonb_build_object('winner', stored_winner);
    END IF;
    NEW.details := details::text;
    RETURN NEW;
END $$;
