"""The recount watch's name column measures each name coming in, not every name on it
again: each close result read and measured the whole watch's names (1 ms with 200 seats on
it, on verifications already the night's slowest to show); a row changed in place or
leaving the watch reads no name but its own. Each name is measured, not only the longest
few in characters: the column is never narrower than any name on it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from resultsdesk.ui.name_fill import WatchNameFill
from resultsdesk.ui.sizing import LONGEST, bold, cell_width


class _CountingModel(QStandardItemModel):
    """Notes each row whose name cell is read (`reads`), once `reads` is a list."""

    reads: list[int] | None = None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if self.reads is not None and index.column() == 0:
            self.reads.append(index.row())
        return super().data(index, role)


def _watch(qtbot, names: list[str]) -> tuple[QTableView, QStandardItemModel, WatchNameFill]:
    model = _CountingModel(0, 2)
    for name in names:
        model.appendRow([QStandardItem(name), QStandardItem("15")])
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    return table, model, WatchNameFill(table)


def test_a_seat_into_the_watch_is_measured_alone(qtbot, monkeypatch):
    names = [f"Constituency number {i:02d}" for i in range(LONGEST + 6)]
    table, model, fill = _watch(qtbot, names)
    least = fill.least
    reads = []
    real = fill._names
    monkeypatch.setattr(fill, "_names", lambda: reads.append(1) or real())
    model.insertRow(3, [QStandardItem("Ely"), QStandardItem("9")])
    assert reads == [] and fill.least == least
    longer = "Aberdeenshire North and Moray East"
    model.insertRow(0, [QStandardItem(longer), QStandardItem("2")])
    assert reads == [] and fill.least == cell_width(table, [longer], font=bold(table)) > least
    model.removeRow(0)  # the widest gone: narrower again, from the names as kept
    assert reads == [] and fill.least == least


def test_a_row_changed_in_place_reads_its_own_name_alone(qtbot):
    names = [f"Constituency number {i:02d}" for i in range(LONGEST + 6)]
    table, model, fill = _watch(qtbot, names)
    least = fill.least
    reads = model.reads = []
    model.item(5, 1).setText("12")  # a recount's figure beside a name that stays
    assert reads == [] and fill.least == least
    longer = "Aberdeenshire North and Moray East"
    model.item(5, 0).setText(longer)
    assert reads == [5] and fill.least == cell_width(table, [longer], font=bold(table))
    model.item(5, 0).setText("Ely")  # the widest renamed away: narrower again
    assert reads == [5, 5] and fill.least == least
    model.removeRow(7)
    assert reads == [5, 5] and fill.least == least


def test_rows_moved_are_read_again(qtbot):
    """Rows in another order (a sort): the names as kept row by row are read again, so a
    later change in place is measured at its own row."""
    names = ["Ely", "Bath", "Wells"]
    table, model, fill = _watch(qtbot, names)
    least = fill.least
    model.sort(0)
    longer = "Aberdeenshire North and Moray East"
    model.item(0, 0).setText(longer)  # Bath's row, now first
    assert fill.least == cell_width(table, [longer], font=bold(table))
    model.item(0, 0).setText("Bath")
    assert fill.least == least
    assert fill._shown == ["Bath", "Ely", "Wells"]


def test_a_name_short_in_letters_but_wide_is_never_cut(qtbot):
    """Only the longest 24 in letters were measured: a wider name in fewer letters was
    cut ("WWWWWWW" among thirty "Illingfield 01"…)."""
    names = [f"Illingfield {i:02d}" for i in range(LONGEST + 6)] + ["WWWWWWW"]
    table, _model, fill = _watch(qtbot, names)
    metrics = QFontMetrics(bold(table))
    assert max(names, key=metrics.horizontalAdvance) == "WWWWWWW"
    assert fill.least >= cell_width(table, ["WWWWWWW"], font=bold(table))
