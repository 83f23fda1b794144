"""The verification queue: provisional declarations awaiting a second person, oldest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ..desk.declarations import QueueItem, local_time

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Since", "Constituency", "What", "Entered by")
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def _what(item: QueueItem) -> str:
    kind = {"declaration": "Declaration", "correction": "Correction",
            "lot": "Tie decided by lot"}.get(item.kind, item.kind)
    if item.count_number:
        kind += f" (recount {item.count_number})"
    return kind


class QueueModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[QueueItem] = []

    def set_items(self, items: list[QueueItem]) -> None:
        if items == self._items:
            return
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> QueueItem:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (local_time(item.entered_at)[:5], item.name, _what(item),
                    item.entered_by)[index.column()]
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.ForegroundRole and item.kind != "declaration":
            return QBrush(QColor("#8a5300"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{item.name} ({item.code}), version {item.version}, entered by "
                    f"{item.entered_by} at {local_time(item.entered_at)}")
        return None
