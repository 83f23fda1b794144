-- Migration 72: a verifier's salt is base64 PostgreSQL decodes, or the verifier is refused.
--
-- Migration 31 let through only what looked like a SCRAM-SHA-256 verifier, its salt any run
-- of base64 letters ending in up to two '='. PostgreSQL decodes the salt before it takes a
-- verifier as one (parse_scram_secret), and base64 comes in groups of four letters, padding
-- only closing the last: a salt of 25 letters, or 23 and '==', is none. What it cannot read
-- as a verifier it takes as a password in plain text, so a desk account that called
-- set_password with 'SCRAM-SHA-256$4096:AAAAAAAAAAAAAAAAAAAAAAAAA$<key>=:<key>=' signed in
-- with that text: its password crossed the network (and any statement log) in the clear,
-- which migration 31 was written to refuse. The salt must now be whole groups of four, the
-- last one padded as base64 pads it, and at least 16 bytes (24 letters); the rest of the
-- check is migration 31's. add_user takes the same check. Migration 69's pinned
-- standard_conforming_strings is kept (CREATE OR REPLACE sets every attribute again).
-- Running this twice changes nothing (OR REPLACE, the same signature).
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_check_verifier(p_verifier text) RETURNS void
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp SET standard_conforming_strings = on
AS $$
DECLARE
    -- iterations, salt (whole base64: groups of four, the last padded), stored key, server
    -- key (32 bytes each in base64)
    parts text[] := regexp_match(coalesce(p_verifier, ''),
        '^SCRAM-SHA-256\$([0-9]{1,9}):'
        '((?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)\$'
        '([A-Za-z0-9+/]{43}=):([A-Za-z0-9+/]{43}=)$');
BEGIN
    IF parts IS NULL THEN
        PERFORM rd_fail('RD003', 'Send the password as a SCRAM-SHA-256 verifier (made by the '
                                 'client), never as plain text.');
    END IF;
    IF parts[1]::integer < 4096 OR length(parts[2]) < 24 THEN
        PERFORM rd_fail('RD003', 'A password''s SCRAM-SHA-256 verifier must be made with at '
                                 'least 4,096 iterations and a salt of at least 16 bytes, as '
                                 'libpq makes it.');
    END IF;
END $$;
