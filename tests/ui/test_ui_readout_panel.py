"""A practise night's Read-outs tab as the desk reads it on its first run: the latest read-out
in full, and every read-out a line of its own (time, seat, where it stands) in sight below,
so the next one "to key" is found at a glance. Each read-out was listed in full (eight lines
and more): a laptop's dock showed one, the latest again, and the rest were out of sight."""

from __future__ import annotations

import shutil

import pytest
from helpers.rehearsal import WALL, build, replay
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import rehearsal as rh
from resultsdesk.store import Store


@pytest.fixture(scope="module")
def _seven_readouts(tmp_path_factory):
    """A practise rehearsal of 2019 run to 00:30: seven read-outs delivered, none keyed."""
    path = build(tmp_path_factory.mktemp("readouts") / "seven.db", mode="practise",
                 speed=3600, until="00:30")
    with Store(path) as desk:
        rh.start(desk, WALL)
        delivered, _ = replay(desk, WALL)
    assert len(delivered) == 7
    return path


@pytest.mark.parametrize("size", [(1366, 728), (1728, 936)])  # 1366 x 768 and 1920 x 1080
def test_every_read_out_is_a_line_in_sight_below_the_latest(qtbot, main_window,
                                                            _seven_readouts, tmp_path, size):
    win = main_window(shutil.copyfile(_seven_readouts, tmp_path / "p.db"), user="alice")
    win.showNormal()
    win.resize(*size)
    panel = win.readout_panel
    view = panel.list
    qtbot.waitUntil(lambda: win.width() == size[0] and len(panel.codes()) == 7
                    and not view.visibleRegion().isEmpty())
    line = view.fontMetrics().lineSpacing()
    for row in range(view.count()):
        item = view.item(row)
        rect = view.visualItemRect(item)
        assert rect.height() < 2 * line, item.text()  # a line, not the read-out in full
        assert view.viewport().rect().contains(rect), (row, item.text())
    assert view.item(0).text() == "00:30  North Swindon  — to key"  # latest first
    latest = panel.latest.text()  # above, in full
    assert latest.startswith("00:30  North Swindon") and "duly elected" in latest
    assert view.item(0).toolTip() == latest  # and on hovering its line


def test_a_read_out_chosen_is_shown_in_full_and_enter_keys_it(qtbot, main_window,
                                                              _seven_readouts, tmp_path):
    win = main_window(shutil.copyfile(_seven_readouts, tmp_path / "p.db"), user="alice")
    panel = win.readout_panel
    qtbot.waitUntil(lambda: len(panel.codes()) == 7)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Home)  # (the first key only makes a row current)
    qtbot.keyClick(panel.list, Qt.Key.Key_End)  # the night's first read-out
    first = panel.list.currentItem().text()
    assert first.startswith("23:27") and panel.latest.text().startswith(first[:5])
    assert "duly elected" in panel.latest.text()
    qtbot.keyClick(panel.list, Qt.Key.Key_Home)
    assert panel.latest.text().startswith("00:30  North Swindon")
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.active_dialog is not None and win.active_dialog.isVisible())
    assert "North Swindon" in win.active_dialog.windowTitle()
    win.active_dialog.reject()


def test_enter_on_a_read_out_keys_its_seat_whatever_the_search(qtbot, main_window,
                                                               _seven_readouts, tmp_path):
    """The find box left on another seat ("Bath": Bath selected in the table): Enter on
    North Swindon's read-out opened Bath's form, the selected row, for North Swindon's
    figures. It opens North Swindon's."""
    win = main_window(shutil.copyfile(_seven_readouts, tmp_path / "p.db"), user="alice")
    panel = win.readout_panel
    qtbot.waitUntil(lambda: len(panel.codes()) == 7)
    win.focus_search()
    qtbot.keyClicks(win.search, "Bath")
    bath = win.selected_code()
    assert bath is not None and bath not in panel.codes()
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Home)  # the latest: North Swindon
    assert panel.latest.text().startswith("00:30  North Swindon")
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.active_dialog is not None and win.active_dialog.isVisible())
    assert win.active_dialog.form.sheet.name == "North Swindon"
    assert win.selected_code() == win.active_dialog.form.sheet.code
    win.active_dialog.reject()


def test_tab_into_the_read_outs_chooses_the_latest_and_enter_keys_it(qtbot, main_window,
                                                                   _seven_readouts, tmp_path):
    """Reached by Tab, the list's latest read-out was current but only faintly outlined
    (next to invisible on dark), though Enter keyed it: it is chosen, drawn highlighted."""
    win = main_window(shutil.copyfile(_seven_readouts, tmp_path / "p.db"), user="alice")
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    panel = win.readout_panel
    qtbot.waitUntil(lambda: len(panel.codes()) == 7 and not panel.list.visibleRegion().isEmpty())
    win.focus_search()
    for _ in range(10):
        if QApplication.focusWidget() is panel.list:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert panel.list.hasFocus()
    assert [item.text() for item in panel.list.selectedItems()] == [
        "00:30  North Swindon  — to key"]
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.active_dialog is not None and win.active_dialog.isVisible())
    assert win.active_dialog.form.sheet.name == "North Swindon"
    win.active_dialog.reject()
