-- Migration 32: the hash of an entry hiding figures is no way to guess them.
--
-- The views (migrations 12 to 26) show an audit entry that records figures nobody verified
-- with those figures read "hidden until verified", but its hash as stored: the chain must
-- be followed by everyone. Everything else the hash covers is there to read or to work out
-- (the entry's id, time, user, the candidates' names and ids, the seat's electorate, the
-- time entered), so the hash confirmed a guess at the figures offline: bob, who may verify
-- alice's entry, tried the likely figures of a two-candidate seat (a few thousand guesses
-- around what the count was rumoured to be, in well under a second), found the one whose
-- hash was the entry's, and re-keyed it "blind". From here on every seal (rd_seal: what a
-- declare, correct, lot, verify or import entry records of the version it binds) also
-- holds `nonce`, 128 random bits, hidden from whoever the figures are hidden from, as they
-- are: with it unknown, no guess can be checked. Once the version is verified the nonce
-- is everyone's, and so is the check of that entry, as before. The desk reads a seal by
-- its two keys (desk/audit.py), so an extra one changes nothing there; entries written
-- before this migration keep their hashes (and what they allowed).
--
-- Written so that running it twice changes nothing (OR REPLACE: the same signature, the
-- same columns).
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_seal(p_id integer) RETURNS jsonb
LANGUAGE sql VOLATILE SET search_path = resultsdesk, pg_temp
RETURN jsonb_build_object('declaration_id', p_id,
                          'figures_sha256', rd_sha256_hex(rd_canonical(rd_figures(p_id))),
                          'nonce', replace(gen_random_uuid()::text, '-', ''));

-- Migration 26's keys, and the nonce of every entry any of them is hidden in.
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
                            'reason', 'winner', 'note', 'nonce']) AS f(key)
    WHERE a.action IN ('declare', 'correct', 'decide tie by lot')
      AND (a.details::jsonb ->> 'declaration_id')::bigint = h.id
    UNION ALL
    SELECT a.id, n.id, f.key
    FROM hidden h
    JOIN resultsdesk.declarations n ON n.constituency_id = h.constituency_id
                                   AND n.version = h.version + 1
    JOIN resultsdesk.audit_log a ON a.entity_key = h.code
    CROSS JOIN unnest(ARRAY['old', 'nonce']) AS f(key)
    WHERE a.action = 'declare' AND (a.details::jsonb ->> 'declaration_id')::bigint = n.id;
