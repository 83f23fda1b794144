-- Migration 10: the highest audit id ever handed out, kept apart from the log, as SQLite's
-- AUTOINCREMENT keeps it in sqlite_sequence. The check (desk/audit.py) compares it with the
-- newest entry: entries removed from the end of the log (by someone able to switch the
-- append-only triggers off: the owner or a superuser) are then reported as missing, where
-- max(id) moved back with them and hid it. Written so that running it twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE TABLE IF NOT EXISTS audit_sequence (
    id integer PRIMARY KEY CHECK (id = 1),
    seq bigint NOT NULL CHECK (seq >= 0)
);
INSERT INTO audit_sequence (id, seq)
SELECT 1, coalesce(max(id), 0) FROM audit_log
ON CONFLICT (id) DO NOTHING;

-- It only moves forward and is never removed (the owner could switch this off too, and set
-- it back: what only a head hash kept outside the server catches, as on a file).
CREATE OR REPLACE FUNCTION rd_audit_sequence_forward() RETURNS trigger
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    IF TG_OP <> 'UPDATE' OR NEW.id <> OLD.id OR NEW.seq < OLD.seq THEN
        RAISE EXCEPTION USING ERRCODE = 'RD005',
            MESSAGE = 'the audit log''s sequence only moves forward';
    END IF;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS audit_sequence_forward ON audit_sequence;
CREATE TRIGGER audit_sequence_forward BEFORE UPDATE OR DELETE ON audit_sequence
    FOR EACH ROW EXECUTE FUNCTION rd_audit_sequence_forward();
DROP TRIGGER IF EXISTS audit_sequence_no_truncate ON audit_sequence;
CREATE TRIGGER audit_sequence_no_truncate BEFORE TRUNCATE ON audit_sequence
    FOR EACH STATEMENT EXECUTE FUNCTION rd_refuse('the audit log''s sequence is never removed');

-- The chain (migration 2), numbering each entry one past the highest id ever handed out
-- (not one past the newest entry left), as SQLite's AUTOINCREMENT does: after entries were
-- removed from the end, the next one leaves a gap the check reports.
CREATE OR REPLACE FUNCTION rd_audit_chain() RETURNS trigger
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    head_id bigint;
    head_hash text;
    handed_out bigint;
    parsed jsonb := NEW.details::jsonb;
BEGIN
    PERFORM rd_lock();
    SELECT id, hash INTO head_id, head_hash FROM audit_log ORDER BY id DESC LIMIT 1;
    SELECT seq INTO handed_out FROM audit_sequence WHERE id = 1;
    NEW.id := greatest(coalesce(head_id, 0), coalesce(handed_out, 0)) + 1;
    UPDATE audit_sequence SET seq = NEW.id WHERE id = 1;
    NEW.prev_hash := coalesce(head_hash, repeat('0', 64));
    NEW.details := rd_canonical(parsed);
    NEW.hash := rd_entry_hash(NEW.id, NEW.at, NEW."user", NEW.action, NEW.entity,
                              NEW.entity_key, parsed, NEW.prev_hash);
    RETURN NEW;
END $$;
