"""A team desk's window through the night's outages that are not a stopped server: the DBA
ends one of the window's connections (pg_terminate_backend) while the server has no room
for another (max_connections, or a CONNECTION LIMIT on the account). The window says, in
its red bar, that the server is away and it is retrying; it stays signed in; and once the
server takes connections again it catches up by itself with what was committed meanwhile.
(The stopped and restarted server: test_ui_live_feed.py, test_ui_team_trouble.py.)"""

from __future__ import annotations

from helpers.app_crash import crash
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON
from helpers.team_window import as_dba, status_of, team_window

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.accounts import server_account
from resultsdesk.domain.model import Figures
from resultsdesk.ui.app import application
from resultsdesk.ui.connection_bar import LOST_TEXT
from resultsdesk.ui.main_window import MainWindow


def _attempts(win: MainWindow) -> list[object]:
    """What each of the live feed's attempts to come back gave (on the thread pool)."""
    source, tries = win.feed.source, []
    real = source.reconnect

    def reconnect() -> bool:
        try:
            back = real()
        except Exception as exc:
            tries.append(exc)
            raise
        tries.append(back)
        return back

    source.reconnect = reconnect
    return tries




def test_a_server_with_no_room_for_the_live_feed_keeps_the_window_signed_in(qtbot, server):
    """The DBA ends eve's live feed's connection while her account may hold only one (her
    window's own): the feed cannot come back for now. That was read as the server no
    longer signing eve in, and the window signed her out until File > Switch user, even
    once the server took her connections again. Now the bar says the server is away and
    it is retrying; once there is room the feed is back, the window still signed in, and
    a result verified meanwhile is on it."""
    t = server
    win = team_window(qtbot, t, "eve")
    eve = t.name("eve")
    as_dba(t, f'ALTER ROLE "{eve}" CONNECTION LIMIT 1')
    tries = _attempts(win)
    as_dba(t, "SELECT pg_terminate_backend(%s)",
            win.feed.source._listener.conn.info.backend_pid)
    qtbot.waitUntil(win.connection_bar.isVisible, timeout=10_000)
    dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    qtbot.waitUntil(lambda: len(tries) >= 2, timeout=10_000)  # turned away, twice
    assert win.connection_bar.text().startswith(LOST_TEXT)
    assert not win.account.disabled
    as_dba(t, f'ALTER ROLE "{eve}" CONNECTION LIMIT -1')
    qtbot.waitUntil(win.connection_bar.isHidden, timeout=10_000)
    qtbot.waitUntil(lambda: status_of(win, HENDON) == "provisional", timeout=10_000)
    assert not win.account.disabled and win.feed.pushed


def test_a_refresh_the_server_turned_away_is_tried_again_until_it_is_done(qtbot, server):
    """The DBA ends the window's own connection, not its live feed's, and the server has no
    room for another. The feed hears alice's declaration; reading it fails. That failure
    was only logged: no bar, and the window kept showing Hendon as before until some other
    change came, however long that took. Now the bar says the server is away and the
    window tries the refresh again until it is done."""
    t = server
    win = team_window(qtbot, t, "eve")
    eve = t.name("eve")
    as_dba(t, f'ALTER ROLE "{eve}" CONNECTION LIMIT 1')
    as_dba(t, "SELECT pg_terminate_backend(%s)", win.desk._pg.info.backend_pid)
    dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    qtbot.waitUntil(win.connection_bar.isVisible, timeout=10_000)
    assert win.connection_bar.text().startswith(LOST_TEXT)
    assert "too many connections" in win.connection_bar.toolTip()
    assert status_of(win, HENDON) != "provisional"
    as_dba(t, f'ALTER ROLE "{eve}" CONNECTION LIMIT -1')
    qtbot.waitUntil(lambda: status_of(win, HENDON) == "provisional", timeout=10_000)
    qtbot.waitUntil(win.connection_bar.isHidden, timeout=10_000)
    assert not win.account.disabled and win.feed.pushed


def test_an_audit_check_the_outage_stopped_runs_again_once_the_server_is_back(
        qtbot, server, pg_cluster):
    """The periodic audit check came due while IT had the server down: "Audit check
    failed", in red, in the status bar. Once the server was back that stayed until the next
    check, five minutes on, as if something were wrong with the record; now the check runs
    again as soon as the live feed is back."""
    win = team_window(qtbot, server, "eve")
    pg_cluster.stop("fast")
    try:
        qtbot.waitUntil(win.connection_bar.isVisible, timeout=10_000)
        win.audit._recheck()  # what its five-minute timer does
        qtbot.waitUntil(lambda: win.audit_label.text() == "Audit check failed",
                        timeout=10_000)
    finally:
        pg_cluster.resume()
    qtbot.waitUntil(win.connection_bar.isHidden, timeout=15_000)
    qtbot.waitUntil(lambda: win.audit_label.text().startswith("Audit chain intact"),
                    timeout=10_000)


