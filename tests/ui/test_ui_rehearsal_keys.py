"""A rehearsal worked from the keyboard alone, as a desk at 3 a.m. would: the clock's
controls (a toolbar's buttons take no keyboard focus, so Tab never reached Pause, Resume or
Stop) through the Rehearsal menu; a window reopened on a rehearsal its closing stopped goes
on (README: "opening the file again resumes where it stopped"); and the practise report,
which only the command could write, written from the window."""

from __future__ import annotations

import csv

import pytest
from helpers.rehearsal import build
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from resultsdesk.desk import rehearsal as rh
from resultsdesk.ui import window_rehearsal
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.shortcuts_dialog import contract_shortcuts


def _open(qtbot, db) -> MainWindow:
    application()
    win = MainWindow(db, user="alice")
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # Alt+R is the active window's
    return win


def _menu(qtbot, win: MainWindow, key: Qt.Key) -> None:
    """Alt+R opens the Rehearsal menu, then the item's letter."""
    if QApplication.activePopupWidget() is None and not win.isActiveWindow():
        win.activateWindow()  # offscreen Qt may leave the last menu "active" once closed
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    assert QApplication.activePopupWidget().objectName() == "rehearsalMenu"
    qtbot.keyClick(QApplication.activePopupWidget(), key)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def _state(win: MainWindow) -> rh.ReplayState:
    return rh.rehearsal_state(win.desk).state


