-- Migration 7: an election is live or a rehearsal for its whole life, as on SQLite (its
-- schema migration 6): the kind is set when the election row is created and never changed,
-- and the row is never removed, so a live election can never be turned into a rehearsal or
-- back. (Replaying a rehearsal into a server database is not supported yet: the replay's
-- plan and clock tables are SQLite's only.)
SET LOCAL search_path = resultsdesk, pg_temp;

ALTER TABLE election ADD COLUMN kind text NOT NULL DEFAULT 'live'
    CHECK (kind IN ('live', 'rehearsal'));

CREATE FUNCTION rd_election_kind() RETURNS trigger
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    IF (TG_OP = 'UPDATE' AND NEW.kind IS DISTINCT FROM OLD.kind)
       OR (TG_OP = 'INSERT' AND NEW.kind = 'rehearsal'
           AND (EXISTS (SELECT 1 FROM constituencies) OR EXISTS (SELECT 1 FROM declarations)))
    THEN
        RAISE EXCEPTION USING ERRCODE = 'RD005', MESSAGE =
            'an election is live or a rehearsal for its whole life: a live database never '
            'becomes a rehearsal, nor a rehearsal live';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER election_kind_fixed BEFORE INSERT OR UPDATE ON election
    FOR EACH ROW EXECUTE FUNCTION rd_election_kind();
CREATE TRIGGER election_no_delete BEFORE DELETE ON election
    FOR EACH ROW EXECUTE FUNCTION rd_refuse(
        'an election is live or a rehearsal for its whole life: its row is never removed');
CREATE TRIGGER election_no_truncate BEFORE TRUNCATE ON election
    FOR EACH STATEMENT EXECUTE FUNCTION rd_refuse(
        'an election is live or a rehearsal for its whole life: its row is never removed');
