"""The keyboard's focus is never left where nobody can see it: in a dock that has just gone
behind another dock's tab. A close result verified from the Verification queue raises the
Recount watch (its alert) over the queue, and the focus went back to the queue, now out of
sight: no ring anywhere on the window, while Enter re-keyed, and a Declaration shortcut
acted on, a row nobody could see. View > Map (shown again, it comes in front) left the focus
on the Seats chart behind it, where Shift+F10 opened that hidden chart's menu. The focus now
goes to the tab bar that hid it, ringed, Left/Right a key away from the dock it was in.

And a practise night's read-outs are worked down as the queue and the watch are: a form
opened from a read-out gives the focus back to that read-out's line, not to Find."""

from __future__ import annotations

from helpers.form_dialogs import queue_in_sight, two_awaiting_verification
from helpers.rehearsal import WALL, build, replay
from helpers.seats import BASILDON, HENDON, HENDON_2024
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabBar, QWidget

from resultsdesk.desk import rehearsal as rh
from resultsdesk.store import Store


def _in_sight(widget: QWidget | None) -> bool:
    return (widget is not None and widget.isVisible()
            and not widget.visibleRegion().isEmpty())


def _bar_showing(window, dock) -> QTabBar:
    """The docks' tab bar with `dock`'s tab."""
    return next(bar for bar in window.findChildren(QTabBar) if bar.parent() is window
                and bar.isVisible()
                and dock.windowTitle() in [bar.tabText(i) for i in range(bar.count())])


def _rekey(qtbot, form, votes, rejected: str) -> None:
    """Every figure of `form` typed by keys, as the verifier types them."""
    for edit, value in zip(form.vote_edits, votes, strict=True):
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, str(value))
    form.invalid_edit.setFocus()
    form.invalid_edit.selectAll()
    qtbot.keyClicks(form.invalid_edit, rejected)


def test_a_close_result_verified_from_the_queue_leaves_the_focus_in_sight(
        qtbot, main_window, nominations_db, theme):
    two_awaiting_verification(nominations_db, HENDON_2024, BASILDON)  # Hendon: Lab by 15
    window = main_window(nominations_db, user="bob")
    table = queue_in_sight(qtbot, window, 2)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Home)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # the oldest, Hendon, re-keyed blind
    form = window.active_dialog.form
    assert form.sheet.code == HENDON
    _rekey(qtbot, form, HENDON_2024, "50")
    with qtbot.waitSignal(window.refreshed):
        form.submit()
    qtbot.waitUntil(lambda: window.active_dialog is None)
    qtbot.waitUntil(lambda: _in_sight(window.recount_alert))  # the alert, in front
    assert not _in_sight(window.queue_table)  # behind the watch's tab
    qtbot.waitUntil(lambda: _in_sight(QApplication.focusWidget()))
    bar = QApplication.focusWidget()
    assert bar is _bar_showing(window, window.queue_dock)
    qtbot.waitUntil(lambda: window.tab_focus_ring.widget() is bar
                    and window.tab_focus_ring.isVisible())
    qtbot.keyClick(bar, Qt.Key.Key_Left)  # a key away from the queue, on its next row
    qtbot.waitUntil(lambda: _in_sight(window.queue_table))


def test_a_dock_shown_in_front_of_the_focus_takes_it_to_its_tab_bar(
        qtbot, main_window, night_db):
    window = main_window(night_db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    seats, map_dock = window.chart_docks[0], window.chart_docks[-1]
    canvas = seats.widget().canvas
    qtbot.waitUntil(lambda: _in_sight(canvas))
    map_dock.toggleViewAction().trigger()  # View > Map: closed...
    qtbot.waitUntil(map_dock.isHidden)
    canvas.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(canvas.hasFocus)
    map_dock.toggleViewAction().trigger()  # ...and shown again: in front of the Seats chart
    qtbot.waitUntil(lambda: _in_sight(map_dock.widget().canvas))
    assert not _in_sight(canvas)
    qtbot.waitUntil(lambda: _in_sight(QApplication.focusWidget()))
    assert QApplication.focusWidget() is _bar_showing(window, map_dock)


def test_a_form_from_a_read_out_gives_the_focus_back_to_its_line(qtbot, main_window,
                                                                 tmp_path):
    path = build(tmp_path / "practise.db", mode="practise", speed=3600, until="00:30")
    with Store(path) as desk:
        rh.start(desk, WALL)
        replay(desk, WALL)
    window = main_window(path, user="alice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    panel = window.readout_panel
    qtbot.waitUntil(lambda: len(panel.codes()) == 7 and _in_sight(panel.list))
    panel.list.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.list.hasFocus)
    qtbot.keyClick(panel.list, Qt.Key.Key_Home)
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)  # the read-out before the latest
    line = panel.list.currentItem().text()
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.active_dialog is not None
                    and QApplication.focusWidget() in window.active_dialog.form.vote_edits)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # nothing typed: closes
    qtbot.waitUntil(lambda: window.active_dialog is None)
    qtbot.waitUntil(panel.list.hasFocus)
    assert panel.list.currentItem().text() == line
    assert not window.search.hasFocus()
