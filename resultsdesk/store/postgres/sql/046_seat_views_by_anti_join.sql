-- Migration 46: the views of each seat's counting and shown declaration, as anti-joins.
--
-- Migration 12's resultsdesk_view.verified_declarations kept a verified version equal to
-- its seat's newest verified version (a correlated max), and latest_declarations the
-- version whose id is its seat's first by (verified, newest) (a correlated LIMIT 1). The
-- planner takes such an equality to keep a handful of rows of any size of table, so
-- reading every seat (the summary, a window's first look at the night) joined the seats
-- to the declarations by a loop over both: at 650 seats with 325 verified, 211,000 rows
-- compared and thrown away, ~30 of a read's ~40 ms; at 10,000 seats some fifty million.
-- "No other version of the seat comes before it" is the same set (a seat's versions are
-- numbered once each), which the planner counts as it is, so it joins by hash or by index
-- as the rows call for. Written so that running it twice changes nothing (OR REPLACE, the
-- same columns).
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE VIEW resultsdesk_view.verified_declarations AS
    SELECT d.* FROM resultsdesk_view.declarations d
    WHERE d.status = 'verified' AND NOT EXISTS (
        SELECT 1 FROM resultsdesk.declarations v
        WHERE v.constituency_id = d.constituency_id AND v.status = 'verified'
          AND v.version > d.version);

-- First by (verified, newest): no version of the seat, verified or awaiting verification,
-- is ahead of it in that order (false before true, as ORDER BY ... DESC took them).
CREATE OR REPLACE VIEW resultsdesk_view.latest_declarations AS
    SELECT d.* FROM resultsdesk_view.declarations d
    WHERE d.status IN ('provisional', 'verified') AND NOT EXISTS (
        SELECT 1 FROM resultsdesk.declarations v
        WHERE v.constituency_id = d.constituency_id
          AND v.status IN ('provisional', 'verified')
          AND (v.status = 'verified', v.version) > (d.status = 'verified', d.version));
