-- Migration 62: an admin accepts the audit log as it stands, on the record.
--
-- A PC keeps the newest audit entry it saw of each election (desk/audit_memory.py). When
-- that entry is later gone from the log (the server's database put back from a dump taken
-- before it, say, by its administrator, who records no restore), the window's check says
-- so in red at every opening, for good. On a file an admin accepts the log as it stands,
-- with a reason, in an entry of the log itself ("accept rewritten log": the head that is
-- gone, the head accepted); on a server no client writes an entry of its own, and
-- `audit_note` takes only exports, publications, backups and notes, from any account, so
-- the desk refused it there. This is the server's function for it: an admin only; the
-- details exactly those the desk writes on a file (`desk/audit_accept.rewrite_accepted`),
-- each of its kind, sealing nothing; the reason given (at most 10,000 characters); the
-- head it accepts the newest entry now, under the write lock (an entry written since the
-- desk's check is refused, RD001: check again); and the entry said to be gone not in the
-- log (RD003: nothing to accept). Written so that running it twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION accept_rewritten_log(p_details jsonb) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    keys text[];
    head_id bigint;
    head_hash text;
    entries bigint;
    entry bigint;
BEGIN
    PERFORM rd_require('accept a rewritten audit log as it stands', 'admin');
    PERFORM rd_lock();  -- held to the commit: no entry joins between the check and this one
    IF jsonb_typeof(p_details) IS DISTINCT FROM 'object' THEN
        PERFORM rd_fail('RD003', 'An acceptance''s details are an object.');
    END IF;
    SELECT array_agg(k ORDER BY k) INTO keys FROM jsonb_object_keys(p_details) AS k;
    IF keys IS DISTINCT FROM ARRAY['accepted_entries', 'accepted_entry', 'accepted_hash',
                                   'gone_at', 'gone_entry', 'gone_hash', 'reason',
                                   'seen_at'] THEN
        PERFORM rd_fail('RD003', 'An acceptance''s details are the reason, the entry gone '
                                 '(gone_entry, gone_hash, gone_at, seen_at) and the head '
                                 'accepted (accepted_entry, accepted_hash, '
                                 'accepted_entries), and nothing else.');
    END IF;
    IF jsonb_typeof(p_details->'reason') IS DISTINCT FROM 'string'
       OR btrim(p_details->>'reason') = '' THEN
        PERFORM rd_fail('RD003', 'Accepting the audit log as it stands needs a reason.');
    END IF;
    PERFORM rd_refuse_long('An acceptance''s reason', p_details->>'reason', 10000);
    IF jsonb_typeof(p_details->'gone_entry') IS DISTINCT FROM 'number'
       OR (p_details->>'gone_entry') !~ '^[1-9][0-9]{0,17}$'
       OR jsonb_typeof(p_details->'gone_hash') IS DISTINCT FROM 'string'
       OR (p_details->>'gone_hash') !~ '^[0-9a-f]{64}$'
       OR jsonb_typeof(p_details->'gone_at') IS DISTINCT FROM 'string'
       OR jsonb_typeof(p_details->'seen_at') NOT IN ('string', 'null')
       OR length(p_details->>'gone_at') > 100 OR length(p_details->>'seen_at') > 100
       OR jsonb_typeof(p_details->'accepted_entry') IS DISTINCT FROM 'number'
       OR jsonb_typeof(p_details->'accepted_hash') IS DISTINCT FROM 'string'
       OR jsonb_typeof(p_details->'accepted_entries') IS DISTINCT FROM 'number' THEN
        PERFORM rd_fail('RD003', 'An acceptance names the entry gone by its id, hash and '
                                 'time, and the head accepted by its id, hash and the '
                                 'number of entries.');
    END IF;
    SELECT id, hash INTO head_id, head_hash FROM audit_log ORDER BY id DESC LIMIT 1;
    SELECT count(*) INTO entries FROM audit_log;
    IF (p_details->>'accepted_entry') IS DISTINCT FROM head_id::text
       OR (p_details->>'accepted_hash') IS DISTINCT FROM head_hash
       OR (p_details->>'accepted_entries') IS DISTINCT FROM entries::text THEN
        PERFORM rd_fail('RD001', format('The audit log is no longer as checked: its newest '
                                        'entry is now %s. Check it again before accepting '
                                        'it.', head_id));
    END IF;
    IF EXISTS (SELECT 1 FROM audit_log WHERE hash = p_details->>'gone_hash') THEN
        PERFORM rd_fail('RD003', format('Nothing to accept: entry %s is in the log.',
                                        p_details->>'gone_entry'));
    END IF;
    entry := rd_audit('accept rewritten log', 'election', '', p_details);
    PERFORM rd_notify();
    RETURN entry;
END $$;
REVOKE ALL ON FUNCTION accept_rewritten_log(jsonb) FROM PUBLIC;
