"""A baseline covering only some of the election's seats (Scotland's notional results
beside seats added later with --add-seats, or a file missing a few): `summary` printed
"+0" for a party whose seats all lie outside it, and nothing said that those seats were
counted as neither gain nor hold. One line now says how many, as the line for no baseline
does; `--json` keeps its shape (README), its gains and losses those of the seats covered."""

from __future__ import annotations

import json

from helpers.cli import run
from helpers.desk_target import SEATS, trimmed
from helpers.locations import NOTIONAL
from helpers.no_baseline import five_seats_no_baseline

from resultsdesk.desk.imports import import_baseline
from resultsdesk.store import Store

HENDON = "E14001279"


def _baseline_of(db, folder, codes) -> None:
    with Store(db) as store:
        import_baseline(store, trimmed(NOTIONAL, folder / "notional.csv", codes))


def test_summary_says_how_many_seats_have_no_baseline(capsys, tmp_path):
    db = five_seats_no_baseline(tmp_path)
    _baseline_of(db, tmp_path, tuple(c for c in SEATS if c != HENDON))  # Hendon left out
    code, out, _err = run(capsys, "summary", "--db", db)
    assert code == 0
    said = [line for line in out.splitlines() if "baseline" in line]
    assert said == ["(1 of the 5 declared seats is not in the baseline: counted as neither "
                    "gain nor hold.)"], out
    s = json.loads(run(capsys, "summary", "--db", db, "--json")[1])
    assert (s["gains"], s["losses"], s["changes"]) == ({}, {}, [])  # Hendon's gain not there
    assert "not_in_baseline" not in s  # the shape README documents

    _baseline_of(db, tmp_path, SEATS)  # every seat covered: no such line
    code, out, _err = run(capsys, "summary", "--db", db)
    assert code == 0 and "not in the baseline" not in out, out
