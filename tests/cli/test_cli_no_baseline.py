"""A night with no baseline imported: `summary` showed "+0" for every party, read as
"nothing changed hands" rather than "no baseline to compare with". Its +/- column now says
nothing and a line says why; `--json` keeps the shape README documents (`gains` and
`losses` objects, `changes` a list: empty, as scripts read them). A baseline imported brings
the figures back."""

from __future__ import annotations

import json

from helpers.cli import run
from helpers.no_baseline import add_baseline, five_seats_no_baseline

NOTE = "No baseline imported"


def _rows(out: str) -> dict[str, list[str]]:
    """The summary table's party rows: party -> the row as printed, in columns."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Party"))
    rows = {}
    for line in lines[start + 1:]:
        if line.startswith("Total"):
            break
        rows[line[:12].strip()] = line
    return rows


def test_summary_says_nothing_of_a_change_with_no_baseline(capsys, tmp_path):
    db = five_seats_no_baseline(tmp_path)
    code, out, _err = run(capsys, "summary", "--db", db)
    assert code == 0
    rows = _rows(out)
    assert "Lab" in rows and "Con" in rows, out
    for party, line in rows.items():
        assert line[19:26].strip() == "", (party, line)  # the +/- column: nothing
    assert "+0" not in out and NOTE in out, out

    add_baseline(db, tmp_path)
    code, out, _err = run(capsys, "summary", "--db", db)
    assert code == 0 and NOTE not in out, out
    rows = _rows(out)
    assert rows["Lab"][19:26].strip() == "+1" and rows["Con"][19:26].strip() == "-1", out


def test_summary_json_keeps_its_shape_with_no_baseline(capsys, tmp_path):
    db = five_seats_no_baseline(tmp_path)
    code, out, _err = run(capsys, "summary", "--db", db, "--json")
    s = json.loads(out)
    assert code == 0 and s["declared"] == 5
    # The shape README documents, which scripts read (`gains` an object, `changes` a list).
    assert (s["gains"], s["losses"], s["changes"]) == ({}, {}, [])

    add_baseline(db, tmp_path)
    s = json.loads(run(capsys, "summary", "--db", db, "--json")[1])
    assert (s["gains"], s["losses"]) == ({"Lab": 1}, {"Con": 1})
    assert s["changes"] == [{"from": "Con", "to": "Lab", "seats": 1}]
