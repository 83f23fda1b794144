-- Migration 17: blind means blind for figures rejected or withdrawn, and for lots.
--
-- 1. Migrations 12 and 16 hid the figures of a version nobody verified while it awaited
--    verification or was superseded. A rejected or withdrawn version's were everyone's,
--    but nobody verified those either: bob, who could verify alice's entry, could reject it
--    to the desk without re-keying and then read it (views, audit log, the 'declare' entry
--    of the next version, which records it as "old"); if alice entered the same figures
--    again he copied them into his "blind" re-key. From here on every version with no
--    verifier (verified_by NULL and not 'verified': pending, rejected, withdrawn,
--    superseded before anyone verified it) shows its figures only to the account that
--    keyed it and to editors (desk/visibility.Viewer.sees_figures, the same rule in the
--    app). That it was rejected or withdrawn, by whom, when and why stays everyone's: the
--    'reject' and 'withdraw' audit entries are unchanged, and a rejected version's `note`
--    (reject() writes the rejection comment there, which the form that keys the seat again
--    shows) is read by all.
-- 2. decide_tie made a new version entered by whoever records the lot, copying the figures
--    it is drawn on: recorded by bob on alice's figures awaiting verification, that version
--    was his, so he read her figures. A lot on figures nobody verified yet may now be
--    recorded only by whoever keyed them (RD002, as desk/declarations.refuse_lot says it);
--    on verified figures, by any desk account as before.
--
-- Written so that running it twice, or migrations 12 and 16 again before it, changes
-- nothing (OR REPLACE, the same columns in the same order).
SET LOCAL search_path = resultsdesk, pg_temp;

-- Whether a version's figures are hidden from the session: nobody verified them, keyed by
-- another account, and the session's is no editor's. (Migration 16's signature, so its
-- callers keep working; p_status: a 'verified' version always has its verifier.)
CREATE OR REPLACE FUNCTION rd_hidden_version(p_status text, p_entered_by text,
                                             p_verified_by text) RETURNS boolean
LANGUAGE sql STABLE
RETURN p_status IS DISTINCT FROM 'verified' AND p_verified_by IS NULL
       AND p_entered_by IS DISTINCT FROM session_user
       AND NOT resultsdesk.rd_sees_all_pending();

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
    CROSS JOIN LATERAL (SELECT resultsdesk.rd_hidden_version(d.status, d.entered_by,
                                                             d.verified_by) AS hidden) AS h;

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
                        AND resultsdesk.rd_hidden_version(d.status, d.entered_by,
                                                          d.verified_by));

-- Migration 16's keys, for every version hidden by the rule above.
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
    CROSS JOIN unnest(ARRAY['new', 'figures', 'votes', 'figures_sha256']) AS f(key)
    WHERE a.action IN ('declare', 'correct', 'decide tie by lot')
      AND (a.details::jsonb ->> 'declaration_id')::bigint = h.id
    UNION ALL
    SELECT a.id, n.id, 'old'
    FROM hidden h
    JOIN resultsdesk.declarations n ON n.constituency_id = h.constituency_id
                                   AND n.version = h.version + 1
    JOIN resultsdesk.audit_log a ON a.entity_key = h.code
    WHERE a.action = 'declare' AND (a.details::jsonb ->> 'declaration_id')::bigint = n.id;

-- Everyone whose unverified keying is in a version: its author and, for a lot recorded on
-- figures nobody had verified yet, whoever keyed those (desk.declarations.figure_authors;
-- migration 4's rd_pending_for asks the same of the version it verifies or rejects).
CREATE OR REPLACE FUNCTION rd_figure_authors(k constituencies, d declarations)
RETURNS text[]
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    base declarations;
BEGIN
    IF d.kind = 'lot' THEN
        SELECT * INTO base FROM declarations b
        WHERE b.constituency_id = k.id AND b.version < d.version
          AND rd_votes(b.id) = rd_votes(d.id)
          AND b.invalid_votes IS NOT DISTINCT FROM d.invalid_votes
        ORDER BY b.version DESC LIMIT 1;
        IF FOUND AND base.verified_by IS NULL THEN
            RETURN ARRAY[d.entered_by, base.entered_by];
        END IF;
    END IF;
    RETURN ARRAY[d.entered_by];
END $$;

-- The candidate the returning officer drew by lot: a new version (kind 'lot') of the
-- figures awaiting verification or verified, verified like any other. On figures awaiting
-- verification only whoever keyed them may record it. Returns its version.
CREATE OR REPLACE FUNCTION decide_tie(p_seat text, p_winner integer, p_note text,
                                      p_expected_version integer DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    actor text;
    k constituencies;
    base declarations;
    votes integer[];
    d declarations;
    author text;
    note text := btrim(coalesce(p_note, ''));
BEGIN
    PERFORM rd_lock();
    actor := rd_require('enter, verify or correct declarations', 'desk', 'admin');
    IF note = '' THEN
        PERFORM rd_fail('RD003', 'Add a note on the drawing of lots (who drew, how).');
    END IF;
    k := rd_seat(p_seat);
    PERFORM rd_check_version(k, p_expected_version);
    base := rd_latest(k.id);
    IF base.status IS DISTINCT FROM 'provisional' THEN
        base := rd_verified(k.id);
    END IF;
    IF base.id IS NULL THEN
        PERFORM rd_fail('RD003', format('%s has no figures yet.', k.name));
    END IF;
    -- Before any check of the winner: whether the candidates tie is the figures' to say.
    IF base.verified_by IS NULL THEN
        FOREACH author IN ARRAY rd_figure_authors(k, base) LOOP
            IF NOT rd_same_user(actor, author) THEN
                PERFORM rd_fail('RD002', format(
                    '%s entered the figures of version %s of %s, awaiting verification: only '
                    '%s can record a lot on them until a second person verifies them; after '
                    'that anyone can.', author, base.version, k.name, author));
            END IF;
        END LOOP;
    END IF;
    votes := rd_votes(base.id);
    PERFORM rd_check_tie_winner(k, votes, p_winner);
    d := rd_insert_version(k, 'lot', votes, base.invalid_votes, base.electorate,
                           base.total_as_read, base.overrides, 'desk', base.reason, note,
                           p_winner, NULL);
    PERFORM rd_audit('decide tie by lot', 'constituency', k.code, jsonb_build_object(
        'version', d.version, 'note', note,
        'winner', (SELECT btrim(first_name || ' ' || surname) FROM candidates
                   WHERE id = p_winner)) || rd_seal(d.id));
    PERFORM rd_notify();
    RETURN d.version;
END $$;
