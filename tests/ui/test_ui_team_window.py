"""The main window on a team desk's server: the server signs the desk in (name and password
typed into the sign-in dialog), other desks' verifications arrive pushed within 0.5 s, the
audit chain is checked on a connection signed in the same way, and backups are the server's."""

from __future__ import annotations

from helpers.desk_target import (
    PUSH_WITHIN_MS,
    server_fixture,  # noqa: F401  (fixture)
)
from helpers.key_typing import type_text
from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.ui.app import application, open_window
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.sign_in import SignInDialog


def _signed_in(qtbot, t, short: str, password: str) -> SignInDialog:
    dialog = SignInDialog(None, target=str(t.target))
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.name_edit, t.name(short))
    QTest.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
    type_text(dialog.password_edit, password)
    QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    return dialog


def test_the_server_refuses_a_wrong_password_and_the_dialog_stays(qtbot, server):
    application()
    dialog = _signed_in(qtbot, server, "eve", "not her password")
    assert dialog.isVisible() and dialog.account is None and dialog.desk is None
    assert dialog.error_label.isVisible() and dialog.password_edit.text() == ""


def test_a_window_on_the_server_sees_another_desks_verification(qtbot, server):
    t = server
    application()
    dialog = _signed_in(qtbot, t, "eve", t.passwords["eve"])
    assert not dialog.isVisible() and dialog.account.role == "editor"
    win = MainWindow(t.target, user=dialog.account, desk=dialog.desk)
    qtbot.addWidget(win)
    win.show()
    assert win.feed.pushed and win.connection_bar.isHidden()
    qtbot.waitUntil(lambda: win.audit.result is not None, timeout=10_000)
    assert win.audit.result.intact  # checked on a connection signed in as eve's

    with qtbot.waitSignal(win.refreshed, timeout=PUSH_WITHIN_MS):
        dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    assert win.model.row_at(win.model._index[HENDON]).status.value == "provisional"
    with qtbot.waitSignal(win.refreshed, timeout=PUSH_WITHIN_MS):
        dk.verify(t.open("bob"), HENDON, user=t.name("bob"), votes=CLEAN, invalid=50)
    assert win.model.row_at(win.model._index[HENDON]).status.value == "verified"
    assert t.passwords["eve"] not in win.desk.path + win.windowTitle()

    win.backup_now()  # the server's job: the window says how, and writes nothing
    assert "pg_dump" in win.statusBar().currentMessage()
    assert not hasattr(win, "_backup_worker")


