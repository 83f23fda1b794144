-- Migration 9: an index that cost every inserted candidate a second b-tree for nothing.
--
-- candidates_by_constituency indexed what UNIQUE (constituency_id, ballot_order) already
-- does: that constraint's index leads with constituency_id, and every query on a seat's
-- candidates wants them in ballot order (the SQLite schema drops it in its migration 7).
SET LOCAL search_path = resultsdesk, pg_temp;

DROP INDEX candidates_by_constituency;
