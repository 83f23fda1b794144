-- Migration 3: the rules of the declaration workflow (resultsdesk/desk/declarations.py) as
-- internal server functions, for the public ones of 004_workflow.sql to call. None of these
-- is executable by the desk roles.
--
-- SQLSTATEs the functions raise (resultsdesk/store/postgres/errors.py maps them):
--   RD001 the seat changed since the client looked (stale expected version)
--   RD002 four eyes: the person who keyed the figures cannot verify or reject them
--   RD003 another rule of the desk (unknown seat, nothing pending, figures in error, ...)
--   RD004 the account's role does not allow it
--   RD005 the record refuses a change (append-only log, figures never changed)
SET LOCAL search_path = resultsdesk, pg_temp;

CREATE FUNCTION rd_fail(p_code text, p_message text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = p_code, MESSAGE = p_message;
END $$;

CREATE FUNCTION rd_same_user(a text, b text) RETURNS boolean
LANGUAGE sql IMMUTABLE
RETURN lower(btrim(coalesce(a, ''))) = lower(btrim(coalesce(b, '')));

-- 'desk', 'editor', 'admin' for a member of this database's group, else 'none'. An admin
-- may do what a desk does (as on SQLite); the owner's members (the server admin who ran
-- prepare) count as admin, so they can add the first accounts.
CREATE FUNCTION rd_role_of(p_user text) RETURNS text
LANGUAGE sql SET search_path = resultsdesk, pg_temp AS $$
SELECT CASE
    WHEN pg_has_role(p_user, r.admin_role, 'MEMBER') OR pg_has_role(p_user, r.owner_role, 'MEMBER')
        THEN 'admin'
    WHEN pg_has_role(p_user, r.desk_role, 'MEMBER') THEN 'desk'
    WHEN pg_has_role(p_user, r.editor_role, 'MEMBER') THEN 'editor'
    ELSE 'none' END
FROM server_roles r WHERE r.id = 1
$$;

-- Refuse (RD004) unless the session's user has one of the roles and is not disabled.
CREATE FUNCTION rd_require(p_what text, VARIADIC p_roles text[]) RETURNS text
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    actor text := session_user;
    v_role text := rd_role_of(actor);
BEGIN
    IF EXISTS (SELECT 1 FROM accounts WHERE name = actor AND disabled = 1) THEN
        PERFORM rd_fail('RD004', format('The account %s is disabled.', actor));
    END IF;
    IF v_role = 'none' THEN
        PERFORM rd_fail('RD004', format('%s has no account in this election, so cannot %s.',
                                        actor, p_what));
    END IF;
    IF NOT v_role = ANY (p_roles) THEN
        PERFORM rd_fail('RD004', format('%s is %s %s account, so cannot %s: that needs %s '
                                        'account.', actor,
                                        CASE WHEN v_role = 'admin' THEN 'an' ELSE 'a' END,
                                        v_role,
                                        p_what, array_to_string(p_roles, ' or ')));
    END IF;
    RETURN actor;
END $$;

CREATE FUNCTION rd_seat(p_key text) RETURNS constituencies
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    k constituencies;
    key text := btrim(coalesce(p_key, ''));
BEGIN
    SELECT * INTO k FROM constituencies
    WHERE code = upper(key) OR lower(name) = lower(key)
    ORDER BY code = upper(key) DESC, id LIMIT 1;
    IF NOT FOUND THEN
        PERFORM rd_fail('RD003', format('No constituency ''%s'' in this election (use its GSS '
                                        'code, like E14001279, or its exact name).', key));
    END IF;
    RETURN k;
END $$;

CREATE FUNCTION rd_latest(p_seat integer) RETURNS declarations
LANGUAGE sql SET search_path = resultsdesk, pg_temp AS $$
SELECT * FROM declarations WHERE constituency_id = p_seat ORDER BY version DESC LIMIT 1
$$;

CREATE FUNCTION rd_verified(p_seat integer) RETURNS declarations
LANGUAGE sql SET search_path = resultsdesk, pg_temp AS $$
SELECT * FROM declarations WHERE constituency_id = p_seat AND status = 'verified'
ORDER BY version DESC LIMIT 1
$$;

