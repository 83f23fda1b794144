-- Privileges, put back as they should be on every prepare() (after the migrations), so a
-- grant added or removed by hand does not survive the next one. Run as the session that
-- prepares (a superuser, or a member of the owner and accounts roles), not as the owner:
-- the accounts role owns two of the functions.
SET LOCAL search_path = resultsdesk, pg_temp;

-- Everything anyone but an object's owner was granted goes first, whoever granted it.
DO $$
DECLARE
    grant_row record;
BEGIN
    FOR grant_row IN
        SELECT CASE WHEN c.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind,
               format('%I.%I', n.nspname, c.relname) AS object,
               CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee))
               END AS grantee
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
             aclexplode(c.relacl) AS a
        WHERE n.nspname IN ('resultsdesk', 'resultsdesk_view') AND a.grantee <> c.relowner
        UNION
        SELECT 'FUNCTION', p.oid::regprocedure::text,
               CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee))
               END
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace,
             aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) AS a
        WHERE n.nspname = 'resultsdesk' AND a.grantee <> p.proowner
    LOOP
        EXECUTE format('REVOKE ALL ON %s %s FROM %s', grant_row.kind, grant_row.object,
                       grant_row.grantee);
    END LOOP;
END $$;
REVOKE ALL ON SCHEMA resultsdesk FROM PUBLIC;

-- Everyone reads the election; nobody writes a table directly.
GRANT USAGE ON SCHEMA resultsdesk TO {{desk}}, {{editor}}, {{admin}}, {{accounts}};
GRANT SELECT ON ALL TABLES IN SCHEMA resultsdesk TO {{desk}}, {{editor}}, {{admin}};
-- Migration 52's marks of the version each open transaction re-keys: verify's alone.
DO $$
BEGIN
    IF to_regclass('resultsdesk.rekey_marks') IS NOT NULL THEN
        REVOKE ALL ON rekey_marks FROM {{desk}}, {{editor}}, {{admin}}, {{accounts}};
    END IF;
END $$;

-- Figures nobody verified are read only through resultsdesk_view (migrations 12, 16
-- and 17), which shows them to whoever keyed them and to editors alone: no account reads the
-- tables that hold them, nor migration 1's views of them (a view reads as its owner).
-- (A database short of migration 12 keeps its reads: that is only while it is upgraded.)
DO $$
BEGIN
    IF to_regnamespace('resultsdesk_view') IS NULL THEN
        RETURN;
    END IF;
    REVOKE ALL ON SCHEMA resultsdesk_view FROM PUBLIC;
    REVOKE SELECT ON declarations, declaration_votes, audit_log, latest_declarations,
        verified_declarations FROM {{desk}}, {{editor}}, {{admin}};
    GRANT USAGE ON SCHEMA resultsdesk_view TO {{desk}}, {{editor}}, {{admin}};
    GRANT SELECT ON ALL TABLES IN SCHEMA resultsdesk_view TO {{desk}}, {{editor}}, {{admin}};
    GRANT EXECUTE ON FUNCTION rd_sees_all_pending, rd_hidden, rd_hide_figures
        TO {{desk}}, {{editor}}, {{admin}};
    -- Migration 16's rule for the same views (hidden through a recount too; since
    -- migration 17, whatever nobody verified: rejected and withdrawn too). Migration 17's
    -- rd_figure_authors is only decide_tie's: no grant.
    IF to_regproc('resultsdesk.rd_hidden_version') IS NULL THEN
        RETURN;
    END IF;
    GRANT EXECUTE ON FUNCTION rd_hidden_version, rd_hide_keys
        TO {{desk}}, {{editor}}, {{admin}};
    -- (Migration 24's, which rd_hidden_version calls since.)
    IF to_regproc('resultsdesk.rd_session_disabled') IS NOT NULL THEN
        GRANT EXECUTE ON FUNCTION rd_session_disabled TO {{desk}}, {{editor}}, {{admin}};
    END IF;
    -- (Migration 45's, which the views and rd_hidden_version call since.)
    IF to_regproc('resultsdesk.rd_version_hidden') IS NOT NULL THEN
        GRANT EXECUTE ON FUNCTION rd_version_hidden TO {{desk}}, {{editor}}, {{admin}};
    END IF;
END $$;

-- Desk staff enter and verify (admins may too); editors write no figures.
GRANT EXECUTE ON FUNCTION declare, correct, verify, reject, withdraw, mark_recount,
    decide_tie TO {{desk}}, {{admin}};
-- Admins manage accounts, parties and imports.
GRANT EXECUTE ON FUNCTION set_political_order, import_candidates, import_results,
    import_baseline, add_user, disable_user TO {{admin}};
-- (Migration 19's: a database not yet upgraded lacks them only while it is.)
DO $$
BEGIN
    IF to_regproc('resultsdesk.enable_user') IS NOT NULL THEN
        GRANT EXECUTE ON FUNCTION enable_user, set_user_role TO {{admin}};
        GRANT EXECUTE ON FUNCTION rd_set_login_group TO {{owner}};
    END IF;
    IF to_regproc('resultsdesk.rd_end_sessions') IS NOT NULL THEN  -- migration 20's
        GRANT EXECUTE ON FUNCTION rd_end_sessions TO {{owner}};
    END IF;
    IF to_regproc('resultsdesk.rd_end_password_sessions') IS NOT NULL THEN  -- migration 65's
        GRANT EXECUTE ON FUNCTION rd_end_password_sessions TO {{owner}};
    END IF;
    IF to_regproc('resultsdesk.accept_rewritten_log') IS NOT NULL THEN  -- migration 62's
        GRANT EXECUTE ON FUNCTION accept_rewritten_log TO {{admin}};
    END IF;
END $$;
-- Anyone changes their own password and notes an export, publication or backup.
GRANT EXECUTE ON FUNCTION set_password, audit_note TO {{desk}}, {{editor}}, {{admin}};

-- The role-making functions: only the owner's account functions call them.
GRANT SELECT ON server_roles, accounts TO {{accounts}};
GRANT EXECUTE ON FUNCTION rd_create_login, rd_alter_login TO {{owner}};
