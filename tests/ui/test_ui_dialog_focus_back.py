"""A dialog of the desk's window closed by the keyboard hands the keyboard back to the
window, where it was: File > Switch user (the next person signs in, or Esc), Export graphic,
History and Keyboard shortcuts closed with Esc. The focus was nowhere once each had gone
(the window manager left to give it back, as none does on a bare X display): at 3 a.m. the
verifier who had just signed in pressed Tab, Ctrl+F or Ctrl+Shift+V, and nothing happened
until a click. The declaration form and the questions already put it back themselves."""

from __future__ import annotations

import pytest
from helpers.form_dialogs import carol_at_find
from helpers.seats import HENDON
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from resultsdesk.ui.sign_in import SignInDialog

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def window(qtbot, main_window, nominations_db):
    """carol at the desk (accounts), Hendon keyed by her and awaiting bob, Find holding it."""
    return carol_at_find(qtbot, main_window, nominations_db, hendon_keyed=True)


def _when_open(window, answer) -> list[str]:
    """`answer(dialog)` by key presses once a dialog of `window`'s has the keyboard (a modal
    one runs its own loop); what was answered."""
    done: list[str] = []

    def look() -> None:
        dialog = QApplication.activeWindow()
        focus = QApplication.focusWidget()
        if dialog in (None, window) or focus is None or focus.window() is not dialog:
            QTimer.singleShot(10, window, look)
            return
        answer(dialog)
        done.append(type(dialog).__name__)

    QTimer.singleShot(0, window, look)
    return done


def _esc(_dialog) -> None:
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


def _bob_signs_in(dialog) -> None:
    assert isinstance(dialog, SignInDialog)
    QTest.keyClicks(dialog.name_edit, "bob")
    QTest.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
    QTest.keyClicks(dialog.password_edit, "bob-password")
    QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)


@pytest.mark.parametrize("keys, answer", [
    ((Qt.Key.Key_U, CTRL | SHIFT), _bob_signs_in),  # File > Switch user
    ((Qt.Key.Key_U, CTRL | SHIFT), _esc),  # ... not now
    ((Qt.Key.Key_E, CTRL | SHIFT), _esc),  # File > Export graphic
    ((Qt.Key.Key_H, CTRL), _esc),  # Declaration > History
    ((Qt.Key.Key_F1, NONE), _esc),  # Help > Keyboard shortcuts
], ids=["switch-user", "switch-user-esc", "export", "history", "shortcuts"])
def test_the_keyboard_is_back_in_the_window_after_a_dialog(qtbot, window, keys, answer):
    answered = _when_open(window, answer)
    qtbot.keyClick(window.search, *keys)
    qtbot.waitUntil(lambda: bool(answered))
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert QApplication.focusWidget() is window.search  # where it was
    if answer is _bob_signs_in:
        assert window.user == "bob"
        # bob's next keys work from there: Hendon's blind re-key, by its menu key
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_V, CTRL | SHIFT)
        qtbot.waitUntil(lambda: window.active_dialog is not None)
        assert window.active_dialog.form.sheet.code == HENDON
        window.active_dialog.reject()
