"""The window's shortcuts from inside its text boxes. On a Linux desktop (X11) a line edit,
and a spin box's, claims Ctrl+E as "end of line", emacs-style: Ctrl+F, "Hendon", Ctrl+E
(Declaration > Enter) moved the cursor and opened nothing. Offscreen and on Windows the box
never claims it, so these tests give the boxes X11's claim on every platform."""

from __future__ import annotations

import pytest
from helpers.rehearsal import build
from helpers.seats import HENDON
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit

from resultsdesk.ui import rehearsal_controls, window_layout
from resultsdesk.ui.app import application
from resultsdesk.ui.form_checks import Mode
from resultsdesk.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


class EndOfLine:
    """A box as X11 makes it: Ctrl+E is its own (the cursor to the end of the line)."""

    def event(self, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_E
                and event.modifiers() == CTRL):
            event.accept()
            return True
        return super().event(event)


def _x11(box: type) -> type:
    return type(f"X11{box.__name__}", (EndOfLine, box), {})


@pytest.fixture
def x11_boxes(monkeypatch) -> None:
    monkeypatch.setattr(window_layout, "QLineEdit", _x11(QLineEdit))
    for name in ("JumpBox", "ToolbarSpeedBox"):
        monkeypatch.setattr(rehearsal_controls, name, _x11(getattr(rehearsal_controls, name)))


def _open(qtbot, db) -> MainWindow:
    application()
    window = MainWindow(db, user="alice")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_ctrl_e_in_find_opens_the_form_where_the_box_claims_the_key(qtbot, nominations_db,
                                                                    x11_boxes):
    window = _open(qtbot, nominations_db)
    assert isinstance(window.search, EndOfLine)  # (the box as X11 makes it)
    qtbot.keyClick(window.search, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(window.search, "Hendon")
    qtbot.keyClick(window.search, Qt.Key.Key_E, CTRL)
    dialog = window.active_dialog
    assert dialog is not None and dialog.form.mode is Mode.ENTER
    assert dialog.form.sheet.code == HENDON
    dialog.reject()


def test_the_box_keeps_its_own_editing_keys(qtbot, nominations_db, x11_boxes):
    """Undo, copy, paste, select all: the box's, not the window's, even on X11."""
    window = _open(qtbot, nominations_db)
    window.focus_search()
    qtbot.keyClicks(window.search, "Hendon")
    qtbot.keyClick(window.search, Qt.Key.Key_A, CTRL)
    assert window.search.selectedText() == "Hendon"
    qtbot.keyClick(window.search, Qt.Key.Key_Z, CTRL)
    assert window.search.text() == ""


@pytest.mark.parametrize("box", ["rehearsal_jump", "rehearsal_speed"])
def test_ctrl_e_in_a_rehearsals_boxes_is_the_windows(qtbot, tmp_path, x11_boxes, box):
    window = _open(qtbot, build(tmp_path / "watch.db", speed=1))
    field = getattr(window, box)
    assert isinstance(field, EndOfLine)
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() in (field, *field.findChildren(
        QLineEdit)))
    with qtbot.waitSignal(window.findChild(QAction, "enterAction").triggered, timeout=1000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_E, CTRL)
