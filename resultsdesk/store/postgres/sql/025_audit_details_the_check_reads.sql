-- Migration 25: the audit log takes no details the desk's check cannot read back.
--
-- The chain trigger (migrations 2 and 10) hashes an entry's details as PostgreSQL parses
-- them; the check (desk/audit.py) parses the stored text again with Python's json. Any
-- account may write details (audit_note takes any object that seals nothing), and
-- PostgreSQL takes whole numbers of up to 131,072 digits where Python's json refuses one
-- of more than 4,300 (int_max_str_digits) and reads the details as a plain string: a note
-- {"x": 1e5000} by an editor made every later `audit --check`, everyone's, report that
-- entry as "changed after it was written", for good (the log is append-only), and as the
-- check stops at the first broken entry, it hid whatever was really changed after it.
-- Nesting deep enough for Python's recursion limit would do the same where the server's
-- stack allows it. From here on every entry's details hold only whole numbers a bigint
-- holds, nested at most 64 deep (no entry ResultsDesk writes comes near either), or the
-- entry is refused (22023, as rd_canonical refuses a fraction) and nothing of the write
-- happens.
--
-- Written so that running it twice changes nothing (OR REPLACE: the trigger keeps it).
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_audit_chain() RETURNS trigger
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    head_id bigint;
    head_hash text;
    handed_out bigint;
    parsed jsonb := NEW.details::jsonb;
BEGIN
    IF jsonb_path_exists(parsed, 'strict $.** ? (@.type() == "number" && '
                                 '(@ > 9223372036854775807 || @ < -9223372036854775808))')
       OR jsonb_path_exists(parsed, 'strict $.**{65 to last}') THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE =
            'the audit record holds whole numbers of at most 19 digits (a bigint), nested '
            'at most 64 deep: the check reads every entry back, and could not read this one';
    END IF;
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
