"""The blind re-key's Reject to desk (Alt+R) asks for a comment; answered Esc (not sent back
after all), the keyboard is back in the field it was asked from, so the re-key goes on: the
focus was nowhere once the comment box had gone (no window manager gives it back, as none
does on a bare X display), and the next figures, Enter and Ctrl+S did nothing at all."""

from __future__ import annotations

from helpers.form_dialogs import two_awaiting_verification
from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from resultsdesk.desk import declarations as dk
from resultsdesk.store import Store
from resultsdesk.ui.form_checks import Mode

ALT = Qt.KeyboardModifier.AltModifier


def _comment_box_answered(qtbot, key: Qt.Key) -> QTimer:
    """Once the comment box is up (it runs a loop of its own, so a timer answers it):
    `key` in it."""
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QInputDialog) and QApplication.activeWindow() is box:
            timer.stop()
            qtbot.keyClick(box.focusWidget() or box, key)

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(10)
    return timer


def test_esc_in_the_reject_comment_keeps_the_rekey_typing(qtbot, main_window, nominations_db):
    two_awaiting_verification(nominations_db, CLEAN, "E14001077", user="carol")
    window = main_window(nominations_db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClicks(window.search, "Hendon")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.active_dialog is not None)
    dialog = window.active_dialog
    form = dialog.form
    assert form.mode is Mode.REKEY
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.vote_edits[0])
    qtbot.keyClicks(form.vote_edits[0], "2667")
    answering = _comment_box_answered(qtbot, Qt.Key.Key_Escape)
    qtbot.keyClick(form.vote_edits[0], Qt.Key.Key_R, ALT)  # Reject to desk…, then Esc
    qtbot.waitUntil(lambda: not answering.isActive())
    assert dialog.isVisible()
    with Store(nominations_db) as store:
        assert dk.load_sheet(store, HENDON).pending is not None  # not sent back
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.vote_edits[0])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # on to the next figure
    assert QApplication.focusWidget() is form.vote_edits[1]
    dialog.discard()
