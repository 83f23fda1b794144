"""The recount watch's name column measures each name coming in, not every name on it
again: each close result read and measured the whole watch's names (1 ms with 200 seats on
it, on verifications already the night's slowest to show). Each name is measured, not only
the longest few in characters: the column is never narrower than any name on it."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from resultsdesk.ui.name_fill import WatchNameFill
from resultsdesk.ui.sizing import LONGEST, bold, cell_width


def _watch(qtbot, names: list[str]) -> tuple[QTableView, QStandardItemModel, WatchNameFill]:
    model = QStandardItemModel(0, 2)
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
    model.removeRow(0)  # the widest gone: every name again
    assert reads == [1] and fill.least == least


def test_a_name_short_in_letters_but_wide_is_never_cut(qtbot):
    """Only the longest 24 in letters were measured: a wider name in fewer letters was
    cut ("WWWWWWW" among thirty "Illingfield 01"…)."""
    names = [f"Illingfield {i:02d}" for i in range(LONGEST + 6)] + ["WWWWWWW"]
    table, _model, fill = _watch(qtbot, names)
    metrics = QFontMetrics(bold(table))
    assert max(names, key=metrics.horizontalAdvance) == "WWWWWWW"
    assert fill.least >= cell_width(table, ["WWWWWWW"], font=bold(table))
