"""A refresh the server went away in the middle of is done whole once it is back.

The window's refresh reads the night's changed seats, then more (the Verification queue,
who was sent back). It took the change as shown as soon as the seats were read, so when the
server went between those reads (a restart as alice's entry landed) the retry, and the
catch-up as the bar went, found nothing new: bob's queue never listed the entry he was
there to verify, until some other change came."""

from __future__ import annotations

from helpers.desk_target import server_fixture  # noqa: F401  (fixture)

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.accounts import server_account
from resultsdesk.domain.model import Figures
from resultsdesk.ui import window_live
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow

HENDON = "E14001279"
CLEAN = (2667, 1966, 139, 12000, 1518, 3038, 18000, 233)


def test_an_entry_heard_as_the_server_went_reaches_the_verifiers_queue(qtbot, server,
                                                                       monkeypatch,
                                                                       pg_cluster):
    t = server
    application()
    desk = t.open("bob")
    win = MainWindow(t.target, user=server_account(desk), desk=desk)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.audit.result is not None, timeout=10_000)
    read_queue, stopped = window_live.verification_queue, []

    def server_gone_first(desk):
        """The server stops after the night's seats were read, before the queue is."""
        if not stopped:
            stopped.append(True)
            pg_cluster.stop("fast")
        return read_queue(desk)

    monkeypatch.setattr(window_live, "verification_queue", server_gone_first)
    dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    qtbot.waitUntil(lambda: bool(stopped), timeout=10_000)
    try:
        qtbot.waitUntil(win.connection_bar.isVisible, timeout=10_000)
    finally:
        pg_cluster.resume()
    qtbot.waitUntil(lambda: not win.connection_bar.isVisible(), timeout=20_000)
    truth = [item.code for item in read_queue(t.open("bob"))]
    assert truth == [HENDON]
    assert [win.queue_model.item(i).code for i in range(win.queue_model.rowCount())] == truth
