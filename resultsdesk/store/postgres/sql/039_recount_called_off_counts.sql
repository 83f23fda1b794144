-- Migration 39: a recount's count that a server before migration 37 left verifiable.
--
-- Before migration 37, mark_recount(p_under_way => false) called a recount off while a
-- count of it awaited verification, and left that count to verify: verified, it went on
-- air for a recount the desk had said was not going ahead. Databases upgraded since still
-- hold such counts. The state, exactly: the seat's newest version awaits verification and
-- holds figures keyed for recount N (a declaration, or a lot its keyer drew on one: the
-- version before the lot, superseded by it, nobody's verified, of the same count, as
-- migration 21 finds it), no recount is under way, and the audit log has 'recount ended'
-- for count N after the entry that recorded those figures. Nothing else tells it from
-- figures keyed after a recount was called off (also labelled recount N then, and the
-- result to verify), so the order of the audit entries decides. verify refuses it (RD003,
-- one line saying what to do, as on a file: desk/called_off.py); reject still takes it,
-- and a recount called supersedes it. verify keeps its arguments (CREATE OR REPLACE,
-- grants stay); the rest of it is migration 36's. Running this twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_refuse_called_off_count(k constituencies, pending declarations)
RETURNS void
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    keyed declarations := pending;
    recorded bigint;
    ended audit_log;
BEGIN
    IF k.recount_under_way = 1 OR pending.count_number = 0 OR pending.kind = 'correction' THEN
        RETURN;
    END IF;
    IF pending.kind = 'lot' THEN
        SELECT * INTO keyed FROM declarations d
        WHERE d.constituency_id = k.id AND d.version = pending.version - 1;
        IF keyed.id IS NULL OR keyed.verified_by IS NOT NULL OR keyed.status <> 'superseded'
           OR keyed.count_number <> pending.count_number THEN
            RETURN;  -- a lot on verified figures
        END IF;
    END IF;
    SELECT max(a.id) INTO recorded FROM audit_log a
    WHERE a.entity_key = k.code AND a.action IN ('declare', 'decide tie by lot')
      AND a.details::jsonb ->> 'version' = keyed.version::text;
    IF recorded IS NULL THEN
        RETURN;  -- keyed by no desk action (an import): nothing to go by
    END IF;
    SELECT * INTO ended FROM audit_log a
    WHERE a.entity_key = k.code AND a.action = 'recount ended' AND a.id > recorded
      AND a.details::jsonb ->> 'count' = pending.count_number::text
    ORDER BY a.id LIMIT 1;
    IF ended.id IS NULL THEN
        RETURN;
    END IF;
    PERFORM rd_fail('RD003', format(
        '%s: version %s holds recount %s''s figures, keyed before recount %s was called off '
        '(at %s), so it is not to be verified: reject it, or mark a recount under way if one '
        'is going ahead.', k.name, pending.version, pending.count_number,
        pending.count_number, rd_clock(ended.at)));
END $$;

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
    PERFORM rd_refuse_called_off_count(k, pending);
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
