"""The strip's "Lab majority reached at 01:00" on a night where one poll was postponed and
declared three weeks later (Thirsk and Malton, 2010): its seat, keyed and verified at the
desk then, is stamped weeks after the night. Labour's majority moment, reached on the
night, stayed on air until then; keying the late seat took its time off the strip, the
Timeline and the feed ("Lab majority reached", no time), from the kept totals."""

from __future__ import annotations

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import local_writes
from resultsdesk.desk.live import NightState
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES

# Hendon, Basildon, Aberafan Maesteg: Labour stands in each
SEATS = ("E14001279", "E14001077", "W07000081")
STAMPS = ("2024-07-05T00:30:00+00:00", "2024-07-05T01:00:00+00:00",
          "2024-07-26T20:00:00+00:00")  # the last: the postponed poll, three weeks on


def _labour_wins(store, code: str, stamp: str, monkeypatch) -> None:
    sheet = dk.load_sheet(store, code)
    votes = [20_000 if c.party == "Lab" else 100 for c in sheet.candidates]
    monkeypatch.setattr(local_writes, "now_iso", lambda: stamp)
    dk.declare(store, code, Figures(votes, 10), user="alice", overrides=WARNING_CODES)
    dk.verify(store, code, user="bob", votes=votes, invalid=10)


def test_a_postponed_poll_keeps_the_majority_moment_of_the_night(nominations_store,
                                                                 monkeypatch):
    for code, stamp in zip(SEATS[:2], STAMPS[:2], strict=True):
        _labour_wins(nominations_store, code, stamp, monkeypatch)
    night = NightState(nominations_store)
    night.refresh()
    before = night.majority_reached(2)
    assert before is not None and before.party == "Lab"
    _labour_wins(nominations_store, SEATS[2], STAMPS[2], monkeypatch)
    night.refresh()
    assert night.majority_reached(2) == before  # was None once the late seat came
    assert night.majority_reached_at("Lab", 2) == "02:00"  # on the UK clock
