"""`export all` from a rehearsal names its files as the rehearsal's watch folder and export
dialog do (`rehearsal-seats.png`, ...): pointed at a graphics system's folder, it never
writes over the live names (`seats.png`) that system puts on air."""

from __future__ import annotations

import test_cli_rehearsal_export as with_seats
from helpers.cli import run

from resultsdesk.desk.graphic_kinds import KINDS

# a watch rehearsal of 2019 with its first seats delivered (that file's fixtures)
_rehearsal, rehearsal_db = with_seats._rehearsal, with_seats.rehearsal_db


def test_a_rehearsals_export_all_never_takes_the_live_names(capsys, rehearsal_db, tmp_path):
    folder = tmp_path / "graphics"
    folder.mkdir()
    live = folder / "seats.png"
    live.write_bytes(b"the live night's seats, on air")
    code, out, err = run(capsys, "export", "all", "--db", rehearsal_db, "--out", folder,
                         "--size", "640x360")
    assert code == 0, err
    assert live.read_bytes() == b"the live night's seats, on air"  # not written over
    names = {p.name for p in folder.iterdir()} - {live.name}
    assert names and all(n.startswith("rehearsal-") for n in names), sorted(names)
    assert {f"rehearsal-{kind}.png" for kind in KINDS} <= names
    assert "rehearsal-seats.json" in names
    assert str(folder / "rehearsal-seats.png") in out.splitlines()


def test_a_live_export_all_keeps_its_names(capsys, night_db, tmp_path):
    code, _, err = run(capsys, "export", "all", "--db", night_db, "--out", tmp_path,
                       "--size", "640x360")
    assert code == 0, err
    assert (tmp_path / "seats.png").exists()
    assert not any(p.name.startswith("rehearsal-") for p in tmp_path.iterdir())
