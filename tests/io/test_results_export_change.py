"""The results export's Change column on the real 2024 night (notional 2019 baseline): the
Library's own 2024 file gives the same changes, against the same notional figures, so it is
the reference; a change against no baseline figure is left empty, as the Library leaves it."""

from __future__ import annotations

import csv
import json

import pytest
from helpers.locations import GE2024

from resultsdesk.cli import main


def _rows(path) -> list[dict]:
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _key(row: dict) -> tuple:
    return row["ONS ID"], row["Candidate surname"], row["Party abbreviation"]


@pytest.mark.parametrize("ext", ["csv", "json"])
def test_change_is_empty_where_the_baseline_has_no_figure(night_db, tmp_path, ext):
    """Before, a party that did not stand in 2019 (Heritage Party in Aberafan Maesteg) had
    its whole share as its Change, a rise from nothing that read on air as a real one, and
    each of two independents in one seat was compared with the share they had between them."""
    out = tmp_path / f"results.{ext}"
    assert main(["export", "results", "--db", str(night_db), "--out", str(out)]) == 0
    rows = {_key(r): r for r in _rows(out)}
    library = {_key(r): r for r in _rows(GE2024)}
    heritage = rows[("W07000081", "Morrissey", "HPUK")]
    assert heritage["Share"] not in ("", 0) and heritage["Change"] == ""
    given = 0
    for key, ours in rows.items():
        theirs = library.get(key)
        if theirs is None:  # "Áine" Groogan, whose name the Library's file garbles
            continue
        if theirs["Change"] == "":
            # a lone independent is compared with the seat's independents then, as on the
            # result card; the Library leaves every independent's change out
            assert ours["Change"] == "" or (ours["Party abbreviation"] == "Ind"), ours
        elif ours["Change"] != "":
            assert float(ours["Change"]) == pytest.approx(float(theirs["Change"]), abs=2e-6)
            given += 1
    assert given == 3006  # all but 5, where the baseline names the party otherwise (PBPA)
