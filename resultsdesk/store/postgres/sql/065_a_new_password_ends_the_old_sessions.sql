-- Migration 65: a password changed ends the sessions signed in with the old one.
--
-- PostgreSQL ends no connection when a login's password changes: an admin who reset bob's
-- password at 3 a.m. (a PC left signed in, a session someone else holds) left every
-- connection bob had open reading, and writing as bob, until it closed. Now set_password
-- ends the account's sessions as disable_user does (migration 20): every one when an admin
-- changes it, the others when the person changes their own (the session they changed it
-- from goes on: theirs, with the new password known to them). It returns how many it
-- ended, or NULL where the server does not let the accounts role end sessions (prepare()
-- could not grant it pg_signal_backend): the password is changed all the same, and the
-- desk says which (desk/password_sessions.py).
--
-- Migration 20's rd_end_sessions ends only a disabled account's sessions, and stays so; its
-- sibling here, owned by the accounts role too and callable only by the owner's
-- set_password, ends those of an account of this election, enabled or not, never a
-- superuser's, never another login's, never the calling session itself. Like disable_user,
-- it ends them before the transaction commits (a function cannot wait for that): a client
-- reconnecting in the instant between would sign in with the old password still.
-- set_password returned nothing; a function's result type cannot change in place, so it is
-- dropped and made again, with the same checks, audit entry and grants (grants.sql puts
-- them back on every prepare() too). Running this twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

GRANT USAGE, CREATE ON SCHEMA resultsdesk TO {{accounts}};
GRANT SELECT ON server_roles, accounts TO {{accounts}};
SET LOCAL ROLE {{accounts}};

-- End every session of the account p_name but the caller's own; how many, or NULL when
-- this server does not let the accounts role end sessions.
CREATE OR REPLACE FUNCTION rd_end_password_sessions(p_name text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    ended integer := 0;
    backend integer;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM accounts WHERE name = p_name)
       OR NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name AND NOT rolsuper) THEN
        RAISE EXCEPTION USING ERRCODE = 'RD003', MESSAGE = 'not an account of this election';
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
REVOKE EXECUTE ON FUNCTION rd_end_password_sessions FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rd_end_password_sessions TO {{owner}};

SET LOCAL ROLE {{owner}};
REVOKE CREATE ON SCHEMA resultsdesk FROM {{accounts}};

DROP FUNCTION IF EXISTS set_password(text, text);

-- Set an account's password: the account itself, or an admin. The audit entry says who
-- changed it, never what to. Returns the sessions of the account it ended (NULL: none could
-- be).
CREATE FUNCTION set_password(p_name text, p_password_verifier text) RETURNS integer
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
    RETURN rd_end_password_sessions(a.name);
END $$;
REVOKE EXECUTE ON FUNCTION set_password FROM PUBLIC;
GRANT EXECUTE ON FUNCTION set_password TO {{desk}}, {{editor}}, {{admin}};