def test_a_draft_whose_save_landed_unheard_is_saved_once_after_a_crash(qtbot, server,
                                                                       pg_cluster,
                                                                       monkeypatch):
    """alice saves Hendon; the server commits it but the reply is lost ("saved whole or
    not at all") and, before she saves again, the app goes down. Her draft is offered back
    on restart and she saves it: that was refused as "changed by someone else since you
    opened it" (her own entry); now, as from the form she typed it in, her save is found
    and reported done, once."""
    from helpers.pg_proxy import LossyRelay
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QMessageBox

    from resultsdesk.desk.drafts import load_draft
    from resultsdesk.desk.session import open_desk
    from resultsdesk.ui.form_checks import Mode

    t, relay = server, LossyRelay(pg_cluster.port)
    database = str(t.target).rsplit("/", 1)[1]

    def window() -> MainWindow:
        application()
        desk = open_desk(relay.url(t.name("alice"), t.passwords["alice"], database))
        win = MainWindow(desk.path, user=server_account(desk), desk=desk)
        qtbot.addWidget(win)
        return win

    try:
        first = window()
        form = first.open_form(HENDON, Mode.ENTER).form
        for edit, votes in zip(form.vote_edits, CLEAN, strict=True):
            QTest.keyClicks(edit, str(votes))
            QTest.keyClick(edit, Qt.Key.Key_Tab)
        QTest.keyClicks(form.invalid_edit, "50")
        relay.lose_reply_to("resultsdesk.declare")
        with qtbot.assertNotEmitted(form.saved):
            QTest.keyClick(form.total_edit, Qt.Key.Key_Return)  # Enter on the last: save
        assert "saved whole or not at all" in form.message_label.text()
        assert load_draft(first.draft_file()) is not None
        crash(first)  # the app goes down, the form unclosed

        second = window()
        monkeypatch.setattr(MainWindow, "ask_to_restore",
                            lambda *a, **k: QMessageBox.StandardButton.Yes)
        restored = second.offer_draft().form
        with qtbot.waitSignal(restored.saved, timeout=10_000, raising=False) as saving:
            QTest.keyClick(restored.total_edit, Qt.Key.Key_Return)
        assert saving.signal_triggered, restored.message_label.text()
        assert [(v.version, v.status.value) for v in
                dk.load_sheet(t.open("alice"), HENDON).versions] == [(1, "provisional")]
        assert load_draft(second.draft_file()) is None
    finally:
        relay.close()


def test_a_rekey_whose_verification_landed_unheard_is_said_to_be_saved_after_a_crash(
        qtbot, server, pg_cluster, monkeypatch):
    """bob re-keys alice's Hendon; the server verifies it but the reply is lost, and the app
    goes down. On restart his draft was refused with "they can no longer be saved: Hendon
    has nothing awaiting verification", leaving him to wonder whether the seat was
    verified; now he is told his verification was saved."""
    from helpers.pg_proxy import LossyRelay
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox

    from resultsdesk.desk.drafts import load_draft
    from resultsdesk.desk.session import open_desk
    from resultsdesk.ui.form_checks import Mode

    t, relay = server, LossyRelay(pg_cluster.port)
    database = str(t.target).rsplit("/", 1)[1]
    dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))

    def window() -> MainWindow:
        application()
        desk = open_desk(relay.url(t.name("bob"), t.passwords["bob"], database))
        win = MainWindow(desk.path, user=server_account(desk), desk=desk)
        qtbot.addWidget(win)
        return win

    try:
        first = window()
        first.show()
        dialog = first.open_form(HENDON, Mode.REKEY)
        dialog.activateWindow()
        form = dialog.form
        qtbot.waitUntil(lambda: QApplication.focusWidget() is form.vote_edits[0])
        for edit, votes in zip(form.vote_edits, CLEAN, strict=True):
            QTest.keyClicks(edit, str(votes))
            QTest.keyClick(edit, Qt.Key.Key_Tab)
        QTest.keyClicks(form.invalid_edit, "50")
        relay.lose_reply_to("resultsdesk.verify")
        with qtbot.assertNotEmitted(form.saved):
            QTest.keyClick(form.invalid_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert "saved whole or not at all" in form.message_label.text()
        assert load_draft(first.draft_file()) is not None
        crash(first)  # the app goes down, the form unclosed

        second = window()
        told: list[str] = []
        monkeypatch.setattr(QMessageBox, "information",
                            lambda parent, title, text, *a, **k: told.append(text))
        assert second.offer_draft() is None
        (said,) = told
        assert "verification" in said and "was saved" in said and "no longer" not in said
        assert "\n" not in said
        assert load_draft(second.draft_file()) is None
    finally:
        relay.close()


def test_a_password_changed_while_only_the_windows_connection_dropped_signs_it_out(
        qtbot, server):
    """An admin changes eve's password; her window's sessions live on. The DBA then ends
    the window's own connection, not its live feed's: the feed hears alice's declaration,
    the refresh reconnects with the old password and is refused. That refusal was taken
    for a server away for now: the refresh was tried again and again, for ever, and the
    window went on as signed in. Now it is signed out as when the live feed hears the same
    refusal: the bar says the server no longer signs eve in, with its reason."""
    from resultsdesk.ui.connection_bar import REFUSED_TEXT

    t = server
    win = team_window(qtbot, t, "eve")
    eve = t.name("eve")
    as_dba(t, f"ALTER ROLE \"{eve}\" PASSWORD 'changed by ann'")
    as_dba(t, "SELECT pg_terminate_backend(%s)", win.desk._pg.info.backend_pid)
    dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    qtbot.waitUntil(lambda: win.account.disabled, timeout=10_000)
    assert win.connection_bar.isVisible()
    assert win.connection_bar.text().startswith(REFUSED_TEXT)
    assert "wrong name or password, or the account" in win.connection_bar.text()
    assert not win.refresh_retry.isActive()
    assert not win.feed.lost  # the feed's own connection was never refused
