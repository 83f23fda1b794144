"""A seat returned unopposed (one candidate, no poll) has no majority to recount: the
recount watch leaves it out (`SeatOutcome.watched`), and so must the seats table, which
shaded its row and marked it in recount range at a "majority" of 0."""

from __future__ import annotations

from resultsdesk.desk.live import SeatState
from resultsdesk.desk.overview import row_for
from resultsdesk.domain.model import CandidateVotes, SeatResult, Status
from resultsdesk.domain.summary import seat_outcome
from resultsdesk.domain.tally import RecountThresholds
from resultsdesk.ui.constituency_model import ConstituencyTableModel


def _row(*candidates: CandidateVotes):
    result = SeatResult("E9", "Unopposed", candidates, electorate=90_000,
                        status=Status.VERIFIED)
    return row_for(SeatState("E9", result.name, "England", "London", 90_000, shown=result,
                             outcome=seat_outcome(result), verified=result))


def test_a_seat_returned_unopposed_is_not_shaded_in_recount_range(qapp):
    model = ConstituencyTableModel()
    model.set_thresholds(RecountThresholds(100, 0.5))
    assert not model.in_recount_range(_row(CandidateVotes("A", "Lab", 0)))
    # a contested seat's close majority still is
    assert model.in_recount_range(_row(CandidateVotes("A", "Lab", 500),
                                       CandidateVotes("B", "Con", 450)))


def test_a_seat_returned_unopposed_shows_no_majority(qapp):
    """Its Majority and Maj % cells read "0" and "0.00%", a dead heat's words, where the
    result card (and its data, and the map's) now say it has none."""
    row = _row(CandidateVotes("A", "Lab", 0))
    assert (row.majority, row.majority_pct, row.unopposed) == (None, None, True)
    model = ConstituencyTableModel()
    model.set_rows([row], {})
    texts = [model.index(0, c).data() for c in range(model.columnCount())]
    assert "0" not in texts and "0.00%" not in texts, texts
    contested = _row(CandidateVotes("A", "Lab", 500), CandidateVotes("B", "Con", 450))
    assert (contested.majority, contested.unopposed) == (50, False)
