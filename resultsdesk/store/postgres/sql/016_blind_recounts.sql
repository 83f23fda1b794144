-- Migration 16: blind means blind whatever the seat's recount state. Migration 12 hid the
-- figures of a version only while its status was 'provisional'. But any desk account may
-- mark a recount, and mark_recount makes an unverified count it replaces 'superseded'
-- (nothing to verify any more): so bob, by marking a recount, could read alice's figures
-- awaiting verification at once, with plain SQL, in the sheet the server hands back after
-- his next save, and in his recount's 'declare' entry, which records the count it
-- replaced as "old" (and he could call the recount off and verify her next entry from
-- them). From here on a version whose figures nobody verified, awaiting verification or
-- superseded before anyone did, shows them only to the account that keyed it and to editors
-- (desk/visibility.Viewer.sees_figures, the same rule in the app); a verified version, the
-- recount under way and who keyed what, when, stay everyone's.
--
-- Written so that running it twice, or migration 12 again before it, changes nothing
-- (OR REPLACE; hidden_entries keeps migration 12's two columns).
SET LOCAL search_path = resultsdesk, pg_temp;

-- Whether a version's figures (its status, who keyed it, who verified it) are hidden from
-- the session: nobody verified them (awaiting verification, or superseded before anyone
-- did: a recount called, or its author's own newer entry), keyed by another account, and
-- the session's is no editor's.
CREATE OR REPLACE FUNCTION rd_hidden_version(p_status text, p_entered_by text,
                                             p_verified_by text) RETURNS boolean
LANGUAGE sql STABLE
RETURN (p_status = 'provisional' OR (p_status = 'superseded' AND p_verified_by IS NULL))
       AND p_entered_by IS DISTINCT FROM session_user
       AND NOT resultsdesk.rd_sees_all_pending();

-- An audit entry's details with the keys named read "hidden until verified".
CREATE OR REPLACE FUNCTION rd_hide_keys(p_details text, p_keys text[]) RETURNS text
LANGUAGE sql IMMUTABLE SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
    SELECT rd_canonical(j || coalesce((
        SELECT jsonb_object_agg(k, 'hidden until verified')
        FROM jsonb_object_keys(j) AS k WHERE k = ANY (p_keys)), '{}'::jsonb))
    FROM (SELECT p_details::jsonb AS j) AS s
$$;

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
    CROSS JOIN LATERAL (SELECT resultsdesk.rd_hidden_version(d.status, d.entered_by,
                                                             d.verified_by) AS hidden) AS h;

CREATE OR REPLACE VIEW resultsdesk_view.declaration_votes WITH (security_barrier) AS
    SELECT v.declaration_id, v.candidate_id, v.votes
    FROM resultsdesk.declaration_votes v
    WHERE NOT EXISTS (SELECT 1 FROM resultsdesk.declarations d
                      WHERE d.id = v.declaration_id
                        AND d.status IN ('provisional', 'superseded')
                        AND d.verified_by IS NULL
                        AND resultsdesk.rd_hidden_version(d.status, d.entered_by,
                                                          d.verified_by));

-- Which keys of which audit entries the session may not read (at most a few hidden
-- versions per seat): the figures an entry seals ('declare', 'correct', a lot) of a hidden
-- version, and the figures a 'declare' entry records of the version it replaced ("old":
-- the one numbered just before it), if that one is hidden. `declaration_id`: the version
-- the entry seals.
CREATE OR REPLACE VIEW resultsdesk_view.hidden_figures AS
    WITH hidden AS (
        SELECT d.id, d.constituency_id, d.version, k.code
        FROM resultsdesk.declarations d
        JOIN resultsdesk.constituencies k ON k.id = d.constituency_id
        WHERE d.status IN ('provisional', 'superseded') AND d.verified_by IS NULL
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

-- Migration 12's list, for the audit check (store/audit_log.py): every entry it cannot
-- recompute the hash of, with the version it seals.
CREATE OR REPLACE VIEW resultsdesk_view.hidden_entries AS
    SELECT DISTINCT entry_id, declaration_id FROM resultsdesk_view.hidden_figures;

CREATE OR REPLACE VIEW resultsdesk_view.audit_log AS
    SELECT a.id, a.at, a."user", a.action, a.entity, a.entity_key,
           CASE WHEN h.keys IS NULL THEN a.details
                ELSE resultsdesk.rd_hide_keys(a.details, h.keys) END AS details,
           a.prev_hash, a.hash
    FROM resultsdesk.audit_log a
    LEFT JOIN (SELECT entry_id, array_agg(key) AS keys FROM resultsdesk_view.hidden_figures
               GROUP BY entry_id) AS h ON h.entry_id = a.id;

-- The seat a save function hands back (migration 8) as the session may read it: through
-- the views above, so the figures of a version hidden from it are NULL and its votes none,
-- as in a read of its own. (The views read as their owner, the functions' too; which
-- account asks is the session's.)
CREATE OR REPLACE FUNCTION rd_sheet(p_constituency integer) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp AS $$
    SELECT jsonb_build_object(
        'constituency', (SELECT to_jsonb(k) FROM constituencies k WHERE k.id = p_constituency),
        'versions', coalesce((
            SELECT jsonb_agg(to_jsonb(d) || jsonb_build_object('votes', coalesce((
                       SELECT jsonb_object_agg(v.candidate_id::text, v.votes)
                       FROM resultsdesk_view.declaration_votes v
                       WHERE v.declaration_id = d.id), '{}'::jsonb))
                   ORDER BY d.version)
            FROM resultsdesk_view.declarations d
            WHERE d.constituency_id = p_constituency), '[]'::jsonb))
$$;
