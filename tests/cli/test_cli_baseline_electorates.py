"""A previous election's HoC by-candidate file as the baseline has no electorates, so no
seat's turnout change could be said: the bundled 2019 rehearsal (2017 its baseline) showed
every seat's turnout change blank, though 2017's by-constituency file was shipped beside it.
That file now gives the baseline its electorates: by default with the bundled night, with
`rehearse --baseline-constituencies` or `import baseline --constituencies` for one's own.

The oracle is the HoC files read with the csv module: turnout as the HoC Library gives it,
valid votes over the electorate."""

from __future__ import annotations

import csv
import json
import sqlite3

import pytest
from helpers.cli import assert_one_error_line, run, usage_refused
from helpers.csv_tables import write_table
from test_cli_rehearse import FakeClock, deliveries

from resultsdesk.desk import rehearsal as rh
from resultsdesk.io import ImportFailure
from resultsdesk.io.baseline import read_baseline
from resultsdesk.paths import CONSTITUENCIES_2017, NOTIONAL_2019, data_file


def _hoc_turnout(constituencies) -> dict[str, tuple[str, float, int]]:
    """{code: (name, turnout %, electorate)} as the HoC by-constituency file gives them."""
    with open(constituencies, encoding="utf-8-sig", newline="") as fh:
        return {r["ONS ID"]: (r["Constituency name"],
                              100 * int(r["Valid votes"]) / int(r["Electorate"]),
                              int(r["Electorate"]))
                for r in csv.DictReader(fh)}


def test_the_bundled_rehearsal_says_each_declared_seats_turnout_change(capsys, monkeypatch,
                                                                        tmp_path):
    FakeClock(monkeypatch)
    db = tmp_path / "r.db"
    code, out, err = run(capsys, "rehearse", "--db", db, "--speed", 3600, "--until", "01:00")
    assert code == 0, err
    now = _hoc_turnout(rh.bundled_night()[1])
    before = _hoc_turnout(data_file(CONSTITUENCIES_2017))
    names = {name: code for code, (name, _, _) in now.items()}
    seen = deliveries(out)
    assert len(seen) >= 5
    for _, name, _, _ in seen:
        seat = names[name]
        card = tmp_path / "card.json"
        assert run(capsys, "export", "card", "--db", db, "--constituency", seat,
                   "--out", card)[0] == 0
        data = json.loads(card.read_text(encoding="utf-8"))
        assert data["turnout"] == pytest.approx(now[seat][1])
        assert data["turnout_change"] == pytest.approx(now[seat][1] - before[seat][1])
    with sqlite3.connect(db) as conn:  # every seat's, not only those declared by 01:00
        stored = dict(conn.execute("SELECT c.code, b.electorate FROM baseline_seats b "
                                   "JOIN constituencies c ON c.id = b.constituency_id"))
    assert stored == {code: electorate for code, (_, _, electorate) in before.items()}


def test_own_baseline_with_its_constituencies_file(capsys, monkeypatch, tmp_path):
    FakeClock(monkeypatch)
    results, constituencies, baseline = rh.bundled_night()
    with_file, without = tmp_path / "with.db", tmp_path / "without.db"
    for db, extra in ((with_file, ["--baseline-constituencies",
                                   data_file(CONSTITUENCIES_2017)]), (without, [])):
        code, _, err = run(capsys, "rehearse", "--db", db, "--results", results,
                           "--constituencies", constituencies, "--baseline", baseline,
                           "--speed", 3600, "--until", "23:30", *extra)
        assert code == 0, err
    with sqlite3.connect(with_file) as a, sqlite3.connect(without) as b:
        query = "SELECT count(electorate) FROM baseline_seats"
        assert (a.execute(query).fetchone()[0], b.execute(query).fetchone()[0]) == (650, 0)


def test_baseline_constituencies_needs_a_baseline(capsys, tmp_path):
    message = usage_refused(capsys, "rehearse", "--db", tmp_path / "r.db",
                            "--baseline-constituencies", data_file(CONSTITUENCIES_2017))
    assert "--baseline-constituencies needs --baseline" in message
    assert not (tmp_path / "r.db").exists()


