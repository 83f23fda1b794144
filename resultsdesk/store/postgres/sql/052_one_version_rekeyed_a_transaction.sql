-- Migration 52: a transaction re-keys one version; its tries never move to another.
--
-- Migration 49 remembers, outside the transaction, the version of an account's last try
-- that may have been answered, and records the tries taken back there. But it remembered
-- only the last: bob re-keyed Tie Town three times in one transaction (each answered:
-- which figures differ), then another seat awaiting verification once, and rolled it all
-- back. The memory said the other seat, so the four tries taken back were recorded there,
-- none on Tie Town: every seat awaiting verification was worth three more answers on
-- Tie Town, whose own tries were never spent.
--
-- Now each try marks its transaction with the version it re-keys: a shared advisory lock,
-- held until the transaction ends (commit or roll back) and which no account can let go
-- of before then (pg_advisory_unlock frees only session locks), taken by the server, not
-- the account. A try on another version while the transaction holds such a mark is
-- refused (RD002): one version a transaction, so the memory's last version is the only
-- one its tries were on. Shared: two people re-keying the same version never wait on each
-- other for it (writes already queue on rd_lock). verify is migration 49's otherwise.
-- Written so that running it twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

-- The advisory lock space of the marks ("RD", 0x5244), the version's id the second key.
CREATE OR REPLACE FUNCTION rd_rekey_mark_space() RETURNS integer
LANGUAGE sql IMMUTABLE RETURN 21060;

-- The version this transaction has re-keyed other than p_declaration, if any.
CREATE OR REPLACE FUNCTION rd_rekeyed_in_transaction(p_declaration integer)
RETURNS integer
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp AS $$
    SELECT l.objid::text::integer FROM pg_locks l
    WHERE l.locktype = 'advisory' AND l.pid = pg_backend_pid()
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND l.classid = rd_rekey_mark_space()::oid AND l.objsubid = 2
      AND l.objid <> p_declaration::oid
    LIMIT 1
$$;

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
    other integer;
BEGIN
    PERFORM rd_lock();
    actor := rd_require('enter, verify or correct declarations', 'desk', 'admin');
    k := rd_seat(p_seat);
    pending := rd_pending_for(k, actor, p_expected_version, 'verify');
    account := (SELECT id FROM accounts WHERE name = actor);
    memory := rd_answered_sequence(account);
    IF p_votes IS NOT NULL AND memory IS NOT NULL THEN
        other := rd_rekeyed_in_transaction(pending.id);
        IF other IS NOT NULL THEN
            SELECT * INTO earlier FROM declarations WHERE id = other;
            PERFORM rd_fail('RD002', format(
                '%s re-keyed version %s of %s in this transaction: one version a '
                'transaction (commit or roll back first).', actor, earlier.version,
                (SELECT name FROM constituencies WHERE id = earlier.constituency_id)));
        END IF;
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
        PERFORM pg_advisory_xact_lock_shared(rd_rekey_mark_space(), pending.id);
    END IF;
    SELECT v.verified, v.version, v.differences, v.sheet
    INTO verified, version, differences, sheet
    FROM rd_verify_041(p_seat, p_votes, p_invalid, p_expected_version, p_tie_winner,
                       p_electorate) AS v;
END $$;
