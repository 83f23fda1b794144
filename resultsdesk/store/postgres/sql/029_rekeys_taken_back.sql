-- Migration 29: a re-key taken back (rolled back) tells its verifier nothing.
--
-- A mismatch names the fields that differ (the desk highlights them) and is recorded as
-- 'verify mismatch', so guessing at figures one try at a time leaves a trail. But the
-- record is part of the caller's transaction, and the answer reaches the caller before it
-- commits: a desk account that rolls back (a transaction of its own, or a DO block whose
-- every try runs in a sub-transaction ended by an exception) gets the answer and leaves no
-- trace. bob tried 0, 1, 2, ... for every field of alice's entry at once in one DO block,
-- learnt each figure from the first try that no longer named it, and verified her entry
-- "blind" with them: the log showed her 'declare' and his 'verify', nothing between.
--
-- A PostgreSQL sequence is not rolled back. Each account now has one (made when its row
-- in `accounts` is, by the trigger below, in add_user's transaction; for the accounts
-- already there, here) counting the tries it started, and `verify_tries` the tries it has
-- recorded. A try that starts with more started than recorded follows tries taken back:
-- its mismatch names every figure (which tells nothing), and its entry, mismatch or
-- verify, records how many were taken back ('undone'). So every answer that says which
-- figures differ costs a committed entry naming its verifier, as before. An account with
-- no sequence (the server administrator who prepared the database) is never told which.
-- Nobody but the owner may use the sequences (no grant), so no account can make another's
-- tries look taken back.
--
-- The rest of verify is migration 27's. Written so that running it twice changes nothing
-- (IF NOT EXISTS, OR REPLACE: the same signature, so verify's grants stay).
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE TABLE IF NOT EXISTS verify_tries (
    account_id integer PRIMARY KEY REFERENCES accounts(id),
    recorded bigint NOT NULL DEFAULT 0 CHECK (recorded >= 0)
);

-- The sequence counting an account's tries (NULL if it has none).
CREATE OR REPLACE FUNCTION rd_tries_sequence(p_account integer) RETURNS regclass
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp
RETURN to_regclass(format('resultsdesk.rd_verify_tries_%s', p_account));

-- Give an account its count of tries (the sequence outlives any rollback after this).
CREATE OR REPLACE FUNCTION rd_count_tries_of(p_account integer) RETURNS void
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS resultsdesk.%I MINVALUE 1',
                   'rd_verify_tries_' || p_account);
    INSERT INTO verify_tries (account_id) VALUES (p_account) ON CONFLICT DO NOTHING;
END $$;

CREATE OR REPLACE FUNCTION rd_account_added() RETURNS trigger
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
BEGIN
    PERFORM rd_count_tries_of(NEW.id);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS accounts_count_tries ON accounts;
CREATE TRIGGER accounts_count_tries AFTER INSERT ON accounts
    FOR EACH ROW EXECUTE FUNCTION rd_account_added();

SELECT rd_count_tries_of(id) FROM accounts ORDER BY id;

-- One more try by the session's account: how many of its tries were taken back before it
-- (NULL for an account with no count: it is never told which figures differ).
CREATE OR REPLACE FUNCTION rd_next_try(p_actor text) RETURNS bigint
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    account integer := (SELECT id FROM accounts WHERE name = p_actor);
    tries regclass := rd_tries_sequence(account);
    try bigint;
    before bigint;
BEGIN
    IF tries IS NULL THEN
        RETURN NULL;
    END IF;
    try := nextval(tries);
    SELECT recorded INTO before FROM verify_tries WHERE account_id = account FOR UPDATE;
    UPDATE verify_tries SET recorded = try WHERE account_id = account;
    RETURN try - 1 - coalesce(before, 0);
END $$;

