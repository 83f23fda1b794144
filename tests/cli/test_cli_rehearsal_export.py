"""A rehearsal's results export never reaches air: it is marked as a rehearsal's (CSV and
JSON, both files), a live election's import refuses it with one line and writes nothing,
and a rehearsal still takes it back. (A live export's bytes: tests/io/test_results_export.py.)"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from helpers.cli import assert_one_error_line, run
from helpers.dbcheck import counts, digest
from helpers.rehearsal import WALL, autumn_rehearsal, build, replay

from resultsdesk.desk import rehearsal as rh
from resultsdesk.io.rehearsal_mark import REHEARSAL_COLUMN, REHEARSAL_MARK
from resultsdesk.store import Store

SEATS = 5  # delivered before the export: a night under way


@pytest.fixture(scope="module")
def _rehearsal(tmp_path_factory) -> Path:
    """A watch rehearsal of 2019 with its first SEATS seats delivered."""
    db = build(tmp_path_factory.mktemp("rehearsal") / "rehearsal.db", speed=3600)
    with Store(db) as desk:
        rh.start(desk, WALL)
        replay(desk, WALL, limit=SEATS)
    return db


@pytest.fixture
def rehearsal_db(_rehearsal, tmp_path) -> Path:
    dest = tmp_path / _rehearsal.name
    shutil.copyfile(_rehearsal, dest)
    return dest


def export(capsys, db: Path, out: Path) -> tuple[Path, Path]:
    code, _out, err = run(capsys, "export", "results", "--db", db, "--out", out)
    assert code == 0, err
    return out, out.with_name(f"{out.stem}-constituencies{out.suffix}")


def rows(path: Path) -> list[dict]:
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def live(capsys, tmp_path: Path) -> Path:
    db = tmp_path / "live.db"
    assert run(capsys, "init", "--db", db, "--name", "Live")[0] == 0
    return db


def unmarked(path: Path) -> Path:
    """The same file without the rehearsal's column: what a live export of it would be."""
    data = rows(path)
    for row in data:
        del row[REHEARSAL_COLUMN]
    copy = path.with_name(f"plain-{path.name}")
    if path.suffix == ".json":
        copy.write_text(json.dumps(data), encoding="utf-8")
    else:
        with copy.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, list(data[0]))
            writer.writeheader()
            writer.writerows(data)
    return copy


@pytest.mark.parametrize("ext", ["csv", "json"])
def test_a_rehearsals_export_is_marked_in_both_files(capsys, rehearsal_db, tmp_path, ext):
    for path in export(capsys, rehearsal_db, tmp_path / f"results.{ext}"):
        data = rows(path)
        assert data and all(row[REHEARSAL_COLUMN] == REHEARSAL_MARK for row in data)
        assert list(data[0])[-1] == REHEARSAL_COLUMN  # after every HoC column
        # spelt out as README gives them: a graphics system or script matches these words
        assert all(row["ResultsDesk rehearsal"] == "REHEARSAL: not for air" for row in data)


@pytest.mark.parametrize("ext", ["csv", "json"])
def test_a_live_election_refuses_a_rehearsals_results(capsys, rehearsal_db, tmp_path, ext):
    """One line naming the file, its row and the mark's column; the live database's bytes,
    row counts and audit log as they were. The same figures without the mark import: it
    was the mark, and nothing else, that stopped them."""
    results, companion = export(capsys, rehearsal_db, tmp_path / f"results.{ext}")
    db = live(capsys, tmp_path)
    before, before_bytes = counts(db), digest(db)
    line = 2  # (the JSON export is indented: its first object starts on line 2)
    assert_one_error_line(
        *run(capsys, "import", "results", results, "--db", db, "--constituencies", companion),
        f"{results.name}, row 1 (line {line}), column '{REHEARSAL_COLUMN}': this file is a "
        "rehearsal's export: a rehearsal's figures never go into a live election")
    assert counts(db) == before and digest(db) == before_bytes
    # a live election's own files with the rehearsal's companion: refused as well, by name
    plain = unmarked(results)
    assert_one_error_line(
        *run(capsys, "import", "results", plain, "--db", db, "--constituencies", companion),
        f"{companion.name}, row 1", "rehearsal's export")
    assert counts(db) == before and digest(db) == before_bytes
    code, out, err = run(capsys, "import", "results", plain, "--db", db, "--constituencies",
                         unmarked(companion))
    assert code == 0, err
    assert f"{SEATS} verified declarations" in out


