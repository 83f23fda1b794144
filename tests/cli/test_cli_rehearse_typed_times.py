"""`rehearse --start` with a date off the night replayed is refused, nothing made: a month
mistyped (2019-11-13T05:00) started the clock a month before the first seat, printed as
"from 05:00", and nothing came for hours (tests/desk/test_rehearsal_typed_times.py)."""

from __future__ import annotations

from helpers.cli import refused, run
from test_cli_rehearse import FakeClock


def test_rehearse_refuses_a_start_off_the_night(capsys, monkeypatch, tmp_path):
    FakeClock(monkeypatch)  # were it run, over in an instant
    db = tmp_path / "r.db"
    refused(run(capsys, "rehearse", "--db", db, "--start", "2019-11-13T05:00", "--until",
                "23:30", "--speed", 100_000),
            "start: '2019-11-13T05:00' is not on the night replayed")
    assert not db.exists()


def test_rehearse_refuses_a_start_after_the_last_declaration(capsys, monkeypatch, tmp_path):
    """"17:26" is the first 17:26 from six hours before the first seat (23:27): the next
    afternoon, after St Ives (14:52). It was made "from 14:52" and every seat came at once."""
    FakeClock(monkeypatch)
    db = tmp_path / "r.db"
    refused(run(capsys, "rehearse", "--db", db, "--start", "17:26", "--speed", 100_000),
            "start 13/12/2019 17:26 is after the night's last declaration (13/12/2019 14:52)")
    assert not db.exists()
