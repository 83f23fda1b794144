"""`resultsdesk rehearse`: the 2019 night replayed from the command line on a fake clock (the
loop's clock and sleep monkeypatched: no real waiting), Ctrl+C and resume, practise mode's
report, and the refusals."""

from __future__ import annotations

import csv
import json
import re
from datetime import timedelta

import pytest
from helpers.cli import refused, run, usage_refused
from helpers.rehearsal import HOC_2019, MAJORITY_2019, WALL, file_order

from resultsdesk.cli import rehearse
from resultsdesk.desk import rehearsal as rh

DELIVERY = re.compile(r"^(\d\d:\d\d) (.+) declared \((\d+) of (\d+)\)$")


class FakeClock:
    """The loop's wall clock: sleeping moves it on; `interrupt_after` deliveries printed, the
    next sleep raises KeyboardInterrupt as Ctrl+C would."""

    def __init__(self, monkeypatch, interrupt_after: int | None = None, capsys=None):
        self.wall, self.slept = WALL, []
        self.interrupt_after, self.capsys = interrupt_after, capsys
        monkeypatch.setattr(rehearse, "now", lambda: self.wall)
        monkeypatch.setattr(rehearse, "sleep", self.sleep)

    def sleep(self, seconds: float) -> None:
        assert 0 <= seconds <= rehearse.MAX_SLEEP
        self.slept.append(seconds)
        if self.interrupt_after is not None:
            out = self.capsys.readouterr().out
            self.capsys_out = getattr(self, "capsys_out", "") + out
            if self.capsys_out.count(" declared (") >= self.interrupt_after:
                self.interrupt()
        self.wall += timedelta(seconds=seconds) if seconds else timedelta(microseconds=1)

    def interrupt(self) -> None:
        raise KeyboardInterrupt  # as Ctrl+C does


def deliveries(out: str) -> list[tuple[str, str, int, int]]:
    return [(m[1], m[2], int(m[3]), int(m[4]))
            for m in map(DELIVERY.match, out.splitlines()) if m]


def summary(capsys, db) -> dict:
    code, out, _ = run(capsys, "summary", "--db", db, "--json")
    assert code == 0
    return json.loads(out)


def names_in_file_order(constituencies) -> list[str]:
    with open(constituencies, encoding="utf-8", newline="") as fh:
        names = {r["ONS ID"]: r["Constituency name"] for r in csv.DictReader(fh)}
    return [names[code] for code in file_order(constituencies)]


def test_the_2019_night_in_watch_mode_ends_with_the_hoc_figures(capsys, monkeypatch, tmp_path):
    clock = FakeClock(monkeypatch)
    db = tmp_path / "rehearsal.db"
    code, out, err = run(capsys, "rehearse", "--db", db, "--mode", "watch", "--speed", 3600)
    assert code == 0, err
    seen = deliveries(out)
    assert seen[0] == ("23:27", "Newcastle Upon Tyne Central", 1, 650)
    assert [n for _, n, _, _ in seen] == names_in_file_order(rh.bundled_night()[1])
    assert [p for _, _, p, _ in seen] == list(range(1, 651))
    assert seen[-1][0] == "14:52"
    assert "Rehearsal finished at 14:52: 650 of 650 delivered" in out
    # 15 h 25 min of night at 3600 per second: about 15.4 s of (fake) wall time
    assert timedelta(seconds=15) < clock.wall - WALL < timedelta(seconds=17)
    s = summary(capsys, db)
    assert s["seats"] == HOC_2019
    assert s["majority_reached"] == MAJORITY_2019
    assert s["rehearsal"] is True


class SuspendingClock(FakeClock):
    """The fake clock, with the machine suspended for two hours in one sleep once
    `suspend_after` deliveries are printed (a laptop's lid closed mid-rehearsal)."""

    def __init__(self, monkeypatch, capsys, suspend_after: int):
        super().__init__(monkeypatch)
        self.capsys, self.suspend_after, self.out, self.suspended = capsys, suspend_after, "", None

    def sleep(self, seconds: float) -> None:
        super().sleep(seconds)
        self.out += self.capsys.readouterr().out
        if self.suspended is None and self.out.count(" declared (") >= self.suspend_after:
            self.suspended = self.out.count(" declared (")
            self.wall += timedelta(hours=2)


