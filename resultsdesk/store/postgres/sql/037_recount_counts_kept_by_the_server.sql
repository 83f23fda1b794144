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
--    (CREATE OR REPLACE: same arguments and result, so its grants stay.)
SET LOCAL search_path = resultsdesk, pg_temp;

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
