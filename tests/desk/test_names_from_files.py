"""A baseline and a rehearsal nobody named are named after their file, and such a name is
made one a graphic can head: what a name may not hold (an escape, a direction override)
left out, cut to 200 characters. It was refused as if typed ("The election's name is 205
characters long … ", "holds a control character (U+001B) …: type the name again
without it"): `rehearse` has no name to type, File > Import no name box, and the file was
right; only renaming it let the night be rehearsed."""

from __future__ import annotations

import shutil
import sqlite3

from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.imports import import_baseline
from resultsdesk.domain.validation import MAX_TITLE_LENGTH, title_problem
from resultsdesk.paths import NOTIONAL_2019, data_file
from resultsdesk.store import Store

LONG = "notional results " + "on the new boundaries " * 10  # 237 characters


def test_a_baseline_is_named_after_a_file_of_any_name(nominations_db, tmp_path):
    path = tmp_path / f"{LONG}\x1b[2J\u202e.csv"
    shutil.copyfile(data_file(NOTIONAL_2019), path)
    with Store(nominations_db) as store:
        import_baseline(store, path, fewer_seats=True)
    with sqlite3.connect(nominations_db) as conn:
        name = conn.execute("SELECT name FROM baseline").fetchone()[0]
    assert title_problem(name) is None
    assert len(name) == MAX_TITLE_LENGTH and name.endswith("…")
    assert name.startswith("notional results on the new boundaries on the new")


def test_a_rehearsal_is_named_after_a_file_of_any_name(tmp_path):
    results, constituencies, _ = rh.bundled_night()
    path = tmp_path / f"{LONG}.csv"
    shutil.copyfile(results, path)
    desk = rh.create_rehearsal(tmp_path / "r.db", path, constituencies, until="23:30")
    desk.close()
    with sqlite3.connect(tmp_path / "r.db") as conn:
        name = conn.execute("SELECT name FROM election").fetchone()[0]
    assert name.startswith("Rehearsal: notional results on the new boundaries")
    assert len(name) == MAX_TITLE_LENGTH and title_problem(name) is None


def test_a_name_typed_is_still_refused_as_typed(nominations_db, tmp_path):
    from resultsdesk.desk.errors import DeskRefusal

    with Store(nominations_db) as store:
        try:
            import_baseline(store, data_file(NOTIONAL_2019), name="x" * 201)
        except DeskRefusal as refusal:
            assert "201 characters long" in str(refusal)
        else:
            raise AssertionError("a typed name of 201 characters was taken")
