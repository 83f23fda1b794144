"""File > Export graphic as a presenter opens it: Ctrl+Shift+E in the active window."""

from __future__ import annotations

from PySide6.QtCore import Qt

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def opened_export_dialog(qtbot, window):
    """The window made active, Ctrl+Shift+E pressed in it: the Export graphic dialog shown,
    its Kind box given the keyboard."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL_SHIFT)
    qtbot.waitUntil(lambda: getattr(window, "export_dialog", None) is not None
                    and window.export_dialog.isVisible())
    dialog = window.export_dialog
    dialog.kind.setFocus()
    qtbot.waitUntil(dialog.kind.hasFocus)
    return dialog