@pytest.mark.parametrize("command", ["candidates", "baseline"])
def test_a_live_election_refuses_a_rehearsals_export_as_any_import(capsys, rehearsal_db,
                                                                   tmp_path, command):
    """Its nominations or its figures as a baseline would reach air too."""
    results, _ = export(capsys, rehearsal_db, tmp_path / "results.csv")
    db = live(capsys, tmp_path)
    if command == "baseline":  # a baseline needs the election's seats
        assert run(capsys, "import", "candidates", unmarked(results), "--db", db)[0] == 0
    before, before_bytes = counts(db), digest(db)
    assert_one_error_line(*run(capsys, "import", command, results, "--db", db),
                          f"{results.name}, row 1 (line 2), column '{REHEARSAL_COLUMN}'",
                          "rehearsal's export")
    assert counts(db) == before and digest(db) == before_bytes


@pytest.mark.parametrize("ext", ["csv", "json"])
def test_a_rehearsals_export_reimports_into_a_rehearsal(capsys, rehearsal_db, tmp_path, ext):
    """Into a new rehearsal of the same night: it then exports the very same files."""
    results, companion = export(capsys, rehearsal_db, tmp_path / f"results.{ext}")
    other = build(tmp_path / "other.db", speed=3600)
    code, out, err = run(capsys, "import", "results", results, "--db", other,
                         "--constituencies", companion)
    assert code == 0, err
    assert f"{SEATS} verified declarations" in out
    (tmp_path / "again").mkdir()
    again = export(capsys, other, tmp_path / "again" / f"results.{ext}")
    assert [p.read_bytes() for p in again] == [results.read_bytes(), companion.read_bytes()]


def _autumn_rehearsal(tmp_path: Path) -> Path:
    """Three 2019 seats retimed onto the night BST ended (29 Oct 2023), all delivered: 00:30
    BST, 01:40 BST and 01:20 GMT (`helpers.rehearsal.autumn_rehearsal`)."""
    db = autumn_rehearsal(tmp_path)
    with Store(db) as desk:
        rh.start(desk, WALL)
        replay(desk, WALL)
    return db


def declared_at(db: Path) -> list[str]:
    with Store(db) as desk:
        return [at for (at,) in desk._conn.execute(
            "SELECT declared_at FROM declarations ORDER BY declared_at")]


@pytest.mark.parametrize("ext", ["csv", "json"])
def test_a_night_across_the_end_of_bst_exports_times_its_import_reads(capsys, tmp_path, ext):
    """01:40 BST and 01:20 GMT on the night the clocks went back were both written as the
    wall clock alone ("29/10/2023 01:40"), which the import refuses as a time the clock
    showed twice: the export of such a night could not be imported, not even into a
    rehearsal. The hour shown twice carries its offset; the rest keep the HoC's form."""
    db = _autumn_rehearsal(tmp_path)
    results, companion = export(capsys, db, tmp_path / f"results.{ext}")
    assert sorted(row["Declaration time"] for row in rows(companion)) == [
        "2023-10-29T01:20+00:00", "2023-10-29T01:40+01:00", "29/10/2023 00:30"]
    other = tmp_path / "other.db"
    code, _out, err = run(capsys, "rehearse", "--db", other, "--results", results,
                          "--constituencies", companion, "--speed", "100000")
    assert code == 0, err
    assert declared_at(other) == declared_at(db) == [
        "2023-10-29T00:30:00+01:00", "2023-10-29T01:20:00+00:00", "2023-10-29T01:40:00+01:00"]
