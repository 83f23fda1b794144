-- Migration 60: a chamber order is saved only on the order its editor started from.
--
-- Two admins opened File > Chamber order; one saved, then the other saved theirs, made on
-- the order before, and it replaced the first one's without its editor ever seeing it.
-- Now set_political_order takes the whole order the editor started from (p_expected, in
-- the order the desk read it: political_order, then abbreviation) and compares it, under
-- the write lock, with the parties' order now, leaving out parties added since (an import
-- puts them where their rank says; they are no editor's). If those parties stand in
-- another order, or one is gone, it refuses, RD001, naming who changed it last and when,
-- in the desk's words (desk/parties.order_changed_text), and writes nothing. NULL: no
-- check, as before. A new argument cannot be added in place, so the function is wrapped,
-- not copied (as migration 58 wrapped import_results): migration 5's body is renamed
-- rd_set_political_order_005, which nobody is granted (revoked here, and by grants.sql),
-- and set_political_order keeps one signature, so no overload an old call could land on.
-- Running this twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

DO $$
DECLARE
    grantee text;
BEGIN
    IF to_regprocedure('resultsdesk.rd_set_political_order_005(text[])') IS NULL THEN
        ALTER FUNCTION set_political_order(text[]) RENAME TO rd_set_political_order_005;
    END IF;
    FOR grantee IN
        SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC'
                    ELSE quote_ident(pg_get_userbyid(a.grantee)) END
        FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) AS a
        WHERE p.oid = 'resultsdesk.rd_set_political_order_005(text[])'::regprocedure
          AND a.grantee <> p.proowner
    LOOP
        EXECUTE format('REVOKE ALL ON FUNCTION rd_set_political_order_005(text[]) FROM %s',
                       grantee);
    END LOOP;
END $$;

CREATE OR REPLACE FUNCTION set_political_order(p_order text[],
                                               p_expected text[] DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    now_order text[];
    last audit_log;
BEGIN
    PERFORM rd_require('change the parties or the chamber order', 'admin');
    PERFORM rd_lock();  -- held to the commit: no other order lands between here and there
    IF p_expected IS NOT NULL THEN
        SELECT coalesce(array_agg(abbreviation ORDER BY political_order,
                                  abbreviation COLLATE "C"), '{}')
          INTO now_order FROM parties WHERE abbreviation = ANY (p_expected);
        IF now_order IS DISTINCT FROM p_expected THEN
            SELECT * INTO last FROM audit_log WHERE action = 'set political order'
            ORDER BY id DESC LIMIT 1;
            PERFORM rd_fail('RD001', CASE WHEN last.id IS NULL
                THEN 'The chamber order changed'
                ELSE format('%s changed the chamber order at %s', last."user",
                            rd_clock(last.at)) END
                || ' while you were editing it, so yours was not saved.');
        END IF;
    END IF;
    RETURN rd_set_political_order_005(p_order);
END $$;
REVOKE ALL ON FUNCTION set_political_order(text[], text[]) FROM PUBLIC;
