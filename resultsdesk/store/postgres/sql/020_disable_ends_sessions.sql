-- Migration 20: disabling an account ends its open sessions at once. Until now NOLOGIN
-- only refused new connections: a desk disabled at 3 a.m. kept reading through the
-- connections it had (writes were refused by rd_require), its live feed included, until
-- it closed them.
--
-- Ending another login's session (pg_terminate_backend) needs membership in that login or
-- in pg_signal_backend. prepare() grants pg_signal_backend to the accounts role (NOLOGIN;
-- no account is a member of it), and only the function below, owned by it and callable
-- only by the owner's disable_user, uses it: on logins that are this election's disabled
-- accounts, never a superuser's, never the calling session itself. Where prepare() could
-- not grant it (a non-superuser preparing on PostgreSQL 16 or later without ADMIN on
-- pg_signal_backend) the function ends nothing and says so by returning NULL; the desks
-- then find the account disabled on their next refresh instead (README, "Team desk").
-- Written so that running it twice changes nothing, as migrations 10 on are.
SET LOCAL search_path = resultsdesk, pg_temp;

GRANT USAGE, CREATE ON SCHEMA resultsdesk TO {{accounts}};
GRANT SELECT ON server_roles, accounts TO {{accounts}};
SET LOCAL ROLE {{accounts}};

-- End every session of the disabled account p_name but the caller's own; how many, or
-- NULL when this server does not let the accounts role end sessions.
CREATE OR REPLACE FUNCTION rd_end_sessions(p_name text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    ended integer := 0;
    backend integer;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM accounts WHERE name = p_name AND disabled = 1)
       OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name AND rolsuper) THEN
        RAISE EXCEPTION USING ERRCODE = 'RD003',
                              MESSAGE = 'not a disabled account of this election';
    END IF;
    IF NOT pg_has_role(current_user, 'pg_signal_backend', 'USAGE') THEN
        RETURN NULL;
    END IF;
    FOR backend IN SELECT pid FROM pg_stat_activity
                   WHERE usename = p_name AND pid <> pg_backend_pid() LOOP
        IF pg_terminate_backend(backend) THEN
            ended := ended + 1;
        END IF;
    END LOOP;
    RETURN ended;
END $$;
REVOKE EXECUTE ON FUNCTION rd_end_sessions FROM PUBLIC;

SET LOCAL ROLE {{owner}};
REVOKE CREATE ON SCHEMA resultsdesk FROM {{accounts}};

-- Migration 6's disable_user, now ending the account's sessions too. They end before this
-- transaction commits (a function cannot wait for that): a desk reconnecting in the few
-- milliseconds between would be signed in again, but could only read, and its next
-- refresh finds the account disabled (desk/accounts.account_now).
CREATE OR REPLACE FUNCTION disable_user(p_name text) RETURNS void
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
    PERFORM rd_end_sessions(a.name);
END $$;
