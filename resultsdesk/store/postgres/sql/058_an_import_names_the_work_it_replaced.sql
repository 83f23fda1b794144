-- Migration 58: an import of results names the desk's work it replaced, as it found it.
--
-- An import of results records each seat of the file as its next version, verified on
-- arrival, superseding whatever the desk had there: an entry awaiting verification, or a
-- result keyed and verified at the desk. Its report names that work ("Replaced the desk's
-- own work in 1 seat (kept in each seat's history): Hendon (an entry by alice awaiting
-- verification)"), but the desk read it before calling the server, outside its lock: an
-- entry alice saved on another PC between that read and the call was replaced all the same,
-- and the report said nothing of it. Now import_results reads the desk's work of the file's
-- seats under the lock it holds to its commit, so nothing lands between that read and the
-- import, and returns it with the report ('replaced': [code, name, status, entered by,
-- verified by] rows, as desk_work reads them); the desk reports those. The function is
-- wrapped, not copied: migration 47's body is renamed rd_import_results_047, which nobody
-- is granted (revoked here, and by grants.sql). Written so that running it twice changes
-- nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

DO $$
DECLARE
    grantee text;
BEGIN
    IF to_regprocedure('resultsdesk.rd_import_results_047(text, jsonb)') IS NULL THEN
        ALTER FUNCTION import_results(text, jsonb) RENAME TO rd_import_results_047;
    END IF;
    FOR grantee IN
        SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC'
                    ELSE quote_ident(pg_get_userbyid(a.grantee)) END
        FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) AS a
        WHERE p.oid = 'resultsdesk.rd_import_results_047(text, jsonb)'::regprocedure
          AND a.grantee <> p.proowner
    LOOP
        EXECUTE format('REVOKE ALL ON FUNCTION rd_import_results_047(text, jsonb) FROM %s',
                       grantee);
    END LOOP;
END $$;

CREATE OR REPLACE FUNCTION import_results(p_file text, p_data jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    replaced jsonb;
BEGIN
    PERFORM rd_require('import files into the election', 'admin');
    PERFORM rd_lock();  -- held to the commit: no desk's save lands between here and there
    SELECT coalesce(jsonb_agg(jsonb_build_array(k.code, k.name, d.status, d.entered_by,
                                                d.verified_by)
                              ORDER BY k.name, k.code, d.version), '[]'::jsonb)
    INTO replaced
    FROM declarations d JOIN constituencies k ON k.id = d.constituency_id
    WHERE (d.status = 'provisional' OR (d.status = 'verified' AND d.source <> 'import'))
      AND k.code IN (SELECT e->>'code'
                     FROM jsonb_array_elements(CASE jsonb_typeof(p_data->'declarations')
                                               WHEN 'array' THEN p_data->'declarations'
                                               ELSE '[]'::jsonb END) AS e);
    RETURN rd_import_results_047(p_file, p_data) || jsonb_build_object('replaced', replaced);
END $$;
