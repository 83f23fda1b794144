"""`export all --out DIR` makes the folder it is given, but not a missing one above it: a
typo in the path gets the same one line as every other output's missing folder, and nothing
is built (it made every missing folder on the way, where `export seats`, `audit --out` and
`backup` refuse)."""

from __future__ import annotations

import pytest
from helpers.cli import run


@pytest.mark.parametrize("args, out", [
    (("export", "all"), "missing/deeper"),
    (("export", "seats"), "missing/seats.png"),
    (("audit",), "missing/audit.csv"),
    (("backup",), "missing/night.db"),
])
def test_a_missing_folder_is_refused_alike(capsys, night_db, tmp_path, args, out):
    code, _out, err = run(capsys, *args, "--db", night_db, "--out", tmp_path / out)
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert f"the folder {tmp_path / 'missing'} does not exist; create it first" in lines[0]
    assert not (tmp_path / "missing").exists()


def test_export_all_makes_the_folder_it_is_given(capsys, night_db, tmp_path):
    code, _out, err = run(capsys, "export", "all", "--db", night_db, "--out", tmp_path / "new")
    assert code == 0, err
    assert (tmp_path / "new" / "seats.png").is_file()


TOO_LONG = ("--size", "300x200", "--recount-votes", "3000", "--recount-pct", "7")


def test_a_refused_export_all_takes_away_the_folder_it_made(capsys, night_db, tmp_path):
    """A list too long for its pages (refused after the folder was made) left the new,
    empty folder behind."""
    code, _out, err = run(capsys, "export", "all", "--db", night_db,
                          "--out", tmp_path / "new", *TOO_LONG)
    assert code != 0 and "pages at 300×200 (at most 50)" in err, err
    assert not (tmp_path / "new").exists()


def test_a_refused_export_all_leaves_a_folder_that_was_there(capsys, night_db, tmp_path):
    there = tmp_path / "there"
    there.mkdir()
    code, _out, _err = run(capsys, "export", "all", "--db", night_db, "--out", there,
                           *TOO_LONG)
    assert code != 0 and there.is_dir() and list(there.iterdir()) == []