-- A version's votes in ballot order (0 for a candidate it has none for).
CREATE FUNCTION rd_votes(p_id integer) RETURNS integer[]
LANGUAGE sql SET search_path = resultsdesk, pg_temp AS $$
SELECT coalesce(array_agg(coalesce(v.votes, 0) ORDER BY c.ballot_order), '{}')
FROM declarations d JOIN candidates c ON c.constituency_id = d.constituency_id
LEFT JOIN declaration_votes v ON v.declaration_id = d.id AND v.candidate_id = c.id
WHERE d.id = p_id
$$;

CREATE FUNCTION rd_names(p_seat integer) RETURNS text[]
LANGUAGE sql SET search_path = resultsdesk, pg_temp AS $$
SELECT coalesce(array_agg(btrim(first_name || ' ' || surname) ORDER BY ballot_order), '{}')
FROM candidates WHERE constituency_id = p_seat
$$;

CREATE FUNCTION rd_clock(p_iso text) RETURNS text
LANGUAGE sql STABLE
RETURN coalesce(to_char(p_iso::timestamptz, 'HH24:MI:SS'), '-');

CREATE FUNCTION rd_n(p bigint) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN to_char(p, 'FM999,999,999,999,990');

-- "version 2 (provisional declaration, first count) entered by alice at 01:02:03": what a
-- refusal may say without showing figures that await a blind verification.
CREATE FUNCTION rd_describe(d declarations) RETURNS text
LANGUAGE sql STABLE SET search_path = resultsdesk, pg_temp
RETURN format('version %s (%s %s, %s) entered by %s at %s', d.version, d.status, d.kind,
              CASE WHEN d.count_number = 0 THEN 'first count'
                   ELSE 'recount ' || d.count_number END,
              d.entered_by, rd_clock(d.entered_at));

-- {"votes": {name: votes}, "invalid_votes": n} as the SQLite desk records them.
CREATE FUNCTION rd_figures_json(p_seat integer, p_votes integer[], p_invalid integer)
RETURNS jsonb
LANGUAGE sql SET search_path = resultsdesk, pg_temp AS $$
SELECT jsonb_build_object(
    'votes', coalesce((SELECT jsonb_object_agg(n.name, p_votes[n.i] ORDER BY n.i)
                       FROM unnest(rd_names(p_seat)) WITH ORDINALITY AS n(name, i)),
                      '{}'::jsonb),
    'invalid_votes', p_invalid)
$$;

CREATE FUNCTION rd_check_version(k constituencies, p_expected integer) RETURNS void
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    latest declarations := rd_latest(k.id);
BEGIN
    IF p_expected IS NULL OR p_expected = coalesce(latest.version, 0) THEN
        RETURN;
    END IF;
    IF latest.id IS NULL THEN
        PERFORM rd_fail('RD001', format('%s changed since you opened it. Reload and check.',
                                        k.name));
    END IF;
    PERFORM rd_fail('RD001', format('%s was changed by someone else since you opened it: %s. '
                                    'Reload it and check before saving again.', k.name,
                                    rd_describe(latest)));
END $$;

-- Only the author may replace a provisional entry with new figures: anyone else verifies
-- it or rejects it, so two people's keying never silently overwrite each other.
CREATE FUNCTION rd_refuse_over_others_entry(k constituencies, p_actor text) RETURNS void
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    latest declarations := rd_latest(k.id);
BEGIN
    IF latest.status = 'provisional' AND NOT rd_same_user(p_actor, latest.entered_by) THEN
        PERFORM rd_fail('RD003', format(
            '%s entered version %s of %s at %s, awaiting verification. Verify it, or reject '
            'it (or ask them to withdraw it) before entering new figures.',
            latest.entered_by, latest.version, k.name, rd_clock(latest.entered_at)));
    END IF;
END $$;

-- The errors of domain/validation.check_figures (warnings stay with the desk, which records
-- the ones accepted as overrides).
CREATE FUNCTION rd_check_figures(k constituencies, p_votes integer[], p_invalid integer,
                                 p_electorate integer, p_total integer) RETURNS void
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    names text[] := rd_names(k.id);
    n integer := coalesce(array_length(names, 1), 0);
    problems text[] := '{}';
    valid bigint;
    i integer;
