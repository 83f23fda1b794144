-- Migration 30: no text a desk writes is endless.
--
-- The record keeps everything for good (versions are never changed, the audit log is
-- append-only), and every desk reads it again and again: a seat's versions with its
-- sheet on every refresh, the whole audit log in the check each desk runs every five
-- minutes. But the server took text of any length (PostgreSQL holds up to 1 GB in a
-- field): a desk account with psql access saved a 50 MB note on a declaration, or a 50 MB
-- audit note, and from then on every desk downloaded it on each refresh and each check,
-- for the rest of the night, with nothing anyone could do (nothing is ever deleted).
-- From here on a note, a correction's reason, a rejection's comment and the accepted
-- warnings hold at most 10,000 characters, the time declared 100, and an audit entry's
-- details 100,000 (its entity 200, its key 1,000), whoever writes them; longer is refused
-- (RD003, naming what is too long) and nothing of the write happens. No entry the app
-- writes comes near: the largest, an import's report or a correction with its old and new
-- figures, is a few thousand characters.
--
-- Written so that running it twice changes nothing (OR REPLACE, DROP ... IF EXISTS).
SET LOCAL search_path = resultsdesk, pg_temp;

-- Refuse (RD003) p_value longer than p_limit characters, naming it.
CREATE OR REPLACE FUNCTION rd_refuse_long(p_what text, p_value text, p_limit integer)
RETURNS void
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    IF length(p_value) > p_limit THEN
        PERFORM rd_fail('RD003', format('%s is at most %s characters; this one has %s.',
                                        p_what, rd_n(p_limit), rd_n(length(p_value))));
    END IF;
END $$;

CREATE OR REPLACE FUNCTION rd_declaration_bounded() RETURNS trigger
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    -- reject() writes the rejection comment into the version's note.
    PERFORM rd_refuse_long(CASE WHEN NEW.status = 'rejected' THEN 'A rejection''s comment'
                                ELSE 'A note' END, NEW.note, 10000);
    PERFORM rd_refuse_long('A correction''s reason', NEW.reason, 10000);
    PERFORM rd_refuse_long('The list of warnings accepted', NEW.overrides, 10000);
    PERFORM rd_refuse_long('The time declared', NEW.declared_at, 100);
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS declarations_bounded ON declarations;
CREATE TRIGGER declarations_bounded BEFORE INSERT OR UPDATE OF note ON declarations
    FOR EACH ROW EXECUTE FUNCTION rd_declaration_bounded();

-- (Named to fire before audit_log_chained, which canonicalises and hashes the details.)
CREATE OR REPLACE FUNCTION rd_audit_bounded() RETURNS trigger
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    PERFORM rd_refuse_long('An audit entry''s entity', NEW.entity, 200);
    PERFORM rd_refuse_long('An audit entry''s key', NEW.entity_key, 1000);
    PERFORM rd_refuse_long('An audit entry''s details', NEW.details, 100000);
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS audit_log_bounded ON audit_log;
CREATE TRIGGER audit_log_bounded BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION rd_audit_bounded();
