"""The declaration workflow on a real PostgreSQL server: the server's functions apply the
desk's rules (four eyes, versions, roles) whatever the client sends."""

from __future__ import annotations

import threading

import psycopg
import pytest
from helpers.pg_election import SEAT, TIE_SEAT

from resultsdesk.store.postgres import calls, errors

VOTES = [20_000, 15_000, 5_000]


def _state(conn: psycopg.Connection, seat: str = SEAT) -> list[tuple]:
    return conn.execute(
        "SELECT d.version, d.status, d.entered_by, d.verified_by, d.verification_mode "
        "FROM declarations d JOIN resultsdesk.constituencies k "
        "ON k.id = d.constituency_id WHERE k.code = %s ORDER BY d.version", (seat,)).fetchall()


def _actions(conn: psycopg.Connection) -> list[tuple[str, str]]:
    return conn.execute('SELECT "user", action FROM audit_log ORDER BY id'
                        ).fetchall()


def _refused(sqlstate: str):
    return pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == sqlstate)


def test_declare_then_verify_by_rekey(pg_election):
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    assert calls.declare(alice, SEAT, VOTES, 120, expected_version=0) == 1
    outcome = calls.verify(bob, SEAT, VOTES, 120, expected_version=1)
    assert outcome == calls.VerifyOutcome(True, 1, ())
    a, b = pg_election.user("alice"), pg_election.user("bob")
    # the seat as the verification left it comes back with it, shaped as the reads give it
    (row,) = outcome.sheet.versions
    assert (row["version"], row["status"], row["entered_by"], row["verified_by"]) == \
        (1, "verified", a, b)
    assert sorted(row["votes"].values()) == sorted(VOTES) and row["overrides"] == []
    assert outcome.sheet.constituency["code"] == SEAT
    assert _state(bob) == [(1, "verified", a, b, "rekey")]
    assert _actions(bob)[-2:] == [(a, "declare"), (b, "verify")]


def test_rekey_mismatch_is_recorded_and_returned_not_raised(pg_election):
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, SEAT, VOTES, 120)
    outcome = calls.verify(bob, SEAT, [20_000, 15_001, 5_000], 121)
    assert outcome == calls.VerifyOutcome(False, 1, ("votes:1", "invalid"))
    assert _state(bob)[0][1] == "provisional"
    user, action = _actions(bob)[-1]
    assert (user, action) == (pg_election.user("bob"), "verify mismatch")
    details = bob.execute("SELECT details FROM audit_log ORDER BY id DESC LIMIT 1"
                          ).fetchone()[0]
    assert details == '{"fields":["votes:1","invalid"],"version":1}'
    assert calls.verify(bob, SEAT, VOTES, 120).verified


def test_server_refuses_verifying_own_entry_whatever_the_client_says(pg_election):
    alice = pg_election.connect("alice", autocommit=False)
    calls.declare(alice, SEAT, VOTES, 120)
    alice.commit()
    bob = pg_election.user("bob")
    # Whatever name the client puts where it can, the actor is the signed-in user.
    alice.execute(f"SET application_name = '{bob}'")
    alice.execute(f"SET resultsdesk.acting_user = '{bob}'")
    alice.execute(f'SET ROLE "{pg_election.database}_desk"')  # the group: session_user stays
    for attempt in (lambda: calls.verify(alice, SEAT, VOTES, 120),
                    lambda: calls.reject(alice, SEAT, "looks wrong")):
        with _refused(errors.FOUR_EYES) as refused:
            attempt()
        alice.rollback()
        assert "so cannot" in errors.message(refused.value)
    with pytest.raises(psycopg.errors.UndefinedFunction):  # no function takes a user
        alice.execute("SELECT resultsdesk.verify(p_seat => %s, p_user => %s)", (SEAT, bob))
    alice.rollback()
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        alice.execute(f'SET SESSION AUTHORIZATION "{bob}"')
    alice.rollback()
    assert _state(pg_election.connect("eve"))[0][1] == "provisional"


