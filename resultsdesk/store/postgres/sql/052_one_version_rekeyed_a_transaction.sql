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
-- Now each try marks its transaction with the version it re-keys: a row of rekey_marks
-- (the transaction's id, the version's), which only this function writes and no account
-- can read, lock or change, and which goes with the transaction if it is rolled back. A
-- try on another version while the transaction holds a mark is refused (RD002): one
-- version a transaction, so the memory's last version is the only one its tries were on.
-- The marks of transactions that ended are cleared by the next try (writes queue on
-- rd_lock, so no other transaction holding marks is open then). Not an advisory lock, as
-- this migration first had it: any account may take advisory locks (pg_advisory_lock is
-- open to every role), and an editor took those of the next 200 versions, so that every
-- re-key of them waited, holding the write lock, until the busy timeout refused it.
-- verify is migration 49's otherwise. Written so that running it twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

-- The version each open transaction re-keys (see above); the owner's alone.
CREATE TABLE IF NOT EXISTS rekey_marks (
    transaction_id bigint NOT NULL,
    declaration_id integer NOT NULL,
    PRIMARY KEY (transaction_id, declaration_id)
);
-- Left by the first form of this migration (advisory locks), where it ran.
DROP FUNCTION IF EXISTS rd_rekeyed_in_transaction(integer);
DROP FUNCTION IF EXISTS rd_rekey_mark_space();

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
        DELETE FROM rekey_marks WHERE transaction_id <> txid_current();  -- ended ones
        SELECT m.declaration_id INTO other FROM rekey_marks m
        WHERE m.transaction_id = txid_current() AND m.declaration_id <> pending.id LIMIT 1;
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
        INSERT INTO rekey_marks (transaction_id, declaration_id)
        VALUES (txid_current(), pending.id) ON CONFLICT DO NOTHING;
    END IF;
    SELECT v.verified, v.version, v.differences, v.sheet
    INTO verified, version, differences, sheet
    FROM rd_verify_041(p_seat, p_votes, p_invalid, p_expected_version, p_tie_winner,
                       p_electorate) AS v;
END $$;
