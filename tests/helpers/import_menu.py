"""File > Import driven as a person does it: the file dialog answered (patched: a native
dialog cannot be driven), then the window's Import dialog by real key presses."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog

from resultsdesk.ui.import_dialog import ImportDialog

KEEP = object()  # the constituencies box as the dialog filled it (the file beside, or none)


def import_dialog(qtbot, window, monkeypatch, action: str, path: str | Path) -> ImportDialog:
    """File > Import > `action` (its object name) with `path` chosen: the Import dialog,
    open, its focus in the constituencies box."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.findChild(QAction, action).trigger()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ImportDialog)))
    dialog = next(d for d in window.findChildren(ImportDialog) if d.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.constituencies)
    return dialog


def import_by_menu(qtbot, window, monkeypatch, action: str, path: str | Path, *,
                   constituencies: object = KEEP) -> ImportDialog:
    """The import of `path` by File > Import > `action`, its constituencies file left as
    found (KEEP), cleared (None) or typed, and Enter pressed: the import has run (on its
    worker, the window waiting) when this returns."""
    dialog = import_dialog(qtbot, window, monkeypatch, action, path)
    box = dialog.constituencies
    if constituencies is not KEEP:
        qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(box, Qt.Key.Key_Delete)
        if constituencies is not None:
            qtbot.keyClicks(box, str(constituencies))
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert not dialog.isVisible(), dialog.message.text()
    return dialog
