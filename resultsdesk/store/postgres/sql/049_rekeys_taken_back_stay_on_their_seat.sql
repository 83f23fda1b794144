-- Migration 49: a re-key taken back is recorded on the seat it was tried on.
--
-- A try taken back (rolled back) is answered: it says which figures differ. Migration 41
-- counts it against the version the account's next try records it on, and that next try
-- could be on any seat: bob took back a try on Tiverton (answered), then let a committed
-- try on Earley and Woodley record it there (its own answer blanked), and again: five of
-- Tiverton's seven figures confirmed, nothing on Tiverton's record, its three tries never
-- spent; every seat awaiting verification a decoy for two or three answers.
--
-- Now the declaration of every try that may be answered (none taken back before it) is
-- remembered outside the transaction: a per-account sequence set to its id (setval is
-- not rolled back, as migration 29's try counter is not). While tries are taken back and
-- unrecorded, a re-key of any other version is refused (RD002) as long as that one still
-- awaits verification: the next try must be on it, which records the tries taken back
-- against it (migration 41's 'undone'), where they count. verify is wrapped, not copied:
-- migration 41's is renamed rd_verify_041, granted to nobody (see there). Written so that
-- running it twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

DO $$
BEGIN
    IF to_regprocedure('resultsdesk.rd_verify_041(text, integer[], integer, integer, '
                       'integer, integer)') IS NULL THEN
        ALTER FUNCTION verify(text, integer[], integer, integer, integer, integer)
            RENAME TO rd_verify_041;
    END IF;
END $$;
DO $$
DECLARE
    grantee text;
BEGIN
    FOR grantee IN
        SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC'
                    ELSE quote_ident(pg_get_userbyid(a.grantee)) END
        FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) AS a
        WHERE p.oid = 'resultsdesk.rd_verify_041(text, integer[], integer, integer, '
                      'integer, integer)'::regprocedure AND a.grantee <> p.proowner
    LOOP
        EXECUTE format('REVOKE ALL ON FUNCTION rd_verify_041(text, integer[], integer, '
                       'integer, integer, integer) FROM %s', grantee);
    END LOOP;
END $$;

-- The sequence holding the declaration of an account's last try that may have been
-- answered (NULL if it has none).
CREATE OR REPLACE FUNCTION rd_answered_sequence(p_account integer) RETURNS regclass
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp
RETURN to_regclass(format('resultsdesk.rd_verify_answered_%s', p_account));

-- Migration 29's count of tries, and now the memory of where the last answered one was,
-- for every account as it is added (the accounts_count_tries trigger calls this).
CREATE OR REPLACE FUNCTION rd_count_tries_of(p_account integer) RETURNS void
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS resultsdesk.%I MINVALUE 1',
                   'rd_verify_tries_' || p_account);
    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS resultsdesk.%I MINVALUE 0 START 0',
                   'rd_verify_answered_' || p_account);
    INSERT INTO verify_tries (account_id) VALUES (p_account) ON CONFLICT DO NOTHING;
END $$;

SELECT rd_count_tries_of(id) FROM accounts ORDER BY id;

-- The declaration the account's last answered try was on (0: none yet).
CREATE OR REPLACE FUNCTION rd_last_answered(p_account integer) RETURNS bigint
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    memory regclass := rd_answered_sequence(p_account);
    found bigint;
BEGIN
    IF memory IS NULL THEN
        RETURN 0;
    END IF;
    EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM %s', memory)
        INTO found;
    RETURN found;
END $$;

CREATE OR REPLACE FUNCTION verify(p_seat text, p_votes integer[] DEFAULT NULL,
                       p_invalid integer DEFAULT NULL,
                       p_expected_version integer DEFAULT NULL,
                       p_tie_winner integer DEFAULT NULL,
                       p_electorate integer DEFAULT NULL,
                       OUT verified boolean, OUT version integer, OUT differences text[],
                       OUT sheet jsonb)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
#variable_conflict use_column
DECLARE
    actor text;
    account integer;
    k constituencies;
    pending declarations;
    last_id bigint;
    earlier declarations;
    memory regclass;
BEGIN
    PERFORM rd_lock();
    actor := rd_require('enter, verify or correct declarations', 'desk', 'admin');
    k := rd_seat(p_seat);
    pending := rd_pending_for(k, actor, p_expected_version, 'verify');
    account := (SELECT id FROM accounts WHERE name = actor);
    memory := rd_answered_sequence(account);
    IF p_votes IS NOT NULL AND memory IS NOT NULL THEN
        IF rd_tries_taken_back(actor) > 0 THEN
            last_id := rd_last_answered(account);
            SELECT * INTO earlier FROM declarations WHERE id = last_id;
            IF FOUND AND earlier.id <> pending.id AND earlier.status = 'provisional' THEN
                PERFORM rd_fail('RD002', format(
                    '%s took back a re-key of version %s of %s: re-key that version '
                    'again first (it records the try taken back there), or leave it to '
                    'another person.', actor, earlier.version,
                    (SELECT name FROM constituencies WHERE id = earlier.constituency_id)));
            END IF;
        ELSE
            PERFORM setval(memory, pending.id);  -- this try may be answered: where it is
        END IF;
    END IF;
    SELECT v.verified, v.version, v.differences, v.sheet
    INTO verified, version, differences, sheet
    FROM rd_verify_041(p_seat, p_votes, p_invalid, p_expected_version, p_tie_winner,
                       p_electorate) AS v;
END $$;