-- Blind re-key: verified only if every figure matches the first entry; a mismatch is
-- recorded ('verify mismatch') and returned, not raised (sheet NULL: nothing changed but
-- the audit log). Without the votes, nothing is verified and nothing recorded.
CREATE OR REPLACE FUNCTION verify(p_seat text, p_votes integer[] DEFAULT NULL,
                       p_invalid integer DEFAULT NULL,
                       p_expected_version integer DEFAULT NULL,
                       p_tie_winner integer DEFAULT NULL,
                       OUT verified boolean, OUT version integer, OUT differences text[],
                       OUT sheet jsonb)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = resultsdesk, pg_temp AS $$
#variable_conflict use_column
DECLARE
    actor text;
    k constituencies;
    pending declarations;
    first_votes integer[];
    diffs text[] := '{}';
    mode text := 'rekey';
    undone bigint;
    taken_back jsonb := '{}';
    i integer;
BEGIN
    PERFORM rd_lock();
    actor := rd_require('enter, verify or correct declarations', 'desk', 'admin');
    k := rd_seat(p_seat);
    pending := rd_pending_for(k, actor, p_expected_version, 'verify');
    IF p_votes IS NULL THEN
        PERFORM rd_fail('RD003', 'A verification is a blind re-key: type every candidate''s '
                                 'votes and the rejected ballots again from the returning '
                                 'officer''s sheet; nothing is verified without them.');
    END IF;
    first_votes := rd_votes(pending.id);
    IF coalesce(array_length(p_votes, 1), 0) <> coalesce(array_length(first_votes, 1), 0)
    THEN
        PERFORM rd_fail('RD003', format('%s has %s candidates; %s figures were given.',
                                        k.name, coalesce(array_length(first_votes, 1), 0),
                                        coalesce(array_length(p_votes, 1), 0)));
    END IF;
    undone := rd_next_try(actor);
    IF undone > 0 THEN
        taken_back := jsonb_build_object('undone', undone);
    END IF;
    FOR i IN 1 .. coalesce(array_length(first_votes, 1), 0) LOOP
        IF first_votes[i] IS DISTINCT FROM p_votes[i] THEN
            diffs := diffs || ('votes:' || (i - 1));
        END IF;
    END LOOP;
    IF pending.invalid_votes IS DISTINCT FROM p_invalid THEN
        diffs := diffs || 'invalid'::text;
    END IF;
    IF p_tie_winner IS DISTINCT FROM pending.tie_winner_candidate_id THEN
        diffs := diffs || 'tie_winner'::text;
    END IF;
    verified := cardinality(diffs) = 0;
    version := pending.version;
    IF NOT verified AND undone IS DISTINCT FROM 0 THEN
        -- Every figure, whatever matched: an answer that depends on nothing typed.
        diffs := ARRAY(SELECT 'votes:' || (n - 1)
                       FROM generate_series(1, coalesce(array_length(first_votes, 1), 0))
                            AS n) || ARRAY['invalid'];
    END IF;
    differences := diffs;
    IF NOT verified THEN
        PERFORM rd_audit('verify mismatch', 'constituency', k.code,
                         jsonb_build_object('version', pending.version,
                                            'fields', to_jsonb(diffs)) || taken_back);
        PERFORM rd_notify();
        RETURN;
    END IF;
    UPDATE declarations SET status = 'verified', verified_by = actor, verified_at = rd_now(),
                            verification_mode = mode
    WHERE id = pending.id;
    UPDATE declarations SET status = 'superseded'
    WHERE constituency_id = k.id AND status = 'verified' AND version < pending.version;
    IF k.recount_under_way = 1 AND pending.count_number = k.current_count THEN
        UPDATE constituencies SET recount_under_way = 0 WHERE id = k.id;
    END IF;
    PERFORM rd_audit('verify', 'constituency', k.code, jsonb_build_object(
        'version', pending.version, 'mode', mode, 'entered_by', pending.entered_by,
        'figures', rd_figures_json(k.id, rd_votes(pending.id), pending.invalid_votes))
        || rd_seal(pending.id) || taken_back);
    PERFORM rd_notify();
    sheet := rd_sheet(k.id);
END $$;
