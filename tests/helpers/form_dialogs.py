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


def typed_in_find(qtbot, window, text: str) -> None:
    """`window` made the active one, Ctrl+F, and `text` typed into its Find box."""
    from PySide6.QtCore import Qt

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClicks(window.search, text)


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


def carol_at_find(qtbot, main_window, db, *, hendon_keyed: bool = False):
    """carol (a desk account; root the admin, bob a desk account too) at the window, the
    active one, Find holding "Hendon"; with `hendon_keyed`, Hendon keyed by carol and
    awaiting bob's verification."""
    from helpers.accounts import FAST
    from helpers.seats import HENDON_2024
    from resultsdesk.desk import accounts as acc

    with Store(db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        for name in ("carol", "bob"):
            acc.add_account(store, name, "desk", f"{name}-password", admin="root", kdf=FAST)
        if hendon_keyed:
            dk.declare(store, HENDON, user="carol", figures=Figures(HENDON_2024, 120),
                       overrides=["recount_range"])
        carol = acc.find_account(store, "carol")
    win = main_window(db, user=carol)
    typed_in_find(qtbot, win, "Hendon")
    return win
