-- Migration 14: four eyes and add_user also compare names by look-alikes mapped before
-- case is folded, as identity.same_person does since the desk's fix. Migration 13's
-- skeleton lowers a name first, and a capital then no longer looks like its Latin twin:
-- the Cyrillic capital Ka folds to a small Ka, which looks like a small capital K, not a
-- k, so an account 'Кate' could verify Kate's entry (and add_user let an admin make it),
-- as could 'Нannah', 'Вob', 'Тom', 'Νina' (Greek), 'Мark' beside Hannah, Bob, Tom, Nina,
-- Mark. Migration 13's skeleton, and the names stored, are unchanged.
--
-- name_prototypes holds, for each character identity.character_prototypes lists, what it
-- becomes before case is folded (its confusables prototype, until nothing changes).
-- prepare() fills it after the migrations, every time (so an upgraded ResultsDesk brings
-- newer Unicode data), as it fills name_skeletons; until it has, the cased skeleton is
-- migration 13's and names compare as before. Written so that running it twice changes
-- nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE TABLE IF NOT EXISTS name_prototypes (
    ch text PRIMARY KEY CHECK (length(ch) = 1),
    prototype text NOT NULL
);

-- identity._cased_skeleton character by character: decomposed (NFKD), each character
-- replaced by its prototype with its case kept, then migration 13's skeleton of that.
CREATE OR REPLACE FUNCTION rd_name_cased_skeleton(p_name text) RETURNS text
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp AS $$
    SELECT rd_name_skeleton(coalesce(string_agg(coalesce(p.prototype, c.ch), ''
                                                ORDER BY c.i), ''))
    FROM regexp_split_to_table(normalize(coalesce(p_name, ''), NFKD), '')
         WITH ORDINALITY AS c(ch, i)
    LEFT JOIN name_prototypes p ON p.ch = c.ch
$$;

-- Four eyes (migrations 3 and 4 call this; add_user's "looks the same" check of
-- migration 13 too): the same person when the skeletons are equal, folded first (13) or
-- mapped first (here), as identity.same_person; a name with nothing visible in it is
-- nobody.
CREATE OR REPLACE FUNCTION rd_same_user(a text, b text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp AS $$
    SELECT s.a <> '' AND (s.a = s.b OR (s.cased_a <> '' AND s.cased_a = s.cased_b))
    FROM (SELECT rd_name_skeleton(a) AS a, rd_name_skeleton(b) AS b,
                 rd_name_cased_skeleton(a) AS cased_a,
                 rd_name_cased_skeleton(b) AS cased_b) AS s
$$;
