"""Help > Keyboard shortcuts by keyboard: the row the arrow keys are on is drawn in the
highlight colour, in either theme. The list opened on its first group's title ("File"),
which could not be chosen, so it was only current: a faint tint, next to invisible on dark,
and the same on every group's title the arrows stepped onto."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from resultsdesk.ui.style import colours


def _near(a: QColor, b: QColor) -> bool:
    """The same colour but for the rounding of a blend (one step in a channel)."""
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()),
               abs(a.blue() - b.blue())) <= 2


def _current_row_highlighted(tree) -> bool:
    """The current row drawn in the highlight colour, at its right end (past any text)."""
    row = tree.visualItemRect(tree.currentItem())
    drawn = tree.viewport().grab().toImage().pixelColor(row.right() - 3, row.center().y())
    return _near(drawn, QColor(colours().highlight))


def test_the_row_the_keys_are_on_is_highlighted(qtbot, main_window, night_db, theme):
    window = main_window(night_db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.table, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window, "shortcuts_dialog", None) is not None
                    and window.shortcuts_dialog.isActiveWindow())
    tree = window.shortcuts_dialog.tree
    assert QApplication.focusWidget() is tree
    seen = [(tree.currentItem().text(0), _current_row_highlighted(tree))]
    while tree.currentItem().parent() is not None or len(seen) == 1:
        qtbot.keyClick(tree, Qt.Key.Key_Down)  # File's keys, then the next group's title
        seen.append((tree.currentItem().text(0), _current_row_highlighted(tree)))
    assert seen[0] == ("File", True) and seen[1] == ("Ctrl+O", True)
    assert seen[-1] == ("Declaration", True) and all(shown for _, shown in seen)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Tab)  # to Close and back: still shown where it was
    assert QApplication.focusWidget() is not tree
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is tree and tree.currentItem().text(0) == "Ctrl+E"
    assert _current_row_highlighted(tree)
    qtbot.keyClick(tree, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.shortcuts_dialog.isVisible())
