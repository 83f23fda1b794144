"""The part every read-only table model here shares: rows in a list, fixed columns."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel):
    """Subclasses set COLUMNS and implement `data`; rows live in `self._rows`."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.COLUMNS)):
            return self.COLUMNS[section]
        return None

    def row_for(self, index: Index):
        """The row object behind an index, or None for an index that is not ours."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def _emit_row_changed(self, i: int) -> None:
        self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))

    def _emit_changed(self, i: int, _old: Any, _new: Any) -> None:
        """Row `i` changed from `_old` to `_new`: repaint it (a model that can tell which
        cells changed repaints only those)."""
        self._emit_row_changed(i)

    def replace_rows(self, rows: list, key: Callable[[Any], Hashable]) -> None:
        """Make the rows `rows` by row: those gone are removed, new ones inserted where they
        belong, changed ones repainted (dataChanged on that row only), so selection and
        scroll position survive; a reset only if the rows that stay changed order."""
        wanted = {key(r) for r in rows}
        for i in range(len(self._rows) - 1, -1, -1):
            if key(self._rows[i]) not in wanted:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()
        staying = {key(r) for r in self._rows}
        if [key(r) for r in self._rows] != [key(r) for r in rows if key(r) in staying]:
            self.beginResetModel()
            self._rows = list(rows)
            self.endResetModel()
            return
        for i, row in enumerate(rows):
            if i < len(self._rows) and key(self._rows[i]) == key(row):
                if self._rows[i] != row:
                    old, self._rows[i] = self._rows[i], row
                    self._emit_changed(i, old, row)
            else:
                self.beginInsertRows(QModelIndex(), i, i)
                self._rows.insert(i, row)
                self.endInsertRows()
