"""The server keeps a recount's counts straight by itself (migration 37), whatever the client
checked before calling it:

- a recount whose count awaits verification is not called off (`mark_recount(p_under_way
  => false)`): the count would have stayed verifiable, and gone on air, for a recount
  called off;
- figures typed for one count are not saved as the next one's: `declare` and `correct`
  take the count the form was opened at (`p_expected_count`) and compare it under the
  server's lock. The desk compared it only before its call, so a recount called by
  another desk in the millisecond between (here: called from a second connection right
  before the write) recorded the figures as the recount's count.
"""

from __future__ import annotations

import re

import psycopg
import pytest
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.pg_election import SEAT, recount_count_keyed
from helpers.seats import CLEAN, CON, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store.postgres import calls, errors

VOTES = [20_000, 15_000, 5_000]
RECOUNT = [20_000, 14_500, 5_000]
SEAT_NAME = 'Ynys Môn & "Alpha"'  # SEAT's, in pg_election's nominations
CALLED = ("Hendon: recount 1 was called since you opened it; the figures typed were for "
          "the count before it. Close the form and key the count the seat is at now.")


def _refused(sqlstate: str):
    return pytest.raises(psycopg.Error, check=lambda e: e.sqlstate == sqlstate)


def _seat(conn: psycopg.Connection) -> tuple:
    return conn.execute("SELECT recount_under_way, current_count FROM constituencies "
                        "WHERE code = %s", (SEAT,)).fetchone()


def test_the_server_does_not_call_off_a_recount_whose_count_awaits_verification(
        pg_election):
    _alice, bob = recount_count_keyed(pg_election, VOTES, RECOUNT)
    entries = bob.execute("SELECT count(*) FROM audit_log").fetchone()
    with _refused(errors.DESK_RULE) as refused:
        calls.mark_recount(bob, SEAT, under_way=False)
    name = pg_election.user("alice")
    assert re.fullmatch(
        rf"{re.escape(SEAT_NAME)}: recount 1's figures \(version 2, entered by {name} at "
        r"\d\d:\d\d:\d\d\) await verification, so the recount cannot be called off: verify "
        rf"them, which ends it, or reject them \(or {name} withdraws them\) first\.",
        errors.message(refused.value)), errors.message(refused.value)
    assert _seat(bob) == (1, 1)
    assert bob.execute("SELECT count(*) FROM audit_log").fetchone() == entries
    # Rejected (the recount did not go ahead), it may be called off; nothing is left.
    calls.reject(bob, SEAT, "recount not going ahead")
    assert calls.mark_recount(bob, SEAT, under_way=False) == 0  # back at the first count
    assert _seat(bob) == (0, 0)


def test_a_pending_correction_does_not_keep_the_server_from_calling_a_recount_off(
        pg_election):
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.declare(alice, SEAT, VOTES, 120)
    calls.verify(bob, SEAT, VOTES, 120)
    calls.mark_recount(bob, SEAT)
    calls.correct(alice, SEAT, RECOUNT, 120, reason="misread")  # of the first count
    assert calls.mark_recount(bob, SEAT, under_way=False) == 0
    assert calls.verify(bob, SEAT, RECOUNT, 120).verified


def test_the_server_compares_the_count_a_save_was_typed_for(pg_election):
    alice, bob = pg_election.connect("alice"), pg_election.connect("bob")
    calls.mark_recount(bob, SEAT)
    with _refused(errors.CONFLICT) as refused:
        calls.declare(alice, SEAT, VOTES, 120, expected_count=0)
    assert "recount 1 was called since you opened it; the figures typed were for the " \
        "count before it" in errors.message(refused.value)
    assert calls.declare(alice, SEAT, VOTES, 120, expected_count=1) == 1
    calls.verify(bob, SEAT, VOTES, 120)
    calls.mark_recount(bob, SEAT)
    with _refused(errors.CONFLICT) as refused:
        calls.correct(alice, SEAT, RECOUNT, 120, reason="misread", expected_count=1)
    assert "recount 2 was called since you opened it; the figures typed were for the " \
        "count before it" in errors.message(refused.value)
    # called off (migration 39): the seat is back at recount 1, so figures typed for
    # recount 2 are refused, and the correction typed at recount 1 is saved
    calls.mark_recount(bob, SEAT, under_way=False)
    with _refused(errors.CONFLICT) as refused:
        calls.declare(alice, SEAT, RECOUNT, 120, expected_count=2)
    assert errors.message(refused.value) == (
        f"{SEAT_NAME}: recount 2 was called off since you opened it; the figures typed "
        "were for it. Close the form and key the count the seat is at now.")
    assert calls.correct(alice, SEAT, RECOUNT, 120, reason="misread", expected_count=1) == 2


def _recount_called_just_before(monkeypatch, save: str, caller, *, off: bool = False):
    """The client's `save` call (calls.declare_saved / correct_saved), once its own checks
    have passed, is preceded by a recount called from another desk's connection (and
    called off, with `off`): the race between two PCs, made certain."""
    original = getattr(calls, save)
    raced: list[int] = []

    def racing(conn, *args, **kwargs):
        if not raced:
            raced.append(caller(under_way=True))
            if off:
                caller(under_way=False)
        return original(conn, *args, **kwargs)

    monkeypatch.setattr(calls, save, racing)
    return raced


def test_figures_typed_before_a_recount_called_in_the_race_are_refused(server, monkeypatch):
    """alice's form was opened at the first count; bob's desk calls a recount between
    alice's desk checking the count and the server saving her figures. They were recorded
    as recount 1's count. The server refuses, with the desk's own line."""
    alice, bob, eve = server.open("alice"), server.open("bob"), server.open("eve")
    opened = dk.load_sheet(alice, HENDON)
    raced = _recount_called_just_before(monkeypatch, "declare_saved", lambda under_way:
                                        dk.mark_recount(bob, HENDON, user=server.name("bob"),
                                                        under_way=under_way))
    with pytest.raises(dk.Conflict) as refused:
        dk.declare(alice, HENDON, Figures(CLEAN, 120), user=server.name("alice"),
                   expected_version=opened.current_version,
                   expected_count=opened.current_count)
    assert raced and str(refused.value) == CALLED
    sheet = dk.load_sheet(eve, HENDON)
    assert sheet.versions == () and (sheet.recount_under_way, sheet.current_count) == (True, 1)


def test_a_correction_typed_before_a_recount_called_in_the_race_is_refused(server,
                                                                          monkeypatch):
    """The same for a correction, with the recount called in between: as the desk refuses
    it on a file. (Called and called off in between, the seat is back at the count the
    correction was typed for, migration 39: tests/desk/test_recount_called_off_counts.py.)"""
    alice, bob = server.open("alice"), server.open("bob")
    dk.declare(alice, HENDON, Figures(CLEAN, 120), user=server.name("alice"))
    dk.verify(bob, HENDON, user=server.name("bob"), votes=CLEAN, invalid=120)
    opened = dk.load_sheet(alice, HENDON)
    _recount_called_just_before(monkeypatch, "correct_saved", lambda under_way:
                                dk.mark_recount(bob, HENDON, user=server.name("bob"),
                                                under_way=under_way))
    corrected = list(CLEAN)
    corrected[CON] += 10
    with pytest.raises(dk.Conflict) as refused:
        dk.correct(alice, HENDON, Figures(corrected, 120), user=server.name("alice"),
                   reason="RO restated Con", expected_version=opened.current_version,
                   expected_count=opened.current_count)
    assert str(refused.value) == CALLED
    assert dk.load_sheet(bob, HENDON).current_version == 1
