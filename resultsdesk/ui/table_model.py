"""The part every read-only table model here shares: rows in a list, fixed columns, and
each row's answers kept while the row (and what else they depend on) stays the same.

A view asks `data()` for a dozen roles of every cell it paints, from C++, at every repaint:
a seat entering the recount watch repaints the rows below it, a scroll of the results
table every row that comes into sight. Worked out afresh each time (texts formatted,
colours parsed, fonts and brushes made), that was ~20 µs an answer: 12 ms to repaint the
watch's 13 rows of the 2024 night, where Qt's own painting of the same texts is 2 ms. An
answer is worked out once (`answer`), the first time a view asks for it, and kept until
the row is replaced (rows are immutable records: a changed seat is a new one), the theme
changes, or the model says what its answers depend on changed (`forget_answers`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from .style import colours

Index = QModelIndex | QPersistentModelIndex
# Rows whose answers are kept: past this (a filter asks every row of the night for its
# record, a long scroll paints them all) the answers start afresh, so memory stays bounded.
KEPT_ROWS = 1_000
_ROLE_BITS = 12  # an answer's key: column << _ROLE_BITS | role (roles are under 4096)
MAJORITY_SHARE_HEARD = "Majority as a share of valid votes"  # "Maj %", the watch's "%"


class RowsTableModel(QAbstractTableModel):
    """Subclasses set COLUMNS and implement `answer`; rows live in `self._rows`. An answer
    may depend on the row, the column, the role, the app's theme and what the subclass
    names when it calls `forget_answers`; on nothing else."""

    COLUMNS: tuple[str, ...] = ()
    # A header as a screen reader says it, where the table's is a sign or a shortening: it
    # says a column's header as the focus moves into the column, and "+/−" was read sign by
    # sign before "minus 251", the watch's "%" a bare "percent".
    HEARD: ClassVar[Mapping[str, str]] = {}

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []
        # id(row) -> (the row, the theme they were worked out in, {column/role: answer})
        self._answers: dict[int, tuple[Any, Any, dict[int, Any]]] = {}
        self.answers_worked_out = 0  # `answer` calls so far (tests count them)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        i = index.row()
        rows = self._rows
        if not 0 <= i < len(rows):  # an invalid index is row -1
            return None
        row = rows[i]
        theme = colours()
        kept = self._answers.get(id(row))
        if kept is None or kept[0] is not row or kept[1] is not theme:
            if len(self._answers) >= KEPT_ROWS:
                self._answers.clear()
            kept = self._answers[id(row)] = (row, theme, {})
        col = index.column()
        key = col << _ROLE_BITS | role
        answers = kept[2]
        if key in answers:
            return answers[key]
        self.answers_worked_out += 1
        value = answers[key] = self.answer(row, col, role)
        return value

    def answer(self, row: Any, col: int, role: int) -> Any:
        """What the cell of `row` in column `col` says for `role` (None: nothing)."""
        raise NotImplementedError

    def forget_answers(self) -> None:
        """Something the answers depend on besides the rows and the theme changed (party
        colours, the recount thresholds): every answer is worked out again when asked."""
        self._answers.clear()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.HEARD.get(self.COLUMNS[section])  # None: the header as shown
        return None

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
