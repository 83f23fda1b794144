"""A practise rehearsal as a desk runs it: several people keying and re-keying blind,
mistakes caught and put right, pauses and the app closed part-way. The report's figures are
checked against what happened, worked out by hand from the audit log."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from helpers.rehearsal import WALL, build

import resultsdesk.desk.local_writes as local_writes
import resultsdesk.store.database as database
from resultsdesk.desk import declarations as dk
from resultsdesk.desk import practise as pr
from resultsdesk.desk import rehearsal as rh
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store

NEWCASTLE_CENTRAL, HOUGHTON = "E14000831", "E14000754"
OVERRIDES = ["low_turnout", "recount_range", "zero_votes"]


class Clock:
    """A fake wall clock shared by the rehearsal's calls (given `now`) and the stamps the
    store writes itself (verified_at, the audit log's times)."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self, seconds: float = 0) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now

    def iso(self) -> str:
        return self.now.astimezone(UTC).isoformat(timespec="seconds")


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock(WALL)
    monkeypatch.setattr(local_writes, "now_iso", fake.iso)
    monkeypatch.setattr(database, "now_iso", fake.iso)
    return fake


@pytest.fixture
def desk(tmp_path, clock):
    with Store(build(tmp_path / "practise.db", mode="practise", speed=60,
                     until="23:40")) as desk:
        yield desk


def key(desk, readout: pr.Readout, user: str, *, typo: int = 0) -> None:
    votes = [line.votes for line in readout.lines]
    votes[0] += typo
    dk.declare(desk, readout.code, Figures(votes, readout.invalid_votes), user=user,
               overrides=OVERRIDES)


def rekey(desk, readout: pr.Readout, user: str) -> bool:
    return dk.verify(desk, readout.code, user=user, votes=[line.votes for line in readout.lines],
                     invalid=readout.invalid_votes).verified


def _first_two(desk, clock: Clock) -> tuple[pr.Readout, pr.Readout]:
    rh.start(desk, clock())
    assert [d.code for d in rh.step(desk, clock(3)).delivered] == [NEWCASTLE_CENTRAL, HOUGHTON]
    newcastle, houghton = pr.readouts(desk)
    for readout in (newcastle, houghton):
        assert pr.mark_shown(desk, readout.code, clock(), user="alice")
    return newcastle, houghton


def test_a_wrong_entry_re_keyed_twice_is_one_error_caught(desk, clock, tmp_path):
    """The form, on a mismatch, asks the verifier to re-key the highlighted fields: a wrong
    entry re-keyed twice before it is rejected is still one error of its keyer."""
    newcastle, _ = _first_two(desk, clock)
    clock(20)
    key(desk, newcastle, "alice", typo=10)
    clock(20)
    assert not rekey(desk, newcastle, "bob")
    clock(10)
    assert not rekey(desk, newcastle, "bob")  # the highlighted field again: still differs
    dk.reject(desk, NEWCASTLE_CENTRAL, user="bob", comment="Onwurah's figure")
    clock(20)
    key(desk, newcastle, "alice")
    clock(20)
    assert rekey(desk, newcastle, "bob")

    # by hand from the audit log: one wrong entry (version 1), re-keyed twice
    entries = desk.query("SELECT user, action, details FROM audit_log "
                         "WHERE entity_key = ? AND action LIKE 'verify%' ORDER BY id",
                         (NEWCASTLE_CENTRAL,))
    assert [(e["user"], e["action"], json.loads(e["details"])["version"]) for e in entries] \
        == [("bob", "verify mismatch", 1), ("bob", "verify mismatch", 1), ("bob", "verify", 2)]
    (seat, *_) = pr.practised_seats(desk)
    assert seat.mismatches == (("alice", "bob", False), ("alice", "bob", False))
    people = {p.person: p for p in pr.practise_report_rows(desk)}
    assert people["alice"].errors_caught == 1
    assert people["bob"].rekey_slips == 0 and people["bob"].verified == 1
    data = json.loads(pr.export_practise_report(desk, tmp_path / "r.json").read_text())
    assert data["people"][0]["errors_caught"] == 1
    assert len(data["readouts"][0]["mismatches"]) == 2  # every re-key is still listed


def test_a_pause_or_the_app_closed_does_not_count_against_the_desk(desk, clock, tmp_path):
    """Read-out to verified counts the time the rehearsal's clock ran: a ten-minute pause,
    or an hour with the app closed (its clock stopped), is not the desk being slow."""
    newcastle, houghton = _first_two(desk, clock)
    clock(30)
    key(desk, newcastle, "alice")
    key(desk, houghton, "carol")
    rh.pause(desk, clock(10), user="bob")  # 40 s after the read-outs were shown
    rh.resume(desk, clock(600), user="bob")
    clock(20)
    assert rekey(desk, newcastle, "bob")  # 40 + 20 s of the clock running
    rh.stop(desk, clock(10), user="alice")  # the app closed: 70 s so far for Houghton
    rh.start(desk, clock(3600), user="alice")  # opened again an hour later
    clock(15)
    assert rekey(desk, houghton, "alice")  # 70 + 15 s
    seats = {s.code: s for s in pr.practised_seats(desk)}
    assert seats[NEWCASTLE_CENTRAL].seconds == 60
    assert seats[HOUGHTON].seconds == 85
    people = {p.person: p for p in pr.practise_report_rows(desk)}
    assert (people["alice"].mean_seconds, people["carol"].mean_seconds) == (60, 85)
    data = json.loads(pr.export_practise_report(desk, tmp_path / "r.json").read_text())
    assert [r["seconds"] for r in data["readouts"][:2]] == [60, 85]


def test_one_readout_is_read_alone(desk, clock):
    """`rehearse` prints each delivery's read-out: after a jump of hundreds of seats, each
    read every read-out delivered so far (21 s of printing for the whole night)."""
    rh.start(desk, clock())
    rh.set_until(desk, None, clock())
    rh.jump_to(desk, "02:00", clock())
    assert len(rh.step(desk, clock(1)).delivered) > 50
    statements: list[str] = []
    desk._conn.set_trace_callback(statements.append)
    try:
        readout = pr.readout(desk, HOUGHTON)
    finally:
        desk._conn.set_trace_callback(None)
    assert readout.code == HOUGHTON and readout.clock == "23:29"
    assert len(statements) <= 5, statements
    assert pr.readout(desk, "E14000001") is None  # Aldershot: not read out by 02:00


def test_wrong_figures_on_air_stay_in_the_report_once_corrected(desk, clock):
    """Both keyed the same wrong figure, so the re-key could not catch it and it went on air;
    a correction put it right later. The report is of the read-out's turn on the desk: who
    keyed and verified what first went on air, how fast, and that it was wrong, not the
    correction made after (which erased carol's error and credited alice with the seat)."""
    newcastle, _ = _first_two(desk, clock)
    votes = [line.votes for line in newcastle.lines]
    votes[1] += 100
    clock(30)
    dk.declare(desk, NEWCASTLE_CENTRAL, Figures(votes, newcastle.invalid_votes), user="carol",
               overrides=OVERRIDES)
    clock(30)
    assert dk.verify(desk, NEWCASTLE_CENTRAL, user="dan", votes=votes,
                     invalid=newcastle.invalid_votes).verified
    clock(600)
    dk.correct(desk, NEWCASTLE_CENTRAL, Figures([line.votes for line in newcastle.lines],
                                                newcastle.invalid_votes),
               user="alice", reason="the returning officer's sheet", overrides=OVERRIDES)
    clock(30)
    assert rekey(desk, newcastle, "bob")
    (seat, *_) = pr.practised_seats(desk)
    assert (seat.entered_by, seat.verified_by, seat.seconds) == ("carol", "dan", 60)
    assert seat.matches_readout is False
    people = {p.person: p for p in pr.practise_report_rows(desk)}
    assert (people["carol"].entered, people["carol"].wrong_on_air) == (1, 1)
    assert people["dan"].verified == 1
    assert "alice" not in people or people["alice"].entered == 0
