"""A team desk's window whose server cannot use its own files (a file's permissions
changed in maintenance, its disk in trouble): every refresh was put off in silence (the
log only), the window showing figures ever older with nothing to say so, where the same
failure on a save is said in one line. The bar says it until a refresh reads again."""

from __future__ import annotations

import os

import psycopg
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON
from helpers.team_window import as_dba, team_window

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures


def test_a_refresh_the_servers_files_refuse_is_said_in_the_bar(qtbot, server, pg_cluster):
    t = server
    win = team_window(qtbot, t, "alice")
    with psycopg.connect(str(t.admin_target), autocommit=True) as conn:
        path = conn.execute("SELECT pg_relation_filepath('resultsdesk.change_counter')"
                            ).fetchone()[0]
    file = pg_cluster.data / path
    mode = file.stat().st_mode
    os.chmod(file, 0o400)  # the server opens it read-write: refused from now on
    try:
        # (the window's connection opened it before: ended, as maintenance would)
        as_dba(t, "SELECT pg_terminate_backend(%s)", win.desk._pg.info.backend_pid)
        win.refresh_if_changed()
        bar = win.connection_bar
        assert bar.isVisible() and "could not use its own files" in bar.text(), bar.text()
    finally:
        os.chmod(file, mode)
    dk.declare(t.open("bob"), HENDON, Figures(CLEAN, 50), user=t.name("bob"))
    win.refresh_retry.stop()
    win.refresh_if_changed()  # read again: the bar goes
    assert not win.connection_bar.isVisible(), win.connection_bar.text()
