-- Migration 5: what an admin does (the chamber order, imports) and the one generic audit
-- entry a client may add. Imports take what the client's file readers parsed (io/), as
-- jsonb; the server applies it under the write lock, in one transaction with its audit.
SET LOCAL search_path = resultsdesk, pg_temp;

-- The chamber's left-to-right order: the parties listed first, in that order, then every
-- other party in its old order. Returns how many parties there are.
CREATE FUNCTION set_political_order(p_order text[]) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    listed text[];
    unknown text[];
    old_order text[];
    new_order text[];
BEGIN
    PERFORM rd_lock();
    PERFORM rd_require('change the parties or the chamber order', 'admin');
    SELECT coalesce(array_agg(a ORDER BY first_at), '{}') INTO listed
    FROM (SELECT a, min(i) AS first_at FROM unnest(p_order) WITH ORDINALITY AS o(a, i)
          WHERE a IS NOT NULL GROUP BY a) AS s;
    SELECT coalesce(array_agg(a ORDER BY a), '{}') INTO unknown FROM unnest(listed) AS a
    WHERE a NOT IN (SELECT abbreviation FROM parties);
    IF cardinality(unknown) > 0 THEN
        PERFORM rd_fail('RD003', format('No party %s in this election.',
                                        array_to_string(unknown, ', ')));
    END IF;
    SELECT coalesce(array_agg(abbreviation ORDER BY political_order, abbreviation COLLATE "C"),
                    '{}')
      INTO old_order FROM parties;
    new_order := listed || ARRAY(SELECT a FROM unnest(old_order) WITH ORDINALITY AS o(a, i)
                                 WHERE a <> ALL (listed) ORDER BY i);
    UPDATE parties p SET political_order = (n.i - 1) * 10
    FROM unnest(new_order) WITH ORDINALITY AS n(a, i) WHERE p.abbreviation = n.a;
    PERFORM rd_audit('set political order', 'parties', '', jsonb_build_object(
        'old', to_jsonb(old_order[1:20]), 'new', to_jsonb(new_order[1:20])));
    PERFORM rd_notify();
    RETURN cardinality(new_order);
END $$;

-- New parties (those already there by abbreviation are kept as they are) and MNIS ids:
-- [{"abbreviation", "name", "mnis_id", "colour", "political_order", "mnis_ids": [...]}].
-- Returns the abbreviations created.
CREATE FUNCTION rd_import_parties(p jsonb) RETURNS text[]
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    created text[];
BEGIN
    WITH added AS (
        INSERT INTO parties (abbreviation, name, mnis_id, colour, political_order)
        SELECT e->>'abbreviation', e->>'name', (e->>'mnis_id')::integer, e->>'colour',
               coalesce((e->>'political_order')::integer, 0)
        FROM jsonb_array_elements(coalesce(p, '[]')) AS e
        ON CONFLICT (abbreviation) DO NOTHING
        RETURNING abbreviation)
    SELECT coalesce(array_agg(abbreviation ORDER BY abbreviation), '{}') INTO created FROM added;
    INSERT INTO party_mnis_ids (mnis_id, party_id)
    SELECT m::integer, x.id
    FROM jsonb_array_elements(coalesce(p, '[]')) AS e
    JOIN parties x ON x.abbreviation = e->>'abbreviation'
    CROSS JOIN jsonb_array_elements_text(coalesce(e->'mnis_ids', '[]')) AS m
    ON CONFLICT (mnis_id) DO NOTHING;
    RETURN created;
END $$;

-- Seats not yet in the election, candidates of seats with no nominations yet (a ballot
-- paper never changes once recorded) and electorates. Returns the candidates added.
--   constituencies: [{"code", "name", "nation", "region", "county", "kind"}]
--   candidates: [{"code", "party", "party_name", "first_name", "surname", "gender",
--                 "sitting_mp", "former_mp", "member_mnis_id", "dc_person_id",
--                 "ballot_order", "colour"}]          electorates: {"code": n}
CREATE FUNCTION rd_import_nominations(p jsonb) RETURNS integer
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    bad text;
    added integer;
BEGIN
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

