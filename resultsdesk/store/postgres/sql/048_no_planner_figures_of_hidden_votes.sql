-- Migration 48: the planner keeps no figures of the values an entry's re-key must not see.
--
-- A desk account may not read the figures of someone else's entry awaiting verification
-- (migration 12's security-barrier views). But `=` and `<` on integers are leakproof, so
-- the planner pushes them through those views and estimates their rows from the
-- statistics ANALYZE (autovacuum; every import, migration 47) keeps of the table beneath:
-- `EXPLAIN SELECT * FROM declaration_votes WHERE votes = 5000` said rows=2 where a tie of
-- 5,000 each awaited verification, and `votes < 22223` against `votes < 22222` gave the
-- largest hidden figure exactly. No statistics are kept of these columns now: the planner
-- takes its defaults, the same whatever the figures (no read of the app filters or joins
-- on them, so no plan changes). Statistics sampled before this migration stay until
-- someone with the rights over pg_statistic removes them (a superuser: README, "Team
-- desk"); they hold no entry keyed after it. Written so that running it twice changes
-- nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

ALTER TABLE declaration_votes ALTER COLUMN votes SET STATISTICS 0;
ALTER TABLE declarations
    ALTER COLUMN invalid_votes SET STATISTICS 0,
    ALTER COLUMN electorate SET STATISTICS 0,
    ALTER COLUMN total_as_read SET STATISTICS 0,
    ALTER COLUMN tie_winner_candidate_id SET STATISTICS 0;
