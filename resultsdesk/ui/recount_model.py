"""The recount watch: recounts under way, then every close seat, smallest majority first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ..desk.live import RecountRow
from ..domain.model import Status
from .style import NO_PARTY_COLOUR, colours, party_chip
from .table_model import Index, RowsTableModel

COLUMNS = ("Constituency", "Majority", "%", "Winner", "Runner-up")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class RecountModel(RowsTableModel):
    COLUMNS = COLUMNS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._colours: dict[str, str] = {}

    def set_rows(self, rows: list[RecountRow], colours: dict[str, str]) -> None:
        if rows == self._rows and colours == self._colours:
            return
        self.beginResetModel()
        self._rows, self._colours = list(rows), colours
        self.endResetModel()

    def row_at(self, row: int) -> RecountRow:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r: RecountRow | None = self.row_for(index)
        if r is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == ROW_ROLE:
            return r
        if role == Qt.ItemDataRole.ToolTipRole:
            state = "RECOUNT UNDER WAY" if r.recount_under_way else r.status.value
            return f"{r.constituency}: {state}"
        if role == Qt.ItemDataRole.DecorationRole and col in (3, 4):
            party = r.winner_party if col == 3 else r.runner_up_party
            return party_chip(self._colours.get(party, NO_PARTY_COLOUR)) if party else None
        if role == Qt.ItemDataRole.ForegroundRole and (r.recount_under_way or col == 1):
            return QBrush(QColor(colours().alert))
        if role == Qt.ItemDataRole.FontRole and (r.recount_under_way or col == 1):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(r: RecountRow, col: int) -> str:
        if col == 0:
            provisional = " (prov.)" if r.status == Status.PROVISIONAL else ""
            return r.constituency + provisional
        if col == 1:
            if r.majority is None:
                return "recount" if r.recount_under_way else ""
            return "TIE" if r.majority == 0 else f"{r.majority:,}"
        if col == 2:
            return "" if r.majority_pct is None else f"{r.majority_pct:.2f}%"
        if col == 3:
            return r.winner_party or ("—" if r.majority is not None else "")
        if col == 4:
            return r.runner_up_party or ""
        return ""