def test_lot_on_unverified_figures_cannot_be_verified_by_their_author(pg_election):
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, TIE_SEAT, [400, 400], 3, overrides=["tie"])
    ids = [r[0] for r in bob.execute(
        "SELECT c.id FROM resultsdesk.candidates c JOIN resultsdesk.constituencies k "
        "ON k.id = c.constituency_id WHERE k.code = %s ORDER BY c.ballot_order", (TIE_SEAT,))]
    with _refused(errors.FOUR_EYES):  # not bob's to record (migration 17)
        calls.decide_tie(bob, TIE_SEAT, winner_id=ids[1], note="drawn by the RO")
    assert calls.decide_tie(alice, TIE_SEAT, winner_id=ids[1], note="drawn by the RO") == 2
    with _refused(errors.FOUR_EYES):  # alice keyed the figures and recorded the lot
        calls.verify(alice, TIE_SEAT, [400, 400], 3)
    assert calls.verify(bob, TIE_SEAT, [400, 400], 3, tie_winner=ids[1]).verified


def test_stale_version_and_keying_over_anothers_entry_are_refused(pg_election):
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, SEAT, VOTES, 120, expected_version=0)
    with _refused(errors.CONFLICT) as refused:
        calls.declare(bob, SEAT, VOTES, 120, expected_version=0)
    assert "changed by someone else" in errors.message(refused.value)
    assert "20,000" not in errors.message(refused.value)  # pending figures stay blind
    with _refused(errors.DESK_RULE) as refused:
        calls.declare(bob, SEAT, VOTES, 120, expected_version=1)
    assert "awaiting verification" in errors.message(refused.value)
    with _refused(errors.DESK_RULE):
        calls.withdraw(bob, SEAT)  # only the author withdraws
    assert calls.withdraw(alice, SEAT, expected_version=1) == 1
    with _refused(errors.CONFLICT):
        calls.verify(bob, SEAT, VOTES, 120, expected_version=0)


def test_verified_seat_needs_a_recount_or_a_correction(pg_election):
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, SEAT, VOTES, 120)
    calls.verify(bob, SEAT, VOTES, 120)
    with _refused(errors.DESK_RULE) as refused:
        calls.declare(alice, SEAT, VOTES, 120)
    assert "already has a verified result" in errors.message(refused.value)
    assert calls.correct(alice, SEAT, [20_000, 15_000, 5_001], 120, reason="RO recount") == 2
    assert _state(bob)[-1][1] == "provisional"
    assert calls.reject(bob, SEAT, "not what the RO said") == 2
    assert calls.mark_recount(bob, SEAT) == 1
    assert calls.declare(alice, SEAT, [20_000, 15_000, 4_000], 120) == 3
    assert calls.verify(bob, SEAT, [20_000, 15_000, 4_000], 120).verified
    statuses = [row[1] for row in _state(bob)]
    assert statuses == ["superseded", "rejected", "verified"]
    assert bob.execute("SELECT recount_under_way, current_count FROM resultsdesk.constituencies"
                       " WHERE code = %s", (SEAT,)).fetchone() == (0, 1)


def test_the_server_calls_a_recount_once_whatever_the_client_checked(pg_election):
    """Two desks marking the recount at once both passed their own check: the server
    refuses the second until figures of the first stand (migration 23)."""
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    assert calls.mark_recount(alice, SEAT) == 1
    with _refused(errors.DESK_RULE) as refused:
        calls.mark_recount(bob, SEAT)
    assert "recount 1 is already under way" in errors.message(refused.value)
    assert calls.declare(alice, SEAT, VOTES, 120) == 1
    assert calls.mark_recount(bob, SEAT) == 2
    assert [a for a in _actions(bob) if a[1] == "recount under way"] == \
        [(pg_election.user("alice"), "recount under way"),
         (pg_election.user("bob"), "recount under way")]


def test_declare_and_correct_refuse_a_source_no_desk_enters_from(pg_election):
    """One check (rd_check_source, migration 8) for both: 'import' is the importer's own."""
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    for source in ("import", "feed", ""):
        with _refused(errors.DESK_RULE) as refused:
            calls.declare(alice, SEAT, VOTES, 120, source=source)
        assert errors.message(refused.value) == \
            f"'{source}' is not a source a desk enters figures from (desk or cli)."
    assert calls.declare(alice, SEAT, VOTES, 120, source="cli") == 1
    calls.verify(bob, SEAT, VOTES, 120)
    with _refused(errors.DESK_RULE) as refused:
        calls.correct(alice, SEAT, [20_000, 15_000, 5_001], 120, reason="RO", source="import")
    assert "'import' is not a source a desk enters figures from" in errors.message(
        refused.value)
    assert calls.correct(alice, SEAT, [20_000, 15_000, 5_001], 120, reason="RO") == 2
    assert [row[1] for row in _state(bob)] == ["verified", "provisional"]


