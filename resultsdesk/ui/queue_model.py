"""The verification queue: provisional declarations awaiting a second person, oldest first."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt

from ..desk.declarations import QueueItem, local_time
from .style import colours, solid_brush
from .table_model import RowsTableModel

# Who entered it before what it is: the verifier needs the name (nobody verifies their own
# entry), and on the default 470 px dock, after a whole constituency name, the last column
# was cut to "alic" while "What" showed "Declaration" on every row.
COLUMNS = ("Since", "Constituency", "Entered by", "What")
NAME = COLUMNS.index("Constituency")
ENTERED_BY = COLUMNS.index("Entered by")
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def _what(item: QueueItem) -> str:
    kind = {"declaration": "Declaration", "correction": "Correction",
            "lot": "Tie decided by lot"}.get(item.kind, item.kind)
    if item.count_number:
        kind += f" (recount {item.count_number})"
    return kind


class QueueModel(RowsTableModel):
    COLUMNS = COLUMNS

    def set_items(self, items: list[QueueItem]) -> None:
        """The queue now: entries come and go by row (one entry is one version of a seat)."""
        if items != self._rows:
            self.replace_rows(items, key=lambda item: (item.code, item.version))

    def item(self, row: int) -> QueueItem:
        return self._rows[row]

    def answer(self, item: QueueItem, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (local_time(item.entered_at)[:5], item.name, item.entered_by,
                    _what(item))[col]
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.ForegroundRole and item.kind != "declaration":
            return solid_brush(colours().caution)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Qt reads a tooltip that looks like markup as rich text: this one always is,
            # escaped, so a desk name such as '<i>al</i>' reads as typed.
            return (f"<p>{escape(item.name)} ({escape(item.code)}), version {item.version}, "
                    f"entered by {escape(item.entered_by)} at "
                    f"{local_time(item.entered_at)}</p>")
        return None
