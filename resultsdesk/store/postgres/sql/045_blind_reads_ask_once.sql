-- Migration 45: the blind views ask who the session is once per statement, not once per row.
--
-- Migration 24's rule (rd_hidden_version) asks two questions of the session for each
-- version nobody verified: whether its account is disabled and whether it sees every
-- pending version (an editor's). Each answer is a SECURITY DEFINER call that sets its
-- search_path, ~0.3 ms. The figures view asked them for every row of a version nobody
-- verified, once per masked column (the planner copies the rule into each), and the votes
-- view once for every vote of such a version, a whole table's worth: a desk's load of one
-- seat's versions took ~60 ms on a night of a few hundred versions, most of it these
-- calls, and grew with the night.
--
-- The rule is now one function of the two answers (rd_version_hidden), and the two views
-- give it the answers as uncorrelated sub-selects: each is worked out once per statement,
-- when a row first needs it (the figures view's eight masked columns each have their own
-- copy: at most sixteen calls a statement, however many rows, none if all are verified).
-- rd_hidden_version (the other views') is the same rule through it. What each view shows,
-- and to whom, is unchanged; only how often the session is asked. Written so that running it twice changes nothing (OR REPLACE, the same columns
-- in the same order).
SET LOCAL search_path = resultsdesk, pg_temp;

-- Whether a version's figures are hidden from the session, given whether its account is
-- disabled and whether it sees every pending version (migration 24's rule). Function calls
-- only, no sub-select, so the planner inlines it (migration 24's reason).
CREATE OR REPLACE FUNCTION rd_version_hidden(p_status text, p_entered_by text,
                                             p_verified_by text, p_session_disabled boolean,
                                             p_sees_all_pending boolean) RETURNS boolean
LANGUAGE sql STABLE
RETURN p_status IS DISTINCT FROM 'verified' AND p_verified_by IS NULL
       AND (p_entered_by IS DISTINCT FROM session_user OR p_session_disabled)
       AND NOT p_sees_all_pending;

CREATE OR REPLACE FUNCTION rd_hidden_version(p_status text, p_entered_by text,
                                             p_verified_by text) RETURNS boolean
LANGUAGE sql STABLE
RETURN resultsdesk.rd_version_hidden(p_status, p_entered_by, p_verified_by,
                                     resultsdesk.rd_session_disabled(),
                                     resultsdesk.rd_sees_all_pending());

CREATE OR REPLACE VIEW resultsdesk_view.declarations AS
    SELECT d.id, d.constituency_id, d.version, d.status, d.count_number,
           CASE WHEN h.hidden THEN NULL ELSE d.electorate END AS electorate,
           CASE WHEN h.hidden THEN NULL ELSE d.invalid_votes END AS invalid_votes,
           CASE WHEN h.hidden THEN NULL ELSE d.total_as_read END AS total_as_read,
           d.declared_at, d.entered_by, d.entered_at, d.verified_by, d.verified_at, d.source,
           CASE WHEN h.hidden THEN NULL ELSE d.reason END AS reason,
           -- A rejected version's note is the rejection comment (reject() replaced the
           -- entry's own with it): the desk's, not the figures'.
           CASE WHEN h.hidden AND d.status <> 'rejected' THEN NULL ELSE d.note END AS note,
           CASE WHEN h.hidden THEN NULL ELSE d.tie_winner_candidate_id END
               AS tie_winner_candidate_id,
           d.kind,
           CASE WHEN h.hidden THEN NULL ELSE d.overrides END AS overrides,
           d.verification_mode
    FROM resultsdesk.declarations d
    CROSS JOIN LATERAL (SELECT resultsdesk.rd_version_hidden(
                            d.status, d.entered_by, d.verified_by,
                            (SELECT resultsdesk.rd_session_disabled()),
                            (SELECT resultsdesk.rd_sees_all_pending())) AS hidden) AS h;

CREATE OR REPLACE VIEW resultsdesk_view.declaration_votes WITH (security_barrier) AS
    SELECT v.declaration_id, v.candidate_id, v.votes
    FROM resultsdesk.declaration_votes v
    WHERE NOT EXISTS (SELECT 1 FROM resultsdesk.declarations d
                      WHERE d.id = v.declaration_id
                        -- Every status but 'verified' (the table's CHECK lists them), so
                        -- the plan can use declarations_pending rather than scan them all.
                        AND d.status IN ('provisional', 'superseded', 'rejected',
                                         'withdrawn')
                        AND d.verified_by IS NULL
                        AND resultsdesk.rd_version_hidden(
                            d.status, d.entered_by, d.verified_by,
                            (SELECT resultsdesk.rd_session_disabled()),
                            (SELECT resultsdesk.rd_sees_all_pending())));
