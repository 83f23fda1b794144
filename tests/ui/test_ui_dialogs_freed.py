"""Every dialog the desk's window opens without waiting for it (`open()`) is freed when
the next of its kind opens (`dialog_life.free_closed`): after the tenth opening and closing
the window holds what it held after the first. The declaration form (Ctrl+E), Export graphic
(Ctrl+Shift+E), Keyboard shortcuts (F1) and the Mark recount question (Ctrl+Shift+R) were
parented to the window and never deleted, so an editor's window kept every one closed all
night, each form with its ballot, undo stack and timer, each export with its list of every
seat (~3 MB apiece): driven through 20 verifications with a form, an export and the
shortcuts opened and closed each time, a 650-seat window went from 1,216 to 6,621 Qt
children and from 227 to 404 MB. (History runs its own loop, `exec()`, and was freed
already: test_ui_history_freed.)
"""
from __future__ import annotations

from collections import Counter

import pytest
from helpers.form_dialogs import carol_at_find
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
TIMES = 10


@pytest.fixture
def window(qtbot, main_window, nominations_db):
    """carol (a desk account) at the window, Find holding Hendon."""
    return carol_at_find(qtbot, main_window, nominations_db)


def _children(window) -> Counter:
    return Counter(type(child).__name__ for child in window.findChildren(QObject))


def _open_and_close(qtbot, window, keys: tuple) -> None:
    """`keys` in Find open a dialog; Esc in it closes it; the keyboard is back in Find."""
    qtbot.keyClick(window.search, *keys)
    qtbot.waitUntil(lambda: QApplication.activeWindow() not in (None, window))
    dialog = QApplication.activeWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is dialog)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window
                    and QApplication.focusWidget() is window.search)
    # what the closing left to the event loop (deleteLater), done now, not at some turn
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.parametrize("keys", [
    (Qt.Key.Key_E, CTRL),  # Declaration > Enter declaration: the form
    (Qt.Key.Key_E, CTRL | SHIFT),  # File > Export graphic
    (Qt.Key.Key_F1, NONE),  # Help > Keyboard shortcuts
    (Qt.Key.Key_R, CTRL | SHIFT),  # Declaration > Mark recount under way: asked first
], ids=["form", "export", "shortcuts", "recount-question"])
def test_a_dialog_opened_again_and_again_leaves_nothing_behind(qtbot, window, keys):
    _open_and_close(qtbot, window, keys)
    after_one = _children(window)
    for _ in range(TIMES - 1):
        _open_and_close(qtbot, window, keys)
    grown = _children(window) - after_one
    assert grown == Counter()
    assert window.active_dialog is None
