-- Migration 44: a name's skeletons look each character up by its key, not by reading the
-- whole table.
--
-- Migrations 13-15 joined a name's characters to name_skeletons and name_prototypes (some
-- 7,700 and 6,300 rows once prepare() has filled them). The planner takes a split string
-- for a thousand rows, so it read and hashed the whole table on every call: ~3 ms a
-- skeleton, ~20 ms for rd_same_user (four skeletons), which every verification, every
-- re-key count (rd_failed_rekeys: once per entry of that seat) and add_user pay. A
-- scalar subquery per character is one probe of the primary key (~0.1 ms a name). What
-- each function returns is unchanged: ch is each table's key, so the join found at most
-- one row, as the subquery does. Written so that running it twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_name_skeleton(p_name text) RETURNS text
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp AS $$
    SELECT btrim(regexp_replace(coalesce(string_agg(
               coalesce((SELECT s.skeleton FROM name_skeletons s WHERE s.ch = c.ch), c.ch),
               '' ORDER BY c.i), ''), ' {2,}', ' ', 'g'))
    FROM regexp_split_to_table(normalize(lower(coalesce(p_name, '')), NFKD), '')
         WITH ORDINALITY AS c(ch, i)
$$;

CREATE OR REPLACE FUNCTION rd_name_cased_skeleton(p_name text) RETURNS text
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp AS $$
    SELECT rd_name_skeleton(coalesce(string_agg(
               coalesce((SELECT p.prototype FROM name_prototypes p WHERE p.ch = c.ch), c.ch),
               '' ORDER BY c.i), ''))
    FROM regexp_split_to_table(normalize(coalesce(p_name, ''), NFD), '')
         WITH ORDINALITY AS c(ch, i)
$$;

CREATE OR REPLACE FUNCTION rd_name_problem(p_name text) RETURNS text
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp AS $$
    SELECT CASE
        WHEN EXISTS (SELECT 1 FROM regexp_split_to_table(p_name, '') AS c(ch)
                     WHERE (SELECT s.refused FROM name_skeletons s WHERE s.ch = c.ch))
            THEN 'it holds an invisible, control or line-break character'
        WHEN p_name IS NOT NFKC NORMALIZED
            THEN format('it is not written in its usual form (full-width letters, '
                        'ligatures, ...): write %s', normalize(p_name, NFKC))
        WHEN p_name ~ '\s\s' THEN 'it has two spaces in a row'
    END
$$;
