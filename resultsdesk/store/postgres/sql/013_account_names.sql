-- Migration 13: account names compared as the desk compares them (domain/identity.py),
-- not by lower() alone. Until now add_user took names the app refuses as looking the same
-- as another (a Cyrillic а, a zero-width space, a soft hyphen, full-width letters), and
-- four eyes told people apart by lower(), so one person could verify their own entry
-- under a look-alike account.
--
-- name_skeletons holds, for each character a name's skeleton changes or a name may not
-- hold, its skeleton ('' and refused for the invisible ones): Unicode's confusables and
-- case folding as identity.character_skeletons computes them. prepare() fills it after
-- the migrations, every time (so an upgraded ResultsDesk brings newer Unicode data), as
-- the owner; until it has, names compare as before (by lower()). Written so that running
-- it twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE TABLE IF NOT EXISTS name_skeletons (
    ch text PRIMARY KEY CHECK (length(ch) = 1),
    skeleton text NOT NULL,
    refused boolean NOT NULL
);

-- A name's skeleton: decomposed (NFKD), each character replaced by its own, spaces
-- collapsed (lower() first, which folds the ASCII letters even before prepare() has filled
-- the table). identity.skeleton character by character: the same but where normalising
-- would join characters (what remains: README of the store).
CREATE OR REPLACE FUNCTION rd_name_skeleton(p_name text) RETURNS text
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp AS $$
    SELECT btrim(regexp_replace(coalesce(string_agg(coalesce(s.skeleton, c.ch), ''
                                                    ORDER BY c.i), ''), ' {2,}', ' ', 'g'))
    FROM regexp_split_to_table(normalize(lower(coalesce(p_name, '')), NFKD), '')
         WITH ORDINALITY AS c(ch, i)
    LEFT JOIN name_skeletons s ON s.ch = c.ch
$$;

-- Four eyes (migrations 3 and 4 call this): the same person when the skeletons are equal
-- (names equal but for case are: the skeleton folds case), as identity.same_person; a
-- name with nothing visible in it is nobody.
CREATE OR REPLACE FUNCTION rd_same_user(a text, b text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp AS $$
    SELECT s.a <> '' AND s.a = s.b
    FROM (SELECT rd_name_skeleton(a) AS a, rd_name_skeleton(b) AS b) AS s
$$;

-- Why a new account's name cannot be recorded, or NULL: what identity.display_name
-- refuses or would change, so the server keeps no name the app would write differently.
CREATE OR REPLACE FUNCTION rd_name_problem(p_name text) RETURNS text
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp AS $$
    SELECT CASE
        WHEN EXISTS (SELECT 1 FROM regexp_split_to_table(p_name, '') AS c(ch)
                     JOIN name_skeletons s ON s.ch = c.ch AND s.refused)
            THEN 'it holds an invisible, control or line-break character'
        WHEN p_name IS NOT NFKC NORMALIZED
            THEN format('it is not written in its usual form (full-width letters, '
                        'ligatures, ...): write %s', normalize(p_name, NFKC))
        WHEN p_name ~ '\s\s' THEN 'it has two spaces in a row'
    END
$$;

-- A new account (migration 6's, with its name checked as the desk checks it).
CREATE OR REPLACE FUNCTION add_user(p_name text, p_role text, p_password_verifier text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    v_name text := btrim(coalesce(p_name, ''));
    existing text;
    problem text;
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
    problem := rd_name_problem(v_name);
    IF problem IS NOT NULL THEN
        PERFORM rd_fail('RD003', format('''%s'' cannot be an account name: %s.',
                                        v_name, problem));
    END IF;
    PERFORM rd_check_verifier(p_password_verifier);
    SELECT a.name INTO existing FROM accounts a WHERE a.name_key = lower(v_name);
    IF existing IS NOT NULL THEN
        PERFORM rd_fail('RD003', format('''%s'' is the same name as the existing account '
                                        '''%s'': choose a name nobody could mistake.', v_name,
                                        existing));
    END IF;
    SELECT a.name INTO existing FROM accounts a WHERE rd_same_user(a.name, v_name)
    ORDER BY a.id LIMIT 1;
    IF existing IS NOT NULL THEN
        PERFORM rd_fail('RD003', format('''%s'' looks the same as the existing account '
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
