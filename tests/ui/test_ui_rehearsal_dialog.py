"""File > Rehearsal… by keyboard alone: every choice of the dialog has its Alt-letter (it had
none: only Tab, through the disabled file boxes, reached the mode, the speed or the times)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from resultsdesk.desk import rehearsal as rh
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.rehearsal_dialog import RehearsalDialog


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" ("&&" is a literal ampersand), lower case."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else None

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def dialog(qtbot, nominations_db) -> RehearsalDialog:
    application()
    win = MainWindow(nominations_db, user="alice")
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win, Qt.Key.Key_F, ALT)  # File > Rehearsal…
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_H)
    qtbot.waitUntil(lambda: getattr(win, "rehearsal_dialog", None) is not None
                    and win.rehearsal_dialog.isActiveWindow())
    qtbot.addWidget(win.rehearsal_dialog)  # closed with the test (closing the window is not)
    return win.rehearsal_dialog


def _alt(qtbot, dialog, key: Qt.Key):
    qtbot.keyClick(QApplication.focusWidget(), key, ALT)
    return QApplication.focusWidget()


def test_the_rehearsal_dialog_by_alt_letters(qtbot, dialog):
    assert _alt(qtbot, dialog, Qt.Key.Key_M) is dialog.mode
    qtbot.keyClick(dialog.mode, Qt.Key.Key_Down)  # Practise
    assert _alt(qtbot, dialog, Qt.Key.Key_P) is dialog.speed
    qtbot.keyClick(dialog.speed, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.speed, "600")
    assert _alt(qtbot, dialog, Qt.Key.Key_S) is dialog.start
    qtbot.keyClicks(dialog.start, "23:30")
    assert _alt(qtbot, dialog, Qt.Key.Key_U) is dialog.until
    qtbot.keyClicks(dialog.until, "01:00")
    assert _alt(qtbot, dialog, Qt.Key.Key_D) is dialog.db
    _alt(qtbot, dialog, Qt.Key.Key_C)  # HoC files: their boxes come alive
    qtbot.waitUntil(dialog.own_files.isChecked)  # a button's Alt-letter clicks it animated
    assert dialog.results.isEnabled()
    assert _alt(qtbot, dialog, Qt.Key.Key_R) is dialog.results
    assert _alt(qtbot, dialog, Qt.Key.Key_O) is dialog.constituencies
    assert _alt(qtbot, dialog, Qt.Key.Key_L) is dialog.baseline
    _alt(qtbot, dialog, Qt.Key.Key_B)
    qtbot.waitUntil(dialog.bundled.isChecked)
    choice = dialog.choice()
    assert (choice.mode, choice.speed, choice.start, choice.until) == (
        "practise", 600.0, "23:30", "01:00")
    # the bundled 2017 baseline with its electorates: each seat's turnout change is said
    assert choice.baseline_constituencies == rh.bundled_baseline_constituencies()


def test_a_baseline_of_ones_own_takes_its_electorates(qtbot, dialog, tmp_path):
    """Its by-constituency file filled in where the Library's pair lies beside it (the
    rehearsal then says each seat's turnout change); one typed is kept; electorates
    without a baseline are refused in the dialog."""
    results, constituencies, baseline = rh.bundled_night()
    _alt(qtbot, dialog, Qt.Key.Key_C)
    qtbot.waitUntil(dialog.own_files.isChecked)
    for key, text in ((Qt.Key.Key_R, results), (Qt.Key.Key_O, constituencies)):
        qtbot.keyClicks(_alt(qtbot, dialog, key), str(text))
    assert _alt(qtbot, dialog, Qt.Key.Key_E) is dialog.baseline_seats
    qtbot.keyClicks(dialog.baseline_seats, "2017.csv")
    choice = dialog.choice()
    assert choice == "Choose the baseline whose electorates these are, or clear them."
    qtbot.keyClick(dialog.baseline_seats, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.baseline_seats, Qt.Key.Key_Delete)
    qtbot.keyClicks(_alt(qtbot, dialog, Qt.Key.Key_L), str(baseline))
    pair = rh.bundled_baseline_constituencies()
    assert dialog.baseline_seats.text() == str(pair)  # found beside it
    assert dialog.choice().baseline_constituencies == pair
    qtbot.keyClick(dialog.baseline, Qt.Key.Key_Backspace)  # no file of that name: cleared
    assert dialog.baseline_seats.text() == ""
    qtbot.keyClicks(_alt(qtbot, dialog, Qt.Key.Key_E), str(tmp_path / "mine.csv"))
    qtbot.keyClicks(_alt(qtbot, dialog, Qt.Key.Key_L), "v")  # baseline changed: kept
    assert dialog.choice().baseline_constituencies == tmp_path / "mine.csv"


def test_no_alt_letter_twice(dialog):
    texts = [w.text() for kind in (QLabel, QAbstractButton) for w in dialog.findChildren(kind)]
    letters = [m for m in map(mnemonic, texts) if m]
    assert len(letters) == len(set(letters)) >= 10, letters


def test_a_second_rehearsal_is_offered_a_new_file(qtbot, main_window, nominations_db):
    (nominations_db.parent / "rehearsal.db").write_bytes(b"taken")
    (nominations_db.parent / "rehearsal-2.db").write_bytes(b"taken")
    win = main_window(nominations_db, user="alice")
    dialog = win.new_rehearsal()
    qtbot.addWidget(dialog)
    assert dialog.db.text() == str(nominations_db.parent / "rehearsal-3.db")
    dialog.db.setFocus()
    dialog.db.selectAll()
    qtbot.keyClicks(dialog.db, str(nominations_db.parent / "rehearsal.db"))
    qtbot.keyClick(dialog.db, Qt.Key.Key_Return)
    assert "already exists" in dialog.message.text()
    assert "File > Open database" in dialog.message.text()  # how to go on with that one
    assert dialog.isVisible()


def test_the_dialog_opens_with_its_focus_showing(dialog, qtbot):
    """It opens on the first choice, a radio button, which showed no focus at all (the
    style ringed buttons, tick boxes and fields, not radio buttons); Tab back to it too."""
    from PySide6.QtGui import QColor

    from resultsdesk.ui.style import colours

    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.bundled)
    ring = QColor(colours().focus)

    def ringed() -> bool:
        image = dialog.bundled.grab().toImage()
        # near the ring's colour: back by Shift+Tab, Fusion blends the edge a little
        return all(max(abs(a - b) for a, b in zip(
            image.pixelColor(x, image.height() // 2).getRgb()[:3], ring.getRgb()[:3],
            strict=True)) <= 40 for x in (0, 1))

    assert ringed()
    qtbot.keyClick(dialog.bundled, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not dialog.bundled)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab,
                   Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.bundled)
    assert ringed()
