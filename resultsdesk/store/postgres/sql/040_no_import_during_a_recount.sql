-- Migration 40: a results file cannot stand for a recount under way.
--
-- A seat with a recount called takes its result from the recount's count, keyed and
-- verified blind at the desk. import_results (migration 18) recorded a file's figures for
-- such a seat all the same, as the recount's count (count_number = current_count),
-- verified on arrival, with the recount still under way: a count nobody keyed, on air as
-- "figures after recount N". The desk refuses such a file before calling the server
-- (desk/imports.refuse_recounts_under_way, naming the seat's row); this is the same rule
-- under the server's lock, for a recount called on another PC between the desk's check
-- and its call, on every imported version whoever writes it (RD003: nothing of the import
-- is written; the desk puts the file's name before the message). Recount calls and the
-- desk's own entries are untouched.
--
-- Written so that running it twice changes nothing (OR REPLACE, DROP ... IF EXISTS).
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_no_import_during_a_recount() RETURNS trigger
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    k constituencies;
BEGIN
    IF NEW.source IS DISTINCT FROM 'import' THEN
        RETURN NEW;
    END IF;
    SELECT * INTO k FROM constituencies WHERE id = NEW.constituency_id;
    IF k.recount_under_way = 1 THEN
        PERFORM rd_fail('RD003', format(
            '%s has recount %s under way: its result comes from that count, keyed and '
            'verified at the desk, not from a file; end the recount or call it off first, '
            'or leave the seat out of the file.', k.name, k.current_count));
    END IF;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS declarations_no_import_during_a_recount ON declarations;
CREATE TRIGGER declarations_no_import_during_a_recount BEFORE INSERT ON declarations
    FOR EACH ROW EXECUTE FUNCTION rd_no_import_during_a_recount();
