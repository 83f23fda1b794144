-- Migration 8: one round trip per save, and the source check in one place.
--
-- declare, correct and verify also return the seat as it is after the change (`sheet`, see
-- rd_sheet), so a desk does not read the seat back in another transaction; their rules are
-- those of migration 4, unchanged. A function's result type cannot be changed in place, so
-- they are dropped and created again here (grants.sql, which prepare() runs after every
-- migration, gives EXECUTE back). The source a desk enters figures from was checked twice,
-- word for word, in declare and correct: it is rd_check_source now.
SET LOCAL search_path = resultsdesk, pg_temp;

-- Figures are entered at a desk or on the command line; imports record theirs themselves.
CREATE FUNCTION rd_check_source(p_source text) RETURNS void
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    IF coalesce(p_source, 'desk') NOT IN ('desk', 'cli') THEN
        PERFORM rd_fail('RD003', format('''%s'' is not a source a desk enters figures from '
                                        '(desk or cli).', p_source));
    END IF;
END $$;

-- The seat as a desk's sheet reads it (store/declarations.py): its constituencies row and
-- every version, oldest first, each a declarations row with its votes by candidate id.
-- Read inside the write function, so it is the state the change left, before anyone else's.
CREATE FUNCTION rd_sheet(p_constituency integer) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp AS $$
    SELECT jsonb_build_object(
        'constituency', (SELECT to_jsonb(k) FROM constituencies k WHERE k.id = p_constituency),
        'versions', coalesce((
            SELECT jsonb_agg(to_jsonb(d) || jsonb_build_object('votes', coalesce((
                       SELECT jsonb_object_agg(v.candidate_id::text, v.votes)
                       FROM declaration_votes v WHERE v.declaration_id = d.id), '{}'::jsonb))
                   ORDER BY d.version)
            FROM declarations d WHERE d.constituency_id = p_constituency), '[]'::jsonb))
$$;

DROP FUNCTION declare(text, integer[], integer, integer, integer, integer, text[], integer,
                      text, text, text);
DROP FUNCTION correct(text, integer[], integer, text, integer, text[], integer, integer,
                      integer, text);
DROP FUNCTION verify(text, integer[], integer, integer, integer);

CREATE FUNCTION declare(p_seat text, p_votes integer[], p_invalid integer,
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
    version := d.version;
    sheet := rd_sheet(k.id);
END $$;

CREATE FUNCTION correct(p_seat text, p_votes integer[], p_invalid integer, p_reason text,
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

-- Blind re-key (votes given): verified only if every figure matches the first entry; a
-- mismatch is recorded ('verify mismatch') and returned, not raised (sheet NULL: nothing
-- changed but the audit log). Check mode (votes NULL): the verifier has looked at the
-- figures and confirms them.
CREATE FUNCTION verify(p_seat text, p_votes integer[] DEFAULT NULL,
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
    sheet := rd_sheet(k.id);
END $$;