def test_a_machine_suspended_mid_rehearsal_goes_on_at_its_pace(capsys, monkeypatch,
                                                                tmp_path):
    """Two hours asleep at 3600x would be the rest of the night: it is not delivered at
    once on waking; the clock was held over the gap and the night goes on at its pace."""
    clock = SuspendingClock(monkeypatch, capsys, suspend_after=100)
    db = tmp_path / "rehearsal.db"
    code, _, err = run(capsys, "rehearse", "--db", db, "--mode", "watch", "--speed", 3600)
    assert code == 0, err
    assert clock.suspended is not None and clock.suspended < 120
    # the same night as without the suspension: about 15.4 s of wall time, plus the 2 h
    ran = clock.wall - WALL - timedelta(hours=2)
    assert timedelta(seconds=15) < ran < timedelta(seconds=17)
    assert summary(capsys, db)["seats"] == HOC_2019


def test_ctrl_c_stops_and_the_same_command_resumes(capsys, monkeypatch, tmp_path):
    db = tmp_path / "rehearsal.db"
    clock = FakeClock(monkeypatch, interrupt_after=5, capsys=capsys)
    code, out, err = run(capsys, "rehearse", "--db", db, "--speed", 3600, "--until", "01:00")
    out = clock.capsys_out + out
    # Ctrl+C is the documented way to pause a rehearsal: it ends with the stop line alone,
    # exit 130. The generic "interrupted after saving: … see the audit log … before running
    # it again" after it read as if something had gone wrong (a review of the 2017 night).
    assert code == 130 and err == "", err
    first = deliveries(out)
    assert len(first) >= 5 and "Stopped at" in out
    assert out.rstrip().splitlines()[-1].startswith("Stopped at"), out
    with rh.open_rehearsal(db) as desk:
        state = rh.rehearsal_state(desk)
        assert state.state is rh.ReplayState.STOPPED and state.delivered == len(first)
    FakeClock(monkeypatch)
    code, out, err = run(capsys, "rehearse", "--db", db)
    assert code == 0, err
    assert "Continuing rehearsal" in out
    rest = deliveries(out)
    assert rest[0][2] == len(first) + 1  # nothing delivered twice, nothing skipped
    assert all(t <= "01:00" or t >= "23:00" for t, _, _, _ in first + rest)
    with rh.open_rehearsal(db) as desk:
        state = rh.rehearsal_state(desk)
        assert state.finished and state.delivered == len(first) + len(rest) < 650


class TerminatingClock(FakeClock):
    """As FakeClock, but the process is sent SIGTERM (a service manager stopping it,
    `timeout`) after `interrupt_after` deliveries, as a real signal."""

    def interrupt(self) -> None:
        import os
        import signal

        os.kill(os.getpid(), signal.SIGTERM)  # the handler raises here, at once


def test_sigterm_stops_as_ctrl_c_does(capsys, monkeypatch, tmp_path):
    """SIGTERM ended the command where it stood: the clock left running for a driver
    that was gone, nothing said, and seats delivered with no line printed."""
    import signal

    db = tmp_path / "rehearsal.db"
    before = signal.getsignal(signal.SIGTERM)
    clock = TerminatingClock(monkeypatch, interrupt_after=5, capsys=capsys)
    code, out, err = run(capsys, "rehearse", "--db", db, "--speed", 3600, "--until", "01:00")
    out = clock.capsys_out + out
    assert code == 143 and "resultsdesk: terminated after saving" in err
    first = deliveries(out)
    assert len(first) >= 5 and "Stopped at" in out
    with rh.open_rehearsal(db) as desk:
        state = rh.rehearsal_state(desk)
        assert state.state is rh.ReplayState.STOPPED and state.delivered == len(first)
    assert signal.getsignal(signal.SIGTERM) is before  # put back after the command


