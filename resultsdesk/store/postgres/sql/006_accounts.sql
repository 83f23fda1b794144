-- Migration 6: accounts are server login roles, members of this database's groups.
-- Passwords arrive as SCRAM-SHA-256 verifiers made by the client (libpq's
-- PQencryptPasswordConn), so no password ever reaches the server, its logs or this table.
--
-- Creating and altering roles needs CREATEROLE. Only the two functions owned by the
-- accounts role (NOLOGIN, CREATEROLE) have it, and only the owner's account functions may
-- call them; they touch no role outside this election's accounts.
SET LOCAL search_path = resultsdesk, pg_temp;

GRANT USAGE, CREATE ON SCHEMA resultsdesk TO {{accounts}};
GRANT SELECT ON server_roles, accounts TO {{accounts}};
SET LOCAL ROLE {{accounts}};
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

CREATE FUNCTION rd_create_login(p_name text, p_role text, p_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    grp text;
BEGIN
    SELECT CASE p_role WHEN 'desk' THEN desk_role WHEN 'editor' THEN editor_role
                       WHEN 'admin' THEN admin_role END
      INTO grp FROM server_roles WHERE id = 1;
    IF grp IS NULL OR p_verifier !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION USING ERRCODE = 'RD003', MESSAGE = 'not an account this election makes';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT '
                   'PASSWORD %L IN ROLE %I', p_name, p_verifier, grp);
END $$;

-- Enable or disable a login, or set its password (p_verifier not null); only for this
-- election's accounts.
CREATE FUNCTION rd_alter_login(p_name text, p_login boolean, p_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM accounts WHERE name = p_name)
       OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name AND rolsuper)
       OR (p_verifier IS NOT NULL AND p_verifier !~ '^SCRAM-SHA-256\$') THEN
        RAISE EXCEPTION USING ERRCODE = 'RD003', MESSAGE = 'not an account of this election';
    END IF;
    IF p_login IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I %s', p_name,
                       CASE WHEN p_login THEN 'LOGIN' ELSE 'NOLOGIN' END);
    END IF;
    IF p_verifier IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', p_name, p_verifier);
    END IF;
END $$;

SET LOCAL ROLE {{owner}};
REVOKE CREATE ON SCHEMA resultsdesk FROM {{accounts}};

CREATE FUNCTION rd_check_verifier(p_verifier text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(p_verifier, '') !~ '^SCRAM-SHA-256\$' THEN
        PERFORM resultsdesk.rd_fail('RD003', 'Send the password as a SCRAM-SHA-256 verifier '
                                             '(made by the client), never as plain text.');
    END IF;
END $$;

CREATE FUNCTION rd_account(p_name text) RETURNS accounts
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    a accounts;
BEGIN
    SELECT * INTO a FROM accounts WHERE name_key = lower(btrim(coalesce(p_name, '')));
    IF NOT FOUND THEN
        PERFORM rd_fail('RD003', format('No account ''%s'' in this election.', p_name));
    END IF;
    RETURN a;
END $$;

-- A new account: a login role in the group of its role ('desk', 'editor' or 'admin').
CREATE FUNCTION add_user(p_name text, p_role text, p_password_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    v_name text := btrim(coalesce(p_name, ''));
    existing text;
BEGIN
    PERFORM rd_lock();
    PERFORM rd_require('manage accounts', 'admin');
    IF coalesce(p_role, '') NOT IN ('desk', 'editor', 'admin') THEN
        PERFORM rd_fail('RD003', format('''%s'' is not a role: choose one of desk, editor, '
                                        'admin.', p_role));
    END IF;
    IF v_name = '' OR octet_length(v_name) > 63 OR v_name ~ '[[:cntrl:]]'
       OR v_name ~* '^pg_' THEN
        PERFORM rd_fail('RD003', 'An account name is 1 to 63 bytes, with no control '
                                 'characters, and does not start with pg_.');
    END IF;
    PERFORM rd_check_verifier(p_password_verifier);
    SELECT a.name INTO existing FROM accounts a WHERE a.name_key = lower(v_name);
    IF existing IS NOT NULL THEN
        PERFORM rd_fail('RD003', format('''%s'' is the same name as the existing account '
                                        '''%s'': choose a name nobody could mistake.', v_name,
                                        existing));
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE lower(rolname) = lower(v_name)) THEN
        PERFORM rd_fail('RD003', format('The server already has a role named %s (another '
                                        'election''s account, or the server''s own): choose '
                                        'another name.', v_name));
    END IF;
    INSERT INTO accounts (name, name_key, role, created_at, created_by)
    VALUES (v_name, lower(v_name), p_role, rd_now(), session_user);
    PERFORM rd_create_login(v_name, p_role, p_password_verifier);
    PERFORM rd_audit('add account', 'account', v_name, jsonb_build_object('role', p_role));
    PERFORM rd_notify();
END $$;

-- Stop an account signing in (kept, so the history still names it). The last enabled admin
-- cannot be disabled.
CREATE FUNCTION disable_user(p_name text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    a accounts;
BEGIN
    PERFORM rd_lock();
    PERFORM rd_require('manage accounts', 'admin');
    a := rd_account(p_name);
    IF a.disabled = 1 THEN
        PERFORM rd_fail('RD003', format('%s is already disabled.', a.name));
    END IF;
    IF a.role = 'admin' AND (SELECT count(*) FROM accounts
                             WHERE role = 'admin' AND disabled = 0) <= 1 THEN
        PERFORM rd_fail('RD003', format('%s is the only enabled admin; add another admin '
                                        'before disabling it.', a.name));
    END IF;
    UPDATE accounts SET disabled = 1, changed_at = rd_now() WHERE id = a.id;
    PERFORM rd_alter_login(a.name, false, NULL);
    PERFORM rd_audit('disable account', 'account', a.name, jsonb_build_object('role', a.role));
    PERFORM rd_notify();
END $$;

-- Set an account's password: the account itself, or an admin. The audit entry says who
-- changed it, never what to.
CREATE FUNCTION set_password(p_name text, p_password_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    a accounts;
    by_admin boolean;
BEGIN
    PERFORM rd_lock();
    PERFORM rd_require('change a password', 'desk', 'editor', 'admin');
    a := rd_account(p_name);
    by_admin := a.name <> session_user;
    IF by_admin AND rd_role_of(session_user) <> 'admin' THEN
        PERFORM rd_fail('RD004', format('%s cannot change %s''s password: only the account '
                                        'itself or an admin can.', session_user, a.name));
    END IF;
    PERFORM rd_check_verifier(p_password_verifier);
    UPDATE accounts SET changed_at = rd_now() WHERE id = a.id;
    PERFORM rd_alter_login(a.name, NULL, p_password_verifier);
    PERFORM rd_audit('change password', 'account', a.name,
                     jsonb_build_object('by_admin', by_admin));
    PERFORM rd_notify();
END $$;
