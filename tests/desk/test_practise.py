"""Practise rehearsals: read-outs delivered at their time, keyed and verified by hand with
the normal workflow, and the report of each person's speed and the errors the re-key
caught, as data and as CSV/JSON."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta

import pytest
from helpers.rehearsal import build

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import practise as pr
from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.audit_text import trail_lines
from resultsdesk.desk.live import NightState
from resultsdesk.domain.errors import FileProblem
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store

NEWCASTLE_CENTRAL, HOUGHTON, BLYTH_VALLEY = "E14000831", "E14000754", "E14000575"


@pytest.fixture
def practise_desk(tmp_path):
    with Store(build(tmp_path / "practise.db", mode="practise", speed=60,
                     until="23:40")) as desk:
        yield desk


def key(desk, readout: pr.Readout, user: str, *, typo: int = 0) -> None:
    votes = [line.votes for line in readout.lines]
    votes[0] += typo
    dk.declare(desk, readout.code, Figures(votes, readout.invalid_votes), user=user,
               overrides=["low_turnout", "recount_range", "zero_votes"])


def rekey(desk, readout: pr.Readout, user: str, *, typo: int = 0) -> dk.VerifyResult:
    votes = [line.votes for line in readout.lines]
    votes[-1] += typo
    return dk.verify(desk, readout.code, user=user, votes=votes,
                     invalid=readout.invalid_votes)


def test_read_outs_arrive_at_their_time_and_are_keyed_by_hand(practise_desk, tmp_path):
    desk = practise_desk
    wall = datetime.now(UTC) - timedelta(minutes=10)
    rh.start(desk, wall)
    # three night minutes (3 s at speed 60): Newcastle upon Tyne Central, Houghton at 23:29
    first = rh.step(desk, wall + timedelta(seconds=3))
    assert [d.code for d in first.delivered] == [NEWCASTLE_CENTRAL, HOUGHTON]
    assert first.state.next_due.strftime("%H:%M") == "23:32"  # Blyth Valley
    assert desk.scalar("SELECT count(*) FROM declarations") == 0  # nothing keyed for them
    shown = pr.readouts(desk)
    assert [r.code for r in shown] == [NEWCASTLE_CENTRAL, HOUGHTON]
    newcastle = shown[0]
    assert newcastle.clock == "23:27" and "Chi Onwurah (Lab): 21,568" in newcastle.text()
    assert "Chi Onwurah is duly elected" in newcastle.text()
    sheet = dk.load_sheet(desk, NEWCASTLE_CENTRAL)
    assert [c.name for c in sheet.candidates] == [line.candidate for line in newcastle.lines]
    assert pr.mark_shown(desk, NEWCASTLE_CENTRAL, wall + timedelta(seconds=3))
    assert not pr.mark_shown(desk, NEWCASTLE_CENTRAL, wall + timedelta(seconds=9))

    # alice keys Newcastle with a typo; bob's blind re-key catches it; she corrects hers
    key(desk, newcastle, "alice", typo=10)
    assert not rekey(desk, newcastle, "bob").verified
    dk.withdraw(desk, NEWCASTLE_CENTRAL, user="alice")
    key(desk, newcastle, "alice")
    assert rekey(desk, newcastle, "bob").verified
    # bob keys Houghton, alice's re-key slips once, then matches
    houghton = shown[1]
    key(desk, houghton, "bob")
    assert not rekey(desk, houghton, "alice", typo=1).verified
    assert rekey(desk, houghton, "alice").verified

    # Blyth Valley's read-out arrives three night minutes later; nobody keys it
    rest = rh.step(desk, wall + timedelta(seconds=6))
    assert [d.code for d in rest.delivered] == [BLYTH_VALLEY] and rest.finished

    # the declarations keyed carry the read-outs' times: the night's, not the keying's
    night = NightState(desk)
    night.refresh()
    assert night.seats[NEWCASTLE_CENTRAL].declared_at == "2019-12-12T23:27:00+00:00"
    assert night.seats[BLYTH_VALLEY].declared_at is None  # read out, not declared yet

    seats = {s.code: s for s in pr.practised_seats(desk)}
    assert seats[NEWCASTLE_CENTRAL].mismatches == (("alice", "bob", False),)
    assert seats[HOUGHTON].mismatches == (("bob", "alice", True),)  # alice's slip
    assert seats[NEWCASTLE_CENTRAL].matches_readout is True
    assert 590 <= seats[NEWCASTLE_CENTRAL].seconds < 900  # shown 3 s in; verified now
    assert seats[BLYTH_VALLEY].verified_at is None and seats[BLYTH_VALLEY].seconds is None
    people = {p.person: p for p in pr.practise_report_rows(desk)}
    assert (people["alice"].entered, people["alice"].verified) == (1, 1)
    assert (people["alice"].errors_caught, people["alice"].rekey_slips) == (1, 1)
    assert (people["bob"].errors_caught, people["bob"].rekey_slips) == (0, 0)
    assert people["bob"].entered == 1 and people["bob"].mean_seconds >= 590
    assert people["alice"].wrong_on_air == people["bob"].wrong_on_air == 0

    out = pr.export_practise_report(desk, tmp_path / "report.csv")
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["person"] for r in rows] == ["alice", "bob"]
    assert rows[0]["errors_caught"] == "1"
    data = json.loads(pr.export_practise_report(desk, tmp_path / "report.json").read_text())
    assert data["rehearsal"] is True and len(data["readouts"]) == 3
    assert data["readouts"][0]["mismatches"] == [
        {"entered_by": "alice", "rekeyed_by": "bob", "entry_as_read_out": False}]
    with pytest.raises(FileProblem, match=r"\.csv or \.json"):
        pr.export_practise_report(desk, tmp_path / "report.txt")
    assert check_audit_chain(desk).intact
    trail = [line.text for line in trail_lines(desk)]
    assert ("rehearsal planned a practise rehearsal of HoC-GE2019-results-by-candidate.csv: "
            "650 declarations from 23:27 to 14:52, at speed 60") in trail
    assert ("the returning officer's read-out of Newcastle Upon Tyne Central (23:27) reached "
            "the desk") in trail
    assert "the rehearsal finished at 23:33: 3 declarations delivered" in trail


def test_figures_on_air_that_differ_from_the_read_out(practise_desk):
    desk = practise_desk
    wall = datetime.now(UTC)
    rh.start(desk, wall)
    rh.step(desk, wall)
    newcastle = pr.readout(desk, NEWCASTLE_CENTRAL)
    assert pr.readout(desk, HOUGHTON) is None  # not read out yet
    votes = [line.votes for line in newcastle.lines]
    votes[1] += 100  # both keyed the same wrong figure: the re-key cannot catch it
    dk.declare(desk, NEWCASTLE_CENTRAL, Figures(votes, newcastle.invalid_votes), user="carol",
               overrides=["low_turnout"])
    assert dk.verify(desk, NEWCASTLE_CENTRAL, user="dan", votes=votes,
                     invalid=newcastle.invalid_votes).verified
    (carol, dan) = pr.practise_report_rows(desk)
    assert carol.person == "carol" and carol.wrong_on_air == 1 and carol.errors_caught == 0
    assert dan.verified == 1


def test_read_outs_are_for_practise_only(tmp_path):
    with Store(build(tmp_path / "watch.db", speed=60)) as desk, \
            pytest.raises(rh.RehearsalRefusal, match="practise"):
        pr.readouts(desk)


def test_the_report_gives_every_time_to_a_tenth_of_a_second():
    """The mean was rounded, the fastest and slowest not: a clock paused mid-seat left
    them with microseconds (41.731254) in the report's CSV and JSON."""
    from resultsdesk.domain.replay import PractisedSeat, practise_report

    seats = [PractisedSeat(f"E1400000{i}", "Seat", "2024-07-05T01:00:00+01:00",
                           "2024-07-05T00:00:00+00:00", "alice", "bob",
                           "2024-07-05T00:01:00+00:00", seconds, (), True)
             for i, seconds in enumerate((41.731254, 60.04999, 75.26))]
    row = next(r for r in practise_report(seats) if r.person == "alice")
    assert (row.fastest_seconds, row.mean_seconds, row.slowest_seconds) == (41.7, 59.0, 75.3)
