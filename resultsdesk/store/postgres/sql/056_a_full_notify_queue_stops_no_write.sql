-- Migration 56: a full NOTIFY queue stops no write.
--
-- PostgreSQL's queue of notifications is one for the whole server (8 GB), and is emptied
-- only as far as the oldest listening session has read it. Any account of any election can
-- LISTEN in a session held in an open transaction (it sets its own
-- idle_in_transaction_session_timeout to 0) and fill the queue from another with
-- pg_notify: in about 70 s every transaction that notified failed at commit, "54000 too
-- many notifications in the NOTIFY queue", and since every write function ends in
-- rd_notify, no desk of any election on the server could save anything until that session
-- ended. The notification is only a hint for live views to look (they read the change
-- counter themselves, never the payload), so a write no longer sends it once the queue is
-- half full: it commits, and the desks' live feeds, which also read the counter every few
-- seconds (ui/live_feed.py), find it all the same. The change number is taken as before.
-- (CREATE OR REPLACE: same arguments and result, so running this twice changes nothing.)
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_notify() RETURNS void
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    seq bigint := rd_bump();
BEGIN
    IF pg_notification_queue_usage() < 0.5 THEN
        PERFORM pg_notify('resultsdesk', seq::text);
    END IF;
END $$;
