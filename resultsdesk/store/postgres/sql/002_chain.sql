-- Migration 2: the record. The audit log's hash chain computed by the server, byte for byte
-- as resultsdesk/domain/audit_chain.py computes it; declared figures sealed the same way;
-- triggers that keep the log append-only and figures unchanged; the change counter that
-- live views ask "changed since N" (and that every write function NOTIFYs).
SET LOCAL search_path = resultsdesk, pg_temp;

-- Canonical JSON: keys sorted by code point (COLLATE "C" is byte order, which in UTF-8 is
-- code point order), no whitespace, strings escaped as Python's json.dumps with
-- ensure_ascii=False does (PostgreSQL's own JSON string output escapes exactly \" \\ \b \f
-- \n \r \t and other control characters as \u00xx in lower case, nothing else), integers
-- only. Called only from the schema's own functions, whose search_path is fixed.
CREATE FUNCTION rd_canonical(j jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    out text;
BEGIN
    CASE jsonb_typeof(j)
    WHEN 'object' THEN
        SELECT '{' || coalesce(string_agg(to_jsonb(e.key)::text || ':'
                                          || resultsdesk.rd_canonical(e.value), ','
                                          ORDER BY e.key COLLATE "C"), '') || '}'
          INTO out FROM jsonb_each(j) AS e;
        RETURN out;
    WHEN 'array' THEN
        SELECT '[' || coalesce(string_agg(resultsdesk.rd_canonical(e.value), ','
                                          ORDER BY e.n), '') || ']'
          INTO out FROM jsonb_array_elements(j) WITH ORDINALITY AS e(value, n);
        RETURN out;
    WHEN 'number' THEN
        IF j::text !~ '^-?[0-9]+$' THEN
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = format('the audit record holds whole numbers only, not %s', j);
        END IF;
        RETURN j::text;
    ELSE  -- string, true, false, null (and SQL NULL, written as null)
        RETURN coalesce(j::text, 'null');
    END CASE;
END $$;

CREATE FUNCTION rd_sha256_hex(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN encode(sha256(convert_to(t, 'UTF8')), 'hex');

-- The hash of one audit entry: entry_hash() in domain/audit_chain.py.
CREATE FUNCTION rd_entry_hash(p_id bigint, p_at text, p_user text, p_action text,
                              p_entity text, p_entity_key text, p_details jsonb,
                              p_prev_hash text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN resultsdesk.rd_sha256_hex(resultsdesk.rd_canonical(jsonb_build_object(
    'id', p_id, 'at', p_at, 'user', p_user, 'action', p_action, 'entity', p_entity,
    'entity_key', p_entity_key, 'details', p_details, 'prev_hash', p_prev_hash)));

-- The time as the SQLite store writes it (datetime.now(UTC).isoformat(timespec="seconds")).
CREATE FUNCTION rd_now() RETURNS text
LANGUAGE sql STABLE
RETURN to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') || '+00:00';

-- Every write function starts here: one row every writer updates first, so writes are
-- serialised like SQLite's BEGIN IMMEDIATE (no deadlock between write functions, a linear
-- audit chain, version checks that cannot race). Under READ COMMITTED a waiting writer
-- then sees what the one before it committed; under REPEATABLE READ or SERIALIZABLE, whose
-- snapshot would not, the server raises 40001 instead, for the client to retry. (An update,
-- not SELECT ... FOR UPDATE: a lock alone would not make a later snapshot's writer fail.)
CREATE FUNCTION rd_lock() RETURNS bigint
LANGUAGE sql SET search_path = resultsdesk, pg_temp
AS $$ UPDATE change_counter SET seq = seq WHERE id = 1 RETURNING seq $$;

CREATE FUNCTION rd_bump() RETURNS bigint
LANGUAGE sql SET search_path = resultsdesk, pg_temp
AS $$ UPDATE change_counter SET seq = seq + 1 WHERE id = 1 RETURNING seq $$;

-- Live views LISTEN on 'resultsdesk'. Every write function ends here, taking a change
-- number of its own (so even a write that changed no seat, such as an audit note, is heard:
-- what SQLite's data_version tells a desk); the payload is that number, delivered at commit.
CREATE FUNCTION rd_notify() RETURNS void
LANGUAGE sql SET search_path = resultsdesk, pg_temp
AS $$ SELECT pg_notify('resultsdesk', rd_bump()::text) $$;

-- The chain: whoever inserts (only the owner's functions can), the server numbers the entry
-- one past the newest, links it to the newest's hash and hashes it. Details are stored in
-- canonical form (the hash covers their parsed value, as on SQLite).
CREATE FUNCTION rd_audit_chain() RETURNS trigger
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    head_id bigint;
    head_hash text;
    parsed jsonb := NEW.details::jsonb;
BEGIN
    PERFORM rd_lock();
    SELECT id, hash INTO head_id, head_hash FROM audit_log ORDER BY id DESC LIMIT 1;
    NEW.id := coalesce(head_id, 0) + 1;
    NEW.prev_hash := coalesce(head_hash, repeat('0', 64));
    NEW.details := rd_canonical(parsed);
    NEW.hash := rd_entry_hash(NEW.id, NEW.at, NEW."user", NEW.action, NEW.entity,
                              NEW.entity_key, parsed, NEW.prev_hash);
    RETURN NEW;
END $$;
CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION rd_audit_chain();

CREATE FUNCTION rd_refuse() RETURNS trigger
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'RD005', MESSAGE = TG_ARGV[0];
END $$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION rd_refuse('the audit log is append-only');
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION rd_refuse('the audit log is append-only');
CREATE TRIGGER declarations_no_delete BEFORE DELETE ON declarations
    FOR EACH ROW EXECUTE FUNCTION rd_refuse(
        'declared figures are never changed or removed: save a new version');
CREATE TRIGGER declarations_no_truncate BEFORE TRUNCATE ON declarations
    FOR EACH STATEMENT EXECUTE FUNCTION rd_refuse(
        'declared figures are never changed or removed: save a new version');
CREATE TRIGGER declaration_votes_fixed BEFORE UPDATE OR DELETE ON declaration_votes
    FOR EACH ROW EXECUTE FUNCTION rd_refuse(
        'declared figures are never changed or removed: save a new version');
CREATE TRIGGER declaration_votes_no_truncate BEFORE TRUNCATE ON declaration_votes
    FOR EACH STATEMENT EXECUTE FUNCTION rd_refuse(
        'declared figures are never changed or removed: save a new version');

-- Only the workflow columns change, and status only moves forward (as SQLite's triggers).
CREATE FUNCTION rd_declaration_update() RETURNS trigger
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    IF (NEW.id, NEW.constituency_id, NEW.version, NEW.count_number, NEW.electorate,
        NEW.invalid_votes, NEW.total_as_read, NEW.declared_at, NEW.entered_by,
        NEW.entered_at, NEW.source, NEW.reason, NEW.tie_winner_candidate_id, NEW.kind,
        NEW.overrides)
       IS DISTINCT FROM
       (OLD.id, OLD.constituency_id, OLD.version, OLD.count_number, OLD.electorate,
        OLD.invalid_votes, OLD.total_as_read, OLD.declared_at, OLD.entered_by,
        OLD.entered_at, OLD.source, OLD.reason, OLD.tie_winner_candidate_id, OLD.kind,
        OLD.overrides) THEN
        RAISE EXCEPTION USING ERRCODE = 'RD005', MESSAGE =
            'declared figures are never changed or removed: save a new version';
    END IF;
    IF (NEW.status, NEW.verified_by, NEW.verified_at, NEW.note, NEW.verification_mode)
       IS NOT DISTINCT FROM
       (OLD.status, OLD.verified_by, OLD.verified_at, OLD.note, OLD.verification_mode)
       OR (OLD.status = 'provisional' AND NEW.status = 'verified'
           AND NEW.verified_by IS NOT NULL AND NEW.verified_at IS NOT NULL)
       OR (OLD.status = 'provisional' AND NEW.status IN ('rejected', 'withdrawn', 'superseded')
           AND NEW.verified_by IS NULL AND NEW.verified_at IS NULL
           AND NEW.verification_mode IS NULL)
       OR (OLD.status = 'verified' AND NEW.status = 'superseded'
           AND (NEW.verified_by, NEW.verified_at, NEW.verification_mode, NEW.note)
               IS NOT DISTINCT FROM
               (OLD.verified_by, OLD.verified_at, OLD.verification_mode, OLD.note)) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'RD005', MESSAGE =
        'a declaration''s status only moves forward: provisional to verified, rejected, '
        'withdrawn or superseded; verified to superseded';
END $$;
CREATE TRIGGER declarations_forward BEFORE UPDATE ON declarations
    FOR EACH ROW EXECUTE FUNCTION rd_declaration_update();

-- Change tracking, as SQLite's schema 3: a seat's change_seq is the change number of its
-- latest change, so live views reload only what changed since they last looked.
CREATE FUNCTION rd_declaration_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    UPDATE constituencies SET change_seq = rd_bump() WHERE id = NEW.constituency_id;
    RETURN NULL;
END $$;
CREATE TRIGGER declarations_changed AFTER INSERT OR UPDATE ON declarations
    FOR EACH ROW EXECUTE FUNCTION rd_declaration_changed();

CREATE FUNCTION rd_stamp_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    NEW.change_seq := rd_bump();
    RETURN NEW;
END $$;
CREATE TRIGGER constituency_state_changed
    BEFORE INSERT OR UPDATE OF recount_under_way, current_count, electorate ON constituencies
    FOR EACH ROW EXECUTE FUNCTION rd_stamp_change();
CREATE TRIGGER parties_changed
    BEFORE INSERT OR UPDATE OF colour, name, political_order ON parties
    FOR EACH ROW EXECUTE FUNCTION rd_stamp_change();

-- What a declaration version says, as DeclarationFigures.canonical() in domain/audit_chain.py.
CREATE FUNCTION rd_figures(p_id integer) RETURNS jsonb
LANGUAGE sql SET search_path = resultsdesk, pg_temp AS $$
SELECT jsonb_build_object(
    'declaration_id', d.id, 'constituency', k.code, 'version', d.version, 'kind', d.kind,
    'count_number', d.count_number,
    'votes', coalesce((SELECT jsonb_agg(jsonb_build_array(v.candidate_id, c.party_id, v.votes)
                                        ORDER BY v.candidate_id)
                       FROM declaration_votes v LEFT JOIN candidates c ON c.id = v.candidate_id
                       WHERE v.declaration_id = d.id), '[]'::jsonb),
    'invalid_votes', d.invalid_votes, 'electorate', d.electorate,
    'total_as_read', d.total_as_read, 'tie_winner_candidate_id', d.tie_winner_candidate_id,
    'declared_at', d.declared_at, 'entered_by', d.entered_by, 'entered_at', d.entered_at,
    'source', d.source, 'reason', d.reason, 'overrides', d.overrides::jsonb)
FROM declarations d LEFT JOIN constituencies k ON k.id = d.constituency_id
WHERE d.id = p_id
$$;

-- What an audit entry's details carry to seal a version: seal() in domain/audit_chain.py.
CREATE FUNCTION rd_seal(p_id integer) RETURNS jsonb
LANGUAGE sql SET search_path = resultsdesk, pg_temp
RETURN jsonb_build_object('declaration_id', p_id,
                          'figures_sha256', rd_sha256_hex(rd_canonical(rd_figures(p_id))));

-- Append one entry (the trigger chains it); the actor is always the session's user.
CREATE FUNCTION rd_audit(p_action text, p_entity text, p_key text, p_details jsonb)
RETURNS bigint
LANGUAGE sql SET search_path = resultsdesk, pg_temp AS $$
INSERT INTO audit_log (at, "user", action, entity, entity_key, details, prev_hash, hash)
VALUES (rd_now(), session_user, p_action, p_entity, coalesce(p_key, ''),
        coalesce(p_details, '{}'::jsonb)::text, '', '')
RETURNING id
$$;
