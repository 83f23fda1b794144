-- Migration 15: the cased skeleton (migration 14) maps look-alikes on the canonically
-- decomposed name (NFD, as Unicode TR 39 defines a skeleton), no longer on its
-- compatibility decomposition (NFKD), as identity._cased_skeleton does since the desk's
-- fix. NFKD turns some look-alikes into letters that look like something else before they
-- could be mapped: the Greek lunate sigma 'ϲ' (U+03F2), a twin of the Latin 'c', became a
-- final sigma, so an account 'ϲarol' (which add_user refuses since migration 13, but an
-- older server let an admin make) could verify carol's entry; likewise the long s 'ſ'
-- (a twin of 'f'), the capital lunate sigma, the spacing accents beside the apostrophe.
--
-- name_prototypes (migration 14) now holds every character NFD leaves alone that
-- identity.character_prototypes lists: those with a look-alike and those with a
-- compatibility decomposition (decomposed with their case kept, then mapped). prepare()
-- fills it after the migrations, as before. Migration 13's skeleton, rd_same_user and the
-- names stored are unchanged. Written so that running it twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

-- identity._cased_skeleton character by character: decomposed (NFD), each character
-- replaced by its prototype with its case kept, then migration 13's skeleton of that.
CREATE OR REPLACE FUNCTION rd_name_cased_skeleton(p_name text) RETURNS text
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp AS $$
    SELECT rd_name_skeleton(coalesce(string_agg(coalesce(p.prototype, c.ch), ''
                                                ORDER BY c.i), ''))
    FROM regexp_split_to_table(normalize(coalesce(p_name, ''), NFD), '')
         WITH ORDINALITY AS c(ch, i)
    LEFT JOIN name_prototypes p ON p.ch = c.ch
$$;
