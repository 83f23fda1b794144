"""A team desk's admin accepts, from the red banner, a log the server lost the newest entry
of (its database put back from a dump by its administrator): the server writes the entry
itself (migration 62), and the window reads intact. Before, the server refused it and the
banner stayed red at every opening."""

from __future__ import annotations

import psycopg
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.team_window import as_dba, team_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from resultsdesk.desk.audit_memory import check_remembering
from resultsdesk.domain.audit_chain import LOG_ACCEPTED

REASON = "server put back from the 02:00 dump after its disk failed"


def _put_back(t) -> None:
    """An entry ann's PC sees, then the server's database put back from before it."""
    last = _newest(t)
    as_dba(t, "SELECT resultsdesk.audit_note('publish', 'election', '', '{}')")
    ann = t.open("ann")
    assert check_remembering(t.target, ann).head_id == last + 1  # kept on ann's PC
    for sql in ("ALTER TABLE resultsdesk.audit_log DISABLE TRIGGER USER",
                "ALTER TABLE resultsdesk.audit_sequence DISABLE TRIGGER USER"):
        as_dba(t, sql)
    as_dba(t, "DELETE FROM resultsdesk.audit_log WHERE id > %s", last)
    as_dba(t, "UPDATE resultsdesk.audit_sequence SET seq = %s", last)
    for sql in ("ALTER TABLE resultsdesk.audit_log ENABLE TRIGGER USER",
                "ALTER TABLE resultsdesk.audit_sequence ENABLE TRIGGER USER"):
        as_dba(t, sql)


def _newest(t) -> int:
    with psycopg.connect(str(t.admin_target), autocommit=True) as conn:
        return conn.execute("SELECT max(id) FROM resultsdesk.audit_log").fetchone()[0]


def _last_entry(t) -> tuple[str, str]:
    with psycopg.connect(str(t.admin_target), autocommit=True) as conn:
        return conn.execute('SELECT "user", action FROM resultsdesk.audit_log '
                            "ORDER BY id DESC LIMIT 1").fetchone()


def test_an_admin_accepts_from_the_banner_and_the_server_writes_it(qtbot, server):
    t = server
    _put_back(t)
    win = team_window(qtbot, t, "ann")
    assert win.audit.result.seen_gone and win.audit_banner.isVisible()
    button = win.audit_banner.findChild(QPushButton, "acceptAuditLog")
    assert button.isVisible()
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: win.audit.accept_dialog is not None
                    and win.audit.accept_dialog.isVisible())
    box = win.audit.accept_dialog.findChild(QLineEdit)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
    qtbot.keyClicks(box, REASON)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.audit_banner.isHidden())
    assert win.audit.result.intact
    assert win.statusBar().currentMessage().startswith("Accepted the audit log as it stands:")
    assert _last_entry(t) == (t.name("ann"), LOG_ACCEPTED)
