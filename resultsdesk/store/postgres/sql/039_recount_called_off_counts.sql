-- Migration 39: a recount called off, and the count it leaves.
--
-- 1. A recount called off puts the seat back at the count before it. mark_recount
--    (p_under_way => false) left current_count at the recount's number, so the figures
--    keyed next (a recount over a first count nobody verified, called off before any of
--    its figures came) were recorded, and went on air, as "recount 1" with no recount
--    under way; a lot drawn on a verified result likewise. The recount did not happen:
--    those figures are the count before it. The 'recount ended' entry records the recount
--    called off ('count') and the count the seat is back at ('back_to'); mark_recount
--    returns the latter. rd_check_count says "called off since you opened it" for figures
--    typed for the recount called off, and "and is over" (not "and called off") for a
--    recount ended since by its verified count. The rest of mark_recount is migration
--    37's. (CREATE OR REPLACE, same arguments: grants stay.)
-- 2. Before migration 37, mark_recount(p_under_way => false) called a recount off while a
--    count of it awaited verification, and left that count to verify: verified, it went on
--    air for a recount the desk had said was not going ahead. Databases upgraded since still
--    hold such counts. The state, exactly: the seat's newest version awaits verification and
--    holds figures keyed for recount N (a declaration, or a lot its keyer drew on one: the
--    version before the lot, superseded by it, nobody's verified, of the same count, as
--    migration 21 finds it), no recount is under way, and the audit log has 'recount ended'
--    for count N after the entry that recorded those figures. Nothing else tells it from
--    figures keyed after a recount was called off (also labelled recount N then, and the
--    result to verify), so the order of the audit entries decides. verify refuses it (RD003,
--    one line saying what to do, as on a file: desk/called_off.py); reject still takes it,
--    and a recount called supersedes it. verify keeps its arguments (CREATE OR REPLACE,
--    grants stay); the rest of it is migration 36's. Running this twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

-- Figures typed for a count the seat has left: a recount called since (the window's words,
-- as migration 37's, but "and is over" for one ended since by its verified count), or
-- called off since (the seat back at the count before it: the figures were for it).
CREATE OR REPLACE FUNCTION rd_check_count(k constituencies, p_expected integer) RETURNS void
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    IF p_expected IS NULL OR p_expected = k.current_count THEN
        RETURN;
    END IF;
    IF p_expected > k.current_count THEN
        PERFORM rd_fail('RD001', format(
            '%s: recount %s was called off since you opened it; the figures typed were for '
            'it. Close the form and key the count the seat is at now.', k.name, p_expected));
    END IF;
    PERFORM rd_fail('RD001', format(
        '%s: recount %s was called since you opened it%s; the figures typed were for the '
        'count before it. Close the form and key the count the seat is at now.', k.name,
        k.current_count, CASE WHEN k.recount_under_way = 1 THEN '' ELSE ', and is over' END));
END $$;

CREATE OR REPLACE FUNCTION mark_recount(p_seat text, p_under_way boolean DEFAULT true,
                                        p_expected_version integer DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    k constituencies;
    latest declarations;
BEGIN
    PERFORM rd_lock();
    PERFORM rd_require('enter, verify or correct declarations', 'desk', 'admin');
    k := rd_seat(p_seat);
    PERFORM rd_check_version(k, p_expected_version);
    latest := rd_latest(k.id);
    IF p_under_way THEN
        IF k.recount_under_way = 1 AND NOT EXISTS (
                SELECT 1 FROM declarations d
                WHERE d.constituency_id = k.id AND d.count_number = k.current_count
                  AND d.status IN ('provisional', 'verified')) THEN
            PERFORM rd_fail('RD003', format(
                '%s: recount %s is already under way and none of its figures have been '
                'entered; the next figures entered are its.', k.name, k.current_count));
        END IF;
        UPDATE constituencies SET recount_under_way = 1, current_count = k.current_count + 1
        WHERE id = k.id;
        -- An unverified count that a recount replaces stays in the history, but is no
        -- longer anything to verify (a pending correction or lot of a verified result is
        -- kept).
        IF latest.status = 'provisional' AND (latest.kind = 'declaration'
                                              OR (rd_verified(k.id)).id IS NULL) THEN
            UPDATE declarations SET status = 'superseded' WHERE id = latest.id;
        END IF;
        PERFORM rd_audit('recount under way', 'constituency', k.code,
                         jsonb_build_object('count', k.current_count + 1));
        PERFORM rd_notify();
        RETURN k.current_count + 1;
    END IF;
    IF k.recount_under_way = 0 THEN
        PERFORM rd_fail('RD003', format('%s has no recount under way.', k.name));
    END IF;
    -- Who keyed the count and when are everyone's (rd_describe's rule); its figures are not.
    IF latest.status = 'provisional' AND latest.count_number = k.current_count THEN
        PERFORM rd_fail('RD003', format(
            '%s: recount %s''s figures (version %s, entered by %s at %s) await verification, '
            'so the recount cannot be called off: verify them, which ends it, or reject them '
            '(or %s withdraws them) first.', k.name, k.current_count, latest.version,
            latest.entered_by, rd_clock(latest.entered_at), latest.entered_by));
    END IF;
    -- Called off, the recount did not happen: the seat is back at the count before it,
    -- whose figures are keyed next (not "recount N" with no recount under way).
    UPDATE constituencies SET recount_under_way = 0, current_count = k.current_count - 1
    WHERE id = k.id;
    PERFORM rd_audit('recount ended', 'constituency', k.code,
                     jsonb_build_object('count', k.current_count,
                                        'back_to', k.current_count - 1));
    PERFORM rd_notify();
    RETURN k.current_count - 1;
END $$;

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
