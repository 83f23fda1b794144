-- Migration 71: nobody verifies figures they read as an editor.
--
-- Editors read figures awaiting verification (the views show them to editors); a
-- verification is a blind re-key by a second person. An editor made a desk or admin
-- account (`users role`, at 3 a.m., to help verify) re-keyed figures they had just read and
-- verified them: four eyes that were the author's and a memory. A verification is refused
-- now, before any try is counted, from an account whose role changed from editor since the
-- first figures of the seat still unverified were keyed (those since its last verified
-- version, any of which an editor read); another person verifies them, and figures keyed
-- after the change that account verifies as anyone does. A rejection is not refused: it
-- vouches for nothing. Running this twice changes nothing (OR REPLACE, the same signature).
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_refuse_former_editor(k constituencies, p_actor text)
RETURNS void
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    since bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM audit_log a
                   WHERE a.action = 'change role' AND a.entity_key = p_actor
                     AND a.details::jsonb ->> 'old_role' = 'editor') THEN
        RETURN;  -- (most verifications: the seat's entries are not read)
    END IF;
    SELECT min(a.id) INTO since
    FROM audit_log a JOIN declarations d
         ON d.id = (a.details::jsonb ->> 'declaration_id')::bigint
    WHERE a.entity_key = k.code AND a.action IN ('declare', 'correct', 'decide tie by lot')
      AND d.constituency_id = k.id
      AND d.version > coalesce((SELECT max(v.version) FROM declarations v
                                WHERE v.constituency_id = k.id
                                  AND v.verified_by IS NOT NULL), 0);
    IF EXISTS (SELECT 1 FROM audit_log a
               WHERE a.action = 'change role' AND a.entity_key = p_actor
                 AND a.id > coalesce(since, 0)  -- (none found: any change counts)
                 AND a.details::jsonb ->> 'old_role' = 'editor') THEN
        PERFORM rd_fail('RD002', format(
            '%s was an editor account while figures of %s awaited verification, and '
            'editors read them: a re-key of them would not be blind, so another person '
            'verifies them.', p_actor, k.name));
    END IF;
END $$;

CREATE OR REPLACE FUNCTION rd_pending_for(k constituencies, p_actor text, p_expected integer,
                                          p_action text) RETURNS declarations
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    pending declarations;
    author text;
BEGIN
    PERFORM rd_check_version(k, p_expected);
    pending := rd_latest(k.id);
    IF pending.status IS DISTINCT FROM 'provisional' THEN
        PERFORM rd_fail('RD003', format('%s has nothing awaiting verification.', k.name));
    END IF;
    FOREACH author IN ARRAY rd_figure_authors(k, pending) LOOP
        IF rd_same_user(p_actor, author) THEN
            PERFORM rd_fail('RD002', format('%s entered the figures of version %s of %s, so '
                                            'cannot %s them: a second person must.', author,
                                            pending.version, k.name, p_action));
        END IF;
    END LOOP;
    IF p_action = 'verify' THEN
        PERFORM rd_refuse_former_editor(k, p_actor);
    END IF;
    RETURN pending;
END $$;
