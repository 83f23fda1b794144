-- Migration 37: a recount's counts kept straight by the server, whatever the client checked.
--
-- 1. A recount is not called off while a count of it awaits verification. mark_recount
--    ended it all the same, and the count stayed to be verified: verified, it went on air
--    for a recount called off (and a first count's recount, verified, was the seat's first
--    result). Calling a recount supersedes a count awaiting verification because the recount
--    replaces it; calling one off replaces nothing, so it is refused (RD003), saying what to
--    do, as on a file (desk/declarations.refuse_end_of_recount): verify the count (which
--    ends the recount), or reject or withdraw it first. A correction of the verified count
--    (an earlier count, migration 35) does not stop it. The rest is migration 34's.
-- 2. declare and correct take the count the figures were typed for (p_expected_count, the
--    seat's current_count when the form opened) and compare it under the lock (rd_check_count,
--    RD001, the desk's words). Calling a recount adds no version, so rd_check_version let
--    through figures typed for the count before it, saved as the recount's count, when the
--    recount was called between the desk's own check and its call (two PCs, a millisecond).
--    A new argument changes the functions' signatures, so the old ones are renamed
--    rd_declare and rd_correct, kept as they are (their rules are migration 8's and 35's,
--    or a later migration's before this one: not written out again here, so none is
--    undone), and declare and correct check the count and call them (grants.sql, run after
--    every migration, gives EXECUTE on the new ones; nobody may call the renamed ones). A
--    later change to their rules replaces rd_declare or rd_correct. Run again, this
--    migration replaces the new ones in place, and renames an old one only if a migration
--    before it made one again (its rd_ function then replaced).
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_check_count(k constituencies, p_expected integer) RETURNS void
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    IF p_expected IS NULL OR p_expected = k.current_count THEN
        RETURN;
    END IF;
    PERFORM rd_fail('RD001', format(
        '%s: recount %s was called since you opened it%s; the figures typed were for the '
        'count before it. Close the form and key the count the seat is at now.', k.name,
        k.current_count, CASE WHEN k.recount_under_way = 1 THEN '' ELSE ', and called off' END));
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
    UPDATE constituencies SET recount_under_way = 0 WHERE id = k.id;
    PERFORM rd_audit('recount ended', 'constituency', k.code,
                     jsonb_build_object('count', k.current_count));
    PERFORM rd_notify();
    RETURN k.current_count;
END $$;

-- The functions as they stood (migration 8's declare, 35's correct, as any migration before
-- this one left them) do the work under the names rd_declare and rd_correct, which no
-- account may call; declare and correct compare the count under the lock, then call them.
DO $$
BEGIN
    IF to_regprocedure('resultsdesk.declare(text, integer[], integer, integer, integer, '
                       'integer, text[], integer, text, text, text)') IS NOT NULL THEN
        DROP FUNCTION IF EXISTS rd_declare(text, integer[], integer, integer, integer, integer,
                                           text[], integer, text, text, text);
        ALTER FUNCTION declare(text, integer[], integer, integer, integer, integer, text[],
                               integer, text, text, text) RENAME TO rd_declare;
    END IF;
    IF to_regprocedure('resultsdesk.correct(text, integer[], integer, text, integer, text[], '
                       'integer, integer, integer, text)') IS NOT NULL THEN
        DROP FUNCTION IF EXISTS rd_correct(text, integer[], integer, text, integer, text[],
                                           integer, integer, integer, text);
        ALTER FUNCTION correct(text, integer[], integer, text, integer, text[], integer,
                               integer, integer, text) RENAME TO rd_correct;
    END IF;
END $$;
REVOKE ALL ON FUNCTION rd_declare, rd_correct FROM PUBLIC, {{desk}}, {{editor}}, {{admin}};

CREATE OR REPLACE FUNCTION declare(p_seat text, p_votes integer[], p_invalid integer,
                        p_total_as_read integer DEFAULT NULL,
                        p_electorate integer DEFAULT NULL,
                        p_expected_version integer DEFAULT NULL,
                        p_overrides text[] DEFAULT '{}', p_tie_winner integer DEFAULT NULL,
                        p_note text DEFAULT NULL, p_source text DEFAULT 'desk',
                        p_declared_at text DEFAULT NULL,
                        p_expected_count integer DEFAULT NULL,
                        OUT version integer, OUT sheet jsonb)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    PERFORM rd_lock();
    PERFORM rd_require('enter, verify or correct declarations', 'desk', 'admin');
    PERFORM rd_check_count(rd_seat(p_seat), p_expected_count);
    SELECT saved.version, saved.sheet INTO version, sheet
    FROM rd_declare(p_seat, p_votes, p_invalid, p_total_as_read, p_electorate,
                    p_expected_version, p_overrides, p_tie_winner, p_note, p_source,
                    p_declared_at) AS saved;
END $$;

CREATE OR REPLACE FUNCTION correct(p_seat text, p_votes integer[], p_invalid integer,
                        p_reason text,
                        p_expected_version integer DEFAULT NULL,
                        p_overrides text[] DEFAULT '{}', p_tie_winner integer DEFAULT NULL,
                        p_total_as_read integer DEFAULT NULL,
                        p_electorate integer DEFAULT NULL,
                        p_source text DEFAULT 'desk',
                        p_expected_count integer DEFAULT NULL,
                        OUT version integer, OUT sheet jsonb)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    PERFORM rd_lock();
    PERFORM rd_require('enter, verify or correct declarations', 'desk', 'admin');
    PERFORM rd_check_count(rd_seat(p_seat), p_expected_count);
    SELECT saved.version, saved.sheet INTO version, sheet
    FROM rd_correct(p_seat, p_votes, p_invalid, p_reason, p_expected_version, p_overrides,
                    p_tie_winner, p_total_as_read, p_electorate, p_source) AS saved;
END $$;
