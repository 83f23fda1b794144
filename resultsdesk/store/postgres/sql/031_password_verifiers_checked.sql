-- Migration 31: a password reaches the server only as a SCRAM-SHA-256 verifier worth the
-- name.
--
-- add_user and set_password checked only that the verifier began "SCRAM-SHA-256$". What
-- PostgreSQL cannot read as a verifier it takes as a password in plain text: a desk account
-- with psql access called set_password with 'SCRAM-SHA-256$hunter2' and signed in with
-- that, its password having crossed the network and reached the server's statement log (if
-- it keeps one) in the clear. And a verifier of one iteration and a 4-byte salt, which a
-- stolen copy of the server's roles turns back into the password at once, was taken as
-- readily as libpq's (4,096 iterations, a 16-byte salt). From here on a verifier is
-- refused (RD003) unless it is one PostgreSQL reads as such, made with at least 4,096
-- iterations (PostgreSQL's default, RFC 7677's minimum) and a salt of at least 16 bytes,
-- whoever sends it.
--
-- Written so that running it twice changes nothing (OR REPLACE, the same signature).
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_check_verifier(p_verifier text) RETURNS void
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    -- iterations, salt, stored key, server key (32 bytes each in base64)
    parts text[] := regexp_match(coalesce(p_verifier, ''),
        '^SCRAM-SHA-256\$([0-9]{1,9}):([A-Za-z0-9+/]*={0,2})\$'
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
