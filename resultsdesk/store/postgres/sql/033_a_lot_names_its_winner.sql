-- Migration 33: a lot names the candidate drawn.
--
-- decide_tie checked its winner with rd_check_tie_winner, which passes a NULL winner
-- unchecked (a declaration with no lot has none). A desk account with psql access called
-- decide_tie(seat, NULL, 'x') on a seat with a verified result, tied or not: a new version
-- of kind 'lot' with no winner, which a second person's re-key (of the same figures, no
-- winner) verified and put on air. A seat that never tied read as "decided by lot", and on
-- a tie already decided by lot the winner drawn was gone from air. From here on a version
-- of kind 'lot' is refused (RD003) without a winner, whoever writes it; the rest of
-- decide_tie is migration 28's, unchanged.
--
-- Written so that running it twice changes nothing (OR REPLACE, DROP ... IF EXISTS).
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_lot_has_winner() RETURNS trigger
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    IF NEW.kind = 'lot' AND NEW.tie_winner_candidate_id IS NULL THEN
        PERFORM rd_fail('RD003', 'A lot names its winner: the candidate the returning '
                                 'officer drew, one of those tied at the top.');
    END IF;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS declarations_lot_has_winner ON declarations;
CREATE TRIGGER declarations_lot_has_winner BEFORE INSERT ON declarations
    FOR EACH ROW EXECUTE FUNCTION rd_lot_has_winner();
