-- Migration 43: an election's and a baseline's name, as the server keeps them.
--
-- The desk refuses a name that holds a control or invisible formatting character (an
-- escape sequence recolours a terminal reading the trail, U+202E turns a title around on
-- air), one that shows nothing, and one longer than a heading (domain/validation.py:
-- title_problem). A server took whatever an admin's own client sent to import_baseline
-- (and its owner to the election's row). Now the tables refuse it too, RD003, nothing of
-- the write kept: control characters (C0, DEL, C1), the invisible formatting ones, line and
-- paragraph separators, more than 200 characters, or nothing but blanks. Rows already
-- there are left as they are (a name is checked when written).
--
-- Written so that running it twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_title_problem(p_name text) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN CASE
    WHEN p_name IS NULL OR length(p_name) > 200
        THEN 'is longer than 200 characters, what a graphic''s heading can show'
    WHEN p_name ~ '[\x01-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]'
        THEN 'holds a control or invisible formatting character, which no name has'
    WHEN p_name !~ '[^[:space:]\u00a0\u034f\u115f\u1160\u2000-\u200a\u202f\u205f\u2800\u3000\u3164\uffa0]'
        THEN 'shows nothing: every character in it is blank or invisible'
END;

CREATE OR REPLACE FUNCTION rd_name_shows() RETURNS trigger
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    problem text := rd_title_problem(NEW.name);
BEGIN
    IF problem IS NOT NULL THEN
        PERFORM rd_fail('RD003', format('The %s''s name %s: type it again without it.',
                                        TG_TABLE_NAME, problem));
    END IF;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS election_name_shows ON election;
CREATE TRIGGER election_name_shows BEFORE INSERT OR UPDATE OF name ON election
    FOR EACH ROW EXECUTE FUNCTION rd_name_shows();
DROP TRIGGER IF EXISTS baseline_name_shows ON baseline;
CREATE TRIGGER baseline_name_shows BEFORE INSERT OR UPDATE OF name ON baseline
    FOR EACH ROW EXECUTE FUNCTION rd_name_shows();
