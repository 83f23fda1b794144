"""A practise night's read-out in a desk's large font (16 pt on a 1366 × 768 laptop, set for
the eyes at 3 a.m.). The latest read-out in the Read-outs panel, and its copy at the top of
the form it is keyed into, were a fixed 14 pixels: the figures keyed from were the smallest
text on the screen. They follow the application's font now, and every line of them stays
reachable: the panel's read-out scrolls in a box of its own (a Tab stop before the list,
scrolled by the keyboard), and the form's copy takes at most a few lines, scrolling, so the
form's rejected ballots and total rows are in view without scrolling the ballot. Run in a
child process on an offscreen screen of the laptop's size."""

from __future__ import annotations

import pytest
from helpers.laptop import LARGE_FONT_WINDOW, run_on_screen
from helpers.rehearsal import WALL, build, replay

from resultsdesk.desk import rehearsal as rh
from resultsdesk.store import Store

CHILD = LARGE_FONT_WINDOW + """
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QScrollArea

def settle(until):
    for _ in range(200):
        app.processEvents()
        if until():
            return True
    return False

def px(widget):
    widget.ensurePolished()
    return QFontInfo(widget.font()).pixelSize()

def lines_reachable(area):
    # scrolled by the keyboard from its top to its foot, the label's every line is shown
    label, view, bar = area.widget(), area.viewport(), area.verticalScrollBar()
    whole = label.height() >= label.heightForWidth(label.width())
    QTest.keyClick(area, Qt.Key.Key_Home)
    top = bar.value() == bar.minimum()
    QTest.keyClick(area, Qt.Key.Key_End)
    foot = label.height() - bar.value() <= view.height()
    return whole and top and foot and label.height() - bar.maximum() <= view.height()

body = QFontInfo(app.font()).pixelSize()
window.activateWindow()  # as a window manager does
settle(window.isActiveWindow)
panel = window.readout_panel
settle(lambda: len(panel.codes()) == 7 and panel.latest_area.isVisible())
area = panel.latest_area
out = {"body": body, "latest_px": px(panel.latest),
       "latest_text": "duly elected" in panel.latest.text(),
       "list_rows": panel.list.viewport().height() // panel.list.sizeHintForRow(0)}
panel.list.setFocus()
QTest.keyClick(panel.list, Qt.Key.Key_Backtab)
out["tab_back_to_area"] = area.hasFocus()
out["panel_reachable"] = lines_reachable(area)
QTest.keyClick(area, Qt.Key.Key_Tab)
out["tab_on_to_list"] = panel.list.hasFocus()
QTest.keyClick(panel.list, Qt.Key.Key_Home)
QTest.keyClick(panel.list, Qt.Key.Key_Return)
settle(lambda: window.active_dialog is not None and window.active_dialog.isVisible())
dialog = window.active_dialog
form = dialog.form
settle(lambda: form.isVisible())
copy = dialog.findChild(QScrollArea, "formReadOutArea")
label = dialog.findChild(QLabel, "formReadOut")
ballot = form.ballot_area
def in_view(edit):
    rect = QRect(edit.mapTo(ballot.viewport(), QPoint(0, 0)), edit.size())
    return ballot.viewport().rect().contains(rect)
screen = window.screen().availableGeometry()
out.update(form_px=px(label), copy_lines=copy.height() / label.fontMetrics().lineSpacing(),
           form_reachable=lines_reachable(copy),
           rows_in_view=in_view(form.invalid_edit) and in_view(form.total_edit),
           ballot_top=ballot.verticalScrollBar().value() == 0,
           on_screen=screen.contains(dialog.frameGeometry()),
           save_in_dialog=dialog.rect().contains(
               QRect(form.save_button.mapTo(dialog, QPoint(0, 0)), form.save_button.size())))
print(json.dumps(out))
sys.stdout.flush()
os._exit(0)
"""


@pytest.fixture(scope="module")
def seven_db(tmp_path_factory):
    """A practise rehearsal of 2019 run to 00:30: seven read-outs delivered, none keyed."""
    path = build(tmp_path_factory.mktemp("readouts") / "seven.db", mode="practise",
                 speed=3600, until="00:30")
    with Store(path) as desk:
        rh.start(desk, WALL)
        delivered, _ = replay(desk, WALL)
    assert len(delivered) == 7
    return path


@pytest.mark.parametrize("points", [9, 16])
def test_the_read_out_follows_the_font_and_every_line_is_reachable(seven_db, tmp_path,
                                                                   points):
    db = tmp_path / "p.db"
    db.write_bytes(seven_db.read_bytes())
    got = run_on_screen(CHILD.replace("POINTS", str(points)), db, (1366, 768), tmp_path)
    # no smaller than the body text, in the panel and on the form
    assert got["latest_px"] >= got["body"] and got["form_px"] >= got["body"], got
    # the panel: its read-out whole by scrolling (Tab reaches it, before the list), and
    # the list still a few lines below it
    assert got["latest_text"] and got["panel_reachable"], got
    assert got["tab_back_to_area"] and got["tab_on_to_list"], got
    assert got["list_rows"] >= 3, str(got)
    # the form: its copy a few lines at most, the rest reached by scrolling it; the
    # rejected ballots and total rows in view with the ballot unscrolled; Save in the window
    assert got["copy_lines"] <= 4 and got["form_reachable"], got
    assert got["rows_in_view"] and got["ballot_top"], got
    assert got["on_screen"] and got["save_in_dialog"], got
