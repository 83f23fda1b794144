"""The declaration form as a desk opens it, and the queue it is opened from, for the UI
tests that key into them."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from helpers.seats import HENDON
from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
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


def two_awaiting_verification(db, hendon_votes, other: str, *, user: str = "alice") -> None:
    """Hendon (`hendon_votes`, with 50 rejected) and seat `other` (a rising run of votes)
    entered by `user`, their warnings ticked: two rows in the Verification queue."""
    with Store(db) as store:
        for code, votes in ((HENDON, hendon_votes), (other, None)):
            sheet = dk.load_sheet(store, code)
            votes = votes or [1000 + 97 * i for i in range(len(sheet.candidates))]
            dk.declare(store, code, user=user, figures=Figures(votes, 50),
                       overrides=["recount_range", "low_turnout"])
