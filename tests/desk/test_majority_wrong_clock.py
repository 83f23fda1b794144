"""The majority moment the window's Timeline marks, on a night where one seat was verified
on a PC whose clock had reset to 2000. The Timeline counts that seat as one of no known
time (`domain.timeline._on_the_night`), so the party's running line there reaches the
majority a seat later than the moment marked, which counted the 2000 seat first: "Lab
majority 01:00" drawn where Lab's own line stood one seat short. A seat before the night
leaves the moment unknown, as a seat with no time does, in the kept totals as in a
recount of them (`domain.timeline.majority_reached`)."""

from __future__ import annotations

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import local_writes
from resultsdesk.desk.live import NightState
from resultsdesk.desk.live_charts import timeline_data
from resultsdesk.domain.model import Figures
from resultsdesk.domain.timeline import majority_reached
from resultsdesk.domain.validation import WARNING_CODES

# Hendon, Basildon, Aberafan Maesteg: Labour stands in each
SEATS = ("E14001279", "E14001077", "W07000081")
STAMPS = ("2000-01-01T00:05:00+00:00", "2024-07-05T00:30:00+00:00",
          "2024-07-05T01:00:00+00:00")


def _labour_wins(store, code: str, stamp: str, monkeypatch) -> None:
    sheet = dk.load_sheet(store, code)
    votes = [20_000 if c.party == "Lab" else 100 for c in sheet.candidates]
    monkeypatch.setattr(local_writes, "now_iso", lambda: stamp)
    dk.declare(store, code, Figures(votes, 10), user="alice", overrides=WARNING_CODES)
    dk.verify(store, code, user="bob", votes=votes, invalid=10)


def test_a_seat_off_the_night_leaves_the_majority_moment_unknown(nominations_store,
                                                                 monkeypatch):
    for code, stamp in zip(SEATS, STAMPS, strict=True):
        _labour_wins(nominations_store, code, stamp, monkeypatch)
    night = NightState(nominations_store)
    night.refresh()
    seats = night.declared_seats()
    assert sorted(s.winner for s in seats) == ["Lab"] * 3
    # on the Timeline, Lab's line ends at 2 seats: the 2000 one is untimed there
    line = timeline_data(night).parties[0]
    assert line.party == "Lab" and line.points[-1][1] == 2
    assert night.majority_reached(3) is None  # was 01:00, with Lab's line at 2
    assert majority_reached(seats, 3) is None
    assert night.majority_reached(2) is None  # whether it came first is not known
