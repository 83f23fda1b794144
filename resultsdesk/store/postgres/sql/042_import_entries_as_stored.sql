-- Migration 42: an import's audit entry says the figures the server stored.
--
-- import_results (migration 18) writes each seat's figures from the file's "votes" array
-- and its entry's words from the file's "names" (name -> votes) and "tie_winner_name",
-- all sent by the client. An admin's own client could send one set of figures and name
-- another: one result on air, another in the trail a reader reads (the seal, computed
-- by the server from the stored rows, was right, but `history` and the trail show the
-- words). Now, before the chain hashes it, an 'import declaration' entry's "votes" is
-- checked against the version it seals (rd_seal's declaration_id): unless it names each
-- stored candidate (spaced as it may be) with their stored votes, it is replaced by
-- the stored candidates' names and votes; a "winner" is the stored winner by lot's name (kept as the file spaced it), and none where the server stored none. An
-- honest client's entry is left as it was sent.
--
-- Written so that running it twice changes nothing.
SET LOCAL search_path = resultsdesk, pg_temp;

-- A name with its spacing evened out (a file's name may be spaced otherwise). Not its case:
-- lower() folds only ASCII in a database made with the C locale, as ResultsDesk's are.
CREATE OR REPLACE FUNCTION rd_spaced_name(p text) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN regexp_replace(btrim(coalesce(p, '')), '\s+', ' ', 'g');

-- A name -> votes object with its names spaced evenly (rd_spaced_name), to compare.
CREATE OR REPLACE FUNCTION rd_spaced_names(p_votes jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE SET search_path = resultsdesk, pg_temp
RETURN (SELECT coalesce(jsonb_object_agg(rd_spaced_name(e.key), e.value), '{}')
        FROM jsonb_each(p_votes) AS e);

-- (Named to fire before audit_log_bounded and audit_log_chained: the chain hashes the
-- entry as this leaves it.)
CREATE OR REPLACE FUNCTION rd_audit_as_stored() RETURNS trigger
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    details jsonb;
    declaration integer;
    stored jsonb;
    stored_winner text;
BEGIN
    IF NEW.action IS DISTINCT FROM 'import declaration' THEN
        RETURN NEW;
    END IF;
    details := NEW.details::jsonb;
    declaration := (details ->> 'declaration_id')::integer;
    IF declaration IS NULL THEN
        RETURN NEW;
    END IF;
    -- The stored version's candidates' names and votes, read once.
    SELECT coalesce(jsonb_object_agg(btrim(c.first_name || ' ' || c.surname), dv.votes
                                     ORDER BY c.ballot_order), '{}')
    INTO stored
    FROM declaration_votes dv JOIN candidates c ON c.id = dv.candidate_id
    WHERE dv.declaration_id = declaration;
    -- Each name with its votes, names compared whatever their spacing: the same figures
    -- under other names, or swapped between them, are not the stored result.
    IF jsonb_typeof(details -> 'votes') IS DISTINCT FROM 'object'
       OR rd_spaced_names(details -> 'votes') IS DISTINCT FROM rd_spaced_names(stored) THEN
        details := details || jsonb_build_object('votes', stored);
    END IF;
    SELECT btrim(c.first_name || ' ' || c.surname) INTO stored_winner
    FROM declarations d JOIN candidates c ON c.id = d.tie_winner_candidate_id
    WHERE d.id = declaration;
    IF stored_winner IS NULL THEN
        details := details - 'winner';
    ELSIF rd_spaced_name(details ->> 'winner') IS DISTINCT FROM rd_spaced_name(stored_winner)
    THEN
        details := details || jsonb_build_object('winner', stored_winner);
    END IF;
    NEW.details := details::text;
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS audit_log_as_stored ON audit_log;
CREATE TRIGGER audit_log_as_stored BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION rd_audit_as_stored();