BEGIN
    IF coalesce(array_length(p_votes, 1), 0) <> n THEN
        PERFORM rd_fail('RD003', format('%s has %s candidates; %s figures were given.',
                                        k.name, n, coalesce(array_length(p_votes, 1), 0)));
    END IF;
    FOR i IN 1 .. n LOOP
        IF p_votes[i] IS NULL THEN
            problems := problems || format('%s: no figure given', names[i]);
        ELSIF p_votes[i] < 0 THEN
            problems := problems || format('%s: votes cannot be negative', names[i]);
        END IF;
    END LOOP;
    IF p_invalid < 0 THEN
        problems := problems || 'Rejected ballots cannot be negative'::text;
    END IF;
    SELECT coalesce(sum(v), 0) INTO valid FROM unnest(p_votes) AS v;
    IF p_total IS NOT NULL AND p_total <> valid THEN
        problems := problems || format('The candidates'' votes add up to %s, not the %s read out',
                                       rd_n(valid), rd_n(p_total));
    END IF;
    IF p_electorate IS NOT NULL AND valid + coalesce(p_invalid, 0) > p_electorate THEN
        problems := problems || format('%s ballots cast is more than the electorate of %s',
                                       rd_n(valid + coalesce(p_invalid, 0)), rd_n(p_electorate));
    END IF;
    IF n = 0 THEN
        problems := problems || 'No candidates are nominated here'::text;
    ELSIF n > 1 AND valid = 0 THEN
        problems := problems || 'Every candidate has 0 votes: a contested seat has votes'::text;
    END IF;
    IF cardinality(problems) > 0 THEN
        PERFORM rd_fail('RD003', 'The figures cannot be saved: '
                                 || array_to_string(problems, '; ') || '.');
    END IF;
END $$;

-- A winner by lot only where the top candidates tie, and only one of them.
CREATE FUNCTION rd_check_tie_winner(k constituencies, p_votes integer[], p_winner integer)
RETURNS void
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    top integer;
    at_top integer;
    winner_votes integer;
BEGIN
    IF p_winner IS NULL THEN
        RETURN;
    END IF;
    SELECT max(v), count(*) FILTER (WHERE v = (SELECT max(x) FROM unnest(p_votes) x))
      INTO top, at_top FROM unnest(p_votes) v;
    IF coalesce(at_top, 0) < 2 THEN
        PERFORM rd_fail('RD003', 'A winner by lot can only be recorded when the top '
                                 'candidates tie.');
    END IF;
    SELECT p_votes[array_position(array_agg(id ORDER BY ballot_order), p_winner)]
      INTO winner_votes FROM candidates WHERE constituency_id = k.id;
    IF winner_votes IS DISTINCT FROM top THEN
        PERFORM rd_fail('RD003', 'The winner by lot must be one of the tied candidates.');
    END IF;
END $$;

CREATE FUNCTION rd_overrides(p text[]) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = resultsdesk, pg_temp
RETURN rd_canonical(coalesce((SELECT jsonb_agg(o ORDER BY o COLLATE "C")
                              FROM (SELECT DISTINCT o FROM unnest(p) AS o
                                    WHERE o IS NOT NULL) AS s), '[]'::jsonb));

-- A new provisional version with its votes (ballot order); an older provisional entry
-- never lingers beside it. Returns the new row.
CREATE FUNCTION rd_insert_version(k constituencies, p_kind text, p_votes integer[],
                                  p_invalid integer, p_electorate integer, p_total integer,
                                  p_overrides text, p_source text, p_reason text,
                                  p_note text, p_tie_winner integer, p_declared_at text)
RETURNS declarations
LANGUAGE plpgsql SET search_path = resultsdesk, pg_temp AS $$
DECLARE
    d declarations;
    next_version integer := coalesce((rd_latest(k.id)).version, 0) + 1;
BEGIN
    INSERT INTO declarations (constituency_id, version, status, count_number, electorate,
                              invalid_votes, total_as_read, declared_at, entered_by,
                              entered_at, source, reason, note, tie_winner_candidate_id,
                              kind, overrides)
    VALUES (k.id, next_version, 'provisional', k.current_count, p_electorate, p_invalid,
            p_total, p_declared_at, session_user, rd_now(), coalesce(p_source, 'desk'),
            p_reason, p_note, p_tie_winner, p_kind, p_overrides)
    RETURNING * INTO d;
    INSERT INTO declaration_votes (declaration_id, candidate_id, votes)
    SELECT d.id, c.id, p_votes[c.i]
    FROM unnest((SELECT array_agg(id ORDER BY ballot_order) FROM candidates
                 WHERE constituency_id = k.id)) WITH ORDINALITY AS c(id, i);
    UPDATE declarations SET status = 'superseded'
    WHERE constituency_id = k.id AND status = 'provisional' AND version < next_version;
    RETURN d;
END $$;
