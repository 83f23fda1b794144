"""A team desk's form on a server that takes no writes for now (a standby, or read-only
for maintenance): the save said nothing on screen and went up as a traceback ("Error
calling Python override of QDialog::event(): ... cannot execute UPDATE in a read-only
transaction"). Now the form says so in one line, keeps what was typed and stays open, and
the same Enter saves it once the server takes changes again."""

from __future__ import annotations

from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON
from helpers.team_window import as_dba, database_read_only, status_of, team_window
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from resultsdesk.desk import declarations as dk
from resultsdesk.ui.form_checks import Mode


def test_a_save_on_a_read_only_server_says_so_and_is_saved_once_it_takes_changes(
        qtbot, server):
    t = server
    database_read_only(t, True)
    win = team_window(qtbot, t, "alice")  # its connections begin read-only
    dialog = win.open_form(HENDON, Mode.ENTER)
    form = dialog.form
    for edit, votes in zip(form.vote_edits, CLEAN, strict=True):
        QTest.keyClicks(edit, str(votes))
    QTest.keyClicks(form.invalid_edit, "50")
    with qtbot.assertNotEmitted(form.saved):
        QTest.keyClick(form.total_edit, Qt.Key.Key_Return)
    said = form.message_label.text()
    assert "read-only" in said and "nothing was saved" in said, said
    assert "\n" not in said and "UPDATE" not in said, said
    assert dialog.isVisible() and form.vote_edits[0].text() == str(CLEAN[0])

    database_read_only(t, False)
    # The window's connection ended as the server came back to taking changes (a
    # restart): the next save reconnects, as a session begun now.
    as_dba(t, "SELECT pg_terminate_backend(%s)", win.desk._pg.info.backend_pid)
    with qtbot.waitSignal(form.saved):
        QTest.keyClick(form.total_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: status_of(win, HENDON) == "provisional")
    assert dk.load_sheet(t.open("eve"), HENDON).pending.version == 1