def test_the_clock_by_keyboard_alone(qtbot, tmp_path):
    win = _open(qtbot, build(tmp_path / "watch.db", speed=1))
    assert _state(win) is rh.ReplayState.READY
    _menu(qtbot, win, Qt.Key.Key_R)  # Resume
    assert _state(win) is rh.ReplayState.RUNNING
    _menu(qtbot, win, Qt.Key.Key_P)  # Pause
    assert _state(win) is rh.ReplayState.PAUSED
    _menu(qtbot, win, Qt.Key.Key_J)  # Jump to a time: the box, to type in
    assert QApplication.focusWidget() is win.rehearsal_jump
    qtbot.keyClicks(win.rehearsal_jump, "00:30")
    qtbot.keyClick(win.rehearsal_jump, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rh.rehearsal_state(win.desk).delivered >= 4,
                    timeout=20_000)  # delivered on a worker: a loaded machine is slow
    _menu(qtbot, win, Qt.Key.Key_D)  # Speed: the box, to type in
    assert QApplication.focusWidget() is win.rehearsal_speed
    qtbot.keyClick(win.rehearsal_speed, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(win.rehearsal_speed, "120")
    qtbot.keyClick(win.rehearsal_speed, Qt.Key.Key_Return)
    assert rh.rehearsal_state(win.desk).speed == 120
    _menu(qtbot, win, Qt.Key.Key_R)
    _menu(qtbot, win, Qt.Key.Key_S)  # Stop
    assert _state(win) is rh.ReplayState.STOPPED


def test_esc_in_the_jump_box_abandons_the_jump_and_goes_back_to_the_table(qtbot, tmp_path):
    """Esc left the focus in the box, the half-typed time still there: the next keys a desk
    meant for the results went on typing into it."""
    win = _open(qtbot, build(tmp_path / "watch.db", speed=1))
    _menu(qtbot, win, Qt.Key.Key_J)  # Jump to a time: the box, to type in
    assert QApplication.focusWidget() is win.rehearsal_jump
    qtbot.keyClicks(win.rehearsal_jump, "00:3")
    qtbot.keyClick(win.rehearsal_jump, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is win.table
    assert win.rehearsal_jump.text() == ""
    state = rh.rehearsal_state(win.desk)
    assert (state.state, state.delivered) == (rh.ReplayState.READY, 0)  # nothing jumped
    assert ("Esc", "In a rehearsal's Jump to box: leave it, nothing jumped, back to the "
            "results table") in [(s.keys, s.does) for s in contract_shortcuts()]


def test_esc_in_the_speed_box_keeps_the_clocks_speed_and_goes_back_to_the_table(
        qtbot, tmp_path):
    """Esc in the Speed box left the focus there with the half-typed speed; the next Tab
    (or click) away set the clock to it, audited, though the desk had abandoned it."""
    win = _open(qtbot, build(tmp_path / "watch.db", speed=1))
    _menu(qtbot, win, Qt.Key.Key_D)  # Speed: the box, to type in
    assert QApplication.focusWidget() is win.rehearsal_speed
    qtbot.keyClick(win.rehearsal_speed, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(win.rehearsal_speed, "900")
    qtbot.keyClick(win.rehearsal_speed, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is win.table
    assert win.rehearsal_speed.text() == "×1"  # the clock's, as it was
    qtbot.keyClick(win.table, Qt.Key.Key_Tab)  # leaving again sets nothing either
    assert rh.rehearsal_state(win.desk).speed == 1
    assert ("Esc", "In a rehearsal's Speed box: leave it, the speed as it was, back to the "
            "results table") in [(s.keys, s.does) for s in contract_shortcuts()]


def test_tab_reaches_the_toolbar_where_it_reads_before_the_find_box(qtbot, tmp_path):
    """The Jump to and Speed boxes sit in the toolbar above the find box, but Tab went from
    the recount watch (bottom right) up to them and back down to the docks' tab bars. Now
    they come round as they read: last before the find box, Shift+Tab from it reaching
    Speed, then Jump to."""
    win = _open(qtbot, build(tmp_path / "watch.db", speed=1))
    win.search.setFocus()
    qtbot.waitUntil(win.search.hasFocus)
    stops = []
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is win.search:
            break
        stops.append(QApplication.focusWidget())
    assert stops[-2:] == [win.rehearsal_jump, win.rehearsal_speed]
    assert stops.count(win.rehearsal_jump) == 1 and win.recount_table in stops
    qtbot.keyClick(win.search, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is win.rehearsal_speed


def test_closing_the_window_from_the_speed_box_sets_nothing(qtbot, tmp_path):
    """Leaving the box as the window closed (its desk closed first) raised "Cannot operate
    on a closed database" from the box's editingFinished."""
    db = build(tmp_path / "watch.db", speed=1)
    win = _open(qtbot, db)
    _menu(qtbot, win, Qt.Key.Key_D)  # Speed: the box, to type in
    qtbot.keyClick(win.rehearsal_speed, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(win.rehearsal_speed, "900")
    win.close()
    with rh.open_rehearsal(db) as desk:
        assert rh.rehearsal_state(desk).speed == 1


def test_the_rehearsal_menu_is_a_rehearsals_only(qtbot, night_db):
    win = _open(qtbot, night_db)
    assert not win.rehearsal_menu.menuAction().isVisible()


def test_reopening_a_rehearsal_its_closing_stopped_goes_on(qtbot, tmp_path):
    db = build(tmp_path / "watch.db", speed=60)
    with rh.open_rehearsal(db) as desk:
        rh.start(desk)
    win = _open(qtbot, db)  # drives the clock it finds running
    win.close()  # stops the clock, to resume later
    with rh.open_rehearsal(db) as desk:
        assert rh.rehearsal_state(desk).state is rh.ReplayState.STOPPED
    again = _open(qtbot, db)
    qtbot.waitUntil(lambda: _state(again) is rh.ReplayState.RUNNING, timeout=5000)
    assert "running" in again.rehearsal_banner.text()


def test_a_paused_rehearsal_reopens_paused(qtbot, tmp_path):
    db = build(tmp_path / "watch.db", speed=60)
    with rh.open_rehearsal(db) as desk:
        rh.start(desk)
        rh.pause(desk)
    win = _open(qtbot, db)
    assert _state(win) is rh.ReplayState.PAUSED  # someone held it on purpose


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_the_practise_report_from_the_window(qtbot, tmp_path, monkeypatch, suffix):
    db = build(tmp_path / "practise.db", mode="practise", speed=3600, until="23:29")
    win = _open(qtbot, db)
    offered = []
    out = tmp_path / f"report{suffix}"

    def save_as(parent, title, suggested, filters):
        offered.append(suggested)
        return str(out), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    _menu(qtbot, win, Qt.Key.Key_W)  # Write practise report…
    assert offered == [str(tmp_path / "practise-practise-report.csv")]  # as the command's
    assert out.exists()
    if suffix == ".csv":
        with open(out, encoding="utf-8", newline="") as fh:
            assert next(csv.reader(fh))[0] == "person"
    assert str(out) in win.statusBar().currentMessage()


def test_no_practise_report_on_a_watch_rehearsal(qtbot, tmp_path):
    win = _open(qtbot, build(tmp_path / "watch.db", speed=60))
    assert win.rehearsal_menu.menuAction().isVisible()
    assert not win.findChild(QAction, "practiseReport").isVisible()
    # ...nor a separator left at the menu's end with nothing after it
    shown = [a for a in win.rehearsal_menu.actions() if a.isVisible()]
    assert not shown[-1].isSeparator()


def test_a_finished_practise_says_where_its_report_is(qtbot, tmp_path):
    win = _open(qtbot, build(tmp_path / "practise.db", mode="practise", speed=3600,
                             until="23:29"))
    _menu(qtbot, win, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: rh.rehearsal_state(win.desk).finished, timeout=10_000)
    qtbot.waitUntil(lambda: "finished" in win.rehearsal_banner.text())
    assert "Write practise report" in win.rehearsal_banner.text()
    watch = _open(qtbot, build(tmp_path / "watch.db", speed=3600, until="23:29"))
    _menu(qtbot, watch, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: "finished" in watch.rehearsal_banner.text(), timeout=10_000)
    assert "report" not in watch.rehearsal_banner.text()


def test_a_finished_rehearsal_goes_on_to_a_later_until(qtbot, tmp_path):
    win = _open(qtbot, build(tmp_path / "practise.db", mode="practise", speed=3600,
                             until="23:29"))
    _menu(qtbot, win, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: rh.rehearsal_state(win.desk).finished, timeout=10_000)
    assert rh.rehearsal_state(win.desk).delivered == 2
    _menu(qtbot, win, Qt.Key.Key_U)  # Deliver until…
    qtbot.waitUntil(lambda: getattr(win, "until_dialog", None) is not None
                    and win.until_dialog.isVisible())
    box = win.until_dialog.findChild(QLineEdit)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)  # typed into at once
    assert box.text() == "23:29"  # where it stands
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, "23:32")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert _state(win) is rh.ReplayState.PAUSED  # more of the night to come: Resume
    _menu(qtbot, win, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: rh.rehearsal_state(win.desk).finished, timeout=10_000)
    assert rh.rehearsal_state(win.desk).delivered == 3  # Blyth Valley, 23:32


def test_a_rehearsals_export_dialog_and_file_name_say_rehearsal(qtbot, tmp_path,
                                                                 nominations_db):
    """The graphic's footer says REHEARSAL; the dialog and the file name offered say it
    too, so a file dropped in the graphics folder is never taken for a live one. A live
    night's are as before."""
    win = _open(qtbot, build(tmp_path / "watch.db", speed=60))
    dialog = win.export_graphic("seats")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle().startswith(window_rehearsal.TITLE_MARK)
    path = dialog.findChild(QLineEdit, "exportPath")
    assert path.text().endswith("rehearsal-seats.png")
    dialog.kind.setCurrentIndex(dialog.kind.findData("hemicycle"))
    assert path.text().endswith("rehearsal-hemicycle.png")
    dialog.reject()
    live = _open(qtbot, nominations_db)
    plain = live.export_graphic("seats")
    qtbot.addWidget(plain)
    assert plain.windowTitle() == "Export graphic"
    assert plain.findChild(QLineEdit, "exportPath").text().endswith("/seats.png")
    plain.reject()
