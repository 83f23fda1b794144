"""A remembered layout the screen cannot hold: the window opens on the screen whole.

A layout saved by an earlier version, which had fewer docks (before the Timeline and the
Map) and one this version no longer has: the docks it does not know are tabbed beside the
charts, as the read-outs always were, not each given a strip of its own down the right. Each
strip added its least height to the window's: on a laptop the window came up taller than
the screen (973 px on a 768 px one), the status bar and the bottom of the table below it.
An arrangement made on a larger screen (docks one above another) that a laptop cannot hold
(1087 px at least) is set aside for the first run's, and the status bar says so."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QTableView

from resultsdesk.ui.app import application

# The right-hand docks of an earlier version, arranged as its first run did; one of them
# ("historyDock") is gone from this one.
OLD_CHARTS = ("seatChartDock", "hemicycleDock", "voteShareDock", "historyDock")
OLD_LISTS = ("queueDock", "recountDock", "summaryDock")


def _older_layout_saved(qtbot) -> None:
    application()
    old = QMainWindow()
    qtbot.addWidget(old)
    old.setCentralWidget(QTableView(old))
    old.resize(1366, 740)
    docks = {}
    for name in (*OLD_CHARTS, *OLD_LISTS):
        dock = docks[name] = QDockWidget(name, old)
        dock.setObjectName(name)
        dock.setWidget(QLabel(name, dock))
        old.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    old.splitDockWidget(docks[OLD_CHARTS[0]], docks[OLD_LISTS[0]], Qt.Orientation.Vertical)
    for group in (OLD_CHARTS, OLD_LISTS):
        for name in group[1:]:
            old.tabifyDockWidget(docks[group[0]], docks[name])
    old.show()
    qtbot.waitExposed(old)
    settings = QSettings()
    settings.setValue("mainWindow/geometry", old.saveGeometry())
    settings.setValue("mainWindow/state", old.saveState())
    old.close()


def test_docks_an_older_layout_does_not_know_are_tabbed_beside_the_charts(qtbot, main_window,
                                                                        night_db):
    _older_layout_saved(qtbot)
    win = main_window(night_db, user="alice")
    seats = win.chart_docks[0]
    for dock in win.chart_docks[1:]:  # the Timeline and the Map too, in the charts' tabs
        assert seats in win.tabifiedDockWidgets(dock), dock.objectName()
    for dock in (win.recount_dock, win.summary_dock):
        assert win.queue_dock in win.tabifiedDockWidgets(dock)
    qtbot.waitUntil(lambda: win.table.isVisible())
    assert win.minimumSizeHint().height() <= win.screen().availableGeometry().height()


LAPTOP = QRect(0, 0, 1366, 728)  # 1366 x 768 less a task bar


def _on_the_screen(qtbot, win) -> None:
    qtbot.waitUntil(lambda: win.table.isVisible())
    assert win.minimumSizeHint().height() <= LAPTOP.height()


def test_docks_one_above_another_from_a_large_screen_give_way_on_a_laptop(
        qtbot, main_window, night_db, monkeypatch):
    big = main_window(night_db, user="alice")
    for dock in (*big.chart_docks[3:], big.summary_dock):  # each a strip of its own
        big.removeDockWidget(dock)
        big.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.show()
    qtbot.waitUntil(lambda: big.minimumSizeHint().height() > LAPTOP.height())
    big.close()
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: LAPTOP)
    win = main_window(night_db, user="alice")
    _on_the_screen(qtbot, win)
    for dock in win.chart_docks[1:]:  # the first run's: the charts tabbed together
        assert win.chart_docks[0] in win.tabifiedDockWidgets(dock)
    assert "does not fit this screen" in win.statusBar().currentMessage()