def test_figures_in_error_are_refused_by_the_server(pg_election):
    alice = pg_election.connect("alice")
    for votes, invalid, total, expected in (
            ([1, 2], 0, None, "has 3 candidates; 2 figures"),
            ([0, 0, 0], 0, None, "Every candidate has 0 votes"),
            ([80_000, 1, 1], 0, None, "more than the electorate of 70,000"),
            ([10, 10, 10], 0, 31, "add up to 30, not the 31 read out"),
            ([10, -1, 10], 0, None, "Bob Baker: votes cannot be negative"),
            (VOTES, -1, None, "Rejected ballots cannot be negative")):
        with _refused(errors.DESK_RULE) as refused:
            calls.declare(alice, SEAT, votes, invalid, total_as_read=total)
        assert expected in errors.message(refused.value)


def test_editor_reads_everything_but_cannot_write_figures(pg_election):
    alice, eve = pg_election.connect("alice"), pg_election.connect("eve")
    calls.declare(alice, SEAT, VOTES, 120)
    assert _state(eve)[0][1] == "provisional"  # editors see provisional figures
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        calls.declare(eve, SEAT, VOTES, 120)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        calls.verify(eve, SEAT, VOTES, 120)
    assert calls.audit_note(eve, "publish", "election", "feed.json", {"seats": 1}) > 0


def test_roles_are_checked_inside_the_functions_too(pg_election):
    """A grant added by hand would not let an editor declare: the function checks the
    role of session_user itself (RD004)."""
    admin = pg_election.admin()
    admin.execute(f'GRANT EXECUTE ON FUNCTION resultsdesk.declare TO "{pg_election.user("eve")}"')
    with _refused(errors.NOT_PERMITTED) as refused:
        calls.declare(pg_election.connect("eve"), SEAT, VOTES, 120)
    assert "editor account, so cannot enter" in errors.message(refused.value)


def test_notify_reaches_a_listening_desk_after_a_verify(pg_election):
    listener = pg_election.connect("eve")
    listener.execute(f"LISTEN {calls.CHANNEL}")
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, SEAT, VOTES, 120)
    first = next(listener.notifies(timeout=10, stop_after=1))
    calls.verify(bob, SEAT, VOTES, 120)
    after = next(listener.notifies(timeout=10, stop_after=1))
    assert int(after.payload) == calls.change_seq(listener) > int(first.payload)
    changed = listener.execute("SELECT code FROM resultsdesk.constituencies "
                               "WHERE change_seq > %s", (int(first.payload),)).fetchall()
    assert changed == [(SEAT,)]


def _wait_until_blocked(observer: psycopg.Connection, pid: int) -> None:
    """Bounded wait (server-side) until backend `pid` waits on a lock."""
    for _ in range(500):
        waiting = observer.execute(
            "SELECT wait_event_type = 'Lock' FROM pg_stat_activity, pg_sleep(0.01) "
            "WHERE pid = %s", (pid,)).fetchone()
        if waiting and waiting[0]:
            return
    raise AssertionError(f"backend {pid} never waited for the lock")


def test_two_verifiers_at_once_exactly_one_wins(pg_election):
    pg_election.add("carol", "desk")
    calls.declare(pg_election.connect("alice"), SEAT, VOTES, 120)
    bob = pg_election.connect("bob", autocommit=False)
    carol = pg_election.connect("carol")
    assert calls.verify(bob, SEAT, VOTES, 120, expected_version=1).verified  # not committed
    outcome: list[BaseException | calls.VerifyOutcome] = []

    def carol_verifies() -> None:
        try:
            outcome.append(calls.verify(carol, SEAT, VOTES, 120, expected_version=1))
        except psycopg.Error as exc:
            outcome.append(exc)

    worker = threading.Thread(target=carol_verifies)
    worker.start()
    _wait_until_blocked(pg_election.admin(), carol.info.backend_pid)
    bob.commit()
    worker.join(timeout=30)
    assert len(outcome) == 1 and isinstance(outcome[0], psycopg.Error)
    assert outcome[0].sqlstate == errors.DESK_RULE
    assert "nothing awaiting verification" in errors.message(outcome[0])
    eve = pg_election.connect("eve")
    assert _state(eve) == [(1, "verified", pg_election.user("alice"),
                            pg_election.user("bob"), "rekey")]
    assert [a for _, a in _actions(eve)].count("verify") == 1
