-- Migration 18: an imported result keeps its winner drawn by lot.
--
-- A results export marks the candidate a tie was decided for (the column "ResultsDesk
-- elected by lot", io/lot_mark.py); `import results` plans it as each declaration's
-- "tie_winner": the winner's 1-based place in "votes" (ballot order), or null. Migration
-- 5's import_results ignored it, so a seat decided by lot came back from its own export
-- as an undecided tie. From here on the imported version records that candidate in
-- tie_winner_candidate_id, so its seal (rd_seal: the same figures digest a lot version's
-- carries) covers them, checked by the server's own rule first (rd_check_tie_winner: the
-- top candidates tie and the winner is one of them; RD003 otherwise, and nothing of the
-- import is written). The audit entry names the winner ("winner", as decide_tie's does,
-- with the name the file gives: "tie_winner_name", like "names").
--
-- Written so that running it twice changes nothing (OR REPLACE, the same signature, so
-- its grants stay).
SET LOCAL search_path = resultsdesk, pg_temp;

-- Results: nominations as import_candidates, then every seat in "declarations" recorded as
-- a verified version (superseding what it replaces), sealed in its audit entry:
--   [{"code", "votes": [ballot order], "invalid_votes", "electorate" (default: the
--     seat's), "declared_at", "overrides": [...], "names": {"candidate name": votes},
--     "tie_winner": place in "votes" or null, "tie_winner_name"}]
CREATE OR REPLACE FUNCTION import_results(p_file text, p_data jsonb) RETURNS jsonb
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
    END LOOP;
    report := report || jsonb_build_object('declarations', total);
    PERFORM rd_audit('import results', 'election', p_file,
                     jsonb_build_object('declarations', total));
    PERFORM rd_notify();
    RETURN report;
END $$;
