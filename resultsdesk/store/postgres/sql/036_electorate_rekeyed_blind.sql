-- Migration 36: the electorate is re-keyed blind, as every figure is. A verification
-- compared the candidates' votes, the rejected ballots and a lot's winner: the electorate
-- went on air as its keyer typed it, unverified, and with it the turnout shown on air, in
-- exports, feeds and charts (7,1234 typed for 71,234 reached air). Now verify takes the
-- verifier's electorate (p_electorate) and a difference is a mismatch ('electorate', after
-- 'invalid', as on a file: desk/declarations.verify). Given none, it is the one a desk's
-- form starts from, which the desk also means by none (SeatSheet.prefilled_electorate):
-- the verified result's, as the returning officer gave it, else the seat's own; public,
-- so a re-key form shows it. declare and correct take the same when given none (declare
-- took the seat's own, so a recount's count reverted to the nominations' electorate), and
-- a correction of the electorate alone is no longer refused as "the same as the verified
-- ones". A new argument cannot be added in place, so verify is dropped and created again
-- (grants.sql, which prepare() runs after every migration, gives EXECUTE back), as
-- migration 8 did; declare and correct keep their arguments (CREATE OR REPLACE, grants
-- stay). Running this twice changes nothing (IF EXISTS, OR REPLACE; run again after 29,
-- it drops the old verify 29 made again). The rest of verify is migration 29's, of
-- declare migration 8's, of correct migration 35's.
SET LOCAL search_path = resultsdesk, pg_temp;

-- The electorate a desk's form starts from, and what a save or re-key that gives none
-- means: the verified result's, else the seat's own.
CREATE OR REPLACE FUNCTION rd_prefilled_electorate(k constituencies) RETURNS integer
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp
RETURN coalesce((rd_verified(k.id)).electorate, k.electorate);

CREATE OR REPLACE FUNCTION declare(p_seat text, p_votes integer[], p_invalid integer,
                        p_total_as_read integer DEFAULT NULL,
                        p_electorate integer DEFAULT NULL,
                        p_expected_version integer DEFAULT NULL,
                        p_overrides text[] DEFAULT '{}', p_tie_winner integer DEFAULT NULL,
                        p_note text DEFAULT NULL, p_source text DEFAULT 'desk',
                        p_declared_at text DEFAULT NULL,
                        OUT version integer, OUT sheet jsonb)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
#variable_conflict use_column
DECLARE
    actor text;
    k constituencies;
    latest declarations;
    d declarations;
    electorate integer;
BEGIN
    PERFORM rd_lock();
    actor := rd_require('enter, verify or correct declarations', 'desk', 'admin');
    k := rd_seat(p_seat);
    PERFORM rd_check_version(k, p_expected_version);
    IF (rd_verified(k.id)).id IS NOT NULL AND k.recount_under_way = 0 THEN
        PERFORM rd_fail('RD003', format('%s already has a verified result; change it with a '
                                        'correction (and a reason), or mark a recount first.',
                                        k.name));
    END IF;
    PERFORM rd_refuse_over_others_entry(k, actor);
    PERFORM rd_check_source(p_source);
    electorate := coalesce(p_electorate, rd_prefilled_electorate(k));
    PERFORM rd_check_figures(k, p_votes, p_invalid, electorate, p_total_as_read);
    PERFORM rd_check_tie_winner(k, p_votes, p_tie_winner);
    latest := rd_latest(k.id);
    d := rd_insert_version(k, 'declaration', p_votes, p_invalid, electorate, p_total_as_read,
                           rd_overrides(p_overrides), p_source, NULL, p_note, p_tie_winner,
                           p_declared_at);
    PERFORM rd_audit('declare', 'constituency', k.code, jsonb_build_object(
        'version', d.version, 'count', k.current_count,
        'overrides', rd_overrides(p_overrides)::jsonb,
        'new', rd_figures_json(k.id, p_votes, p_invalid),
        'old', CASE WHEN latest.id IS NOT NULL
                    THEN rd_figures_json(k.id, rd_votes(latest.id), latest.invalid_votes) END)
        || rd_seal(d.id));
    PERFORM rd_notify();
    version := d.version;
    sheet := rd_sheet(k.id);
END $$;

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
        'old', rd_figures_json(k.id, rd_votes(verified.id), verified.invalid_votes),
        'new', rd_figures_json(k.id, p_votes, p_invalid)) || rd_seal(d.id));
    PERFORM rd_notify();
    version := d.version;
    sheet := rd_sheet(k.id);
END $$;

