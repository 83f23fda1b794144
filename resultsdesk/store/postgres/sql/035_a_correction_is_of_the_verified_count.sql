-- Migration 35: a correction is of the verified count. Keyed while a recount was under way,
-- it was recorded as the recount's count (rd_insert_version stamps the seat's current
-- count), and verify, which ends a recount with a verified version of its count (migration
-- 22), ended the recount with it: RECOUNT gone from the seat and the recount's own
-- figures refused when they came. Now it carries the verified version's count, as on a
-- file (desk/local_writes.correct), and goes on air when verified with the recount still
-- under way. The rest of correct is migration 8's. (CREATE OR REPLACE: same arguments and
-- result, so its grants stay, and running this twice changes nothing.)
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION correct(p_seat text, p_votes integer[], p_invalid integer, p_reason text,
                        p_expected_version integer DEFAULT NULL,
                        p_overrides text[] DEFAULT '{}', p_tie_winner integer DEFAULT NULL,
                        p_total_as_read integer DEFAULT NULL,
                        p_electorate integer DEFAULT NULL,
                        p_source text DEFAULT 'desk',
                        OUT version integer, OUT sheet jsonb)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
#variable_conflict use_column
DECLARE
    actor text;
    k constituencies;
    verified declarations;
    d declarations;
    electorate integer;
    winner integer := p_tie_winner;
    reason text := btrim(coalesce(p_reason, ''));
BEGIN
    PERFORM rd_lock();
    actor := rd_require('enter, verify or correct declarations', 'desk', 'admin');
    IF reason = '' THEN
        PERFORM rd_fail('RD003', 'A correction needs a reason (what was wrong, who said so).');
    END IF;
    k := rd_seat(p_seat);
    PERFORM rd_check_version(k, p_expected_version);
    verified := rd_verified(k.id);
    IF verified.id IS NULL THEN
        PERFORM rd_fail('RD003', format('%s has no verified result to correct.', k.name));
    END IF;
    PERFORM rd_refuse_over_others_entry(k, actor);
    PERFORM rd_check_source(p_source);
    electorate := coalesce(p_electorate, verified.electorate);
    PERFORM rd_check_figures(k, p_votes, p_invalid, electorate, p_total_as_read);
    -- A winner drawn by lot stays drawn while the corrected figures still tie them.
    IF winner IS NULL AND verified.tie_winner_candidate_id IS NOT NULL THEN
        BEGIN
            PERFORM rd_check_tie_winner(k, p_votes, verified.tie_winner_candidate_id);
            winner := verified.tie_winner_candidate_id;
        EXCEPTION WHEN SQLSTATE 'RD003' THEN
            winner := NULL;
        END;
    END IF;
    PERFORM rd_check_tie_winner(k, p_votes, winner);
    IF p_votes = rd_votes(verified.id) AND p_invalid IS NOT DISTINCT FROM verified.invalid_votes
       AND winner IS NOT DISTINCT FROM verified.tie_winner_candidate_id THEN
        PERFORM rd_fail('RD003', 'The corrected figures are the same as the verified ones.');
    END IF;
    -- Of the verified count, not of a recount under way (k is this function's copy).
    k.current_count := verified.count_number;
    d := rd_insert_version(k, 'correction', p_votes, p_invalid, electorate, p_total_as_read,
                           rd_overrides(p_overrides), p_source, reason, NULL, winner, NULL);
    PERFORM rd_audit('correct', 'constituency', k.code, jsonb_build_object(
        'version', d.version, 'reason', reason,
        'old', rd_figures_json(k.id, rd_votes(verified.id), verified.invalid_votes),
        'new', rd_figures_json(k.id, p_votes, p_invalid)) || rd_seal(d.id));
    PERFORM rd_notify();
    version := d.version;
    sheet := rd_sheet(k.id);
END $$;
