"""`rehearse --db` where no new rehearsal can be made: said of the path typed, as `init` says
it (found by an attack on the command line in the h-cli session). A pipe there said
"pipe.db: File exists" once the whole night was read and built; a file in a folder's place,
"desk: File exists"; a folder that does not exist was made, every missing folder of a
mistyped path with it, where `init` refuses one (`tests/store/test_open_errors.py` has the
read-only folder, which named the hidden `.rehearsal-….db` it was built under)."""

from __future__ import annotations

import os

from helpers.cli import refused, run
from test_cli_rehearse import FakeClock


def test_a_pipe_at_db_is_named_as_one(capsys, monkeypatch, tmp_path):
    FakeClock(monkeypatch)
    pipe = tmp_path / "pipe.db"
    os.mkfifo(pipe)
    refused(run(capsys, "rehearse", "--db", pipe),
            f"{pipe} is not a regular file (a device, pipe or socket)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.db"]  # nothing built beside


def test_a_file_in_the_folders_place_is_named(capsys, monkeypatch, tmp_path):
    FakeClock(monkeypatch)
    (desk := tmp_path / "desk").write_text("not a folder")
    db = desk / "rehearsal.db"
    refused(run(capsys, "rehearse", "--db", db), f"Cannot open {db}: {desk} is a file, not a "
                                                 "folder.")
    assert desk.read_text() == "not a folder"


def test_a_missing_folder_is_refused_as_init_refuses_it(capsys, monkeypatch, tmp_path):
    """A mistyped folder (`~/rehersals/r.db`) is said, not made with a rehearsal in it."""
    FakeClock(monkeypatch)
    db = tmp_path / "rehersals" / "night" / "r.db"
    refused(run(capsys, "rehearse", "--db", db),
            f"Cannot open {db}: the folder {db.parent} does not exist")
    assert not (tmp_path / "rehersals").exists()
