"""The window's layout across nights: one remembered arrangement of the ordinary docks for
every night, what only a rehearsal has (its toolbar, a practise night's read-outs) shown by the
database open and never by the saved layout, no stray dock tab bar, and the results table's
names whole beside a practise night's read-outs."""

from __future__ import annotations

import shutil

import pytest
from helpers.rehearsal import build
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem, QTabBar

from resultsdesk.ui import constituency_model as cm


@pytest.fixture(scope="module")
def _rehearsals(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layout")
    # practise: the first three read-outs (23:27 to 23:32) in; watch: not started
    return (build(folder / "practise.db", mode="practise", speed=3600, until="23:32"),
            build(folder / "watch.db", speed=3600))


@pytest.fixture
def practise_db(_rehearsals, tmp_path):
    return shutil.copyfile(_rehearsals[0], tmp_path / "practise.db")


@pytest.fixture
def watch_db(_rehearsals, tmp_path):
    return shutil.copyfile(_rehearsals[1], tmp_path / "watch.db")


def _on_screen(widget) -> bool:
    """Shown and in sight (Qt keeps a dock behind another tab "visible", off the window)."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def _parts(win) -> tuple[bool, bool]:
    """(the rehearsal toolbar, the read-outs): each shown, with its View menu entry."""
    bar, dock = win.rehearsal_bar, win.readout_dock
    assert bar.toggleViewAction().isVisible() == bar.isVisible()
    assert dock.toggleViewAction().isVisible() == dock.isVisible()
    return bar.isVisible(), dock.isVisible()


def test_a_rehearsal_shows_its_parts_whatever_layout_was_saved(qtbot, main_window, night_db,
                                                               practise_db, watch_db):
    live = main_window(night_db, user="alice")
    assert _parts(live) == (False, False)
    live.close()  # the layout saved has no rehearsal toolbar and no read-outs
    practise = main_window(practise_db, user="alice")
    assert _parts(practise) == (True, True)
    qtbot.waitUntil(lambda: _on_screen(practise.readout_panel.list))  # in front
    practise.close()  # saved with both
    live = main_window(night_db, user="alice")
    assert _parts(live) == (False, False)
    live.close()
    watch = main_window(watch_db, user="alice")
    assert _parts(watch) == (True, False)
    assert watch.rehearsal_bar.isVisible() and watch.rehearsal_banner.isVisible()


def test_file_open_switches_between_a_live_night_and_rehearsals(qtbot, main_window, night_db,
                                                                practise_db, watch_db):
    win = main_window(night_db, user="alice")
    seats = win.chart_docks[0]
    qtbot.waitUntil(lambda: _on_screen(seats))
    win.open_database(practise_db)
    assert _parts(win) == (True, True)
    qtbot.waitUntil(lambda: _on_screen(win.readout_panel.list))
    assert not _on_screen(seats)  # the read-outs' tab in front of it
    win.open_database(night_db)
    assert _parts(win) == (False, False)
    qtbot.waitUntil(lambda: _on_screen(seats))  # back in front, not the tab beside it
    win.open_database(watch_db)
    assert _parts(win) == (True, False)


def test_the_arrangement_of_the_docks_is_one_for_every_night(qtbot, main_window, night_db,
                                                            practise_db):
    practise = main_window(practise_db, user="alice")
    practise.removeDockWidget(practise.map_view.parentWidget())
    practise.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea,
                           practise.map_view.parentWidget())
    practise.map_view.parentWidget().show()
    practise.summary_dock.hide()
    practise.close()
    live = main_window(night_db, user="alice")
    map_dock = live.findChild(type(live.summary_dock), "mapDock")
    assert live.dockWidgetArea(map_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert live.summary_dock.isHidden() and not live.recount_dock.isHidden()
    assert _parts(live) == (False, False)


def _tab_groups(win) -> set[frozenset[str]]:
    """The titles of each group of docks shown as tabs."""
    groups = set()
    for dock in win.findChildren(type(win.summary_dock)):
        others = [d for d in win.tabifiedDockWidgets(dock) if not d.isHidden()]
        if not dock.isHidden() and others:
            groups.add(frozenset(d.windowTitle() for d in (dock, *others)))
    return groups


def _tab_bars(win) -> list[frozenset[str]]:
    """The titles on each dock tab bar shown on the window."""
    bars = [b for b in win.findChildren(QTabBar) if b.parent() is win and b.isVisible()]
    return [frozenset(b.tabText(i) for i in range(b.count())) for b in bars]


def test_one_tab_bar_for_each_group_of_tabbed_docks(qtbot, main_window, night_db, practise_db):
    """Qt left a spare tab bar ("National summary", "Seats") on the window, showing as a
    "Nati" fragment beside the table when the read-outs opened, and taking the focus."""
    for db in (night_db, practise_db, night_db):  # the first layout, then as saved
        win = main_window(db, user="alice")
        qtbot.waitUntil(lambda w=win: _on_screen(w.chart_docks[0])
                        or _on_screen(w.readout_dock))
        assert len(_tab_groups(win)) == 2
        assert sorted(_tab_bars(win), key=len) == sorted(_tab_groups(win), key=len)
        win.close()


def _needed(table, row: int) -> int:
    """What the table's own delegate asks for to show the row's name in full."""
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    index = table.model().index(row, cm.NAME)
    return table.itemDelegateForIndex(index).sizeHint(option, index).width()


@pytest.mark.parametrize("size", [(1728, 936), (1366, 728)])  # 1920 x 1080 and 1366 x 768
def test_names_stay_whole_beside_the_read_outs(qtbot, main_window, practise_db, size):
    win = main_window(practise_db, user="alice")
    win.showNormal()
    win.resize(*size)
    qtbot.waitUntil(lambda: win.width() == size[0])
    qtbot.waitUntil(lambda: _on_screen(win.readout_panel.list))
    table, header = win.table, win.table.horizontalHeader()
    # a tab beside the charts, not a column of its own squeezing the table
    assert win.readout_dock in win.tabifiedDockWidgets(win.chart_docks[0])
    assert table.mapTo(win, table.rect().topLeft()).x() < 20
    for row in range(table.model().rowCount()):
        assert _needed(table, row) <= header.sectionSize(cm.NAME), \
            table.model().index(row, cm.NAME).data()
    if size[0] > 1700:  # every column in sight, Declared too
        assert table.horizontalScrollBar().maximum() == 0
        assert header.sectionViewportPosition(cm.DECLARED) + header.sectionSize(cm.DECLARED) \
            <= table.viewport().width()


def test_dock_tabs_are_named_in_full(qtbot, main_window, night_db):
    """Six tabs of the first-run layout's right column were cut ("Se…", "Cham…", "Vote
    sh…"): each is named in full at the first-run width (shortened only where even two
    bars have no room for them: test_ui_large_font_tabs)."""
    win = main_window(night_db, user="alice")
    qtbot.waitUntil(lambda: _on_screen(win.chart_docks[0]))
    bars = [b for b in win.findChildren(QTabBar) if b.parent() is win and b.isVisible()]
    assert bars
    for bar in bars:
        for i in range(bar.count()):  # the whole title fits on its tab
            assert bar.tabRect(i).width() >= bar.fontMetrics().horizontalAdvance(
                bar.tabText(i)), bar.tabText(i)


def test_the_read_outs_are_made_for_a_practise_rehearsal_only(qtbot, main_window, night_db,
                                                             tmp_path):
    """A live night's window makes no read-out panel (its list's classes and module cost
    every start ~2 ms); a practise rehearsal's has it, reached by Tab after the map."""
    live = main_window(night_db, user="alice")
    assert live._readout_panel is None
    practise = main_window(build(tmp_path / "practise.db", mode="practise", speed=3600,
                                 until="23:29"), user="alice")
    panel = practise._readout_panel
    assert panel is not None and practise.readout_dock.widget() is panel

    def next_stop(widget):  # the next widget Tab may stop on (children without focus passed)
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget = widget.nextInFocusChain()
        return widget

    # the latest read-out in full (a box of its own, scrolled by keys), then the list
    assert next_stop(practise.map_view.canvas) is panel.latest_area
    assert next_stop(panel.latest_area) is panel.list
    assert next_stop(panel.list) is practise.queue_table