def _answer_the_sign_in(t, short: str) -> None:
    """Sign in as `short` in the modal sign-in dialog about to open."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SignInDialog), dialog
        QTest.keyClick(dialog.name_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text(dialog.name_edit, t.name(short))
        QTest.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
        type_text(dialog.password_edit, t.passwords[short])
        QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, QApplication.instance(), answer)


def test_the_app_opens_a_server_url_once_signed_in(qtbot, server):
    application()
    _answer_the_sign_in(server, "alice")
    win = open_window(server.target, user="somebody")
    assert isinstance(win, MainWindow)
    qtbot.addWidget(win)
    assert win.account.name == server.name("alice") and win.feed.pushed
    assert win.model.rowCount() == 5  # the test election's seats


def test_file_open_switches_a_window_to_a_server(qtbot, server, main_window, nominations_db):
    win = main_window(nominations_db, user="alice")
    file_desk = win.desk
    _answer_the_sign_in(server, "eve")
    win.open_database(server.target)
    assert win.desk is not file_desk and win.db_path == server.target
    assert win.account.role == "editor" and win.feed.pushed and win.model.rowCount() == 5
    with qtbot.waitSignal(win.refreshed, timeout=PUSH_WITHIN_MS):
        dk.declare(server.open("alice"), HENDON, Figures(CLEAN, 50),
                   user=server.name("alice"))


def test_file_open_server_asks_for_the_url_then_the_sign_in(qtbot, server, main_window,
                                                          nominations_db):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    win = main_window(nominations_db, user="alice")

    def type_the_url() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog), dialog
        _answer_the_sign_in(server, "bob")  # the dialog that follows
        field = dialog.findChild(QLineEdit)
        type_text(field, str(server.target))
        QTest.keyClick(field, Qt.Key.Key_Return)

    QTimer.singleShot(0, QApplication.instance(), type_the_url)
    win.findChild(QAction, "openServerAction").trigger()
    assert win.account.name == server.name("bob") and win.feed.pushed
    assert win.model.rowCount() == 5


def _declarations(t, code: str = HENDON) -> list[tuple]:
    """The seat's versions and the audit log's length, as the server has them (read as its
    administrator, past the app)."""
    import psycopg

    with psycopg.connect(str(t.admin_target), autocommit=True) as conn:
        versions = conn.execute(
            "SELECT d.version, d.status, d.entered_by FROM resultsdesk.declarations d JOIN "
            "resultsdesk.constituencies k ON k.id = d.constituency_id WHERE k.code = %s "
            "ORDER BY d.version", (code,)).fetchall()
        entries = conn.execute("SELECT count(*) FROM resultsdesk.audit_log").fetchone()[0]
    return [*versions, ("audit entries", entries)]


def test_a_save_while_the_server_is_down_keeps_the_form_and_succeeds_once_back(
        qtbot, server, pg_cluster):
    """The server stops under a signed-in window; the desk keys a declaration and saves:
    the red bar shows, the form keeps what was typed (and its draft), the server has
    nothing of it; the server comes back, the desk reconnects by itself, and the same
    save (Enter again) lands."""
    from helpers.seats import CLEAN as KEYED

    from resultsdesk.desk.drafts import load_draft
    from resultsdesk.ui.connection_bar import LOST_TEXT

    t = server
    application()
    dialog = _signed_in(qtbot, t, "alice", t.passwords["alice"])
    win = MainWindow(t.target, user=dialog.account, desk=dialog.desk)
    qtbot.addWidget(win)
    win.show()
    assert win.feed.pushed and win.connection_bar.isHidden()
    before = _declarations(t)
    win.focus_search()
    QTest.keyClicks(win.search, "Hendon")
    QTest.keyClick(win.search, Qt.Key.Key_Return)
    form = win.active_dialog.form

    pg_cluster.stop("fast")
    try:
        typed = [f"{v:,}" for v in KEYED]
        for edit, text in zip(form.vote_edits, typed, strict=True):
            QTest.keyClicks(edit, text)
            QTest.keyClick(edit, Qt.Key.Key_Tab)
        QTest.keyClicks(form.invalid_edit, "120")
        with qtbot.assertNotEmitted(form.saved):
            QTest.keyClick(form.total_edit, Qt.Key.Key_Return)  # Enter on the last: save
        qtbot.waitUntil(win.connection_bar.isVisible, timeout=10_000)
        assert LOST_TEXT in win.connection_bar.text()
        assert "server" in form.message_label.text()  # the save says why it did not land
        assert win.active_dialog is not None and win.active_dialog.isVisible()
        assert [e.text() for e in form.vote_edits] == typed
        assert form.invalid_edit.text() == "120"
        draft = load_draft(win.draft_file())
        assert draft is not None and draft.code == HENDON
        assert [draft.fields[e.objectName()] for e in form.vote_edits] == typed
    finally:
        pg_cluster.resume()

    qtbot.waitUntil(win.connection_bar.isHidden, timeout=15_000)  # back by itself
    assert _declarations(t) == before  # nothing of the failed save reached the server
    with qtbot.waitSignal(win.refreshed, timeout=10_000):
        QTest.keyClick(form.total_edit, Qt.Key.Key_Return)  # the same save, again
    assert win.active_dialog is None
    assert _declarations(t)[:-1] == [(1, "provisional", t.name("alice"))]
    assert load_draft(win.draft_file()) is None
    assert [q.code for q in dk.verification_queue(win.desk)] == [HENDON]


def test_file_rehearsal_on_a_server_window_refuses_the_server_itself(qtbot, server, tmp_path,
                                                                      monkeypatch):
    """File > Rehearsal… on a team desk's window makes a file of its own (in the data
    folder by default); the server's URL typed as the new database is refused in the
    dialog, by the desk's own rule and words, not made into ./postgresql:/... ."""
    t = server
    here = tmp_path / "here"  # (the server's fixture keeps its files in tmp_path)
    here.mkdir()
    monkeypatch.chdir(here)
    application()
    signed_in = _signed_in(qtbot, t, "ann", t.passwords["ann"])
    win = MainWindow(t.target, user=signed_in.account, desk=signed_in.desk)
    qtbot.addWidget(win)
    win.show()
    dialog = win.new_rehearsal()
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.db.text().startswith("postgres")  # the default: a file
    url = str(t.target).replace("://", "://ann:secret@", 1)
    dialog.db.setFocus()
    QTest.keyClick(dialog.db, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(dialog.db, url)
    QTest.keyClick(dialog.db, Qt.Key.Key_Return)
    shown = str(t.target).replace("://", "://ann@", 1)
    assert dialog.isVisible()
    assert dialog.message.text() == (
        f"{shown} is a team desk server, whose election is live: rehearse into a file of "
        "its own (rehearsal.db)")
    assert list(here.iterdir()) == [] and win.desk is signed_in.desk
    dialog.reject()
