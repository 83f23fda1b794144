"""A security review by attack: a desk account with psql-level access (psycopg, not the app)
goes at the server's promises (four eyes, a blind re-key, an append-only record, a desk
nobody can block) in ways the other hostile-account files did not try. Each test is the
attack as it was made, failing before the migration or fix it names."""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import re

import psycopg
import pytest
from helpers.pg_election import SEAT, TIE_SEAT

from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.audit_text import trail_lines
from resultsdesk.desk.session import open_desk
from resultsdesk.domain.audit_chain import DeclarationFigures, entry_hash, figures_digest
from resultsdesk.store.postgres import calls, errors

TIE_FIGURES = ([40, 25], 3)  # alice's entry for Tie Town: small, so a guess loop is short


def _brute_force(conn: psycopg.Connection, seat: str, up_to: int) -> None:
    """Every field of the pending entry guessed at once, 0, 1, 2, ... each try in a
    sub-transaction an exception undoes, then a verification with what was learnt."""
    conn.execute(f"""DO $$
    DECLARE
        r record;
        found integer[] := ARRAY[NULL, NULL]::integer[];
        invalid integer;
        g integer;
    BEGIN
        FOR g IN 0 .. {up_to} LOOP
            BEGIN
                SELECT * INTO r FROM resultsdesk.verify('{seat}', ARRAY[g, g], g);
                IF NOT 'votes:0' = ANY (r.differences) THEN found[1] := g; END IF;
                IF NOT 'votes:1' = ANY (r.differences) THEN found[2] := g; END IF;
                IF NOT 'invalid' = ANY (r.differences) THEN invalid := g; END IF;
                RAISE EXCEPTION 'take it back';
            EXCEPTION WHEN raise_exception THEN
                NULL;
            END;
        END LOOP;
        PERFORM resultsdesk.verify('{seat}', found, invalid);
    END $$""")


def test_a_verifier_learns_nothing_from_rekeys_it_takes_back(pg_election):
    """bob guesses at alice's entry in one DO block, taking every try back: before
    migration 29 each answer named the fields still wrong, so he learnt every figure and
    verified her entry "blind", the log showing her entry and his verification, nothing
    between. Now only his first try is answered; the rest name every figure, his entry is
    not verified, and the mismatch on record says how many tries he took back."""
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, TIE_SEAT, *TIE_FIGURES)
    _brute_force(bob, TIE_SEAT, 45)
    assert alice.execute("SELECT status, verified_by FROM declarations").fetchall() == [
        ("provisional", None)]
    entries = alice.execute("SELECT action, \"user\", details::jsonb FROM audit_log "
                            "WHERE action LIKE 'verify%%' ORDER BY id").fetchall()
    assert [(action, user) for action, user, _ in entries] == [
        ("verify mismatch", pg_election.user("bob"))]
    assert entries[0][2]["undone"] == 46
    assert entries[0][2]["fields"] == ["votes:0", "votes:1", "invalid", "electorate"]


def test_a_rekey_rolled_back_by_the_client_is_on_record_at_the_next(pg_election):
    """The same from the client: a try in a transaction rolled back is answered, the next
    (whatever it guesses) names every figure and records the try taken back; the one after
    that, in step again, names only what differs. The try taken back counts as a miss
    (migration 41): with those two, three, so bob's right re-key is refused and another
    person verifies."""
    alice = pg_election.connect("alice")
    bob = pg_election.connect("bob", autocommit=False)
    calls.declare(alice, TIE_SEAT, *TIE_FIGURES)
    assert calls.verify(bob, TIE_SEAT, [40, 0], 3).differences == ("votes:1",)
    bob.rollback()
    assert calls.verify(bob, TIE_SEAT, [40, 0], 3).differences == (
        "votes:0", "votes:1", "invalid", "electorate")  # every figure (migration 36's too)
    bob.commit()
    assert calls.verify(bob, TIE_SEAT, [40, 0], 3).differences == ("votes:1",)
    bob.commit()
    with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.FOUR_EYES):
        calls.verify(bob, TIE_SEAT, *TIE_FIGURES)
    bob.rollback()
    assert calls.verify(pg_election.connect("ann"), TIE_SEAT, *TIE_FIGURES).verified
    assert [d.get("undone") for (d,) in alice.execute(
        "SELECT details::jsonb FROM audit_log WHERE action LIKE 'verify%%' ORDER BY id")
    ] == [1, None, None]
    with open_desk(pg_election.url("eve")) as desk:
        said = [line.text for line in trail_lines(desk, TIE_SEAT)]
    assert [text for text in said if "taken back" in text] == [
        f"{pg_election.user('bob')}'s blind re-key of version 1 of Tie Town did not match the "
        "first entry (Ting (LAB), Tong (CON), rejected ballots, the electorate): nothing was "
        "verified; 1 earlier "
        "try of theirs taken back unrecorded"]