def test_import_baseline_takes_its_constituencies_file(capsys, tmp_path):
    results, constituencies, baseline = rh.bundled_night()
    db = tmp_path / "night.db"
    assert run(capsys, "init", "--db", db, "--name", "GE2019")[0] == 0
    assert run(capsys, "import", "candidates", results, "--db", db,
               "--constituencies", constituencies)[0] == 0
    code, _, err = run(capsys, "import", "baseline", baseline, "--db", db,
                       "--constituencies", data_file(CONSTITUENCIES_2017))
    assert code == 0, err
    with sqlite3.connect(db) as conn:
        total = conn.execute("SELECT count(electorate), sum(electorate) "
                             "FROM baseline_seats").fetchone()
    before = _hoc_turnout(data_file(CONSTITUENCIES_2017))
    assert total == (650, sum(e for _, _, e in before.values()))


def test_a_constituencies_file_missing_a_seat_is_refused_by_name(capsys, tmp_path):
    with open(data_file(CONSTITUENCIES_2017), encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    short = write_table(tmp_path / "short.csv", rows[0], rows[1:-1])  # the last seat gone
    gone = rows[-1][0]
    with pytest.raises(ImportFailure, match=rf"^short\.csv, column 'ONS ID': has no row for "
                                            rf"{gone} \("):
        read_baseline(rh.bundled_night()[2], constituencies=short)
    results, constituencies, baseline = rh.bundled_night()
    db = tmp_path / "night.db"
    assert run(capsys, "init", "--db", db, "--name", "GE2019")[0] == 0
    assert run(capsys, "import", "candidates", results, "--db", db,
               "--constituencies", constituencies)[0] == 0
    assert_one_error_line(*run(capsys, "import", "baseline", baseline, "--db", db,
                               "--constituencies", short), f"has no row for {gone}")
    with sqlite3.connect(db) as conn:  # all or nothing
        assert conn.execute("SELECT count(*) FROM baseline_seats").fetchone()[0] == 0


def test_a_notional_baseline_gives_its_own_electorates():
    with pytest.raises(ImportFailure, match="is a notional file, which gives its own"):
        read_baseline(data_file(NOTIONAL_2019), constituencies=data_file(CONSTITUENCIES_2017))


def test_how_the_constituencies_file_was_read_is_said_of_it(capsys, tmp_path):
    """Saved from Excel as "Unicode Text" (UTF-16): the report says which file was read so,
    as it does for a results import's constituencies file."""
    results, constituencies, baseline = rh.bundled_night()
    excel = tmp_path / "2017 seats.txt"
    excel.write_bytes(data_file(CONSTITUENCIES_2017).read_text(encoding="utf-8-sig")
                      .encode("utf-16"))
    db = tmp_path / "night.db"
    assert run(capsys, "init", "--db", db, "--name", "GE2019")[0] == 0
    assert run(capsys, "import", "candidates", results, "--db", db,
               "--constituencies", constituencies)[0] == 0
    code, out, err = run(capsys, "import", "baseline", baseline, "--db", db,
                         "--constituencies", excel)
    assert code == 0, err
    assert "; 2017 seats.txt read as UTF-16" in out


def test_another_elections_constituencies_file_is_refused(capsys, tmp_path):
    """2019's by-constituency file beside 2017's baseline (the same boundaries and codes, a
    row for every seat): its electorates were taken as 2017's, every seat's turnout change
    on air wrong by a point or two, where a results import with the wrong year's file is
    refused by its valid votes. So is the baseline's now, nothing written."""
    results, constituencies, baseline = rh.bundled_night()  # 2019's; 2017's baseline
    with pytest.raises(ImportFailure, match=r"^HoC-GE2019-results-by-constituency\.csv, "
                                            r"row 1 \(line 2\), column 'Valid votes': valid "
                                            r"votes 31,598 for Aberavon, but its candidates "
                                            r"in HoC-GE2017-results-by-candidate\.csv add up "
                                            r"to 33,268"):
        read_baseline(baseline, constituencies=constituencies)
    db = tmp_path / "night.db"
    assert run(capsys, "init", "--db", db, "--name", "GE2019")[0] == 0
    assert run(capsys, "import", "candidates", results, "--db", db,
               "--constituencies", constituencies)[0] == 0
    assert_one_error_line(*run(capsys, "import", "baseline", baseline, "--db", db,
                               "--constituencies", constituencies),
                          "column 'Valid votes': valid votes 31,598 for Aberavon")
    with sqlite3.connect(db) as conn:  # all or nothing
        assert conn.execute("SELECT count(*) FROM baseline_seats").fetchone()[0] == 0
