"""Tab through the main window with real key presses: the results table lets Tab (and
Ctrl+Tab) out instead of moving from cell to cell, every dock in sight is reached, nothing
behind another tab is, and wherever the focus lands it shows."""

from __future__ import annotations

import pytest
from helpers.seats import HENDON
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QTabBar, QWidget

from resultsdesk.ui import constituency_model as cm
from resultsdesk.ui.style import FOCUS_COLOUR, colours

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(main_window, qtbot, night_db):
    win = main_window(night_db, user="alice")
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.waitUntil(lambda: not win.recount_table.visibleRegion().isEmpty())
    win.search.setFocus()
    qtbot.waitUntil(win.search.hasFocus)
    return win


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def _in_sight(widget: QWidget) -> bool:
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def _press(qtbot, key=Qt.Key.Key_Tab, modifiers=Qt.KeyboardModifier.NoModifier) -> QWidget:
    before = focused()
    qtbot.keyClick(before, key, modifiers)
    return focused()


def _ringed(win, widget: QWidget) -> bool:
    """The focus shows: the ring's colour along the widget's left edge (a dock tab bar is
    ringed by the window's focus frame)."""
    if isinstance(widget, QTabBar):
        ring = win.tab_focus_ring
        return ring.widget() is widget and ring.isVisible()
    image = widget.grab().toImage()
    target = QColor(FOCUS_COLOUR)
    return any(image.pixelColor(x, image.height() // 2) == target for x in range(3))


def test_tab_leaves_the_results_table(window, qtbot):
    qtbot.keyClick(window.search, Qt.Key.Key_Down)  # into the list, as a desk does
    assert window.table.hasFocus()
    row = window.table.currentIndex().row()
    after = _press(qtbot)
    assert after is not window.table and _in_sight(after)
    window.table.setFocus()
    assert _press(qtbot, modifiers=CTRL) is not window.table  # Ctrl+Tab too
    window.table.setFocus()
    assert _press(qtbot, Qt.Key.Key_Backtab, SHIFT) is window.nation_filter
    assert window.table.currentIndex().row() == row  # no row or cell moved by any of it
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)  # the arrows still move in the table
    assert window.table.hasFocus() and window.table.currentIndex().row() == row + 1


def test_tab_reaches_every_dock_in_sight_and_shows_where_it_is(window, qtbot):
    seen = [focused()]
    for _ in range(30):
        now = _press(qtbot)
        if now is window.search:
            break
        seen.append(now)
    else:
        pytest.fail(f"Tab never came back to the find box: {seen}")
    for widget in seen:
        assert _in_sight(widget), widget.objectName()  # nothing behind a tab, off the window
    assert window.table in seen and window.recount_table in seen  # the trap is gone
    assert window.chart_docks[0].widget().canvas in seen  # the seat chart in front
    bars = [b for b in window.findChildren(QTabBar) if b.parent() is window and b.isVisible()]
    assert len(bars) == 2 and all(bar in seen for bar in bars)
    assert window.queue_table not in seen and window.map_view.zoom not in seen  # behind tabs


def test_each_stop_shows_its_focus(window, qtbot):
    stops = set()
    for _ in range(12):
        now = _press(qtbot)
        stops.add(now)
        qtbot.waitUntil(lambda w=now: _ringed(window, w), timeout=2000)
    assert len(stops) >= 7  # the find box, two filters, the table, a chart, a table, tabs


def _chosen_rows(table) -> list[int]:
    return [index.row() for index in table.selectionModel().selectedRows()]


def test_a_table_reached_by_tab_shows_the_row_enter_acts_on(window, qtbot):
    """Tab into the results table made its first row current without choosing it: one
    cell faintly outlined (next to invisible on dark), and Enter there said "Choose a
    constituency first". Reached by Tab or Shift+Tab, a table with no row chosen now
    chooses the row it is on, drawn in the highlight colour; a row chosen before stays."""
    table = window.table
    assert not table.selectionModel().hasSelection()
    for _ in range(5):
        if _press(qtbot) is table:
            break
    assert table.hasFocus() and _chosen_rows(table) == [0]
    assert window.selected_code() == window.proxy.index(0, 0).data(cm.ROW_ROLE).code
    row = table.visualRect(table.model().index(0, cm.NAME))
    drawn = table.viewport().grab().toImage().pixelColor(row.right() - 3, row.center().y())
    highlight = QColor(colours().highlight)  # but for a blend's rounding
    assert max(abs(drawn.red() - highlight.red()), abs(drawn.green() - highlight.green()),
               abs(drawn.blue() - highlight.blue())) <= 2
    for _ in range(5):
        if _press(qtbot) is window.recount_table:
            break
    assert window.recount_table.hasFocus() and _chosen_rows(window.recount_table) == [0]
    window.select_code(HENDON)
    chosen = _chosen_rows(table)
    window.search.setFocus()
    assert _press(qtbot, Qt.Key.Key_Backtab, SHIFT) is not table  # round the other way
    while focused() is not table:
        _press(qtbot, Qt.Key.Key_Backtab, SHIFT)
    assert _chosen_rows(table) == chosen and window.selected_code() == HENDON


def test_a_dock_behind_a_tab_is_reached_through_its_tab_bar(window, qtbot):
    """The verification queue sits behind the recount watch: the tab bar's arrow brings it
    forward, and Shift+Tab then lands in it."""
    bar = next(b for b in window.findChildren(QTabBar)
               if b.parent() is window and "Verification queue (0)" in
               [b.tabText(i) for i in range(b.count())])
    for _ in range(20):
        if _press(qtbot) is bar:
            break
    assert bar.hasFocus()
    qtbot.keyClick(bar, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: _in_sight(window.queue_table))
    stops = []
    while focused() is not window.queue_table and len(stops) < 10:
        stops.append(_press(qtbot, Qt.Key.Key_Backtab, SHIFT))
    assert window.queue_table.hasFocus() and _in_sight(window.queue_table)
    assert _ringed(window, window.queue_table)


def test_shift_f10_on_a_chart_opens_its_menu(window, qtbot):
    canvas = window.chart_docks[0].widget().canvas
    for _ in range(10):
        if _press(qtbot) is canvas:
            break
    assert canvas.hasFocus()
    shown = []

    def read_and_close():
        menu = QApplication.activePopupWidget()
        shown.extend(a.text() for a in menu.actions())
        menu.close()

    QTimer.singleShot(0, read_and_close)
    qtbot.keyClick(canvas, Qt.Key.Key_F10, SHIFT)  # returns once the menu has closed
    assert "&Export…" in shown


def _ring_sides(win, bar: QTabBar, colour: QColor) -> dict[str, bool]:
    """Whether the focus colour shows across each side of `bar` as the window draws it
    (within 3 px of the edge, at the side's middle): a ring is only seen where it is
    drawn, not where a neighbour covers it or the window ends."""
    image = win.grab().toImage()
    box = bar.geometry()  # the window's dock tab bars are its own children
    cx, cy = box.center().x(), box.center().y()

    def shows(points) -> bool:
        return any(image.pixelColor(x, y) == colour for x, y in points
                   if 0 <= x < image.width() and 0 <= y < image.height())

    across = range(-3, 4)
    return {"top": shows((cx, box.top() + d) for d in across),
            "bottom": shows((cx, box.bottom() + d) for d in across),
            "left": shows((box.left() + d, cy) for d in across),
            "right": shows((box.right() + d, cy) for d in across)}


def test_a_dock_tab_bar_with_the_focus_is_ringed_all_round(window, qtbot):
    """On a laptop's window (and any other) the ring round a dock tab bar was drawn outside
    it, under its neighbours: the upper bar's top edge lay under the chart dock above it,
    and the window's edge cut both bars' right edge (an "L" and an open bracket)."""
    window.showNormal()
    window.resize(1366, 728)  # a 1366 x 768 screen, less a task bar
    qtbot.waitUntil(lambda: window.width() == 1366)
    bars = [b for b in window.findChildren(QTabBar) if b.parent() is window and b.isVisible()]
    assert len(bars) == 2
    ringed, colour = [], QColor(FOCUS_COLOUR)
    for _ in range(30):
        now = _press(qtbot)
        if now in bars and now not in ringed:
            ringed.append(now)
            qtbot.waitUntil(lambda b=now: all(_ring_sides(window, b, colour).values()),
                            timeout=2000)
        if len(ringed) == len(bars):
            break
    assert len(ringed) == 2


def test_tab_goes_down_the_docks_each_tab_bar_after_its_docks(window, qtbot):
    """Tab went from the seat chart to the recount watch, then to the lower (lists') tab bar
    and only then back up to the charts' one: both bars came last, the lower one first. Each
    bar now follows the docks it switches between, so Tab goes top to bottom down the right,
    and Shift+Tab the same way back."""
    bars = sorted((b for b in window.findChildren(QTabBar)
                   if b.parent() is window and b.isVisible()), key=lambda b: b.y())
    assert len(bars) == 2
    charts_bar, lists_bar = bars
    canvas = window.chart_docks[0].widget().canvas
    ahead = [focused()]
    while len(ahead) < 30 and (now := _press(qtbot)) is not window.search:
        ahead.append(now)
    right = [w for w in ahead if w in (canvas, charts_bar, window.recount_table, lists_bar)]
    assert right == [canvas, charts_bar, window.recount_table, lists_bar]
    tops = [w.mapTo(window, w.rect().topLeft()).y() for w in right]
    assert tops == sorted(tops)  # top to bottom
    back = [focused()]
    while len(back) < 30 and (now := _press(qtbot, Qt.Key.Key_Backtab, SHIFT)) \
            is not window.search:
        back.append(now)
    assert back == [ahead[0], *reversed(ahead[1:])]