-- Nominations from a candidates file: {"parties", "constituencies", "candidates",
-- "electorates"} as above. Returns {"constituencies", "candidates", "new_parties"}.
CREATE FUNCTION import_candidates(p_file text, p_data jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    report jsonb;
BEGIN
    PERFORM rd_lock();
    PERFORM rd_require('import files into the election', 'admin');
    report := jsonb_build_object(
        'new_parties', to_jsonb(rd_import_parties(p_data->'parties')),
        'candidates', rd_import_nominations(p_data),
        'constituencies', jsonb_array_length(coalesce(p_data->'constituencies', '[]')));
    PERFORM rd_audit('import candidates', 'election', p_file, report);
    PERFORM rd_notify();
    RETURN report;
END $$;

-- Results: nominations as import_candidates, then every seat in "declarations" recorded as
-- a verified version (superseding what it replaces), sealed in its audit entry:
--   [{"code", "votes": [ballot order], "invalid_votes", "electorate" (default: the
--     seat's), "declared_at", "overrides": [...], "names": {"candidate name": votes}}]
CREATE FUNCTION import_results(p_file text, p_data jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    actor text;
    report jsonb;
    e jsonb;
    k constituencies;
    votes integer[];
    d declarations;
    stamp text := rd_now();
    total integer := 0;
    file_name text := regexp_replace(coalesce(p_file, ''), '^.*[/\\]', '');
BEGIN
    PERFORM rd_lock();
    actor := rd_require('import files into the election', 'admin');
    report := jsonb_build_object(
        'new_parties', to_jsonb(rd_import_parties(p_data->'parties')),
        'candidates', rd_import_nominations(p_data),
        'constituencies', jsonb_array_length(coalesce(p_data->'declarations', '[]')));
    FOR e IN SELECT * FROM jsonb_array_elements(coalesce(p_data->'declarations', '[]')) LOOP
        SELECT * INTO k FROM constituencies WHERE code = e->>'code';
        IF NOT FOUND THEN
            PERFORM rd_fail('RD003', format('%s is not a constituency of this election.',
                                            e->>'code'));
        END IF;
        votes := ARRAY(SELECT v::integer FROM jsonb_array_elements_text(e->'votes') AS v);
        PERFORM rd_check_figures(k, votes, (e->>'invalid_votes')::integer,
                                 coalesce((e->>'electorate')::integer, k.electorate), NULL);
        INSERT INTO declarations (constituency_id, version, status, count_number, electorate,
                                  invalid_votes, total_as_read, declared_at, entered_by,
                                  entered_at, verified_by, verified_at, source, overrides)
        VALUES (k.id, coalesce((rd_latest(k.id)).version, 0) + 1, 'verified', k.current_count,
                coalesce((e->>'electorate')::integer, k.electorate),
                (e->>'invalid_votes')::integer,
                (SELECT sum(v) FROM unnest(votes) AS v), e->>'declared_at', actor, stamp,
                actor, stamp, 'import', rd_overrides(ARRAY(
                    SELECT jsonb_array_elements_text(coalesce(e->'overrides', '[]')))))
        RETURNING * INTO d;
        INSERT INTO declaration_votes (declaration_id, candidate_id, votes)
        SELECT d.id, c.id, votes[c.i]
        FROM unnest((SELECT array_agg(id ORDER BY ballot_order) FROM candidates
                     WHERE constituency_id = k.id)) WITH ORDINALITY AS c(id, i);
        UPDATE declarations SET status = 'superseded'
        WHERE constituency_id = k.id AND status IN ('verified', 'provisional')
          AND version < d.version;
        PERFORM rd_audit('import declaration', 'constituency', k.code, jsonb_build_object(
            'version', d.version, 'file', file_name,
            'votes', coalesce(e->'names', '{}'::jsonb)) || rd_seal(d.id));
        total := total + 1;
    END LOOP;
    report := report || jsonb_build_object('declarations', total);
    PERFORM rd_audit('import results', 'election', p_file,
                     jsonb_build_object('declarations', total));
    PERFORM rd_notify();
    RETURN report;
END $$;

-- A baseline (previous or notional results), replacing any earlier one:
-- {"parties": [...], "rows": [{"code", "party", "candidate", "votes"}],
--  "electorates": {"code": n or null}}. Returns {"constituencies", "rows", "new_parties"}.
CREATE FUNCTION import_baseline(p_file text, p_name text, p_data jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    new_parties text[];
    bad text;
    seats integer;
    rows_added integer;
BEGIN
    PERFORM rd_lock();
    PERFORM rd_require('import files into the election', 'admin');
    new_parties := rd_import_parties(p_data->'parties');
    SELECT e->>'code' INTO bad FROM jsonb_array_elements(coalesce(p_data->'rows', '[]')) e
    WHERE NOT EXISTS (SELECT 1 FROM constituencies k WHERE k.code = e->>'code') LIMIT 1;
    IF bad IS NULL THEN
        SELECT e.key INTO bad FROM jsonb_each(coalesce(p_data->'electorates', '{}')) e
        WHERE NOT EXISTS (SELECT 1 FROM constituencies k WHERE k.code = e.key) LIMIT 1;
    END IF;
    IF bad IS NOT NULL THEN
        PERFORM rd_fail('RD003', format('%s is not a constituency of this election.', bad));
    END IF;
    SELECT e->>'party' INTO bad FROM jsonb_array_elements(coalesce(p_data->'rows', '[]')) e
    WHERE NOT EXISTS (SELECT 1 FROM parties x WHERE x.abbreviation = e->>'party') LIMIT 1;
    IF bad IS NOT NULL THEN
        PERFORM rd_fail('RD003', format('No party %s in this election.', bad));
    END IF;
    DELETE FROM baseline_votes;
    DELETE FROM baseline_seats;
    INSERT INTO baseline (id, name, imported_at) VALUES (1, p_name, rd_now())
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, imported_at = excluded.imported_at;
    INSERT INTO baseline_votes (constituency_id, party_id, candidate, votes)
    SELECT k.id, x.id, coalesce(e->>'candidate', ''), (e->>'votes')::integer
    FROM jsonb_array_elements(coalesce(p_data->'rows', '[]')) WITH ORDINALITY AS r(e, i)
    JOIN constituencies k ON k.code = e->>'code' JOIN parties x ON x.abbreviation = e->>'party'
    ORDER BY r.i;
    GET DIAGNOSTICS rows_added = ROW_COUNT;
    INSERT INTO baseline_seats (constituency_id, electorate)
    SELECT k.id, (e.value #>> '{}')::integer
    FROM jsonb_each(coalesce(p_data->'electorates', '{}')) AS e
    JOIN constituencies k ON k.code = e.key;
    GET DIAGNOSTICS seats = ROW_COUNT;
    PERFORM rd_audit('import baseline', 'election', p_file,
                     jsonb_build_object('constituencies', seats, 'rows', rows_added));
    PERFORM rd_notify();
    RETURN jsonb_build_object('constituencies', seats, 'rows', rows_added,
                              'new_parties', to_jsonb(new_parties));
END $$;

-- The one audit entry a client writes itself, for what happens outside the database
-- (an export, a publication, a backup taken). Only these actions, and never details that
-- look like a seal or a verification, so no client can forge the record of a declaration.
CREATE FUNCTION audit_note(p_action text, p_entity text, p_key text, p_details jsonb)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    entry bigint;
BEGIN
    PERFORM rd_lock();
    PERFORM rd_require('write to the audit log', 'desk', 'editor', 'admin');
    IF p_action IS NULL OR p_action NOT IN ('export', 'publish', 'backup', 'note') THEN
        PERFORM rd_fail('RD004', format('''%s'' is not an audit entry a client may write '
                                        '(export, publish, backup or note).', p_action));
    END IF;
    IF jsonb_typeof(coalesce(p_details, '{}')) <> 'object'
       OR coalesce(p_details, '{}') ?| ARRAY['declaration_id', 'figures_sha256', 'verified_by']
    THEN
        PERFORM rd_fail('RD004', 'An audit note''s details are an object that seals no '
                                 'figures and vouches for no verification.');
    END IF;
    entry := rd_audit(p_action, coalesce(p_entity, 'election'), coalesce(p_key, ''),
                      coalesce(p_details, '{}'));
    PERFORM rd_notify();
    RETURN entry;
END $$;
