-- Migration 53: a recount replaces a lot drawn on a count nobody verified, with the count;
-- called off, it leaves the recount before it under way if that one was not over.
--
-- Migration 34: a recount called replaces the count awaiting verification; a correction
-- or a lot of a verified result is kept. But a lot drawn on a recount's count that nobody
-- had verified was kept too, whenever the seat had a verified result from before: recount
-- 1's tied count keyed, a lot drawn on it, recount 2 called; the lot stayed awaiting
-- verification, nobody could key recount 2's figures until someone verified it, and then
-- recount 1's figures went on air, decided by lot, with recount 2 under way. A lot on
-- figures nobody verified is now replaced with them: the version just before it is the
-- entry it was drawn on, of the same count, superseded and never verified (migration 21's
-- rule, rd_refuse_called_off_count's, desk/sheets.unverified_lot_base's).
-- desk/sheets.recount_replaces does the same on a file.
--
-- And a recount called off puts the seat back into the recount before it, if that one was
-- not over: recount 1 called over a verified result, its count keyed, then recount 2
-- called (which replaced recount 1's count: nothing of recount 1 verified, so it was still
-- under way), then recount 2 called off: the seat went back to count 1 with no recount
-- under way. Recount 1's figures could then be keyed only as a correction of the first
-- count ("First count") or, a recount called again, as "Recount 2"; and a lot drawn on the
-- first count was labelled "Recount 1". Now, called off, recount N leaves recount N - 1
-- under way when nothing of count N - 1 was ever verified (verifying a recount's count
-- ends it); desk/sheets.recount_left_unfinished does the same on a file. mark_recount is
-- migration 39's otherwise. Written so that running it twice changes nothing.
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
        -- longer anything to verify, nor is a lot drawn on it; a pending correction or lot
        -- of a verified result is kept.
        IF latest.status = 'provisional' AND (
                latest.kind = 'declaration' OR (rd_verified(k.id)).id IS NULL
                OR (latest.kind = 'lot' AND EXISTS (
                    SELECT 1 FROM declarations b
                    WHERE b.constituency_id = k.id AND b.version = latest.version - 1
                      AND b.verified_by IS NULL AND b.status = 'superseded'
                      AND b.count_number = latest.count_number))) THEN
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
    -- Recount N called while recount N - 1 was under way (nothing of it verified, which
    -- would have ended it): called off, recount N - 1 is under way again.
    UPDATE constituencies SET current_count = k.current_count - 1,
        recount_under_way = CASE WHEN k.current_count - 1 >= 1 AND NOT EXISTS (
            SELECT 1 FROM declarations d
            WHERE d.constituency_id = k.id AND d.count_number = k.current_count - 1
              AND d.verified_by IS NOT NULL) THEN 1 ELSE 0 END
    WHERE id = k.id;
    PERFORM rd_audit('recount ended', 'constituency', k.code,
                     jsonb_build_object('count', k.current_count,
                                        'back_to', k.current_count - 1));
    PERFORM rd_notify();
    RETURN k.current_count - 1;
END $$;
