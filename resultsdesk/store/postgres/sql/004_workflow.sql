-- Migration 4: the public workflow functions a desk calls (rules in 003_rules.sql).
-- Each: SECURITY DEFINER, fixed search_path, actor = session_user, one transaction with its
-- audit entry, NOTIFY 'resultsdesk' at the end. SQLSTATEs: see 003_rules.sql.
SET LOCAL search_path = resultsdesk, pg_temp;

-- The provisional version a verify or reject acts on, refusing (RD002) anyone whose
-- unverified keying is in it: its author and, for a lot recorded on figures nobody had
-- verified yet, whoever keyed those figures (desk.declarations.figure_authors).
CREATE FUNCTION rd_pending_for(k constituencies, p_actor text, p_expected integer,
                               p_action text) RETURNS declarations
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    pending declarations;
    base declarations;
    authors text[];
    author text;
BEGIN
    PERFORM rd_check_version(k, p_expected);
    pending := rd_latest(k.id);
    IF pending.status IS DISTINCT FROM 'provisional' THEN
        PERFORM rd_fail('RD003', format('%s has nothing awaiting verification.', k.name));
    END IF;
    authors := ARRAY[pending.entered_by];
    IF pending.kind = 'lot' THEN
        SELECT * INTO base FROM declarations d
        WHERE d.constituency_id = k.id AND d.version < pending.version
          AND rd_votes(d.id) = rd_votes(pending.id)
          AND d.invalid_votes IS NOT DISTINCT FROM pending.invalid_votes
        ORDER BY d.version DESC LIMIT 1;
        IF FOUND AND base.verified_by IS NULL THEN
            authors := authors || base.entered_by;
        END IF;
    END IF;
    FOREACH author IN ARRAY authors LOOP
        IF rd_same_user(p_actor, author) THEN
            PERFORM rd_fail('RD002', format('%s entered the figures of version %s of %s, so '
                                            'cannot %s them: a second person must.', author,
                                            pending.version, k.name, p_action));
        END IF;
    END LOOP;
    RETURN pending;
END $$;