HUGE = "x" * 1_000_000  # (the attack used 50 MB; a megabyte is as far past every limit)
VOTES = [20_000, 15_000, 5_000]


def _count(conn: psycopg.Connection) -> tuple:
    return conn.execute("SELECT (SELECT count(*) FROM declarations), (SELECT count(*) FROM "
                        "declarations WHERE status = 'rejected'), (SELECT max(id) FROM "
                        "audit_log)").fetchone()


@pytest.mark.parametrize(("what", "attack"), [
    ("A note", lambda c: calls.declare(c, SEAT, VOTES, 120, note=HUGE)),
    ("The list of warnings accepted", lambda c: calls.declare(c, SEAT, VOTES, 120,
                                                              overrides=[HUGE])),
    ("The time declared", lambda c: calls.declare(c, SEAT, VOTES, 120, declared_at=HUGE)),
    ("A correction's reason", lambda c: calls.correct(c, TIE_SEAT, [41, 25], 3, reason=HUGE)),
    ("A rejection's comment", lambda c: calls.reject(c, SEAT, HUGE)),
    ("An audit entry's details", lambda c: calls.audit_note(c, "note", details={"x": HUGE})),
    ("An audit entry's entity", lambda c: calls.audit_note(c, "note", entity=HUGE)),
    ("An audit entry's key", lambda c: calls.audit_note(c, "note", key=HUGE)),  # (was 54000)
])
def test_no_account_saves_text_every_desk_must_read_for_good(pg_election, what, attack):
    """A 50 MB note on a declaration, reason, rejection comment or audit note was saved,
    and kept for good (nothing is ever deleted): every desk read it again on each refresh
    of the seat and each audit check. Refused now, naming what is too long, with nothing
    written (migration 30); text as long as anyone writes is saved as before."""
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, TIE_SEAT, *TIE_FIGURES)
    calls.verify(bob, TIE_SEAT, *TIE_FIGURES)
    calls.declare(alice, SEAT, VOTES, 120)
    attacker = alice if what != "A rejection's comment" else bob
    before = _count(bob)
    with pytest.raises(psycopg.Error) as refused:
        attack(attacker)
    assert refused.value.sqlstate == "RD003"
    assert re.fullmatch(f"{what} is at most [0-9,]+ characters; this one has 1,000,0[0-9]{{2}}\\.",
                        refused.value.diag.message_primary)
    assert _count(bob) == before
    calls.audit_note(bob, "note", details={"x": "y" * 20_000})
    assert calls.reject(bob, SEAT, "z" * 10_000) == 1


def _weak_verifier(password: str) -> str:
    """A SCRAM-SHA-256 verifier PostgreSQL accepts, of one iteration and a 4-byte salt."""
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), b"salt", 1)
    client_key = hmac.digest(salted, b"Client Key", "sha256")
    keys = (hashlib.sha256(client_key).digest(), hmac.digest(salted, b"Server Key", "sha256"))
    return "SCRAM-SHA-256$1:c2FsdA==$" + ":".join(base64.b64encode(k).decode() for k in keys)


@pytest.mark.parametrize(("password", "verifier"), [
    ("SCRAM-SHA-256$hunter2", "SCRAM-SHA-256$hunter2"),  # plain text, read as a password
    ("hunter2", _weak_verifier("hunter2")),
])
def test_no_password_is_kept_other_than_as_a_salted_kdf_hash(pg_election, password, verifier):
    """set_password took anything that began "SCRAM-SHA-256$": bob sent a password in plain
    text (PostgreSQL, unable to read it as a verifier, took it as the password) or a
    verifier of one iteration and a 4-byte salt, and signed in with it. Refused now (migration
    31), his password unchanged; libpq's verifier is taken as before."""
    bob, name = pg_election.connect("bob"), pg_election.user("bob")
    with pytest.raises(psycopg.Error) as refused:
        bob.execute("SELECT resultsdesk.set_password(%s, %s)", (name, verifier))
    assert refused.value.sqlstate == "RD003"
    url = pg_election.cluster.url(name, password, pg_election.database)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(url).close()
    psycopg.connect(pg_election.url("bob")).close()
    calls.set_password(bob, name, password)
    psycopg.connect(url).close()


