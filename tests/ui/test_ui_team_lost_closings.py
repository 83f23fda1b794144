"""A withdrawal or a recount call from a team desk's window whose reply the network lost
("saved whole or not at all"), done again as the window says: it was refused as done
already ("Hendon has no provisional entry to withdraw", "recount 1 is already under
way"), true but silent on whether the first attempt had counted. Now the window says the
first one was saved, with its version and time, and nothing is recorded twice."""

from __future__ import annotations

import psycopg
import pytest
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.pg_proxy import LossyRelay
from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.accounts import server_account
from resultsdesk.desk.session import open_desk
from resultsdesk.domain.model import Figures
from resultsdesk.ui.app import application
from resultsdesk.ui.form_checks import Mode
from resultsdesk.ui.main_window import MainWindow

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def relay(pg_cluster):
    relay = LossyRelay(pg_cluster.port)
    yield relay
    relay.close()


def _window(qtbot, t, relay: LossyRelay, short: str) -> MainWindow:
    application()
    database = str(t.target).rsplit("/", 1)[1]
    desk = open_desk(relay.url(t.name(short), t.passwords[short], database))
    win = MainWindow(desk.path, user=server_account(desk), desk=desk)
    qtbot.addWidget(win)
    win.show()
    return win


def _audit(t, action: str) -> int:
    with psycopg.connect(str(t.admin_target), autocommit=True) as conn:
        return conn.execute("SELECT count(*) FROM resultsdesk.audit_log WHERE action = %s",
                            (action,)).fetchone()[0]


def test_a_withdrawal_whose_reply_was_lost_is_said_to_be_saved_when_done_again(
        qtbot, server, relay, monkeypatch):
    t = server
    dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    win = _window(qtbot, t, relay, "alice")
    dialog = win.open_form(HENDON, Mode.ENTER)
    dialog.activateWindow()
    form = dialog.form
    assert form.withdraw_button.isVisible()

    def withdraw() -> None:
        form.withdraw_button.setFocus()
        qtbot.keyClick(form.withdraw_button, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is form.withdraw_box)
        qtbot.keyClick(form.withdraw_box, Qt.Key.Key_Y, ALT)  # Yes, withdraw it

    relay.lose_reply_to("resultsdesk.withdraw")
    with qtbot.assertNotEmitted(form.saved):
        withdraw()
        qtbot.waitUntil(lambda: "saved whole or not at all" in form.message_label.text())
    assert _audit(t, "withdraw") == 1  # it landed
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    with qtbot.waitSignal(form.saved, timeout=10_000, raising=False) as saving:
        withdraw()
    said = form.message_label.text()
    assert saving.signal_triggered, said
    assert said.startswith("Your withdrawal of Hendon was saved (version 1, at "), said
    assert _audit(t, "withdraw") == 1 and not warned


def test_a_recount_call_whose_reply_was_lost_is_said_to_be_saved_when_made_again(
        qtbot, server, relay, monkeypatch):
    t = server
    win = _window(qtbot, t, relay, "alice")
    qtbot.waitUntil(lambda: win.audit.result is not None, timeout=10_000)
    win.select_code(HENDON)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # on X, a round trip to the server
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

    relay.lose_reply_to("resultsdesk.mark_recount")
    qtbot.keyClick(win.table, Qt.Key.Key_R, shift_ctrl)
    qtbot.waitUntil(lambda: getattr(win, "recount_box", None) is not None
                    and QApplication.activeWindow() is win.recount_box)
    qtbot.keyClick(win.recount_box, Qt.Key.Key_M, ALT)  # Mark recount under way
    qtbot.waitUntil(lambda: "saved whole or not at all" in win.statusBar().currentMessage())
    assert _audit(t, "recount under way") == 1  # it landed

    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    qtbot.keyClick(win.table, Qt.Key.Key_R, shift_ctrl)  # made again, as the bar said
    qtbot.waitUntil(lambda: "Not done" not in win.statusBar().currentMessage() or bool(warned))
    said = win.statusBar().currentMessage()
    assert not warned, warned
    assert said.startswith("Your recount call of Hendon was saved (at "), said
    assert said.endswith("Hendon: RECOUNT UNDER WAY (next figures are recount 1).")
    assert _audit(t, "recount under way") == 1
