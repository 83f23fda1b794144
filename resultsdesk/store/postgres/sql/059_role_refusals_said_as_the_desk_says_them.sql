-- Migration 59: the server's refusal by role in the words the desk uses.
--
-- A desk whose account an admin had just made an editor (its window not yet told) verified
-- a seat, passed the desk's own check with the role it remembered, and the server refused
-- it: "bob is a editor account, so cannot enter, verify or correct declarations: that needs
-- desk or admin account." Now each role has its article ("an editor", "an admin", "a
-- desk"), as desk/accounts.role_with_article gives it: "bob is an editor account, so
-- cannot …: that needs a desk or an admin account." Only the words change; rd_require
-- refuses what it refused. Written so that running it twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_with_article(p_role text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = resultsdesk, pg_temp
RETURN CASE WHEN left(p_role, 1) IN ('a', 'e') THEN 'an ' ELSE 'a ' END || p_role;
REVOKE ALL ON FUNCTION rd_with_article(text) FROM PUBLIC;

CREATE OR REPLACE FUNCTION rd_require(p_what text, VARIADIC p_roles text[]) RETURNS text
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    actor text := session_user;
    v_role text := rd_role_of(actor);
BEGIN
    IF EXISTS (SELECT 1 FROM accounts WHERE name = actor AND disabled = 1) THEN
        PERFORM rd_fail('RD004', format('The account %s is disabled.', actor));
    END IF;
    IF v_role = 'none' THEN
        PERFORM rd_fail('RD004', format('%s has no account in this election, so cannot %s.',
                                        actor, p_what));
    END IF;
    IF NOT v_role = ANY (p_roles) THEN
        PERFORM rd_fail('RD004', format(
            '%s is %s account, so cannot %s: that needs %s account.', actor,
            rd_with_article(v_role), p_what,
            (SELECT string_agg(rd_with_article(r), ' or ' ORDER BY i)
             FROM unnest(p_roles) WITH ORDINALITY AS t(r, i))));
    END IF;
    RETURN actor;
END $$;
