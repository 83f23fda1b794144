"""`users list`'s Created column: the day and the time an account was made, both on this
PC's clock, as the audit trail says them. The date was the stored UTC day beside the local
time, so an account made at 00:30 BST on election night (23:30 UTC the day before) was
listed as made at 00:30 the day before, a day early; in Auckland, most of the day's
accounts were listed on yesterday's date."""

from __future__ import annotations

import time

import pytest

from resultsdesk.cli import main
from resultsdesk.desk import local_writes

MADE = "2024-07-04T23:30:05+00:00"  # 00:30:05 BST on 5 July


@pytest.fixture
def london(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_an_account_made_after_midnight_bst_is_listed_on_that_day(
        capsys, monkeypatch, nominations_db, london):
    monkeypatch.setattr(local_writes, "now_iso", lambda: MADE)
    monkeypatch.setenv("RESULTSDESK_NEW_PASSWORD", "root-password")
    assert main(["users", "add", "root", "--db", str(nominations_db)]) == 0
    capsys.readouterr()
    assert main(["users", "list", "--db", str(nominations_db)]) == 0
    line = capsys.readouterr().out.splitlines()[1]
    assert line.split()[:3] == ["root", "admin", "active"]
    assert "2024-07-05 00:30:05 by root" in line, line  # was "2024-07-04 00:30:05"
