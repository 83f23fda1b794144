"""The demo's throw-away night is never backed up into the data folder. Each demo runs on a
copy in a temporary folder of its own, so its backups were named for an election no later
run would ever prune (`store.backup.backup_name`): a 1.3 MB copy of the whole 2024 night
every 10 minutes of every demo, kept for good beside the desk's own backups, each of them a
live "UK general election 2024" that a restore over the desk's own first-run database (the
same name) did not refuse. Found by an attack on backups and restores. Nor is its audit
head kept for a later run."""

from __future__ import annotations

import pytest

from resultsdesk.desk.audit_memory import FOLDER
from resultsdesk.desk.schedule import PERIODIC
from resultsdesk.paths import user_data_dir
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _private_settings(qt_settings):
    application()


def test_the_demo_takes_no_backups(qtbot, night_db):
    window = MainWindow(night_db, user="alice", label="demo: a throw-away copy", demo=True)
    qtbot.addWidget(window)
    window.backup_now(PERIODIC)
    assert getattr(window, "_backup_worker", None) is None
    assert "demo" in window.statusBar().currentMessage()


def test_the_demo_keeps_no_audit_head_for_later_runs(qtbot, night_db):
    """Nor is its audit log's head kept in the data folder (`desk.audit_memory`): a file for
    each demo ever run, for a copy no later run opens."""
    window = MainWindow(night_db, user="alice", label="demo: a throw-away copy", demo=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.audit.result is not None)
    assert window.audit.result.intact
    assert not (user_data_dir() / FOLDER).exists()


def test_a_desks_own_night_keeps_its_audit_head(qtbot, night_db):
    window = MainWindow(night_db, user="alice")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.audit.result is not None)
    assert len(list((user_data_dir() / FOLDER).iterdir())) == 1
