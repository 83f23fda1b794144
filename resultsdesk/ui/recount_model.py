"""The recount watch: recounts under way, then every close seat, smallest majority first."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Collection
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont

from ..desk.live import NightState, RecountRow
from ..desk.live_totals import recount_order
from ..domain.model import Status
from ..domain.tally import DEFAULT_THRESHOLDS, RecountThresholds
from ..domain.wording import isolated, majority_share
from .style import NO_PARTY_COLOUR, as_written, colours, party_chip, solid_brush
from .table_model import MAJORITY_SHARE_HEARD, RowsTableModel

COLUMNS = ("Constituency", "Majority", "%", "Winner", "Runner-up")
MAJORITY = COLUMNS.index("Majority")  # the model's second column, shown first (window_layout)
HEARD = {"%": MAJORITY_SHARE_HEARD}  # the header a screen reader says in words
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
# A recount under way is drawn red and bold on the row (its majority, from the count before,
# still shown): what a screen reader hears of each of its cells, as the tint's words.
UNDER_WAY_HEARD = "Recount under way"
RELOAD_OVER = 200  # changed seats past which the watch is loaded whole (an import, a reload)


class RecountModel(RowsTableModel):
    COLUMNS = COLUMNS
    HEARD = HEARD

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._colours: dict[str, str] = {}
        # whose watch the rows are, and at which thresholds: either changing loads it whole
        self._night: NightState | None = None
        self._thresholds: RecountThresholds | None = None
        self._by_code: dict[str, RecountRow] = {}

    def set_rows(self, rows: list[RecountRow], colours: dict[str, str]) -> None:
        """The whole watch (a new night, other thresholds or colours): a reset."""
        if rows == self._rows and colours == self._colours:
            return
        self.beginResetModel()
        self.forget_answers()  # the colours may be new
        self._rows, self._colours = list(rows), colours
        self._by_code = {r.code: r for r in rows}
        self.endResetModel()

    def update(self, night: NightState, changed: Collection[str],
               thresholds: RecountThresholds, colours: dict[str, str]) -> None:
        """Bring the watch up to date after `night.refresh()` changed the seats `changed`:
        only their rows move, come or go (each found by a binary search in the watch's
        order); the whole watch again only for other thresholds or colours, or a reload."""
        if night is not self._night or len(changed) > RELOAD_OVER \
                or (thresholds, colours) != (self._thresholds, self._colours):
            moved_line = thresholds != self._thresholds
            self._night, self._thresholds = night, thresholds
            rows = night.recount_watch(thresholds)
            if moved_line and rows == self._rows and colours == self._colours and rows:
                # The same seats at another line: each share is written against the line
                # (`majority_share`), so every row is asked again.
                self.forget_answers()
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(rows) - 1, len(COLUMNS) - 1))
            self.set_rows(rows, colours)
            return
        for code in sorted(changed):
            self._put(code, night.recount_row(code, thresholds))

    def _put(self, code: str, row: RecountRow | None) -> None:
        old = self._by_code.pop(code, None)
        if old is not None:
            key = self._order()
            i = bisect_left(self._rows, key(old), key=key)
            if row is not None and self._place(row, without=i) == i:
                self._by_code[code] = self._rows[i] = row  # same place: repaint the row
                if row != old:
                    self._emit_row_changed(i)
                return
            self.beginRemoveRows(QModelIndex(), i, i)
            del self._rows[i]
            self.endRemoveRows()
        if row is not None:
            i = self._place(row)
            self.beginInsertRows(QModelIndex(), i, i)
            self._rows.insert(i, row)
            self._by_code[code] = row
            self.endInsertRows()

    def _place(self, row: RecountRow, without: int | None = None) -> int:
        """Where `row` goes in the watch's order (as if row `without` were not there)."""
        key = self._order()
        i = bisect_left(self._rows, key(row), key=key)
        if without is not None and i > without:
            i -= 1
        return i

    def _order(self) -> Callable[[RecountRow], tuple]:
        """The watch's order at its thresholds' line, as the night sorts it."""
        return recount_order(self._thresholds or DEFAULT_THRESHOLDS)

    def row_at(self, row: int) -> RecountRow:
        return self._rows[row]

    def row_of(self, code: str) -> int | None:
        """Where seat `code` is on the watch now; None if it is not on it."""
        row = self._by_code.get(code)
        return None if row is None else self._rows.index(row)

    def answer(self, r: RecountRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == ROW_ROLE:
            return r
        if role == Qt.ItemDataRole.ToolTipRole:
            return as_written(_tooltip(r, self._line()))  # names never read as markup
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and r.recount_under_way:
            return UNDER_WAY_HEARD
        if role == Qt.ItemDataRole.DecorationRole and col in (3, 4):
            party = _parties(r)[col - 3]
            return party_chip(self._colours.get(party, NO_PARTY_COLOUR)) if party else None
        if role == Qt.ItemDataRole.ForegroundRole and (r.recount_under_way or col == 1):
            return solid_brush(colours().alert)
        if role == Qt.ItemDataRole.FontRole and (r.recount_under_way or col == 1):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _line(self) -> float:
        """The recount line a majority's share is written against (`majority_share`)."""
        return (self._thresholds or DEFAULT_THRESHOLDS).pct

    def _display(self, r: RecountRow, col: int) -> str:
        if col == 0:
            provisional = " (prov.)" if r.status == Status.PROVISIONAL else ""
            return r.constituency + provisional
        if col == 1:
            if r.majority is None:
                return "recount" if r.recount_under_way else ""
            if r.majority == 0:  # decided by lot: the graphic's and card's words
                return "TIE" if r.tied_parties else "BY LOT"
            return f"{r.majority:,}"
        if col == 2:
            return "" if r.majority_pct is None else majority_share(r.majority_pct, self._line())
        if col in (3, 4):  # a tie: the tied parties, each said tied (under "Winner" and
            party = _parties(r)[col - 3]  # "Runner-up", "Lab" alone read as Lab's win)
            if party and r.tied_parties:
                return f"{party} (tied)"
            return party or ("—" if col == 3 and r.majority is not None else "")
        return ""


def _tooltip(r: RecountRow, line: float) -> str:
    """The row in one line ("Hendon: Lab over Con by 15 (0.04%) · verified"): on a laptop's
    dock the Winner and Runner-up columns are out of sight, scrolled to the right."""
    state = "RECOUNT UNDER WAY" if r.recount_under_way else r.status.value
    first, second = (isolated(p) if p else p for p in _parties(r))  # in a sentence
    result = None
    if r.majority == 0 and first and second:
        result = (f"TIE, {first} = {second}" if r.tied_parties
                  else f"{first} over {second} by lot")
    elif r.majority is not None and first:
        result = f"{first} over {second}" if second else first
        result += f" by {r.majority:,}"
        if r.majority_pct is not None:
            result += f" ({majority_share(r.majority_pct, line)})"
    return f"{isolated(r.constituency)}: " + (f"{result} · {state}" if result else state)


def _parties(r: RecountRow) -> tuple[str | None, str | None]:
    """The watch's first and second party: winner and runner-up, or the tied two."""
    if r.tied_parties:
        return r.tied_parties[0], r.tied_parties[1]
    return r.winner_party, r.runner_up_party
