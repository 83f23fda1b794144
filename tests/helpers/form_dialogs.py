"""The declaration form as a desk opens it, for the UI tests that type into it."""

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
