-- Migration 27: the winner by lot is re-keyed blind, as every figure is. A verification
-- compared the winner only when the verifier gave one: a lot's winner (or a tie entered
-- with its winner drawn) went on air on figures re-keyed by a second person who never said
-- who won the draw. Now a winner that differs from the entry's, given or not, is a
-- mismatch ('tie_winner'), and naming one where none was drawn is one too, as on a file
-- (desk/declarations.verify). The rest of verify is migration 22's. (CREATE OR REPLACE:
-- same arguments and result, so its grants stay, and running this twice changes nothing.)
SET LOCAL search_path = resultsdesk, pg_temp;

-- Blind re-key: verified only if every figure matches the first entry; a mismatch is
-- recorded ('verify mismatch') and returned, not raised (sheet NULL: nothing changed but
-- the audit log). Without the votes, nothing is verified and nothing recorded.
CREATE OR REPLACE FUNCTION verify(p_seat text, p_votes integer[] DEFAULT NULL,
                       p_invalid integer DEFAULT NULL,
                       p_expected_version integer DEFAULT NULL,
                       p_tie_winner integer DEFAULT NULL,
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
    FOR i IN 1 .. coalesce(array_length(first_votes, 1), 0) LOOP
        IF first_votes[i] IS DISTINCT FROM p_votes[i] THEN
            diffs := diffs || ('votes:' || (i - 1));
        END IF;
    END LOOP;
    IF pending.invalid_votes IS DISTINCT FROM p_invalid THEN
        diffs := diffs || 'invalid'::text;
    END IF;
    IF p_tie_winner IS DISTINCT FROM pending.tie_winner_candidate_id THEN
        diffs := diffs || 'tie_winner'::text;
    END IF;
    verified := cardinality(diffs) = 0;
    version := pending.version;
    differences := diffs;
    IF NOT verified THEN
        PERFORM rd_audit('verify mismatch', 'constituency', k.code,
                         jsonb_build_object('version', pending.version,
                                            'fields', to_jsonb(diffs)));
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
        || rd_seal(pending.id));
    PERFORM rd_notify();
    sheet := rd_sheet(k.id);
END $$;
