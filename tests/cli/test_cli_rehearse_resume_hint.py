"""What `rehearse` tells the editor on stopping, and when someone resumes the clock.

"Stopped at 00:40 … Run the same command to resume." was refused when the command named the
night's files (`--results`, `--constituencies`: chosen when the rehearsal was made) or a
`--start` the night had since passed: the line now names the command that resumes. And "alice
resumed the clock at …" said the clock's time when the command next looked (a second later,
an hour of the night at ×3600), not the night it was resumed at."""

from __future__ import annotations

import shlex
from datetime import timedelta

from helpers.cli import run
from test_cli_rehearse import FakeClock, deliveries
from test_cli_rehearse_waits import Night

from resultsdesk.desk import rehearsal as rh


def test_the_stopped_line_names_a_command_that_resumes(capsys, monkeypatch, tmp_path):
    results, constituencies, _ = rh.bundled_night()
    db = tmp_path / "own files.db"  # a space: the command must still be one to paste
    clock = FakeClock(monkeypatch, interrupt_after=3, capsys=capsys)
    code, out, _ = run(capsys, "rehearse", "--db", db, "--results", results,
                       "--constituencies", constituencies, "--start", "00:30",
                       "--speed", 600)
    out = clock.capsys_out + out
    assert code == 130
    first = deliveries(out)
    stopped = next(line for line in out.splitlines() if line.startswith("Stopped at"))
    assert "To resume: resultsdesk rehearse " in stopped, stopped
    argv = shlex.split(stopped.split("To resume: resultsdesk ", 1)[1])
    FakeClock(monkeypatch)
    code, out, err = run(capsys, *argv, "--until", "01:30")
    assert code == 0, err
    assert "Continuing rehearsal" in out
    assert deliveries(out)[0][2] == len(first) + 1  # nothing delivered twice, nor skipped


def test_the_hint_keeps_the_practise_report_where_it_was_asked(capsys, monkeypatch,
                                                                tmp_path):
    db, report = tmp_path / "practise.db", tmp_path / "desk report.json"
    clock = FakeClock(monkeypatch, interrupt_after=2, capsys=capsys)
    code, out, _ = run(capsys, "rehearse", "--db", db, "--mode", "practise", "--speed", 600,
                       "--report", report)
    out = clock.capsys_out + out
    assert code == 130
    stopped = next(line for line in out.splitlines() if line.startswith("Stopped at"))
    argv = shlex.split(stopped.split("To resume: resultsdesk ", 1)[1])
    assert argv[argv.index("--report") + 1] == str(report), stopped


def test_a_resume_is_said_at_the_night_it_was_made(capsys, monkeypatch, tmp_path):
    from resultsdesk.desk import rehearsal_holders as holders

    db = tmp_path / "watch.db"
    window: list[int] = []
    resumed: list[str] = []

    def during(n, app, wall):
        if n == 2:
            window.append(holders.hold(app, "window", "alice", wall))
        elif window:
            holders.beat(app, window[0], wall)
        if n == 3:
            rh.pause(app, wall, user="alice")
        if n == 10:
            # the window's Resume, most of the command's second of sleep ago
            state = rh.resume(app, wall - timedelta(seconds=0.9), user="alice")
            resumed.append(state.night_text)

    Night(monkeypatch, db, during)
    code, out, err = run(capsys, "rehearse", "--db", db, "--speed", 3600, "--until", "03:00")
    assert code == 0, err
    assert f"alice resumed the clock at {resumed[0]}." in out, (resumed, out)
