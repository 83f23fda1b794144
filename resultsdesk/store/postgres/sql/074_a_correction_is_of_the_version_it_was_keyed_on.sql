-- Migration 74: a correction is saved only as a correction of the verified version the
-- desk keyed it on.
--
-- alice keys a correction of version 1; before anyone verifies it she presses Enter on the
-- seat to key it afresh, the form opened on version 2 (hers, awaiting verification) as a
-- correction of version 1. The desk refuses her save if version 2 was verified meanwhile
-- (desk/meanwhile.refuse_correction_moved_on), but on its own read, outside the server's
-- lock: bob's verification of version 2 landing between that read and the call adds no
-- version, so p_expected_version did not catch it, and her figures went in as version 3,
-- a new correction of version 2, the figures now on air she had opened the form to
-- replace, which nobody was told. Now correct takes the verified version the correction
-- is of (p_correcting) and, under the write lock it holds to its commit, refuses (RD001,
-- what became of the version verified since: rd_fate, migration 64) if the seat's
-- verified version is another, writing nothing; the desk says it in its own words, as a
-- file does under its lock. NULL: no check, as before. The server's other refusals come
-- first, in the desk's order: the count typed for (RD001, migration 37's), a version added
-- since (RD001). A new argument cannot be added in place, so the function is wrapped, not
-- copied (as migration 64 wrapped mark_recount): migration 70's body is renamed
-- rd_correct_070, which nobody is granted (revoked here, and by grants.sql), and correct
-- keeps one signature, so no overload an old call could land on. Running this twice
-- changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

DO $$
DECLARE
    grantee text;
BEGIN
    IF to_regprocedure('resultsdesk.rd_correct_070(text, integer[], integer, text, integer, '
                       'text[], integer, integer, integer, text, integer)') IS NULL THEN
        ALTER FUNCTION correct(text, integer[], integer, text, integer, text[], integer,
                               integer, integer, text, integer) RENAME TO rd_correct_070;
    END IF;
    FOR grantee IN
        SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC'
                    ELSE quote_ident(pg_get_userbyid(a.grantee)) END
        FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) AS a
        WHERE p.oid = 'resultsdesk.rd_correct_070(text, integer[], integer, text, integer, '
                      'text[], integer, integer, integer, text, integer)'::regprocedure
          AND a.grantee <> p.proowner
    LOOP
        EXECUTE format('REVOKE ALL ON FUNCTION rd_correct_070(text, integer[], integer, '
                       'text, integer, text[], integer, integer, integer, text, integer) '
                       'FROM %s', grantee);
    END LOOP;
END $$;

CREATE OR REPLACE FUNCTION correct(p_seat text, p_votes integer[], p_invalid integer,
                        p_reason text, p_expected_version integer DEFAULT NULL,
                        p_overrides text[] DEFAULT '{}',
                        p_tie_winner integer DEFAULT NULL,
                        p_total_as_read integer DEFAULT NULL,
                        p_electorate integer DEFAULT NULL,
                        p_source text DEFAULT 'desk',
                        p_expected_count integer DEFAULT NULL,
                        p_correcting integer DEFAULT NULL,
                        OUT version integer, OUT sheet jsonb)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    k constituencies;
    verified declarations;
BEGIN
    PERFORM rd_lock();  -- held to the commit: no verification lands between here and there
    PERFORM rd_require('enter, verify or correct declarations', 'desk', 'admin');
    IF p_correcting IS NOT NULL THEN
        k := rd_seat(p_seat);
        PERFORM rd_check_count(k, p_expected_count);
        PERFORM rd_check_version(k, p_expected_version);
        verified := rd_verified(k.id);
        -- none verified: rd_correct_070's own refusal ("no verified result to correct")
        IF verified.id IS NOT NULL AND verified.version <> p_correcting THEN
            PERFORM rd_fail('RD001', format('%s changed since you opened it: %s', k.name,
                                            rd_fate(k, verified.version)));
        END IF;
    END IF;
    SELECT saved.version, saved.sheet INTO version, sheet
    FROM rd_correct_070(p_seat, p_votes, p_invalid, p_reason, p_expected_version,
                        p_overrides, p_tie_winner, p_total_as_read, p_electorate, p_source,
                        p_expected_count) AS saved;
END $$;
REVOKE ALL ON FUNCTION correct(text, integer[], integer, text, integer, text[], integer,
                               integer, integer, text, integer, integer) FROM PUBLIC;
