"""The recount watch's row in one line (its tooltip) with parties named right to left:
bare, "TIE, <A> = <B>" showed B's name first and "<A> over <B> by 15" took the majority
into B's run. Each name is isolated (`wording.isolated`)."""

from __future__ import annotations

from resultsdesk.desk.live_totals import RecountRow
from resultsdesk.domain.model import Status
from resultsdesk.ui.recount_model import _tooltip

A, B = "\u05dc\u05d9\u05db\u05d5\u05d3", "\u05e2\u05d1\u05d5\u05d3\u05d4"  # Hebrew


def _row(**kw) -> RecountRow:
    return RecountRow(**{"code": "X1", "constituency": "Hendon", "status": Status.VERIFIED,
                         "recount_under_way": False, "winner_party": A,
                         "runner_up_party": B, "majority": 15, "majority_pct": 0.0389,
                         **kw})


def test_a_close_seats_line_isolates_each_party():
    assert _tooltip(_row(), 0.5) == \
        f"Hendon: \u2068{A}\u2069 over \u2068{B}\u2069 by 15 (0.04%) \u00b7 verified"


def test_a_tie_between_right_to_left_parties_keeps_their_order():
    row = _row(majority=0, majority_pct=0.0, tied_parties=(A, B))
    assert _tooltip(row, 0.5) == f"Hendon: TIE, \u2068{A}\u2069 = \u2068{B}\u2069 \u00b7 verified"
