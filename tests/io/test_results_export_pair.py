"""The two files of a results export go into place together or not at all: a disk that
filled while the companion (…-constituencies) was written had left a new results.csv of
650 seats beside the old companion of one seat, and the command said nothing was written."""

from __future__ import annotations

import pytest
from helpers.disk_full import full_at

from resultsdesk.cli import main


@pytest.mark.parametrize("ext", ["csv", "json"])
def test_a_disk_full_on_the_companion_leaves_both_files_as_they_were(night_db, tmp_path,
                                                                     capsys, monkeypatch,
                                                                     ext):
    folder = tmp_path / "exports"
    folder.mkdir()
    out, companion = folder / f"results.{ext}", folder / f"results-constituencies.{ext}"
    out.write_text("the export before\n", encoding="utf-8")
    companion.write_text("its companion before\n", encoding="utf-8")
    full_at(companion.name, monkeypatch)
    assert main(["export", "results", "--db", str(night_db), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "disk is full" in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "the export before\n"
    assert companion.read_text(encoding="utf-8") == "its companion before\n"
    assert sorted(p.name for p in folder.iterdir()) == sorted([out.name, companion.name])
