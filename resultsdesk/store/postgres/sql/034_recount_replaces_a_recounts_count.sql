-- Migration 34: a recount called over an earlier recount's count awaiting verification
-- replaces it. Migration 4 kept the version awaiting verification whenever the seat had a
-- verified result (meaning a pending correction of it), so recount 1's figures, keyed and
-- not yet verified when recount 2 was called, stayed to be verified, and went on air with
-- recount 2 under way. Now a count (kind 'declaration') is superseded, as on a file
-- (desk/sheets.recount_replaces); a correction or a lot of a verified result is kept. The
-- rest of mark_recount is migration 23's. (CREATE OR REPLACE: same arguments and result,
-- so its grants stay, and running this twice changes nothing.)
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
        latest := rd_latest(k.id);
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
    UPDATE constituencies SET recount_under_way = 0 WHERE id = k.id;
    PERFORM rd_audit('recount ended', 'constituency', k.code,
                     jsonb_build_object('count', k.current_count));
    PERFORM rd_notify();
    RETURN k.current_count;
END $$;
