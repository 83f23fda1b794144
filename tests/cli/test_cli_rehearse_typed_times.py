"""`rehearse --start` with a date off the night replayed is refused, nothing made: a month
mistyped (2019-11-13T05:00) started the clock a month before the first seat, printed as
"from 05:00", and nothing came for hours (tests/desk/test_rehearsal_typed_times.py)."""

from __future__ import annotations

import pytest
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


@pytest.mark.parametrize("speed", ["0", "nan", "inf", "1e9", "fast"])
def test_a_speed_the_clock_refuses_is_a_usage_error(capsys, tmp_path, speed):
    """Every --speed the clock refuses is refused as 0 was, by argparse (exit 2, before
    anything is made): NaN and 1e9 were taken, then refused by the clock (exit 1)."""
    from resultsdesk import cli

    db = tmp_path / "r.db"
    with pytest.raises(SystemExit) as stopped:
        cli.main(["rehearse", "--db", str(db), "--speed", speed])
    assert stopped.value.code == 2 and not db.exists()
    assert "argument --speed: speed " in capsys.readouterr().err


def _night_2017() -> list[object]:
    from resultsdesk.paths import CONSTITUENCIES_2017, ELECTION_2017, data_file

    return ["--results", data_file(ELECTION_2017),
            "--constituencies", data_file(CONSTITUENCIES_2017)]


def test_an_until_before_the_start_names_the_next_days_time(capsys, monkeypatch, tmp_path):
    """The 2017 night runs from 23:01 to Kensington at 21:03 the next day: "--until 21:00"
    is polling day's 21:00 by the documented HH:MM rule, so refused, but the refusal left
    the desk to work out how to mean the next day's. It says so; that form is taken."""
    FakeClock(monkeypatch)
    db = tmp_path / "r.db"
    line = refused(run(capsys, "rehearse", "--db", db, *_night_2017(),
                       "--until", "21:00", "--speed", 100_000),
                   "until 21:00 is before the start 23:01")
    assert line.endswith("; for the next day's 21:00 give 2017-06-09T21:00"), line
    assert not db.exists()
    code, out, err = run(capsys, "rehearse", "--db", db, *_night_2017(),
                         "--until", "2017-06-09T21:00", "--speed", 100_000)
    assert code == 0, err
    assert "Rehearsal finished at 09:51: 649 of 650 delivered." in out  # Kensington after


def test_an_until_whose_next_day_is_off_the_night_names_no_other_time(capsys, monkeypatch,
                                                                       tmp_path):
    """On the 2019 night (23:27 to 14:52 the next day) the next day's 20:00 is no time of
    the night either: nothing is suggested that would be refused in turn."""
    FakeClock(monkeypatch)
    db = tmp_path / "r.db"
    line = refused(run(capsys, "rehearse", "--db", db, "--until", "20:00",
                       "--speed", 100_000),
                   "until 20:00 is before the start 23:27")
    assert "next day" not in line, line
