-- Migration 50: a dot above an i or a j is no part of a name's skeleton, as
-- identity.skeleton has it: drawn on the letter's own dot, `ali̇ce` (U+0307 after the i) is
-- `alice` on screen, and passed for someone else, verifying her own entry. Marks drawn below
-- or through the letter may come between (canonical order puts them first: `ị̇`); the class
-- is identity.BELOW_OR_THROUGH, written out. Only this
-- two-character rule is new: the characters drawn as nothing (the braille blank, the
-- object replacement character) come with name_skeletons, which prepare() fills afresh
-- from identity.character_skeletons. The function is migration 44's otherwise. Written so
-- that running it twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_name_skeleton(p_name text) RETURNS text
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp AS $$
    SELECT regexp_replace(
               btrim(regexp_replace(coalesce(string_agg(
                   coalesce((SELECT s.skeleton FROM name_skeletons s WHERE s.ch = c.ch), c.ch),
                   '' ORDER BY c.i), ''), ' {2,}', ' ', 'g')),
               '([ij][\u0315-\u033c\u0345\u0347-\u0349\u034d-\u034e\u0353-\u0356'
               '\u0358-\u035a\u035c-\u0362]*)' || chr(775), '\1', 'g')
    FROM regexp_split_to_table(normalize(lower(coalesce(p_name, '')), NFKD), '')
         WITH ORDINALITY AS c(ch, i)
$$;
