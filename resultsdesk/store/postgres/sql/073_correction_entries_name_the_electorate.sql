-- Migration 73: a correction's entry records the electorate it corrects, as a file's does.
--
-- The returning officer restates an electorate (74,865 for 74,965): a correction of it
-- alone (allowed since migration 36) moves the turnout on air, but its entry recorded only
-- the votes and rejected ballots, old and new, so the trail read "alice corrected Hendon as
-- version 2" and nothing it could name (desk/audit_text: "votes and rejected ballots
-- unchanged"). The entry's "old" and "new" now carry "electorate" too, as the SQLite desk's
-- (desk/local_writes.correct). "new" is hidden from a blind verifier as before (migration
-- 26: the whole key); "old" is the verified version's, public. rd_correct is migration 36's
-- correct, renamed by migration 37 (correct wraps it); its body is the same but for the
-- entry. Running this twice changes nothing (OR REPLACE, the same signature and defaults).
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_correct(p_seat text, p_votes integer[], p_invalid integer,
                        p_reason text,
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
    electorate := coalesce(p_electorate, rd_prefilled_electorate(k));
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
       AND electorate IS NOT DISTINCT FROM verified.electorate
       AND winner IS NOT DISTINCT FROM verified.tie_winner_candidate_id THEN
        PERFORM rd_fail('RD003', 'The corrected figures are the same as the verified ones.');
    END IF;
    -- Of the verified count, not of a recount under way (k is this function's copy).
    k.current_count := verified.count_number;
    d := rd_insert_version(k, 'correction', p_votes, p_invalid, electorate, p_total_as_read,
                           rd_overrides(p_overrides), p_source, reason, NULL, winner, NULL);
    PERFORM rd_audit('correct', 'constituency', k.code, jsonb_build_object(
        'version', d.version, 'reason', reason,
        'old', rd_figures_json(k.id, rd_votes(verified.id), verified.invalid_votes)
               || jsonb_build_object('electorate', verified.electorate),
        'new', rd_figures_json(k.id, p_votes, p_invalid)
               || jsonb_build_object('electorate', electorate)) || rd_seal(d.id));
    PERFORM rd_notify();
    version := d.version;
    sheet := rd_sheet(k.id);
END $$;