def test_practise_mode_prints_read_outs_and_writes_the_report(capsys, monkeypatch, tmp_path):
    FakeClock(monkeypatch)
    db = tmp_path / "practise.db"
    code, out, err = run(capsys, "rehearse", "--db", db, "--mode", "practise", "--speed",
                         3600, "--until", "23:40")
    assert code == 0, err
    assert [n for _, n, _, _ in deliveries(out)] == [
        "Newcastle Upon Tyne Central", "Houghton and Sunderland South", "Blyth Valley"]
    assert "I, the Acting Returning Officer for Blyth Valley" in out
    report = tmp_path / "practise-practise-report.csv"
    assert f"Practise report: {report}" in out and report.exists()
    assert summary(capsys, db)["declared"] == 0  # the desk keys them, not the feed


def test_a_bundled_night_given_its_own_files(capsys, monkeypatch, tmp_path):
    FakeClock(monkeypatch)
    results, constituencies, _ = rh.bundled_night()
    db = tmp_path / "own.db"
    code, out, err = run(capsys, "rehearse", "--db", db, "--results", results,
                         "--constituencies", constituencies, "--speed", 3600,
                         "--start", "05:00", "--until", "05:10")
    assert code == 0, err
    seen = deliveries(out)
    # the clock starts at 05:00: what was declared before is delivered at once
    assert seen[0][:3] == ("23:27", "Newcastle Upon Tyne Central", 1)
    assert all(t <= "05:10" or t >= "23:00" for t, _, _, _ in seen)
    s = summary(capsys, db)
    assert s["declared"] == len(seen) and s["majority_reached"] == MAJORITY_2019


@pytest.mark.parametrize("argv, fragment", [
    (["--results", "x.csv"], "--constituencies"),
    (["--constituencies", "x.csv"], "--results"),
])
def test_refusals(capsys, tmp_path, argv, fragment):
    """Options that never go together: a usage error, exit 2 (README, Reliability)."""
    assert fragment in usage_refused(capsys, "rehearse", "--db", tmp_path / "r.db", *argv)
    assert not (tmp_path / "r.db").exists()


def test_a_live_database_is_not_rehearsed(capsys, tmp_path):
    db = tmp_path / "live.db"
    assert run(capsys, "init", "--db", db, "--name", "Live")[0] == 0
    refused(run(capsys, "rehearse", "--db", db), "live election")


def test_continuing_refuses_a_new_mode(capsys, monkeypatch, tmp_path):
    FakeClock(monkeypatch)
    db = tmp_path / "r.db"
    assert run(capsys, "rehearse", "--db", db, "--speed", 3600, "--until", "23:30")[0] == 0
    refused(run(capsys, "rehearse", "--db", db, "--mode", "practise"), "mode cannot change")


def test_a_server_url_is_refused_not_made_into_a_local_file(capsys, monkeypatch, tmp_path):
    """`--db postgresql://...` is a team desk server, whose election is live for its whole
    life: the rehearsal is refused, with the password left out of the message, instead of
    being written to a SQLite file under ./postgresql:/ (a Path folds the URL's '//')."""
    FakeClock(monkeypatch)  # were it run, over in an instant
    monkeypatch.chdir(tmp_path)
    line = refused(run(capsys, "rehearse", "--db", "postgresql://ann:secret@dbhost:5432/ge2024",
                       "--speed", 3600, "--until", "23:30"), "team desk server",
                   "postgresql://ann@dbhost:5432/ge2024")
    assert "secret" not in line
    assert line == ("resultsdesk: error: --db postgresql://ann@dbhost:5432/ge2024 is a team "
                    "desk server, whose election is live: rehearse into a file of its own "
                    "(--db rehearsal.db)")  # the desk's rule now, in the command's words
    assert list(tmp_path.iterdir()) == []
