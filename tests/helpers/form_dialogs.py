"""The declaration form as a desk opens it, and the queue it is opened from, for the UI
tests that key into them."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from resultsdesk.ui.app import application
from resultsdesk.ui.declaration_form import DeclarationDialog, Mode


def shown_form(qtbot, store, code: str, user: str, mode: Mode = Mode.ENTER
               ) -> DeclarationDialog:
    """The form of seat `code` for `user`, shown, active, its first figure in focus."""
    application()
    dialog = DeclarationDialog(store, code, user=user, mode=mode)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.vote_edits[0])
    return dialog


def queue_in_sight(qtbot, window, rows: int):
    """The main window's Verification queue brought to the front, once it lists `rows`
    entries; its table."""
    window.queue_dock.show()
    window.queue_dock.raise_()
    table = window.queue_table
    qtbot.waitUntil(lambda: table.isVisible() and window.queue_model.rowCount() == rows)
    return table
