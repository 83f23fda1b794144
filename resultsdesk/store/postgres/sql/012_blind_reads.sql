-- Migration 12: blind means blind on the server too. Until now every account could SELECT
-- every table, so whoever could verify a version could read its figures with plain SQL
-- (declarations, declaration_votes, the 'declare' audit entry's details) and copy them into
-- the "blind" re-key. From here on no account reads those tables: grants.sql gives them the
-- views of the schema resultsdesk_view instead, which show a version awaiting verification
-- (status 'provisional') with its figures only to the account that entered it and to
-- editors, as desk/visibility.Viewer does in the app (desk staff and admins, who verify,
-- see only their own). Anyone else sees that it exists, who entered it and when, nothing
-- more. The database's search_path puts resultsdesk_view first, so the app's unqualified
-- SQL reads the views under the tables' own names; the server's functions (fixed
-- search_path resultsdesk, running as the owner) keep reading the tables.
--
-- Written so that running it twice changes nothing (IF NOT EXISTS, OR REPLACE).
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE SCHEMA IF NOT EXISTS resultsdesk_view;

-- Whether the session's account sees every pending version's figures: an editor's does.
-- (SECURITY DEFINER: the group memberships are the owner's to read; the view's users get
-- EXECUTE on it in grants.sql.)
CREATE OR REPLACE FUNCTION rd_sees_all_pending() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = resultsdesk, pg_temp
COST 1000  -- asked last, only of the rows that are pending and someone else's
AS $$ SELECT rd_role_of(session_user) = 'editor' $$;

-- Whether the figures of a version (its status and who entered it) are hidden from the
-- session: pending, keyed by another account, and the session's is no editor's.
CREATE OR REPLACE FUNCTION rd_hidden(p_status text, p_entered_by text) RETURNS boolean
LANGUAGE sql STABLE
RETURN p_status = 'provisional' AND p_entered_by IS DISTINCT FROM session_user
       AND NOT resultsdesk.rd_sees_all_pending();

-- An audit entry's details as someone who may not see the version it seals reads them:
-- the figures it records ("new", "figures", "votes") and their digest read "hidden until
-- verified" (desk/audit_text.HIDDEN_FIGURES), the rest (version, count, who) as stored.
CREATE OR REPLACE FUNCTION rd_hide_figures(p_details text) RETURNS text
LANGUAGE sql IMMUTABLE SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
    SELECT rd_canonical(j || coalesce((
        SELECT jsonb_object_agg(k, 'hidden until verified')
        FROM jsonb_object_keys(j) AS k
        WHERE k IN ('new', 'figures', 'votes', 'figures_sha256')), '{}'::jsonb))
    FROM (SELECT p_details::jsonb AS j) AS s
$$;

-- Declarations: every version, with the figures of those hidden from the session left
-- out (NULL). Same columns, in the same order, as the table.
CREATE OR REPLACE VIEW resultsdesk_view.declarations AS
    SELECT d.id, d.constituency_id, d.version, d.status, d.count_number,
           CASE WHEN h.hidden THEN NULL ELSE d.electorate END AS electorate,
           CASE WHEN h.hidden THEN NULL ELSE d.invalid_votes END AS invalid_votes,
           CASE WHEN h.hidden THEN NULL ELSE d.total_as_read END AS total_as_read,
           d.declared_at, d.entered_by, d.entered_at, d.verified_by, d.verified_at, d.source,
           CASE WHEN h.hidden THEN NULL ELSE d.reason END AS reason,
           CASE WHEN h.hidden THEN NULL ELSE d.note END AS note,
           CASE WHEN h.hidden THEN NULL ELSE d.tie_winner_candidate_id END
               AS tie_winner_candidate_id,
           d.kind,
           CASE WHEN h.hidden THEN NULL ELSE d.overrides END AS overrides,
           d.verification_mode
    FROM resultsdesk.declarations d
    CROSS JOIN LATERAL (SELECT resultsdesk.rd_hidden(d.status, d.entered_by) AS hidden) AS h;

-- Votes: none of a version hidden from the session, as if not keyed yet. A security
-- barrier: a condition of the reader's own (a division by votes - 12345) is applied only to
-- the rows left, never to hidden ones.
CREATE OR REPLACE VIEW resultsdesk_view.declaration_votes WITH (security_barrier) AS
    SELECT v.declaration_id, v.candidate_id, v.votes
    FROM resultsdesk.declaration_votes v
    WHERE NOT EXISTS (SELECT 1 FROM resultsdesk.declarations d
                      WHERE d.id = v.declaration_id AND d.status = 'provisional'
                        AND resultsdesk.rd_hidden(d.status, d.entered_by));

-- The entries that seal a version hidden from the session (at most one pending version
-- per seat, so few), for the view below and for the audit check (store/audit_log.py),
-- which cannot recompute their hashes and says so.
CREATE OR REPLACE VIEW resultsdesk_view.hidden_entries AS
    SELECT a.id AS entry_id, d.id AS declaration_id
    FROM resultsdesk.declarations d
    JOIN resultsdesk.constituencies k ON k.id = d.constituency_id
    JOIN resultsdesk.audit_log a ON a.entity_key = k.code
    WHERE d.status = 'provisional' AND resultsdesk.rd_hidden(d.status, d.entered_by)
      AND a.action IN ('declare', 'correct', 'decide tie by lot')
      AND (a.details::jsonb ->> 'declaration_id')::bigint = d.id;

CREATE OR REPLACE VIEW resultsdesk_view.audit_log AS
    SELECT a.id, a.at, a."user", a.action, a.entity, a.entity_key,
           CASE WHEN a.id IN (SELECT entry_id FROM resultsdesk_view.hidden_entries)
                THEN resultsdesk.rd_hide_figures(a.details) ELSE a.details END AS details,
           a.prev_hash, a.hash
    FROM resultsdesk.audit_log a;

-- The two views of migration 1, on the masked declarations (which version a seat shows or
-- counts is no secret: its status and number are read from the table).
CREATE OR REPLACE VIEW resultsdesk_view.verified_declarations AS
    SELECT d.* FROM resultsdesk_view.declarations d
    WHERE d.status = 'verified' AND d.version = (
        SELECT max(v.version) FROM resultsdesk.declarations v
        WHERE v.constituency_id = d.constituency_id AND v.status = 'verified');

CREATE OR REPLACE VIEW resultsdesk_view.latest_declarations AS
    SELECT d.* FROM resultsdesk_view.declarations d
    WHERE d.id = (
        SELECT v.id FROM resultsdesk.declarations v
        WHERE v.constituency_id = d.constituency_id
          AND v.status IN ('provisional', 'verified')
        ORDER BY v.status = 'verified' DESC, v.version DESC LIMIT 1);
