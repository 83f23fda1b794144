"""`rehearse --until` says, when it finishes there, that the night has more and how to get
it: "Rehearsal finished at 23:29: 2 of 650 delivered." read as the night over."""

from __future__ import annotations

from helpers.cli import run
from test_cli_rehearse import FakeClock


def test_finished_at_its_until_says_how_to_go_on(capsys, monkeypatch, tmp_path):
    FakeClock(monkeypatch)
    db = tmp_path / "r.db"
    code, out, _ = run(capsys, "rehearse", "--db", db, "--speed", 3600, "--until", "23:29")
    assert code == 0
    assert ("Rehearsal finished at 23:29: 2 of 650 delivered. The other 648 come after its "
            "until: run again with a later --until for more.") in out
    code, out, _ = run(capsys, "rehearse", "--db", db, "--speed", 100_000, "--until", "16:00")
    assert code == 0
    assert "Rehearsal finished at 14:52: 650 of 650 delivered. `resultsdesk" in out
