-- Migration 41: three failed re-keys of a version per person; no entry behind the last.
--
-- 1. A missed re-key names the figures that differ (the desk highlights them), and
--    nothing limited the tries: a desk account found an entry's figures by guessing, one
--    field at a time, and verified the seat without its sheet (1,201 committed tries in
--    23 s, each a 'verify mismatch' in the log, the chain intact). Now a person who has
--    missed three re-keys of a version is refused (RD002) before anything is compared;
--    another person verifies it, or it is rejected and keyed again (a new version, new
--    tries). The same person under any spelling (rd_same_user). The desk counts the same
--    way on a file (desk/rekeys.py, domain/rekeys.py: REKEY_MISMATCHES_ALLOWED).
--    verify is wrapped, not copied: migration 39's body is renamed rd_verify_039, which
--    nobody is granted (revoked here, and by grants.sql), and the new verify, with the
--    same arguments, checks the tries and calls it. Tries taken back (rolled back) leave
--    no entry, yet each answered whether it matched: after any, the next try verifies
--    nothing and its entry records them (migration 29's 'undone'), and they count.
--
-- 2. An entry's time is its transaction's start (rd_now(): every entry of one change
--    shares it). A desk that began a transaction, waited, then verified wrote its entry
--    after others with a time before theirs: a verification older than the entry it
--    verified. Now an entry whose time is before the newest entry's is refused as a
--    serialization failure (40001), which the client retries at once in a new
--    transaction (store.py), so it then carries a time after. Unless that newest entry is
--    later than the server's clock: a clock put back must not stop every desk.
--
-- Written so that running it twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

DO $$
BEGIN
    IF to_regprocedure('resultsdesk.rd_verify_039(text, integer[], integer, integer, '
                       'integer, integer)') IS NULL THEN
        ALTER FUNCTION verify(text, integer[], integer, integer, integer, integer)
            RENAME TO rd_verify_039;
    END IF;
END $$;
-- A renamed function keeps its grants: taken from everyone but its owner here, not only
-- at the end of prepare() (grants.sql), so a prepare stopped after this migration leaves
-- no desk able to call the body past the limit.
DO $$
DECLARE
    grantee text;
BEGIN
    FOR grantee IN
        SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC'
                    ELSE quote_ident(pg_get_userbyid(a.grantee)) END
        FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) AS a
        WHERE p.oid = 'resultsdesk.rd_verify_039(text, integer[], integer, integer, '
                      'integer, integer)'::regprocedure AND a.grantee <> p.proowner
    LOOP
        EXECUTE format('REVOKE ALL ON FUNCTION rd_verify_039(text, integer[], integer, '
                       'integer, integer, integer) FROM %s', grantee);
    END LOOP;
END $$;

-- How many of this account's re-keys were taken back (rolled back) since its last
-- recorded one (migration 29's count, read without counting a try).
CREATE OR REPLACE FUNCTION rd_tries_taken_back(p_actor text) RETURNS bigint
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    account integer := (SELECT id FROM accounts WHERE name = p_actor);
    tries regclass := rd_tries_sequence(account);
    started bigint;
BEGIN
    IF tries IS NULL THEN
        RETURN 0;
    END IF;
    EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM %s', tries)
        INTO started;
    RETURN greatest(started - coalesce((SELECT recorded FROM verify_tries
                                        WHERE account_id = account), 0), 0);
END $$;

-- How many re-keys of this version this person got wrong: 'verify mismatch' entries, and
-- the tries taken back that an entry of theirs on it records ('undone').
CREATE OR REPLACE FUNCTION rd_failed_rekeys(p_code text, p_version integer, p_actor text)
RETURNS bigint
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp
RETURN (SELECT coalesce(sum(CASE WHEN a.action = 'verify mismatch' THEN 1 ELSE 0 END
                            + coalesce((a.details::jsonb ->> 'undone')::bigint, 0)), 0)
        FROM audit_log a
        WHERE a.action IN ('verify mismatch', 'verify') AND a.entity_key = p_code
          AND (a.details::jsonb ->> 'version')::integer = p_version
          AND rd_same_user(a."user", p_actor));

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
BEGIN
    PERFORM rd_lock();
    actor := rd_require('enter, verify or correct declarations', 'desk', 'admin');
    k := rd_seat(p_seat);
    pending := rd_pending_for(k, actor, p_expected_version, 'verify');
    IF p_votes IS NOT NULL AND rd_failed_rekeys(k.code, pending.version, actor) >= 3 THEN
        PERFORM rd_fail('RD002', format(
            '%s has re-keyed version %s of %s 3 times without a match, so cannot try '
            'again: another person verifies it, or it is rejected and keyed again.',
            actor, pending.version, k.name));
    END IF;
    -- A try after tries taken back verifies nothing, whatever was typed: its answer (every
    -- figure marked, migration 29) is the same for any figures, and its entry records how
    -- many were taken back, which count against this version. Without this, a verifier
    -- who rolled back each try learnt from each whether it matched, unlimited.
    IF p_votes IS NOT NULL AND rd_tries_taken_back(actor) > 0 THEN
        p_votes := array_fill(NULL::integer, ARRAY[coalesce(array_length(p_votes, 1), 0)]);
    END IF;
    SELECT v.verified, v.version, v.differences, v.sheet
    INTO verified, version, differences, sheet
    FROM rd_verify_039(p_seat, p_votes, p_invalid, p_expected_version, p_tie_winner,
                       p_electorate) AS v;
END $$;

-- (Fires after audit_log_chained, by name: it only refuses, and a refusal undoes both.)
CREATE OR REPLACE FUNCTION rd_audit_in_order() RETURNS trigger
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    newest text;
BEGIN
    -- Only an entry stamped with its transaction's start, as rd_now() stamps it (a test's
    -- stopped clock, which replaces rd_now(), stamps another time and is left alone).
    IF NEW.at IS DISTINCT FROM to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
                                   || '+00:00' THEN
        RETURN NEW;
    END IF;
    SELECT at INTO newest FROM audit_log ORDER BY id DESC LIMIT 1;
    IF newest IS NOT NULL AND NEW.at < newest
       AND newest <= to_char(clock_timestamp() AT TIME ZONE 'UTC',
                             'YYYY-MM-DD"T"HH24:MI:SS') || '+00:00' THEN
        RAISE EXCEPTION USING ERRCODE = '40001', MESSAGE = format(
            'this change began at %s, before the newest audit entry (%s): begin it again',
            NEW.at, newest);
    END IF;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS audit_log_in_order ON audit_log;
CREATE TRIGGER audit_log_in_order BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION rd_audit_in_order();
