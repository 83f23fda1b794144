"""`resultsdesk backup --out nightly/`: a name ending in a slash is a folder, meant to hold
the copy. The slash was dropped with the path's parsing and the copy written as a file
called "nightly" (the folder then could not be made, and the next night's script wrote
over it). Refused in one line like a folder that exists, nothing written."""

from __future__ import annotations

import os

import pytest
from helpers.cli import run

from resultsdesk import cli


def test_an_out_ending_in_a_slash_is_refused_as_a_folder(capsys, night_db, tmp_path):
    out = tmp_path / "nightly"
    with pytest.raises(SystemExit) as refused:  # (as any option's bad value: argparse's)
        cli.main(["backup", "--db", str(night_db), "--out", f"{out}{os.sep}"])
    assert refused.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"error: argument --out: {out}{os.sep} is a folder; give a file name inside it" \
        in err
    assert not out.exists()


def test_an_out_ending_in_a_dot_component_is_refused_as_a_folder(capsys, night_db, tmp_path):
    """`nightly/.` is the folder too; the path's parsing dropped the `/.` with the slash,
    and the copy was written as a file called "nightly" all the same."""
    out = tmp_path / "nightly"
    with pytest.raises(SystemExit) as refused:
        cli.main(["backup", "--db", str(night_db), "--out", f"{out}{os.sep}."])
    assert refused.value.code == 2
    assert f"{out}{os.sep}. is a folder; give a file name inside it" in capsys.readouterr().err
    assert not out.exists()


def test_a_file_name_is_still_taken(capsys, night_db, tmp_path):
    out = tmp_path / "nightly"
    code, _, _ = run(capsys, "backup", "--db", night_db, "--out", out)
    assert code == 0 and out.is_file()