@pytest.mark.parametrize("who", ["alice", "eve", "ann"])
def test_no_account_fills_the_servers_disk_with_large_objects(pg_election, who):
    """Any role that can connect could make large objects, as big as the disk allows:
    `SELECT lo_from_bytea(0, ...)` in a loop filled the server's disk, and with it stopped
    every desk's writes. ResultsDesk keeps none: prepare() (as a superuser) revokes making
    them in the election's database."""
    conn = pg_election.connect(who)
    for statement in ("SELECT lo_from_bytea(0, '\\x00'::bytea)", "SELECT lo_create(0)",
                      "SELECT lo_creat(-1)"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement)
    assert pg_election.admin().execute(
        "SELECT count(*) FROM pg_largeobject_metadata").fetchone() == (0,)


def _guesses_matching_the_hash(bob: psycopg.Connection, seat: str,
                               near: range) -> list[tuple[list[int], int]]:
    """What bob can do offline with the entry recording alice's figures as the views show
    it: put each guess where "hidden until verified" stands, work the seal out from what
    he can read, hash the entry, and compare with its stored hash."""
    entry = bob.execute("SELECT id, at, \"user\", action, entity, entity_key, "
                        "details::jsonb, prev_hash, hash FROM audit_log "
                        "WHERE action = 'declare' AND entity_key = %s", (seat,)).fetchone()
    version = bob.execute("SELECT d.id, d.version, d.kind, d.count_number, d.declared_at, "
                          "d.entered_by, d.entered_at, d.source, k.electorate "
                          "FROM declarations d JOIN constituencies k ON k.id = d.constituency_id "
                          "WHERE k.code = %s", (seat,)).fetchone()
    ballot = bob.execute("SELECT c.id, c.party_id, btrim(c.first_name || ' ' || c.surname) "
                         "FROM candidates c JOIN constituencies k ON k.id = c.constituency_id "
                         "WHERE k.code = %s ORDER BY c.ballot_order", (seat,)).fetchall()
    found = []
    for first, second, invalid in itertools.product(near, near, range(30)):
        votes = [first, second]
        digest = figures_digest(DeclarationFigures(
            version[0], seat, version[1], version[2], version[3],
            tuple((c, p, v) for (c, p, _), v in zip(ballot, votes, strict=True)), invalid,
            version[8], None, None, version[4], version[5], version[6], version[7], None, ()))
        details = {**entry[6], "overrides": [], "figures_sha256": digest, "new": {
            "votes": {name: v for (_, _, name), v in zip(ballot, votes, strict=True)},
            "invalid_votes": invalid}}
        if entry_hash(id=entry[0], at=entry[1], user=entry[2], action=entry[3],
                      entity=entry[4], entity_key=entry[5], details=details,
                      prev_hash=entry[7]) == entry[8]:
            found.append((votes, invalid))
    return found


def test_the_hash_of_an_entry_hiding_figures_confirms_no_guess(pg_election):
    """The views hide the figures of alice's entry but show its hash, and all else it
    covers bob can read: he hashed the likely figures of a two-candidate seat (a few
    thousand guesses), found hers, and could re-key them "blind". Since migration 32 every
    seal holds a random nonce, hidden as the figures are, so no guess matches; once
    verified, the entry checks for everyone as before."""
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, TIE_SEAT, [400, 400], 10)
    assert _guesses_matching_the_hash(bob, TIE_SEAT, range(395, 406)) == []
    # The same sum by the editor, who reads the nonce: the guess it confirms is hers.
    assert _guesses_matching_the_hash(pg_election.connect("eve"), TIE_SEAT,
                                      range(395, 406)) == [([400, 400], 10)]
    calls.verify(bob, TIE_SEAT, [400, 400], 10)
    with open_desk(pg_election.url("bob")) as desk:
        assert check_audit_chain(desk).intact


