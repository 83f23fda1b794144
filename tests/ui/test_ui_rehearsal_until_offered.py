"""Deliver until… offers the until as the desk would type it: an until the next evening
(18:00 on 13 December, the 2019 night having begun at 23:27 on the 12th) was offered as
"18:00", which OK read as polling day's 18:00, before the seats delivered: refused."""

from __future__ import annotations

from helpers.rehearsal import autumn_rehearsal, build
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from test_ui_rehearsal_keys import _menu, _open

from resultsdesk.desk import rehearsal as rh


def _offered(qtbot, win) -> QLineEdit:
    _menu(qtbot, win, Qt.Key.Key_U)  # Deliver until…
    qtbot.waitUntil(lambda: getattr(win, "until_dialog", None) is not None
                    and win.until_dialog.isVisible())
    box = win.until_dialog.findChild(QLineEdit)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
    return box


def test_an_until_the_next_evening_is_offered_with_its_date(qtbot, tmp_path, monkeypatch):
    refusals = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text: refusals.append(text))
    db = build(tmp_path / "r.db", speed=3600, until="2019-12-13T18:00")
    with rh.open_rehearsal(db) as desk:
        rh.start(desk)
        rh.jump_to(desk, "00:30")
        rh.step(desk)
    win = _open(qtbot, db)
    box = _offered(qtbot, win)
    assert box.text() == "2019-12-13T18:00"
    qtbot.keyClick(box, Qt.Key.Key_Return)  # OK, as offered: kept, nothing refused
    assert refusals == []
    assert rh.rehearsal_state(win.desk).until.isoformat() == "2019-12-13T18:00:00+00:00"
    assert _offered(qtbot, win).text() == "2019-12-13T18:00"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


def test_an_until_on_the_night_is_offered_as_hh_mm(qtbot, tmp_path):
    win = _open(qtbot, build(tmp_path / "r.db", speed=3600, until="05:00"))
    box = _offered(qtbot, win)
    assert box.text() == "05:00"
    qtbot.keyClick(box, Qt.Key.Key_Escape)


def test_an_until_in_the_hour_shown_twice_is_offered_with_its_offset(qtbot, tmp_path,
                                                                      monkeypatch):
    """An until of 01:10 GMT, the second 01:10 of the night BST ended, was offered as
    "2023-10-29T01:10", which OK refused as a time the UK clock showed twice."""
    refusals = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text: refusals.append(text))
    db = autumn_rehearsal(tmp_path)
    with rh.open_rehearsal(db) as desk:
        rh.set_until(desk, "2023-10-29T01:10+00:00")
    win = _open(qtbot, db)
    box = _offered(qtbot, win)
    assert box.text() == "2023-10-29T01:10+00:00"
    qtbot.keyClick(box, Qt.Key.Key_Return)  # OK, as offered: kept, nothing refused
    assert refusals == []
    assert rh.rehearsal_state(win.desk).until.isoformat() == "2023-10-29T01:10:00+00:00"
