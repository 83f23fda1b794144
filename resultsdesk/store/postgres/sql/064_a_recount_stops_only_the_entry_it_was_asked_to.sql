-- Migration 64: a recount asked as stopping an entry awaiting verification is marked only
-- while that entry still awaits it.
--
-- The window asks "Mark a recount under way for Hendon? ... alice's entry (version 1),
-- awaiting verification, will no longer count." The desk checked that version 1 still
-- awaited verification on its own read, before calling mark_recount, outside the server's
-- lock: bob's verification of version 1 landing in between adds no version, so
-- p_expected_version did not catch it, and the recount was marked on the verified count,
-- left on air under RECOUNT, which nobody had agreed to. Now mark_recount takes the version
-- the question said it would stop counting (p_replacing) and, under the write lock it holds
-- to its commit, refuses (RD001, what became of that version) if it no longer awaits
-- verification, writing nothing; the desk says it in its own words
-- (desk/meanwhile.refuse_replaced_meanwhile), as a file does under its lock. NULL: no
-- check, as before; a recount called off replaces nothing. The server's other refusals
-- come first, in the desk's order: a version added since (RD001), a recount already
-- awaiting its figures (RD003, migration 23's). A new argument cannot be added in place,
-- so the function is wrapped, not copied (as migration 60 wrapped set_political_order):
-- migration 54's body is renamed rd_mark_recount_054, which nobody is granted (revoked
-- here, and by grants.sql), and mark_recount keeps one signature, so no overload an old
-- call could land on. Running this twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

DO $$
DECLARE
    grantee text;
BEGIN
    IF to_regprocedure('resultsdesk.rd_mark_recount_054(text, boolean, integer)') IS NULL THEN
        ALTER FUNCTION mark_recount(text, boolean, integer) RENAME TO rd_mark_recount_054;
    END IF;
    FOR grantee IN
        SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC'
                    ELSE quote_ident(pg_get_userbyid(a.grantee)) END
        FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) AS a
        WHERE p.oid = 'resultsdesk.rd_mark_recount_054(text, boolean, integer)'::regprocedure
          AND a.grantee <> p.proowner
    LOOP
        EXECUTE format('REVOKE ALL ON FUNCTION rd_mark_recount_054(text, boolean, integer) '
                       'FROM %s', grantee);
    END LOOP;
END $$;

-- What became of version p_version of seat k, awaiting verification no more: the desk's
-- words (desk/sheets.fate_of), without its figures.
CREATE OR REPLACE FUNCTION rd_fate(k constituencies, p_version integer) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    v declarations;
BEGIN
    SELECT * INTO v FROM declarations WHERE constituency_id = k.id AND version = p_version;
    IF v.id IS NULL OR v.status = 'provisional' THEN
        RETURN format('version %s no longer awaits verification.', p_version);
    ELSIF v.status = 'verified' THEN
        RETURN format('version %s was verified by %s at %s meanwhile.', v.version,
                      v.verified_by, rd_clock(v.verified_at));
    ELSIF v.status = 'withdrawn' THEN
        RETURN format('%s, who entered version %s, withdrew it.', v.entered_by, v.version);
    ELSIF v.status = 'rejected' THEN
        RETURN format('version %s was sent back to %s''s desk.', v.version, v.entered_by);
    ELSIF k.recount_under_way = 1 AND v.count_number < k.current_count THEN
        RETURN format('recount %s was called, so version %s no longer counts.',
                      k.current_count, v.version);
    END IF;
    RETURN format('version %s was replaced.', v.version);
END $$;
REVOKE ALL ON FUNCTION rd_fate(constituencies, integer) FROM PUBLIC;

CREATE OR REPLACE FUNCTION mark_recount(p_seat text, p_under_way boolean DEFAULT true,
                                        p_expected_version integer DEFAULT NULL,
                                        p_replacing integer DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    k constituencies;
    latest declarations;
BEGIN
    PERFORM rd_lock();  -- held to the commit: no verification lands between here and there
    PERFORM rd_require('enter, verify or correct declarations', 'desk', 'admin');
    IF p_under_way AND p_replacing IS NOT NULL THEN
        k := rd_seat(p_seat);
        PERFORM rd_check_version(k, p_expected_version);
        latest := rd_latest(k.id);
        IF (k.recount_under_way = 0 OR EXISTS (  -- else migration 23's refusal, below
                SELECT 1 FROM declarations d
                WHERE d.constituency_id = k.id AND d.count_number = k.current_count
                  AND d.status IN ('provisional', 'verified')))
           AND (latest.id IS NULL OR latest.status <> 'provisional'
                OR latest.version <> p_replacing) THEN
            PERFORM rd_fail('RD001', format(
                '%s: %s The recount was not marked, as asked it would have stopped version '
                '%s counting: check the seat, and mark the recount again if it is going '
                'ahead.', k.name, rd_fate(k, p_replacing), p_replacing));
        END IF;
    END IF;
    RETURN rd_mark_recount_054(p_seat, p_under_way, p_expected_version);
END $$;
REVOKE ALL ON FUNCTION mark_recount(text, boolean, integer, integer) FROM PUBLIC;
