-- Migration 69: a backslash in the server's functions means what it was written to mean,
-- whatever the calling session has set.
--
-- A function whose body is a string (LANGUAGE sql with AS '...', plpgsql) is parsed in the
-- session that calls it, with that session's settings, and any account may SET
-- standard_conforming_strings = off. A backslash in a plain literal is then an escape:
-- rd_name_skeleton's dot-above rule read '\u0315' as 'u0315' and '\1' as '1', so for that
-- session `ali̇ce` (a dot above the i, drawn as its own dot) was no longer alice, and an
-- account so named verified alice's entry (tests/store/postgres/test_pg_session_settings.py).
-- The other functions with backslashes (a verifier's and a name's checks, a login's
-- password, an import's keys) are pinned the same way, so none reads the caller's setting;
-- a pinned setting is restored when the function returns, as search_path is.
-- Running this twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

ALTER FUNCTION rd_name_skeleton(text) SET standard_conforming_strings = on;
ALTER FUNCTION rd_name_problem(text) SET standard_conforming_strings = on;
ALTER FUNCTION rd_check_verifier(text) SET standard_conforming_strings = on;
ALTER FUNCTION rd_import_results_046(text, jsonb) SET standard_conforming_strings = on;

SET LOCAL ROLE {{accounts}};  -- the owner of the functions that change login roles
ALTER FUNCTION rd_alter_login(text, boolean, text) SET standard_conforming_strings = on;
ALTER FUNCTION rd_create_login(text, text, text) SET standard_conforming_strings = on;
SET LOCAL ROLE {{owner}};
