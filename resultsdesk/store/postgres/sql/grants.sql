-- Privileges, put back as they should be on every prepare() (after the migrations), so a
-- grant added or removed by hand does not survive the next one. Run as the session that
-- prepares (a superuser, or a member of the owner and accounts roles), not as the owner:
-- the accounts role owns two of the functions.
SET LOCAL search_path = resultsdesk, pg_temp;

REVOKE ALL ON SCHEMA resultsdesk FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA resultsdesk FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA resultsdesk FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA resultsdesk FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA resultsdesk FROM {{desk}}, {{editor}}, {{admin}};
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA resultsdesk FROM {{desk}}, {{editor}}, {{admin}};

-- Everyone reads everything (editors see provisional figures; the desk's blind
-- verification is the app's to show or hide); nobody writes a table directly.
GRANT USAGE ON SCHEMA resultsdesk TO {{desk}}, {{editor}}, {{admin}}, {{accounts}};
GRANT SELECT ON ALL TABLES IN SCHEMA resultsdesk TO {{desk}}, {{editor}}, {{admin}};

-- Desk staff enter and verify (admins may too); editors write no figures.
GRANT EXECUTE ON FUNCTION declare, correct, verify, reject, withdraw, mark_recount,
    decide_tie TO {{desk}}, {{admin}};
-- Admins manage accounts, parties and imports.
GRANT EXECUTE ON FUNCTION set_political_order, import_candidates, import_results,
    import_baseline, add_user, disable_user TO {{admin}};
-- Anyone changes their own password and notes an export, publication or backup.
GRANT EXECUTE ON FUNCTION set_password, audit_note TO {{desk}}, {{editor}}, {{admin}};

-- The role-making functions: only the owner's account functions call them.
REVOKE ALL ON FUNCTION rd_create_login, rd_alter_login FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rd_create_login, rd_alter_login TO {{owner}};
