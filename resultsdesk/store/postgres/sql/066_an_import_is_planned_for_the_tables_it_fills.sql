-- Migration 66: an import of results is planned for the tables it is filling.
--
-- import_results records a file's seats one at a time (migration 18's loop, renamed
-- rd_import_results_046 by migration 47), and each seat's writes look rows up: the
-- audit log's newest entry (twice per entry: the chain, and its time), the version just
-- stored (its votes, its foreign keys, its seal), the versions it supersedes. Those
-- statements are planned once and the plans kept for the session, planned for the tables
-- as the planner last sampled them: an election that has no results yet holds no
-- declarations and a couple of audit entries, for which reading every row is the
-- cheapest plan, and the plan stayed so while the import added thousands. Each seat then
-- read every row the import had written before it: 5,000 seats took ~35 s on the server
-- (a general election's 650, ~1.5 s), growing with the square of the seats. Now the loop
-- samples the three tables it grows (ANALYZE, as migration 47 does once at the end; it
-- counts the transaction's own rows, and it sets the statements that read them to be
-- planned again) when it has written 64 seats, then 256, 1,024, 4,096 and so on: a few
-- samples, each of tables at most four times the size they were planned for. Nothing else
-- changes: the same checks in the same order, the same rows, the same audit entries and
-- hashes, the same errors. The body is migration 18's with those four lines added (the
-- same name, arguments and results: its grants, none, stay; running this twice changes
-- nothing).
SET LOCAL search_path = resultsdesk, pg_temp;

-- (Migration 18's comment on the data: every seat in "declarations" recorded as a
-- verified version, superseding what it replaces, sealed in its audit entry.)
CREATE OR REPLACE FUNCTION rd_import_results_046(p_file text, p_data jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    actor text;
    report jsonb;
    e jsonb;
    k constituencies;
    votes integer[];
    winner integer;
    place integer;
    d declarations;
    stamp text := rd_now();
    total integer := 0;
    file_name text := regexp_replace(coalesce(p_file, ''), '^.*[/\\]', '');
    sample_at integer := 64;  -- the next seat count at which the growing tables are sampled
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
        winner := NULL;
        place := (e->>'tie_winner')::integer;
        IF place IS NOT NULL THEN
            winner := (SELECT array_agg(id ORDER BY ballot_order) FROM candidates
                       WHERE constituency_id = k.id)[place];
            IF winner IS NULL THEN  -- (a null would pass rd_check_tie_winner unchecked)
                PERFORM rd_fail('RD003', format(
                    '%s has no candidate %s on its ballot paper to be the winner by lot.',
                    k.name, place));
            END IF;
            PERFORM rd_check_tie_winner(k, votes, winner);
        END IF;
        INSERT INTO declarations (constituency_id, version, status, count_number, electorate,
                                  invalid_votes, total_as_read, declared_at, entered_by,
                                  entered_at, verified_by, verified_at, source,
                                  tie_winner_candidate_id, overrides)
        VALUES (k.id, coalesce((rd_latest(k.id)).version, 0) + 1, 'verified', k.current_count,
                coalesce((e->>'electorate')::integer, k.electorate),
                (e->>'invalid_votes')::integer,
                (SELECT sum(v) FROM unnest(votes) AS v), e->>'declared_at', actor, stamp,
                actor, stamp, 'import', winner, rd_overrides(ARRAY(
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
            'votes', coalesce(e->'names', '{}'::jsonb)) || rd_seal(d.id)
            || CASE WHEN winner IS NULL THEN '{}'::jsonb ELSE jsonb_build_object(
                   'winner', coalesce(e->>'tie_winner_name',
                                      (SELECT btrim(first_name || ' ' || surname)
                                       FROM candidates WHERE id = winner))) END);
        total := total + 1;
        IF total = sample_at THEN  -- at 64, 256, 1,024, 4,096... seats: a few samples
            ANALYZE declarations, declaration_votes, audit_log;
            sample_at := sample_at * 4;
        END IF;
    END LOOP;
    report := report || jsonb_build_object('declarations', total);
    PERFORM rd_audit('import results', 'election', p_file,
                     jsonb_build_object('declarations', total));
    PERFORM rd_notify();
    RETURN report;
END $$;