@pytest.mark.parametrize(("seat", "figures"), [(SEAT, (VOTES, 120)), (TIE_SEAT, ([400, 400], 10))])
def test_no_lot_without_a_winner_goes_on_air(pg_election, seat, figures):
    """decide_tie passed a NULL winner unchecked: bob recorded a "lot" with no winner on a
    verified result (tied, its winner drawn, or not tied at all), alice's re-key of the same
    figures verified it, and the seat went on air as decided by lot with nobody drawn.
    Refused now (migration 33), with nothing written."""
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, seat, *figures)
    if seat == TIE_SEAT:
        ting = bob.execute("SELECT id FROM candidates WHERE surname = 'Ting'").fetchone()[0]
        calls.decide_tie(alice, seat, winner_id=ting, note="coin toss")
        calls.verify(bob, seat, *figures, tie_winner=ting)
    else:
        calls.verify(bob, seat, *figures)
    with pytest.raises(psycopg.Error) as refused:
        bob.execute("SELECT resultsdesk.decide_tie(%s, NULL, 'drawn')", (seat,))
    assert refused.value.sqlstate == "RD003"
    assert refused.value.diag.message_primary.startswith("A lot names its winner")
    assert bob.execute("SELECT count(*) FROM declarations d JOIN constituencies k "
                       "ON k.id = d.constituency_id WHERE k.code = %s AND d.status = "
                       "'provisional'", (seat,)).fetchone() == (0,)


def _estimate(conn: psycopg.Connection, where: str) -> int:
    """The planner's rows for the scan of the table beneath the view, `where` pushed down
    to it (the view's own estimate, over its join, is clamped to a row or two)."""
    plan = conn.execute(f"EXPLAIN (FORMAT JSON) SELECT * FROM declaration_votes WHERE {where}"
                        ).fetchone()[0]
    for node in _plan_nodes(plan):
        if node.get("Relation Name") == "declaration_votes":
            return node["Plan Rows"]
    raise AssertionError(f"no scan of declaration_votes in {plan}")


def _plan_nodes(plan: list) -> list[dict]:
    """Every node of an EXPLAIN (FORMAT JSON) plan, the top one first."""
    out, nodes = [], [plan[0]["Plan"]]
    while nodes:
        node = nodes.pop()
        out.append(node)
        nodes += node.get("Plans", [])
    return out


def test_the_planner_tells_no_hidden_figure(pg_election):
    """After an ANALYZE (autovacuum's, an import's), mallory's EXPLAIN estimated rows=2 for
    `votes = 5000` where alice's tie of 5,000 each awaited verification, rows=1 for 5001,
    and the largest hidden figure from where `votes < N` changed: the planner's statistics
    of the table beneath the view, reached through leakproof operators."""
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, TIE_SEAT, [400, 400], 7)
    calls.declare(alice, SEAT, [222, 111, 33], 9)
    pg_election.admin().execute("ANALYZE")
    assert _estimate(bob, "votes = 400") == _estimate(bob, "votes = 401")
    assert _estimate(bob, "votes < 400") == _estimate(bob, "votes < 401")
    assert _estimate(bob, "votes < 33") == _estimate(bob, "votes < 34")


def _actual_rows(conn: psycopg.Connection, query: str) -> list[tuple[str, int]]:
    """Every node of `query`'s plan, as EXPLAIN ANALYZE reports it: its kind and the rows
    it actually gave (loops and all)."""
    plan = conn.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {query}").fetchone()[0]
    return [(node["Node Type"], node["Actual Rows"] * node["Actual Loops"])
            for node in _plan_nodes(plan)]


