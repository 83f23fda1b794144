-- Migration 75: a change begun before the newest audit entry is refused as it takes the
-- write lock, before a re-key counts as a try.
--
-- Migration 41 refuses an entry stamped before the newest (its transaction began, then
-- waited on the write lock while another desk's change, begun a second later, took it
-- first) as a serialization failure, which the client begins again at once. But the
-- refusal came from the audit entry's trigger, at the end of the change: a verification
-- had already moved its account's count of tries (migration 29's sequence, migration 49's
-- memory), which no rollback takes back. The client's retry, the same re-key a moment
-- later, followed a try "taken back", so it compared nothing (every figure marked) and
-- counted twice: at the 3 a.m. peak, with six desks saving, a verifier keying the sheet
-- right was told an earlier try of theirs had gone unanswered and had one try left.
--
-- Now rd_lock, which every write function takes first (and the audit chain's trigger
-- again), refuses it there, with migration 41's words and code: once the lock is held no
-- other change can add an entry before this one's, so what the trigger would find at the
-- end is already known, and nothing outside the transaction has moved yet. The same
-- conditions as the trigger's: only a change whose entries are stamped with its start
-- (rd_now(); a test's stopped clock is left alone), and not past an entry later than the
-- server's clock (a clock put back stops no desk). The trigger stays, for any other writer.
-- Its arguments and result are the same, so its grants (none) stay; running this twice
-- changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_lock() RETURNS bigint
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    seq_now bigint;
    began text := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') || '+00:00';
    newest text;
BEGIN
    UPDATE change_counter SET seq = seq WHERE id = 1 RETURNING seq INTO seq_now;
    -- Read once the lock is held (a new snapshot: READ COMMITTED), so it sees the change
    -- this one waited for.
    IF rd_now() = began THEN
        SELECT at INTO newest FROM audit_log ORDER BY id DESC LIMIT 1;
        IF newest IS NOT NULL AND began < newest
           AND newest <= to_char(clock_timestamp() AT TIME ZONE 'UTC',
                                 'YYYY-MM-DD"T"HH24:MI:SS') || '+00:00' THEN
            RAISE EXCEPTION USING ERRCODE = '40001', MESSAGE = format(
                'this change began at %s, before the newest audit entry (%s): begin it again',
                began, newest);
        END IF;
    END IF;
    RETURN seq_now;
END $$;
