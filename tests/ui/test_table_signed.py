"""The results table writes a change as the charts and graphics do (`domain.signed`)."""

from __future__ import annotations

from resultsdesk.domain.signed import MINUS


def test_the_results_table_writes_turnout_change_as_the_charts_do():
    from resultsdesk.desk.overview import ConstituencyRow
    from resultsdesk.domain.model import Status
    from resultsdesk.ui import constituency_model as cm

    rows = [ConstituencyRow(code=f"E1400000{i}", name=f"Seat {i}", nation="England",
                            region="London", status=Status.VERIFIED, winner_party="Lab",
                            winner_name="A B", tie=False, turnout=60.0, turnout_change=change)
            for i, change in enumerate((-2.34, 0.01, 3.0, None))]
    assert cm.column_texts(rows, cm.TURNOUT_CHANGE) == {f"{MINUS}2.3", "\u00b10.0", "+3.0", ""}