def test_explain_analyze_tells_no_hidden_figure(pg_election):
    """bob's EXPLAIN ANALYZE of `votes <= N` over alice's pending entry counted the rows
    that passed at the scan beneath the view (`<=` on integers is leakproof, so the
    planner checked it there, before the view's filter): one row for her figure, none for
    one less. Bisecting each candidate's votes in 31 statements, he verified her entry at
    the first try, nothing on record. Now the view gives a hidden version's votes as
    NULL before anything compares them (migration 51): the plan is the same, row for row,
    whatever N."""
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    secret = [23456, 19876, 1234]
    calls.declare(alice, SEAT, secret, 187)
    entry = bob.execute("SELECT d.id FROM declarations d JOIN constituencies k ON k.id = "
                        "d.constituency_id WHERE k.code = %s AND d.status = 'provisional'",
                        (SEAT,)).fetchone()[0]
    candidates = [r[0] for r in bob.execute(
        "SELECT c.id FROM candidates c JOIN constituencies k ON k.id = c.constituency_id "
        "WHERE k.code = %s ORDER BY c.ballot_order", (SEAT,))]
    for candidate, votes in zip(candidates, secret, strict=True):
        plans = {n: _actual_rows(bob, f"SELECT 1 FROM declaration_votes WHERE declaration_id"
                                      f" = {entry} AND candidate_id = {candidate} AND votes"
                                      f" <= {n}") for n in (votes - 1, votes, 2**31 - 1)}
        assert plans[votes] == plans[votes - 1] == plans[2**31 - 1]
    assert bob.execute("SELECT count(*) FROM declaration_votes WHERE declaration_id = %s",
                       (entry,)).fetchone() == (0,)  # and the rows stay out of sight
    calls.verify(bob, SEAT, secret, 187)  # keyed from the sheet: verified
    assert sorted(r[0] for r in bob.execute(
        "SELECT votes FROM declaration_votes WHERE declaration_id = %s",
        (entry,))) == sorted(secret)  # and every figure readable now, as stored


def test_a_rekey_taken_back_is_recorded_on_its_own_seat(pg_election):
    """bob took back a try on Tie Town (answered: which figures differ), then let a
    committed try on another of alice's seats record it there, its own answer blanked:
    answer after answer on Tie Town, nothing on its record, its three tries never spent.
    Now, with a try taken back unrecorded, a re-key of any other version still awaiting
    verification is refused; the next re-key of Tie Town records it there."""
    alice = pg_election.connect("alice")
    bob = pg_election.connect("bob", autocommit=False)
    calls.declare(alice, TIE_SEAT, *TIE_FIGURES)
    calls.declare(alice, SEAT, [300, 200, 100], 5)
    assert calls.verify(bob, TIE_SEAT, [40, 0], 3).differences == ("votes:1",)
    bob.rollback()
    with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.FOUR_EYES) as no:
        calls.verify(bob, SEAT, [1, 1, 1], 1)
    assert "took back a re-key of version 1 of Tie Town: re-key that version again" in str(
        no.value)
    bob.rollback()
    assert calls.verify(bob, TIE_SEAT, [40, 0], 3).differences == (
        "votes:0", "votes:1", "invalid", "electorate")  # answered nothing, and on record
    bob.commit()
    tries = alice.execute("SELECT entity_key, details::jsonb ->> 'undone' FROM audit_log "
                          "WHERE action LIKE 'verify%%' ORDER BY id").fetchall()
    assert tries == [(TIE_SEAT, "1")]
    # in step again: another seat is his to re-key, and Tie Town counts both tries
    assert not calls.verify(bob, SEAT, [1, 1, 1], 1).verified
    bob.commit()
    assert pg_election.admin().execute(
        "SELECT resultsdesk.rd_failed_rekeys(%s, 1, %s)",
        (TIE_SEAT, pg_election.user("bob"))).fetchone() == (2,)


def test_rekeys_of_one_version_never_move_to_another_in_their_transaction(pg_election):
    """In one transaction bob re-keyed Tie Town three times (each answered), then alice's
    other seat once, and rolled it all back: the server remembered only his last try's
    seat, so all four were recorded there as tries taken back, none on Tie Town. Each seat
    awaiting verification gave three more answers on Tie Town, and its own tries were never
    spent. Now a transaction re-keys one version: a try on another is refused until it
    ends, and the tries taken back are recorded where they were made."""
    alice = pg_election.connect("alice")
    bob = pg_election.connect("bob", autocommit=False)
    calls.declare(alice, TIE_SEAT, *TIE_FIGURES)
    calls.declare(alice, SEAT, [300, 200, 100], 5)
    for guess in ([40, 0], [0, 25], [40, 24]):
        assert not calls.verify(bob, TIE_SEAT, guess, 3).verified  # answered, not on record
    with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.FOUR_EYES) as no:
        calls.verify(bob, SEAT, [1, 1, 1], 1)
    assert "Tie Town" in str(no.value)
    bob.rollback()
    with pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == errors.FOUR_EYES):
        calls.verify(bob, SEAT, [1, 1, 1], 1)  # the tries taken back go to Tie Town first
    bob.rollback()
    calls.verify(bob, TIE_SEAT, [40, 0], 3)
    bob.commit()
    assert pg_election.admin().execute(
        "SELECT resultsdesk.rd_failed_rekeys(%s, 1, %s)",
        (TIE_SEAT, pg_election.user("bob"))).fetchone() == (4,)
    assert pg_election.admin().execute(
        "SELECT resultsdesk.rd_failed_rekeys(%s, 1, %s)",
        (SEAT, pg_election.user("bob"))).fetchone() == (0,)
    # A transaction that ends frees him: the other seat is his to re-key again.
    assert not calls.verify(bob, SEAT, [1, 1, 1], 1).verified
    bob.commit()


