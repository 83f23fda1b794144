"""`rehearse` driving a practise night while the app has the same file open: the window
drives the clock too (its toolbar pauses and jumps it; README), so either may deliver a
seat first. The command prints every read-out once, in the night's order, whoever delivered
it: it is what the desk reads the night from."""

from __future__ import annotations

import re
from datetime import timedelta

from helpers.cli import refused, run
from helpers.rehearsal import WALL

from resultsdesk.cli import rehearse
from resultsdesk.desk import rehearsal as rh
from resultsdesk.store import Store

DELIVERY = re.compile(r"^(\d\d:\d\d) (.+) declared \((\d+) of (\d+)\)$", re.MULTILINE)


def test_read_outs_another_driver_delivered_are_printed_too(capsys, monkeypatch, tmp_path):
    db = tmp_path / "practise.db"
    wall = [WALL]
    other: list[rh.Delivery] = []

    def sleep(seconds: float) -> None:
        wall[0] += timedelta(seconds=seconds) if seconds else timedelta(microseconds=1)
        with Store(db) as app:  # the window's stepper, a moment before the command's step
            other.extend(rh.step(app, wall[0]).delivered)

    monkeypatch.setattr(rehearse, "now", lambda: wall[0])
    monkeypatch.setattr(rehearse, "sleep", sleep)
    code, out, err = run(capsys, "rehearse", "--db", db, "--mode", "practise", "--until",
                         "23:40", "--report", tmp_path / "report.csv")
    assert code == 0, err
    assert other, "the app delivered none: the test proves nothing"
    seen = [(m[1], m[2], int(m[3])) for m in DELIVERY.finditer(out)]
    assert seen == [("23:27", "Newcastle Upon Tyne Central", 1),
                    ("23:29", "Houghton and Sunderland South", 2),
                    ("23:32", "Blyth Valley", 3)]
    assert out.count("declare the total number of votes") == 3  # each read-out, once
    assert "Rehearsal finished at 23:32: 3 of 650 delivered" in out


def test_a_report_asked_of_a_watch_rehearsal_is_refused(capsys, monkeypatch, tmp_path):
    """`--report` is the practise report: a watch rehearsal (the default mode) has none to
    write, and finished without a word and without the file asked for."""
    wall = [WALL]
    monkeypatch.setattr(rehearse, "now", lambda: wall[0])
    monkeypatch.setattr(rehearse, "sleep", lambda s: wall.__setitem__(
        0, wall[0] + timedelta(seconds=s or 1e-6)))
    db, report = tmp_path / "watch.db", tmp_path / "report.csv"
    refused(run(capsys, "rehearse", "--db", db, "--until", "23:30", "--report", report),
            "--mode practise")
    assert not db.exists()
    assert run(capsys, "rehearse", "--db", db, "--until", "23:30")[0] == 0
    refused(run(capsys, "rehearse", "--db", db, "--report", report), "watch")
    assert not report.exists()


def test_a_report_that_cannot_be_written_is_refused_before_the_night(capsys, monkeypatch,
                                                                      tmp_path):
    """`--report` in a folder that does not exist (or over a database) was found wanting
    only when the report was written, once the whole practise session had been replayed
    and keyed: exit 1 at the end of the night. It is refused before the rehearsal is made
    or resumed, nothing delivered."""
    slept: list[float] = []
    wall = [WALL]
    monkeypatch.setattr(rehearse, "now", lambda: wall[0])
    monkeypatch.setattr(rehearse, "sleep", lambda s: (slept.append(s), wall.__setitem__(
        0, wall[0] + timedelta(seconds=s or 1e-6))))
    db = tmp_path / "practise.db"
    missing = tmp_path / "reports" / "report.csv"
    line = refused(run(capsys, "rehearse", "--db", db, "--mode", "practise", "--until",
                       "23:30", "--report", missing), f"{missing}", "does not exist")
    assert not db.exists() and not slept, line
    assert run(capsys, "rehearse", "--db", db, "--mode", "practise", "--until", "23:30")[0] == 0
    slept.clear()
    with Store(db) as store:
        delivered = rh.rehearsal_state(store).delivered
    refused(run(capsys, "rehearse", "--db", db, "--until", "23:40", "--report", missing),
            "does not exist")
    refused(run(capsys, "rehearse", "--db", db, "--until", "23:40", "--report",
                _database_named(db, "night.csv")), "is a database")
    with Store(db) as store:
        assert rh.rehearsal_state(store).delivered == delivered and not slept


def _database_named(db, name: str):
    """A copy of the database `db` under `name` beside it."""
    import shutil

    copy = db.with_name(name)
    shutil.copyfile(db, copy)
    return copy


def test_a_report_over_the_new_rehearsal_itself_is_refused_before_the_night(capsys,
                                                                            monkeypatch,
                                                                            tmp_path):
    """`--report` naming the very file `--db` is about to make (`--db night.csv --report
    night.csv`): nothing stood there yet to be found a database, so the whole practise
    session was replayed and only its report refused at the end (exit 1, no report). It
    is refused before the rehearsal is made, as a report over any database is."""
    slept: list[float] = []
    wall = [WALL]
    monkeypatch.setattr(rehearse, "now", lambda: wall[0])
    monkeypatch.setattr(rehearse, "sleep", lambda s: (slept.append(s), wall.__setitem__(
        0, wall[0] + timedelta(seconds=s or 1e-6))))
    db = tmp_path / "night.csv"
    line = refused(run(capsys, "rehearse", "--db", db, "--mode", "practise", "--until",
                       "23:30", "--report", db), f"{db}", "database")
    assert not db.exists() and not slept, line
    monkeypatch.chdir(tmp_path)  # the same file, named another way
    refused(run(capsys, "rehearse", "--db", db, "--mode", "practise", "--until", "23:30",
                "--report", "./night.csv"), "database")
    assert not db.exists() and not slept
