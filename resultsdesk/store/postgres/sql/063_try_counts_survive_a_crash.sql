-- Migration 63: a server that died and came back counts no re-key as taken back.
--
-- Migration 29 counts each account's tries with a sequence (not rolled back), so a try taken
-- back is found by a counter ahead of the tries recorded. But `nextval` writes a sequence
-- to the WAL 32 values ahead of what it hands out, and a server that dies (a crash, power
-- lost, `pg_ctl stop -m immediate`, a failover to its standby) comes back at that logged
-- value: bob, who had re-keyed anything since the last checkpoint, was 32 tries "taken
-- back" ahead. His next re-key of another seat was refused ("bob took back a re-key of
-- version 1 of Hendon: re-key that version again first"), and his right figures for the
-- seat he had tried were answered as differing in every field and recorded 31 tries taken
-- back, so he could not try that entry again: "re-keyed 3 times without a match".
--
-- Now each try moves the counter with `setval`, which the WAL holds exactly (it is no more
-- rolled back than `nextval`): a server that comes back has the count it had. Each call
-- reads the counter holding its account's row of verify_tries (and the write lock, rd_lock,
-- which verify takes first), so no two tries read the same value. Counters a crash already moved on are left as they are (a try really taken back
-- cannot be told from one): a verifier stuck that way leaves the entry to another person.
-- Written so that running it twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_next_try(p_actor text) RETURNS bigint
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    account integer := (SELECT id FROM accounts WHERE name = p_actor);
    tries regclass := rd_tries_sequence(account);
    started bigint;
    try bigint;
    before bigint;
BEGIN
    IF tries IS NULL THEN
        RETURN NULL;
    END IF;
    -- The account's row locked before the counter is read: two tries of one account never
    -- read the same value, even outside the write lock.
    SELECT recorded INTO before FROM verify_tries WHERE account_id = account FOR UPDATE;
    EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM %s', tries)
        INTO started;
    try := started + 1;
    PERFORM setval(tries, try);  -- logged as it is: not 32 ahead, as nextval logs it
    UPDATE verify_tries SET recorded = try WHERE account_id = account;
    RETURN try - 1 - coalesce(before, 0);
END $$;
REVOKE ALL ON FUNCTION rd_next_try(text) FROM PUBLIC;
