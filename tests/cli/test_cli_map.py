"""`resultsdesk export map`: the map at a broadcast size, or one line saying why there is none."""

from __future__ import annotations

import re

import pytest
from helpers.cli import run
from helpers.synthetic import synthetic_election
from PIL import Image

from resultsdesk import cli


def test_export_map(capsys, night_db, tmp_path):
    out = tmp_path / "map.png"
    code, _out, err = run(capsys, "export", "map", "--db", night_db, "--out", out,
                          "--size", "vertical", "--theme", "broadcast")
    assert code == 0, err
    with Image.open(out) as im:
        assert im.size == (1080, 1920)


def test_no_map_for_codes_on_no_layout(capsys, tmp_path):
    db = synthetic_election(tmp_path)
    out = tmp_path / "map.png"
    code, _out, err = run(capsys, "export", "map", "--db", db, "--out", out)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "match no bundled layout" in lines[0]
    assert "E14900001" in lines[0] and "Traceback" not in err
    assert not out.exists() and not list(tmp_path.glob(".*.tmp"))
    # every other graphic still goes out with `export all`; the map is left out
    code, _out, err = run(capsys, "export", "all", "--db", db, "--out", tmp_path / "all")
    assert code == 0, err
    names = {p.stem for p in (tmp_path / "all").iterdir()}
    assert "seats" in names and "map" not in names


def test_export_help_names_every_graphic_kind_the_map_too(capsys):
    """`export --help`'s description lists the graphics; written before the map, it left the
    map out, though KIND took it."""
    with pytest.raises(SystemExit):
        cli.main(["export", "--help"])
    description = capsys.readouterr().out.split("positional arguments:")[0]
    graphics = " ".join(description.split()).split("Graphics", 1)[1]  # argparse wraps lines
    assert "map" in cli.GRAPHIC_KINDS
    assert [k for k in cli.GRAPHIC_KINDS if not re.search(rf"\b{k}\b", graphics)] == []


def test_export_all_says_in_one_line_why_the_map_is_left_out(capsys, tmp_path):
    """A by-election under a new code (no bundled layout has it): `export all` wrote every
    other graphic and "Wrote 32 graphics", saying nothing of the map the graphics system
    then looked for in vain; the reason went to the log alone."""
    db = synthetic_election(tmp_path)
    code, _out, err = run(capsys, "export", "all", "--db", db, "--out", tmp_path / "all")
    assert code == 0, err
    said = [line for line in err.splitlines() if "map" in line]
    assert len(said) == 1, err
    assert said[0].startswith("resultsdesk: warning: no map: ")
    assert "match no bundled layout" in said[0] and "E14900001" in said[0]
    assert "Traceback" not in err
