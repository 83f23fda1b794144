-- Migration 19: an admin enables a disabled account again (one disabled by mistake) and
-- changes an account's role. Until now neither could be done at all: an account disabled
-- at 3 a.m. stayed disabled, and a desk member could not be made an editor or an admin.
--
-- As in migration 6, only a function owned by the accounts role (NOLOGIN, CREATEROLE)
-- moves a login role between the election's groups, and only the owner's account
-- functions may call it; it touches no role outside this election's accounts. Written so
-- that running it twice changes nothing, as migrations 10 on are.
SET LOCAL search_path = resultsdesk, pg_temp;

GRANT USAGE, CREATE ON SCHEMA resultsdesk TO {{accounts}};
GRANT SELECT ON server_roles, accounts TO {{accounts}};
SET LOCAL ROLE {{accounts}};

-- Move a login from the group of p_old to the group of p_new ('desk', 'editor', 'admin').
CREATE OR REPLACE FUNCTION rd_set_login_group(p_name text, p_old text, p_new text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    r server_roles;
    old_group text;
    new_group text;
BEGIN
    SELECT * INTO r FROM server_roles WHERE id = 1;
    old_group := CASE p_old WHEN 'desk' THEN r.desk_role WHEN 'editor' THEN r.editor_role
                            WHEN 'admin' THEN r.admin_role END;
    new_group := CASE p_new WHEN 'desk' THEN r.desk_role WHEN 'editor' THEN r.editor_role
                            WHEN 'admin' THEN r.admin_role END;
    IF old_group IS NULL OR new_group IS NULL
       OR NOT EXISTS (SELECT 1 FROM accounts WHERE name = p_name)
       OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name AND rolsuper) THEN
        RAISE EXCEPTION USING ERRCODE = 'RD003', MESSAGE = 'not an account of this election';
    END IF;
    EXECUTE format('REVOKE %I FROM %I', old_group, p_name);
    EXECUTE format('GRANT %I TO %I', new_group, p_name);
END $$;
REVOKE EXECUTE ON FUNCTION rd_set_login_group FROM PUBLIC;

SET LOCAL ROLE {{owner}};
REVOKE CREATE ON SCHEMA resultsdesk FROM {{accounts}};

-- Let a disabled account sign in again, in its role.
CREATE OR REPLACE FUNCTION enable_user(p_name text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    a accounts;
BEGIN
    PERFORM rd_lock();
    PERFORM rd_require('manage accounts', 'admin');
    a := rd_account(p_name);
    IF a.disabled = 0 THEN
        PERFORM rd_fail('RD003', format('%s is not disabled: it can sign in already.',
                                        a.name));
    END IF;
    UPDATE accounts SET disabled = 0, changed_at = rd_now() WHERE id = a.id;
    PERFORM rd_alter_login(a.name, true, NULL);
    PERFORM rd_audit('enable account', 'account', a.name, jsonb_build_object('role', a.role));
    PERFORM rd_notify();
END $$;

-- Give an account another role. As disable_user, the last enabled admin keeps admin:
-- nobody could manage accounts after that. The audit entry records the old and new role.
CREATE OR REPLACE FUNCTION set_user_role(p_name text, p_role text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    a accounts;
BEGIN
    PERFORM rd_lock();
    PERFORM rd_require('manage accounts', 'admin');
    IF coalesce(p_role, '') NOT IN ('desk', 'editor', 'admin') THEN
        PERFORM rd_fail('RD003', format('''%s'' is not a role: choose one of desk, editor, '
                                        'admin.', p_role));
    END IF;
    a := rd_account(p_name);
    IF a.role = p_role THEN
        PERFORM rd_fail('RD003', format('%s is %s %s account already.', a.name,
                                        CASE WHEN p_role IN ('admin', 'editor') THEN 'an'
                                             ELSE 'a' END, p_role));
    END IF;
    IF a.role = 'admin' AND a.disabled = 0
       AND (SELECT count(*) FROM accounts WHERE role = 'admin' AND disabled = 0) <= 1 THEN
        PERFORM rd_fail('RD003', format('%s is the only enabled admin; add another admin '
                                        'before taking admin away from it.', a.name));
    END IF;
    UPDATE accounts SET role = p_role, changed_at = rd_now() WHERE id = a.id;
    PERFORM rd_set_login_group(a.name, a.role, p_role);
    -- What the server enforces is the group (rd_role_of): a membership granted some other
    -- way (by hand) that the move left in place must not keep the old role's rights.
    IF rd_role_of(a.name) <> p_role THEN
        PERFORM rd_fail('RD003', format('%s is still a member of another role''s group on '
                                        'the server (granted outside ResultsDesk); the '
                                        'server''s administrator must revoke it first.',
                                        a.name));
    END IF;
    PERFORM rd_audit('change role', 'account', a.name,
                     jsonb_build_object('old_role', a.role, 'role', p_role));
    PERFORM rd_notify();
END $$;
