-- Migration 68: the helpers every seat's write calls are planned once a session, not
-- once a call.
--
-- A LANGUAGE sql function is inlined into its caller only when it has no SET clause;
-- these helpers all SET search_path (so that nobody's pg_temp can stand in for a table),
-- so each runs through the SQL function executor, which parses, analyses and plans its
-- body again whenever the statement calling it starts: every PERFORM, every statement of
-- a trigger, every row of an import's loop. An import of results on a team desk writes
-- each seat with about twenty such calls (its lock, its latest version, its names and
-- keys, its warnings accepted, its audit entry, the entry's seal of the figures, the
-- change numbers), and planning them was a quarter of the server's time: the 2024 night's
-- 650 seats took ~1.2 s there, ~0.9 s once planned once (a SQLite file takes ~0.2 s for
-- the whole import, reading the file included; docs/BENCHMARKS.md). The same bodies are
-- now PL/pgSQL, whose statements are planned once a session and kept (planned again after
-- an ANALYZE, as migration 66's samples do). Nothing else changes: the same statements,
-- results, volatility and search_path, so the same rows, change numbers, audit entries and
-- hashes; the arguments and results are the same, so CREATE OR REPLACE keeps each
-- function's grants (none: only the owner's functions call them), no function wraps any of
-- them, and running this twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

-- Migration 2's write lock and change number.
CREATE OR REPLACE FUNCTION rd_lock() RETURNS bigint
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    seq_now bigint;
BEGIN
    UPDATE change_counter SET seq = seq WHERE id = 1 RETURNING seq INTO seq_now;
    RETURN seq_now;
END $$;

CREATE OR REPLACE FUNCTION rd_bump() RETURNS bigint
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    seq_now bigint;
BEGIN
    UPDATE change_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq INTO seq_now;
    RETURN seq_now;
END $$;

-- Migration 2's figures of a version (DeclarationFigures.canonical() in
-- domain/audit_chain.py), NULL for no such version as before.
CREATE OR REPLACE FUNCTION rd_figures(p_id integer) RETURNS jsonb
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    figures jsonb;
BEGIN
    SELECT jsonb_build_object(
        'declaration_id', d.id, 'constituency', k.code, 'version', d.version, 'kind', d.kind,
        'count_number', d.count_number,
        'votes', coalesce((SELECT jsonb_agg(jsonb_build_array(v.candidate_id, c.party_id,
                                                              v.votes)
                                            ORDER BY v.candidate_id)
                           FROM declaration_votes v LEFT JOIN candidates c
                             ON c.id = v.candidate_id
                           WHERE v.declaration_id = d.id), '[]'::jsonb),
        'invalid_votes', d.invalid_votes, 'electorate', d.electorate,
        'total_as_read', d.total_as_read, 'tie_winner_candidate_id', d.tie_winner_candidate_id,
        'declared_at', d.declared_at, 'entered_by', d.entered_by, 'entered_at', d.entered_at,
        'source', d.source, 'reason', d.reason, 'overrides', d.overrides::jsonb)
    INTO figures
    FROM declarations d LEFT JOIN constituencies k ON k.id = d.constituency_id
    WHERE d.id = p_id;
    RETURN figures;
END $$;

-- Migration 32's seal, salted.
CREATE OR REPLACE FUNCTION rd_seal(p_id integer) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    RETURN jsonb_build_object('declaration_id', p_id,
                              'figures_sha256', rd_sha256_hex(rd_canonical(rd_figures(p_id))),
                              'nonce', replace(gen_random_uuid()::text, '-', ''));
END $$;

-- Migration 2's one entry (the chain's triggers number, check and hash it).
CREATE OR REPLACE FUNCTION rd_audit(p_action text, p_entity text, p_key text, p_details jsonb)
RETURNS bigint
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    entry bigint;
BEGIN
    INSERT INTO audit_log (at, "user", action, entity, entity_key, details, prev_hash, hash)
    VALUES (rd_now(), session_user, p_action, p_entity, coalesce(p_key, ''),
            coalesce(p_details, '{}'::jsonb)::text, '', '')
    RETURNING id INTO entry;
    RETURN entry;
END $$;

-- Migration 3's latest version of a seat (NULL where it has none, as before),
-- its candidates' names in ballot order, and a set of warnings accepted as stored.
CREATE OR REPLACE FUNCTION rd_latest(p_seat integer) RETURNS declarations
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    latest declarations;
BEGIN
    SELECT * INTO latest FROM declarations WHERE constituency_id = p_seat
    ORDER BY version DESC LIMIT 1;
    IF NOT FOUND THEN
        RETURN NULL;  -- as the SQL body did: not a row of NULLs, which coalesce() keeps
    END IF;
    RETURN latest;
END $$;

CREATE OR REPLACE FUNCTION rd_names(p_seat integer) RETURNS text[]
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    names text[];
BEGIN
    SELECT coalesce(array_agg(btrim(first_name || ' ' || surname) ORDER BY ballot_order), '{}')
    INTO names FROM candidates WHERE constituency_id = p_seat;
    RETURN names;
END $$;

CREATE OR REPLACE FUNCTION rd_overrides(p text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    RETURN rd_canonical(coalesce((SELECT jsonb_agg(o ORDER BY o COLLATE "C")
                                  FROM (SELECT DISTINCT o FROM unnest(p) AS o
                                        WHERE o IS NOT NULL) AS s), '[]'::jsonb));
END $$;

-- Migration 42's names evenly spaced, to compare.
CREATE OR REPLACE FUNCTION rd_spaced_names(p_votes jsonb) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    RETURN (SELECT coalesce(jsonb_object_agg(rd_spaced_name(e.key), e.value), '{}')
            FROM jsonb_each(p_votes) AS e);
END $$;

-- Migration 57's keys of a seat's candidates, in ballot order.
CREATE OR REPLACE FUNCTION rd_candidate_keys(p_seat integer) RETURNS text[]
LANGUAGE plpgsql STABLE SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    keys text[];
BEGIN
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
    INTO keys FROM counted;
    RETURN keys;
END $$;
