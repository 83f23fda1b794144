"""A team desk's window whose server was upgraded (a newer ResultsDesk's `init`), or an
older one restored, while its connections were away: once they are back the window says
which schema the server has, which this ResultsDesk needs and what to do, as signing in
says it, and saves nothing meanwhile. It carried on as if nothing had changed."""

from __future__ import annotations

from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON
from helpers.team_window import as_dba, status_of, team_window
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store.postgres import SCHEMA_VERSION
from resultsdesk.ui.connection_bar import LOST_TEXT

NEWER = (f"was prepared by a newer ResultsDesk (schema {SCHEMA_VERSION + 1}); this one "
         f"understands up to {SCHEMA_VERSION}. Upgrade ResultsDesk.")








def test_a_server_upgraded_while_the_window_was_away_stops_its_saves_and_says_why(
        qtbot, server):
    t = server
    win = team_window(qtbot, t, "alice")
    # Upgraded by a newer ResultsDesk while every connection of alice's was away.
    as_dba(t, "INSERT INTO resultsdesk.schema_version VALUES (%s, 'now', 'newer')",
            SCHEMA_VERSION + 1)
    as_dba(t, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
            t.name("alice"))
    qtbot.waitUntil(lambda: NEWER in win.connection_bar.text()
                    and win.connection_bar.isVisible(), timeout=15_000)
    text = win.connection_bar.text()
    assert "\n" not in text and not text.startswith(LOST_TEXT)
    assert "Nothing is saved from this window" in text

    win.focus_search()  # Enter on a seat: refused, in one line, no form
    QTest.keyClicks(win.search, "Hendon")
    QTest.keyClick(win.search, Qt.Key.Key_Return)
    assert win.active_dialog is None
    said = win.statusBar().currentMessage()
    assert said.startswith("Not done: ") and NEWER in said

    # The server's schema put back as this ResultsDesk knows it: the next change heard
    # brings the window back, with it.
    as_dba(t, "DELETE FROM resultsdesk.schema_version WHERE version > %s", SCHEMA_VERSION)
    dk.declare(t.open("bob"), HENDON, Figures(CLEAN, 50), user=t.name("bob"))
    qtbot.waitUntil(lambda: status_of(win, HENDON) == "provisional", timeout=10_000)
    qtbot.waitUntil(win.connection_bar.isHidden, timeout=10_000)
