-- Migration 51: a hidden version's votes are NULL in the votes view, not only left out.
--
-- The votes view (migration 45) left out the votes of a version whose figures the session
-- may not see, and gave the rest as stored. But `=`, `<` and `<=` on integers are
-- leakproof, so the planner may check a reader's own condition on `votes` at the scan of
-- the table beneath, before the view's filter, and EXPLAIN ANALYZE reports how many rows
-- passed there: `... WHERE declaration_id = 1 AND candidate_id = 3 AND votes <= 12345`
-- gave one row at the scan where the hidden figure was 12,345 or less, none where it was
-- more. A verifier bisected each candidate's votes of someone else's entry in 31
-- statements, nothing on record, and verified it at the first try. Migration 48 took the
-- planner's statistics away, which fixed EXPLAIN's estimates, not these counts.
--
-- Now the view gives each vote as NULL where its version is hidden (the same rule as the
-- filter's): whatever a condition on `votes` is checked against, and wherever, a hidden
-- version's rows hold nothing to compare. They are still left out, as before, and what
-- each account reads is unchanged. Written so that running it twice changes nothing (OR
-- REPLACE, the same columns in the same order).
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE VIEW resultsdesk_view.declaration_votes WITH (security_barrier) AS
    SELECT v.declaration_id, v.candidate_id,
           CASE WHEN EXISTS (SELECT 1 FROM resultsdesk.declarations d
                             WHERE d.id = v.declaration_id
                               AND d.status IN ('provisional', 'superseded', 'rejected',
                                                'withdrawn')
                               AND d.verified_by IS NULL
                               AND resultsdesk.rd_version_hidden(
                                   d.status, d.entered_by, d.verified_by,
                                   (SELECT resultsdesk.rd_session_disabled()),
                                   (SELECT resultsdesk.rd_sees_all_pending())))
                THEN NULL ELSE v.votes END AS votes
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