def test_no_account_can_hold_up_a_rekey_with_an_advisory_lock(pg_election):
    """Migration 52 first marked a transaction's re-key with a shared advisory lock: eve,
    an editor who may write nothing, took that lock space's locks for the next 200
    declarations with `pg_advisory_lock` (open to every role), and every re-key of those
    entries waited on them holding the write lock, every desk's writes queued behind it,
    until the busy timeout refused it; eve's session idle, nothing on record. The mark is
    a row only the server writes now: her locks hold nothing up."""
    alice, bob, eve = (pg_election.connect(n) for n in ("alice", "bob", "eve"))
    calls.declare(alice, SEAT, [500, 400, 300], 10)
    pending = eve.execute("SELECT max(id) FROM declarations").fetchone()[0]
    eve.execute("SELECT pg_advisory_lock(k, g) FROM generate_series(%s::int, %s::int) g, "
                "(VALUES (21060), (0), (1)) AS space(k)", (pending, pending + 200))
    bob.execute("SET lock_timeout = '2s'")
    assert calls.verify(bob, SEAT, [500, 400, 300], 10).verified
    calls.declare(alice, TIE_SEAT, [10, 20], 1)
    assert calls.verify(bob, TIE_SEAT, [10, 20], 1).verified
    for who in (eve, bob):  # the marks: nobody's to read, write or lock
        for statement in ("SELECT * FROM resultsdesk.rekey_marks",
                          "DELETE FROM resultsdesk.rekey_marks",
                          "LOCK TABLE resultsdesk.rekey_marks"):
            with who.transaction(), pytest.raises(psycopg.errors.InsufficientPrivilege):
                who.execute(statement)


@pytest.mark.parametrize(("attack", "said"), [
    ({"declared_at": "9999-12-31T23:00:00+00:00"},  # exported as 31/12/9999: import refuses
     "A declaration time is not keyed at a desk"),
    ({"declared_at": "1900-01-01T00:00:00+00:00"}, "A declaration time is not keyed at a desk"),
    ({"declared_at": "banana"}, "A declaration time is not keyed at a desk"),
    ({"overrides": ["recount_range", "banana"]}, "'banana' is not a warning a desk accepts"),
])
def test_no_desk_states_what_no_desk_keys_and_no_verifier_sees(pg_election, attack, said):
    """declare stored any time a psql session gave as the seat's declaration time, and any
    words as its warnings accepted. No desk sends either (a rehearsal, which times its
    read-outs, is never on a server; the form offers the five warnings alone), and bob's
    blind re-key neither shows nor asks them: verified, 9999 went on air as the seat's
    time, exported as 31/12/9999 (which the import refuses), 1900 put the seat first on
    the Timeline, and the audit log said "warnings accepted: banana". Refused now, with
    nothing written (migration 70); a correction's warnings too."""
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    before = _count(bob)
    with pytest.raises(psycopg.Error) as refused:
        calls.declare(alice, SEAT, VOTES, 120, **attack)
    assert refused.value.sqlstate == errors.DESK_RULE
    assert said in refused.value.diag.message_primary
    assert _count(bob) == before
    calls.declare(alice, SEAT, VOTES, 120, overrides=["recount_range", "tie"])
    assert calls.verify(bob, SEAT, VOTES, 120).verified
    if "overrides" in attack:
        with pytest.raises(psycopg.Error) as refused:
            calls.correct(alice, SEAT, VOTES, 121, reason="RO", **attack)
        assert said in refused.value.diag.message_primary
    assert bob.execute("SELECT declared_at, overrides FROM declarations").fetchall() == [
        (None, '["recount_range","tie"]')]