DROP FUNCTION IF EXISTS verify(text, integer[], integer, integer, integer);

-- Blind re-key: verified only if every figure matches the first entry, the electorate
-- too; a mismatch is recorded ('verify mismatch') and returned, not raised (sheet NULL:
-- nothing changed but the audit log). Without the votes, nothing is verified and nothing
-- recorded.
CREATE OR REPLACE FUNCTION verify(p_seat text, p_votes integer[] DEFAULT NULL,
                       p_invalid integer DEFAULT NULL,
                       p_expected_version integer DEFAULT NULL,
                       p_tie_winner integer DEFAULT NULL,
                       p_electorate integer DEFAULT NULL,
                       OUT verified boolean, OUT version integer, OUT differences text[],
                       OUT sheet jsonb)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
#variable_conflict use_column
DECLARE
    actor text;
    k constituencies;
    pending declarations;
    first_votes integer[];
    diffs text[] := '{}';
    mode text := 'rekey';
    undone bigint;
    taken_back jsonb := '{}';
    electorate integer;
    i integer;
BEGIN
    PERFORM rd_lock();
    actor := rd_require('enter, verify or correct declarations', 'desk', 'admin');
    k := rd_seat(p_seat);
    pending := rd_pending_for(k, actor, p_expected_version, 'verify');
    IF p_votes IS NULL THEN
        PERFORM rd_fail('RD003', 'A verification is a blind re-key: type every candidate''s '
                                 'votes and the rejected ballots again from the returning '
                                 'officer''s sheet; nothing is verified without them.');
    END IF;
    first_votes := rd_votes(pending.id);
    IF coalesce(array_length(p_votes, 1), 0) <> coalesce(array_length(first_votes, 1), 0)
    THEN
        PERFORM rd_fail('RD003', format('%s has %s candidates; %s figures were given.',
                                        k.name, coalesce(array_length(first_votes, 1), 0),
                                        coalesce(array_length(p_votes, 1), 0)));
    END IF;
    undone := rd_next_try(actor);
    IF undone > 0 THEN
        taken_back := jsonb_build_object('undone', undone);
    END IF;
    FOR i IN 1 .. coalesce(array_length(first_votes, 1), 0) LOOP
        IF first_votes[i] IS DISTINCT FROM p_votes[i] THEN
            diffs := diffs || ('votes:' || (i - 1));
        END IF;
    END LOOP;
    IF pending.invalid_votes IS DISTINCT FROM p_invalid THEN
        diffs := diffs || 'invalid'::text;
    END IF;
    -- Read before this verification changes which result is the verified one.
    electorate := coalesce(p_electorate, rd_prefilled_electorate(k));
    IF pending.electorate IS DISTINCT FROM electorate THEN
        diffs := diffs || 'electorate'::text;
    END IF;
    IF p_tie_winner IS DISTINCT FROM pending.tie_winner_candidate_id THEN
        diffs := diffs || 'tie_winner'::text;
    END IF;
    verified := cardinality(diffs) = 0;
    version := pending.version;
    IF NOT verified AND undone IS DISTINCT FROM 0 THEN
        -- Every figure, whatever matched: an answer that depends on nothing typed.
        diffs := ARRAY(SELECT 'votes:' || (n - 1)
                       FROM generate_series(1, coalesce(array_length(first_votes, 1), 0))
                            AS n) || ARRAY['invalid', 'electorate'];
    END IF;
    differences := diffs;
    IF NOT verified THEN
        PERFORM rd_audit('verify mismatch', 'constituency', k.code,
                         jsonb_build_object('version', pending.version,
                                            'fields', to_jsonb(diffs)) || taken_back);
        PERFORM rd_notify();
        RETURN;
    END IF;
    UPDATE declarations SET status = 'verified', verified_by = actor, verified_at = rd_now(),
                            verification_mode = mode
    WHERE id = pending.id;
    UPDATE declarations SET status = 'superseded'
    WHERE constituency_id = k.id AND status = 'verified' AND version < pending.version;
    IF k.recount_under_way = 1 AND pending.count_number = k.current_count THEN
        UPDATE constituencies SET recount_under_way = 0 WHERE id = k.id;
    END IF;
    PERFORM rd_audit('verify', 'constituency', k.code, jsonb_build_object(
        'version', pending.version, 'mode', mode, 'entered_by', pending.entered_by,
        'figures', rd_figures_json(k.id, rd_votes(pending.id), pending.invalid_votes))
        || rd_seal(pending.id) || taken_back);
    PERFORM rd_notify();
    sheet := rd_sheet(k.id);
END $$;
