"""Every window that shows a rehearsal says so in its title (README: "never mistaken for the
live night"): the main window, forms and exports did; the sign-in to a rehearsal's file and
a seat's History did not, and both look exactly like the live night's."""

from __future__ import annotations

from helpers.accounts import FAST
from helpers.rehearsal import build

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import rehearsal as rh
from resultsdesk.store import Store
from resultsdesk.ui import history_dialog
from resultsdesk.ui.app import application
from resultsdesk.ui.sign_in import SignInDialog
from resultsdesk.ui.style import TITLE_MARK


def _with_accounts(db):
    with Store(db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
    return db


def test_the_sign_in_to_a_rehearsal_says_rehearsal(qtbot, tmp_path, nominations_db):
    application()
    with Store(_with_accounts(build(tmp_path / "watch.db"))) as store:
        dialog = SignInDialog(store)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == f"{TITLE_MARK}Sign in to the desk"
        assert "rehearsal database" in dialog.findChild(type(dialog.error_label),
                                                        "signInIntro").text()
    with Store(_with_accounts(nominations_db)) as store:  # a live night's: unmarked
        dialog = SignInDialog(store)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Sign in to the desk"


def test_a_seats_history_in_a_rehearsal_says_rehearsal(qtbot, main_window, tmp_path,
                                                       monkeypatch):
    db = build(tmp_path / "watch.db", speed=1)
    with rh.open_rehearsal(db) as desk:
        rh.start(desk)
        rh.step(desk)  # the first seat delivered
    win = main_window(db, user="alice")
    titles: list[str] = []
    monkeypatch.setattr(history_dialog.HistoryDialog, "exec",
                        lambda self: titles.append(self.windowTitle()) or 0)
    win.select_code(win.model.row_at(0).code)
    win.show_history()
    assert titles and titles[0].startswith(TITLE_MARK)
