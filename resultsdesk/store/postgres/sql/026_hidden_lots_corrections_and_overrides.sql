-- Migration 26: the audit entry that records a version nobody verified hides all that the
-- views hide of that version, not only its votes.
--
-- Migration 17's views show a hidden version's reason, note, tie winner and overrides as
-- NULL (which candidates tie says something of the figures: desk.declarations.refuse_lot
-- asks four eyes before the window even lists them). But the entry recording it hid only
-- "new", "figures", "votes" and the seal: bob, who may verify alice's lot on her figures
-- awaiting verification, read in its 'decide tie by lot' entry the winner drawn (so which
-- candidates tie at the top) and the note on the drawing ("coin toss between Ting and
-- Tong"); in her 'correct' entry the reason, which says what was misread and often the
-- right figure; in her 'declare' entry the warnings she accepted ("turnout over 100%", "in
-- recount range"). From here on those keys read "hidden until verified" too, for whoever
-- the version is hidden from (desk/visibility.FIGURE_KEYS, the same list on the desk), and
-- such an entry is one a desk's check cannot recompute, as before (hidden_entries).
--
-- Written so that running it twice changes nothing (OR REPLACE, the same columns).
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE VIEW resultsdesk_view.hidden_figures AS
    WITH hidden AS (
        SELECT d.id, d.constituency_id, d.version, k.code
        FROM resultsdesk.declarations d
        JOIN resultsdesk.constituencies k ON k.id = d.constituency_id
        WHERE d.status IN ('provisional', 'superseded', 'rejected', 'withdrawn')
          AND d.verified_by IS NULL
          AND resultsdesk.rd_hidden_version(d.status, d.entered_by, d.verified_by))
    SELECT a.id AS entry_id, h.id AS declaration_id, f.key
    FROM hidden h
    JOIN resultsdesk.audit_log a ON a.entity_key = h.code
    CROSS JOIN unnest(ARRAY['new', 'figures', 'votes', 'figures_sha256', 'overrides',
                            'reason', 'winner', 'note']) AS f(key)
    WHERE a.action IN ('declare', 'correct', 'decide tie by lot')
      AND (a.details::jsonb ->> 'declaration_id')::bigint = h.id
    UNION ALL
    SELECT a.id, n.id, 'old'
    FROM hidden h
    JOIN resultsdesk.declarations n ON n.constituency_id = h.constituency_id
                                   AND n.version = h.version + 1
    JOIN resultsdesk.audit_log a ON a.entity_key = h.code
    WHERE a.action = 'declare' AND (a.details::jsonb ->> 'declaration_id')::bigint = n.id;