CREATE FUNCTION declare(p_seat text, p_votes integer[], p_invalid integer,
                        p_total_as_read integer DEFAULT NULL,
                        p_electorate integer DEFAULT NULL,
                        p_expected_version integer DEFAULT NULL,
                        p_overrides text[] DEFAULT '{}', p_tie_winner integer DEFAULT NULL,
                        p_note text DEFAULT NULL, p_source text DEFAULT 'desk',
                        p_declared_at text DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
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
    IF coalesce(p_source, 'desk') NOT IN ('desk', 'cli') THEN
        PERFORM rd_fail('RD003', format('''%s'' is not a source a desk enters figures from '
                                        '(desk or cli).', p_source));
    END IF;
    electorate := coalesce(p_electorate, k.electorate);
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
    RETURN d.version;
END $$;

CREATE FUNCTION correct(p_seat text, p_votes integer[], p_invalid integer, p_reason text,
                        p_expected_version integer DEFAULT NULL,
                        p_overrides text[] DEFAULT '{}', p_tie_winner integer DEFAULT NULL,
                        p_total_as_read integer DEFAULT NULL,
                        p_electorate integer DEFAULT NULL,
                        p_source text DEFAULT 'desk') RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
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
    IF coalesce(p_source, 'desk') NOT IN ('desk', 'cli') THEN
        PERFORM rd_fail('RD003', format('''%s'' is not a source a desk enters figures from '
                                        '(desk or cli).', p_source));
    END IF;
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
    d := rd_insert_version(k, 'correction', p_votes, p_invalid, electorate, p_total_as_read,
                           rd_overrides(p_overrides), p_source, reason, NULL, winner, NULL);
    PERFORM rd_audit('correct', 'constituency', k.code, jsonb_build_object(
        'version', d.version, 'reason', reason,
        'old', rd_figures_json(k.id, rd_votes(verified.id), verified.invalid_votes),
        'new', rd_figures_json(k.id, p_votes, p_invalid)) || rd_seal(d.id));
    PERFORM rd_notify();
    RETURN d.version;
END $$;

-- Blind re-key (votes given): verified only if every figure matches the first entry; a
-- mismatch is recorded ('verify mismatch') and returned, not raised. Check mode (votes
-- NULL): the verifier has looked at the figures and confirms them.
CREATE FUNCTION verify(p_seat text, p_votes integer[] DEFAULT NULL,
                       p_invalid integer DEFAULT NULL,
                       p_expected_version integer DEFAULT NULL,
                       p_tie_winner integer DEFAULT NULL,
                       OUT verified boolean, OUT version integer, OUT differences text[])
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
#variable_conflict use_column
DECLARE
    actor text;
    k constituencies;
    pending declarations;
    first_votes integer[];
    diffs text[] := '{}';
    mode text := CASE WHEN p_votes IS NULL THEN 'check' ELSE 'rekey' END;
    i integer;
BEGIN
    PERFORM rd_lock();
    actor := rd_require('enter, verify or correct declarations', 'desk', 'admin');
    k := rd_seat(p_seat);
    pending := rd_pending_for(k, actor, p_expected_version, 'verify');
    IF p_votes IS NOT NULL THEN
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
        IF p_tie_winner IS NOT NULL
           AND p_tie_winner IS DISTINCT FROM pending.tie_winner_candidate_id THEN
            diffs := diffs || 'tie_winner'::text;
        END IF;
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
    IF k.recount_under_way = 1 THEN
        UPDATE constituencies SET recount_under_way = 0 WHERE id = k.id;
    END IF;
    PERFORM rd_audit('verify', 'constituency', k.code, jsonb_build_object(
        'version', pending.version, 'mode', mode, 'entered_by', pending.entered_by,
        'figures', rd_figures_json(k.id, rd_votes(pending.id), pending.invalid_votes))
        || rd_seal(pending.id));
    PERFORM rd_notify();
END $$;

-- Send a provisional entry back to the desk; returns its version.
CREATE FUNCTION reject(p_seat text, p_comment text, p_expected_version integer DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    actor text;
    k constituencies;
    pending declarations;
    comment text := btrim(coalesce(p_comment, ''));
BEGIN
    PERFORM rd_lock();
    actor := rd_require('enter, verify or correct declarations', 'desk', 'admin');
    IF comment = '' THEN
        PERFORM rd_fail('RD003', 'Say why it is rejected, so the desk knows what to check.');
    END IF;
    k := rd_seat(p_seat);
    pending := rd_pending_for(k, actor, p_expected_version, 'reject');
    UPDATE declarations SET status = 'rejected', note = comment WHERE id = pending.id;
    PERFORM rd_audit('reject', 'constituency', k.code, jsonb_build_object(
        'version', pending.version, 'comment', comment, 'entered_by', pending.entered_by));
    PERFORM rd_notify();
    RETURN pending.version;
END $$;

-- The author takes back a provisional entry before anyone verifies it; returns its version.
CREATE FUNCTION withdraw(p_seat text, p_expected_version integer DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    actor text;
    k constituencies;
    pending declarations;
BEGIN
    PERFORM rd_lock();
    actor := rd_require('enter, verify or correct declarations', 'desk', 'admin');
    k := rd_seat(p_seat);
    PERFORM rd_check_version(k, p_expected_version);
    pending := rd_latest(k.id);
    IF pending.status IS DISTINCT FROM 'provisional' THEN
        PERFORM rd_fail('RD003', format('%s has no provisional entry to withdraw.', k.name));
    END IF;
    IF NOT rd_same_user(actor, pending.entered_by) THEN
        PERFORM rd_fail('RD003', format('Only %s, who entered it, can withdraw version %s; '
                                        'others can reject it.', pending.entered_by,
                                        pending.version));
    END IF;
    UPDATE declarations SET status = 'withdrawn' WHERE id = pending.id;
    PERFORM rd_audit('withdraw', 'constituency', k.code,
                     jsonb_build_object('version', pending.version));
    PERFORM rd_notify();
    RETURN pending.version;
END $$;

-- A recount has been called (the next figures entered are its count), or called off.
-- Returns the seat's count number now.
CREATE FUNCTION mark_recount(p_seat text, p_under_way boolean DEFAULT true,
                             p_expected_version integer DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    k constituencies;
    latest declarations;
BEGIN
    PERFORM rd_lock();
    PERFORM rd_require('enter, verify or correct declarations', 'desk', 'admin');
    k := rd_seat(p_seat);
    PERFORM rd_check_version(k, p_expected_version);
    IF p_under_way THEN
        UPDATE constituencies SET recount_under_way = 1, current_count = k.current_count + 1
        WHERE id = k.id;
        latest := rd_latest(k.id);
        -- An unverified count that a recount replaces stays in the history, but is no
        -- longer anything to verify (a pending correction of a verified result is kept).
        IF latest.status = 'provisional' AND (rd_verified(k.id)).id IS NULL THEN
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
    UPDATE constituencies SET recount_under_way = 0 WHERE id = k.id;
    PERFORM rd_audit('recount ended', 'constituency', k.code,
                     jsonb_build_object('count', k.current_count));
    PERFORM rd_notify();
    RETURN k.current_count;
END $$;

-- The candidate the returning officer drew by lot: a new version (kind 'lot') of the
-- figures awaiting verification or verified, verified like any other. Returns its version.
CREATE FUNCTION decide_tie(p_seat text, p_winner integer, p_note text,
                           p_expected_version integer DEFAULT NULL) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    k constituencies;
    base declarations;
    votes integer[];
    d declarations;
    note text := btrim(coalesce(p_note, ''));
BEGIN
    PERFORM rd_lock();
    PERFORM rd_require('enter, verify or correct declarations', 'desk', 'admin');
    IF note = '' THEN
        PERFORM rd_fail('RD003', 'Add a note on the drawing of lots (who drew, how).');
    END IF;
    k := rd_seat(p_seat);
    PERFORM rd_check_version(k, p_expected_version);
    base := rd_latest(k.id);
    IF base.status IS DISTINCT FROM 'provisional' THEN
        base := rd_verified(k.id);
    END IF;
    IF base.id IS NULL THEN
        PERFORM rd_fail('RD003', format('%s has no figures yet.', k.name));
    END IF;
    votes := rd_votes(base.id);
    PERFORM rd_check_tie_winner(k, votes, p_winner);
    d := rd_insert_version(k, 'lot', votes, base.invalid_votes, base.electorate,
                           base.total_as_read, base.overrides, 'desk', base.reason, note,
                           p_winner, NULL);
    PERFORM rd_audit('decide tie by lot', 'constituency', k.code, jsonb_build_object(
        'version', d.version, 'note', note,
        'winner', (SELECT btrim(first_name || ' ' || surname) FROM candidates
                   WHERE id = p_winner)) || rd_seal(d.id));
    PERFORM rd_notify();
    RETURN d.version;
END $$;
