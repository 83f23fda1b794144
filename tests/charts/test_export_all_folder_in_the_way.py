"""`export all` into a folder holding a folder under one of its file names (a graphics
system's own `seats.png/`): refused in one line that says what stands where and what to
do, nothing written. It said "DIR/seats.png is a folder; give a file name inside it", the
answer to `export seats --out DIR/seats.png`, to someone who had given no file name at
all (found by a graphics team scripting `export all` into their playout folders)."""

from __future__ import annotations

from resultsdesk import cli


def test_a_folder_in_the_place_of_a_graphic_is_said_for_export_all(night_db, tmp_path,
                                                                    capsys):
    out = tmp_path / "playout"
    (out / "seats.png").mkdir(parents=True)
    assert cli.main(["export", "all", "--db", str(night_db), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("resultsdesk: error: "), err
    assert "give a file name" not in err
    assert f"{out / 'seats.png'} is a folder where export all writes seats.png" in err
    assert "move it away or export into another folder" in err
    assert sorted(p.name for p in out.iterdir()) == ["seats.png"]  # nothing written
