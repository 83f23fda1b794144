-- Migration 54: a recount keeps a lot drawn on an entry it keeps (a correction, or a lot
-- of verified figures), as it keeps that entry.
--
-- Migration 53 replaced a lot with the recount's call whenever the version just before it
-- was superseded and never verified, of the same count: a lot drawn on a count nobody
-- verified. But two other lots have such a version before them: a lot drawn on a
-- correction awaiting verification (the correction superseded by the lot), and a lot drawn
-- again on a lot of a verified tie (the first lot superseded by the second). Their figures
-- are a correction's and a verified count's, which a recount keeps; both went with the
-- call, while the correction alone, or the single lot, stayed to be verified.
--
-- Now the lot's figures are followed back through the lots drawn on them to the entry they
-- were keyed in (rd_lot_on_unverified_count): only when that is a count nobody verified
-- ("declaration") does the lot go with it. desk/sheets.lot_on_unverified_count does the
-- same on a file. mark_recount is migration 53's otherwise. Written so that running it
-- twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

-- Whether lot p_lot's figures are a count nobody verified: the version before it is the
-- entry it was drawn on when that is superseded, never verified and of the same count
-- (migration 21's rule); a lot in that place is followed back the same way.
CREATE OR REPLACE FUNCTION rd_lot_on_unverified_count(p_lot declarations) RETURNS boolean
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp AS $$
WITH RECURSIVE base AS (
    SELECT b.version, b.kind
    FROM declarations b
    WHERE b.constituency_id = p_lot.constituency_id AND b.version = p_lot.version - 1
      AND b.verified_by IS NULL AND b.status = 'superseded'
      AND b.count_number = p_lot.count_number
    UNION ALL
    SELECT b.version, b.kind
    FROM base JOIN declarations b
      ON b.constituency_id = p_lot.constituency_id AND b.version = base.version - 1
    WHERE base.kind = 'lot'
      AND b.verified_by IS NULL AND b.status = 'superseded'
      AND b.count_number = p_lot.count_number
)
-- The last one found (the lowest version) is where the figures were keyed.
SELECT coalesce((SELECT kind = 'declaration' FROM base ORDER BY version LIMIT 1), false)
$$;

REVOKE ALL ON FUNCTION rd_lot_on_unverified_count(declarations) FROM PUBLIC;

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
        -- of a verified result is kept, and so is a lot drawn on either.
        IF latest.status = 'provisional' AND (
                latest.kind = 'declaration' OR (rd_verified(k.id)).id IS NULL
                OR (latest.kind = 'lot' AND rd_lot_on_unverified_count(latest))) THEN
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
