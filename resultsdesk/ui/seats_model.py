"""Seats by party for the national summary dock."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ..domain import tally
from ..domain.summary import NationalSummary
from .style import NO_PARTY_COLOUR, party_chip
from .table_model import Index, RowsTableModel

COLUMNS = ("Party", "Seats", "+/−", "Votes", "Share")


class SeatsTableModel(RowsTableModel):
    COLUMNS = COLUMNS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._colours: dict[str, str] = {}

    def set_summary(self, summary: NationalSummary, colours: dict[str, str]) -> None:
        parties = list(dict.fromkeys([*summary.seats, *summary.gains, *summary.losses]))
        rows = [(p, summary.seats.get(p, 0), summary.gains.get(p, 0) - summary.losses.get(p, 0),
                 summary.votes.get(p, 0),
                 tally.percentage(summary.votes.get(p, 0), summary.valid_votes))
                for p in parties]
        if rows == self._rows and colours == self._colours:
            return
        if len(rows) == len(self._rows) and colours == self._colours:
            changed = [i for i, (a, b) in enumerate(zip(self._rows, rows, strict=True)) if a != b]
            self._rows = rows
            for i in changed:  # a live update touches a party or two: repaint just those
                self._emit_row_changed(i)
            return
        self.beginResetModel()
        self._rows, self._colours = rows, colours
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_for(index)
        if row is None:
            return None
        party, seats, change, votes, share = row
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (party, f"{seats}", f"{change:+d}" if change else "0", f"{votes:,}",
                    f"{share:.1f}%")[col]
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return party_chip(self._colours.get(party, NO_PARTY_COLOUR))
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
