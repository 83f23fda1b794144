-- Migration 61: a name's skeleton puts its marks back in canonical order after look-alikes
-- are mapped, as identity.skeleton does (it decomposes again after each mapping).
--
-- Some letters' look-alike is a letter and a mark: the hooked capital B `Ɓ` is a `b` with a
-- reversed comma above (U+0314). Mapped character by character, a mark after such a letter
-- stayed after the mark the mapping brought, though canonical order puts a mark drawn
-- below first: `Ɓ̣ello` (a dot below) became `b`, comma above, dot below, and `ḅ̔ello`,
-- which the desk takes for the same person, `b`, dot below, comma above. The server told
-- them apart: add_user let an admin make both, and either verified the other's entry.
-- Now the mapped name's marks are put in canonical order (NFD) before the dot-on-a-dot rule
-- (migration 50), which needs them in that order too. NFD, not NFKD: a few look-alikes have
-- a compatibility decomposition that is their own look-alike again (the Kangxi radical
-- spoon and the CJK ideograph it is drawn as), and the desk's skeleton keeps the one it
-- mapped to last, as name_skeletons has it. The function is migration 50's otherwise;
-- rd_name_cased_skeleton and rd_same_user call it, so they agree too. Written so that
-- running it twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE OR REPLACE FUNCTION rd_name_skeleton(p_name text) RETURNS text
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp AS $$
    SELECT regexp_replace(
               btrim(regexp_replace(normalize(coalesce(string_agg(
                   coalesce((SELECT s.skeleton FROM name_skeletons s WHERE s.ch = c.ch), c.ch),
                   '' ORDER BY c.i), ''), NFD), ' {2,}', ' ', 'g')),
               '([ij][\u0315-\u033c\u0345\u0347-\u0349\u034d-\u034e\u0353-\u0356'
               '\u0358-\u035a\u035c-\u0362]*)' || chr(775), '\1', 'g')
    FROM regexp_split_to_table(normalize(lower(coalesce(p_name, '')), NFKD), '')
         WITH ORDINALITY AS c(ch, i)
$$;
