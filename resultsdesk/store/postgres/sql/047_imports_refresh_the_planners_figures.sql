-- Migration 47: an import leaves the planner figures for the night it has just made.
--
-- An import grows the tables by orders of magnitude in one transaction (a general
-- election: 650 seats, ~4,500 candidates, their verified results and the baseline), and
-- the planner's figures are those of the empty night until autovacuum samples them (a
-- minute or more later). Planned for a handful of rows, reading every seat looped the
-- seats over the declarations: a summary right after importing the 2024 night took
-- ~200 ms where ~40 ms will do. Each import now samples the tables it fills before it
-- commits (ANALYZE: a few milliseconds at this size), so the next read is planned for the
-- night as it is. The three import functions are wrapped, not copied: their bodies are
-- renamed rd_import_*_046 (granted to nobody; see migration 41 for why a renamed function
-- loses its grants here and not only at the end of prepare()). Written so that running it
-- twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

DO $$
DECLARE
    body record;
    grantee text;
BEGIN
    FOR body IN SELECT * FROM (VALUES
            ('import_candidates(text, jsonb)', 'rd_import_candidates_046'),
            ('import_results(text, jsonb)', 'rd_import_results_046'),
            ('import_baseline(text, text, jsonb)', 'rd_import_baseline_046'))
            AS t(signature, renamed) LOOP
        IF to_regprocedure('resultsdesk.' || body.renamed
                           || substring(body.signature FROM '\(.*\)')) IS NULL THEN
            EXECUTE format('ALTER FUNCTION %s RENAME TO %I', body.signature, body.renamed);
        END IF;
        FOR grantee IN
            SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC'
                        ELSE quote_ident(pg_get_userbyid(a.grantee)) END
            FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) AS a
            WHERE p.oid = to_regprocedure('resultsdesk.' || body.renamed
                                          || substring(body.signature FROM '\(.*\)'))
              AND a.grantee <> p.proowner
        LOOP
            EXECUTE format('REVOKE ALL ON FUNCTION %I%s FROM %s', body.renamed,
                           substring(body.signature FROM '\(.*\)'), grantee);
        END LOOP;
    END LOOP;
END $$;

-- The tables an import fills, sampled as their owner (the import functions run as it).
CREATE OR REPLACE FUNCTION rd_analyze_imported() RETURNS void
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    ANALYZE parties, party_mnis_ids, constituencies, candidates, declarations,
            declaration_votes, baseline_votes, baseline_seats, audit_log;
END $$;
REVOKE ALL ON FUNCTION rd_analyze_imported() FROM PUBLIC;

CREATE OR REPLACE FUNCTION import_candidates(p_file text, p_data jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    report jsonb := rd_import_candidates_046(p_file, p_data);
BEGIN
    PERFORM rd_analyze_imported();
    RETURN report;
END $$;

CREATE OR REPLACE FUNCTION import_results(p_file text, p_data jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    report jsonb := rd_import_results_046(p_file, p_data);
BEGIN
    PERFORM rd_analyze_imported();
    RETURN report;
END $$;

CREATE OR REPLACE FUNCTION import_baseline(p_file text, p_name text, p_data jsonb)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    report jsonb := rd_import_baseline_046(p_file, p_name, p_data);
BEGIN
    PERFORM rd_analyze_imported();
    RETURN report;
END $$;
