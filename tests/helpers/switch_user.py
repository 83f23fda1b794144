"""File > Switch user at an open desk, as a person does it: the menu's action, then the next
person's name typed into "Who is at the desk?" and Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit


def _answer_name(name: str, answered: list[str]) -> None:
    """Types `name` into the prompt once it is open (the action's slot opens it modally)."""
    dialog = QApplication.activeModalWidget()
    line = dialog.findChild(QLineEdit) if isinstance(dialog, QInputDialog) else None
    if line is None:
        QTimer.singleShot(10, QApplication.instance(), lambda: _answer_name(name, answered))
        return
    line.selectAll()
    QTest.keyClicks(line, name)
    QTest.keyClick(line, Qt.Key.Key_Return)
    answered.append(name)


def switch_open_desk_user(window, name: str) -> bool:
    """File > Switch user on `window` (a MainWindow on an open desk's database), `name`
    answering; True once the prompt was answered (the action returns when it closes)."""
    answered: list[str] = []
    QTimer.singleShot(0, QApplication.instance(), lambda: _answer_name(name, answered))
    window.findChild(QAction, "switchUser").trigger()
    return answered == [name]


def answer_name_when_asked(name: str) -> None:
    """Type `name` and Enter into "Who is at the desk?" as soon as it is open, with the focus
    in its box (it runs its own event loop, so the typing is queued before asking): at
    File > Switch user, or as the app starts (`ui.app.open_window`)."""
    context = QApplication.instance()

    def type_name():
        dialog, line = QApplication.activeModalWidget(), QApplication.focusWidget()
        if not isinstance(dialog, QInputDialog) or not isinstance(line, QLineEdit) \
                or line.window() is not dialog:
            QTimer.singleShot(10, context, type_name)
            return
        QTest.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(line, name)
        QTest.keyClick(line, Qt.Key.Key_Return)

    QTimer.singleShot(0, context, type_name)
