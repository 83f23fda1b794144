-- Migration 24: a disabled account reads no figures nobody verified, as on the desk
-- (desk/visibility.viewer_for: a disabled account's Viewer sees none).
--
-- Migration 20's disable_user ends the account's open sessions before its transaction
-- commits (a function cannot wait for that), so a client that reconnects in between is
-- signed in again: the login role still has LOGIN until the commit. That session then
-- outlives the disable; a client reconnecting in a loop gets one every time. Where the
-- preparer could not grant pg_signal_backend, every open session outlives it. Writes are
-- refused (rd_require reads accounts.disabled), but reads went on as before: a disabled
-- editor read every version awaiting verification, figures and all, for as long as it
-- kept the connection. From here on the views of migration 17 show such a session no
-- figures nobody verified, its own included; verified ones stay readable, as they are on
-- air anyway.
--
-- Written so that running it twice changes nothing (OR REPLACE, the same signatures and
-- results, so the views that call these functions and their grants stay as they are).
SET LOCAL search_path = resultsdesk, pg_temp;

-- Whether the session's account sees every unverified version's figures: an editor's
-- does, unless it is disabled.
CREATE OR REPLACE FUNCTION rd_sees_all_pending() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = resultsdesk, pg_temp
COST 1000  -- asked last, only of the rows that are unverified and someone else's
AS $$
    SELECT rd_role_of(session_user) = 'editor'
           AND NOT EXISTS (SELECT 1 FROM accounts WHERE name = session_user AND disabled = 1)
$$;

-- Whether the session's account is disabled (asked of its own unverified versions only).
CREATE OR REPLACE FUNCTION rd_session_disabled() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = resultsdesk, pg_temp
COST 1000
AS $$
    SELECT EXISTS (SELECT 1 FROM accounts WHERE name = session_user AND disabled = 1)
$$;

-- Whether a version's figures are hidden from the session: nobody verified them, and the
-- session's account neither keyed them (while enabled) nor is an enabled editor's.
-- (Migration 17's rule; the disabled account asked of one's own versions only.) Function
-- calls only, no sub-select: the planner inlines it into the views, so a live query for the
-- seats changed since a sequence number still reads them by the change index
-- (tests/desk/test_live_shape.py), where a sub-select here made it scan every vote.
CREATE OR REPLACE FUNCTION rd_hidden_version(p_status text, p_entered_by text,
                                             p_verified_by text) RETURNS boolean
LANGUAGE sql STABLE
RETURN p_status IS DISTINCT FROM 'verified' AND p_verified_by IS NULL
       AND (p_entered_by IS DISTINCT FROM session_user
            OR resultsdesk.rd_session_disabled())
       AND NOT resultsdesk.rd_sees_all_pending();
