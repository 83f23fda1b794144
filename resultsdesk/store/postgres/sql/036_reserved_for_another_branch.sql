-- PLACEHOLDER, NOT A MIGRATION: number 36 belongs to another branch (h18), merged before
-- this one. Migrations must be numbered 1..N (preparation.migrations), so this branch
-- holds the number with a statement that does nothing, to run its own migration 37.
-- DELETE THIS FILE WHEN MERGING: left beside the real 036, prepare() refuses to start
-- ("migration files are not numbered 1..N"), so it cannot be forgotten silently.
SET LOCAL search_path = resultsdesk, pg_temp;
