"""Seats by party for the national summary dock."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ..domain import tally
from ..domain.others import Standing, rank_key
from ..domain.signed import signed
from ..domain.summary import NationalSummary, listed
from .style import NO_PARTY_COLOUR, party_chip
from .table_model import RowsTableModel

COLUMNS = ("Party", "Seats", "+/−", "Votes", "Share")
HEARD = {"+/−": "Seats gained or lost since the baseline"}  # said in words, not "plus slash"
_DISPLAY, _DECORATION = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole
_ANSWERED = frozenset({_DISPLAY, _DECORATION, Qt.ItemDataRole.TextAlignmentRole})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class SeatsTableModel(RowsTableModel):
    COLUMNS = COLUMNS
    HEARD = HEARD

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._colours: dict[str, str] = {}

    def set_summary(self, summary: NationalSummary, colours: dict[str, str]) -> None:
        # As the command line's table: with Reform's 14% and no seat yet on a partial night
        # (they were missing, and the shares shown fell well short of 100%).
        parties = [p for p in dict.fromkeys([*summary.seats, *summary.gains, *summary.losses,
                                             *summary.votes]) if listed(summary, p)]
        # The seat chart's order (most seats, then most votes): the summary keeps a tie in
        # seats by name, which put DUP above RUK here and below it on the chart beside.
        parties.sort(key=lambda p: rank_key(Standing(p, summary.seats.get(p, 0),
                                                     summary.votes.get(p, 0))))
        rows = [(p, summary.seats.get(p, 0), summary.change(p), summary.votes.get(p, 0),
                 tally.percentage(summary.votes.get(p, 0), summary.valid_votes))
                for p in parties]
        if rows == self._rows and colours == self._colours:
            return
        if colours != self._colours:
            self.beginResetModel()
            self.forget_answers()
            self._rows, self._colours = rows, colours
            self.endResetModel()
            return
        if [r[0] for r in rows] != [r[0] for r in self._rows]:
            # A party's first seat (a row in) or a new order: rows moved, inserted.
            self.replace_rows(rows, key=lambda r: r[0])
            return
        old, self._rows = self._rows, rows
        for i, (a, b) in enumerate(zip(old, rows, strict=True)):
            if a != b:
                self._emit_changed(i, a, b)

    def _emit_changed(self, i: int, old: tuple, new: tuple) -> None:
        # Every party's votes and share move with each seat; its seats only when it won or
        # lost one: only the cells whose text changed are repainted.
        was, now = _shown(old), _shown(new)
        cols = [c for c in range(len(COLUMNS)) if was[c] != now[c]]
        if cols:
            self.dataChanged.emit(self.index(i, cols[0]), self.index(i, cols[-1]))

    def answer(self, row: tuple, col: int, role: int) -> Any:
        if role not in _ANSWERED:
            return None
        if role == _DISPLAY:
            return _shown(row)[col]
        if role == _DECORATION:
            return party_chip(self._colours.get(row[0], NO_PARTY_COLOUR)) if col == 0 \
                else None
        return _RIGHT if col > 0 else None


def _shown(row: tuple) -> tuple[str, ...]:
    """A row's cells as the table shows them: +/− blank with no baseline, as the results
    table's Swing is for a seat with none ("±0" read as "nothing changed hands")."""
    party, seats, change, votes, share = row
    return (party, f"{seats}", "" if change is None else signed(change), f"{votes:,}",
            f"{share:.1f}%")
