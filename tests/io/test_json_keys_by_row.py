"""A JSON file's columns are the keys of all its rows, not of its first alone. Many tools
writing JSON leave out a row's empty values (a null dropped, "" left out): where the first
row had no `Member MNIS ID` (not an MP), the column was not read at all, every MP's ID
and every Electoral Commission party ID of the file dropped without a word, and a lot's
mark on a later row (`ResultsDesk elected by lot`) or a seat's `Declaration time` after an
undeclared first seat went the same way; the same file with its first row whole was
refused at the first row without one. Now both are refused, naming the first row without
a key that others have, as a CSV's row without a cell is."""

from __future__ import annotations

import json

import pytest

from resultsdesk.io import ImportFailure
from resultsdesk.io.hoc_candidates import read_candidates
from resultsdesk.io.hoc_constituencies import read_constituency_figures


def _objects(table, n: int) -> list[dict[str, str]]:
    header, rows = table
    return [dict(zip(header, r, strict=True)) for r in rows[:n]]


def _without_empty(objects: list[dict[str, str]], key: str) -> list[dict[str, str]]:
    """As a JSON writer that leaves empty values out writes the rows (`key`'s)."""
    return [{k: v for k, v in o.items() if v != "" or k != key} for o in objects]


def _write(path, objects) -> None:
    path.write_text(json.dumps(objects, indent=1), encoding="utf-8")


def test_a_column_the_first_row_lacks_is_not_dropped(tmp_path, ge2024_table):
    objects = _objects(ge2024_table, 40)
    mps = [i for i, o in enumerate(objects) if o["Member MNIS ID"]]
    assert objects[0]["Member MNIS ID"] == "" and mps  # (Aberafan Maesteg's first: no MP)
    path = tmp_path / "results.json"
    _write(path, _without_empty(objects, "Member MNIS ID"))
    with pytest.raises(ImportFailure, match=r"^results\.json, row 1 \(line 2\): has no "
                                            r"'Member MNIS ID', which other rows have: give every "
                                            r"row each key \(\"\" where it is empty\)$"):
        read_candidates(path, with_votes=True)
    # The same rows with the first whole: refused at the second, as it was.
    _write(path, objects[:1] + _without_empty(objects[1:], "Member MNIS ID"))
    with pytest.raises(ImportFailure, match=r"^results\.json, row 2 \(line \d+\): has no "
                                            r"'Member MNIS ID', which other rows have: give every "
                                            r"row each key \(\"\" where it is empty\)$"):
        read_candidates(path, with_votes=True)
    _write(path, objects)  # every row whole: read, every MP's ID kept
    ids = [r.member_mnis_id for r in read_candidates(path, with_votes=True)]
    assert all(ids[i] is not None for i in mps)


def test_a_declaration_time_after_an_undeclared_first_seat_is_not_dropped(tmp_path,
                                                                            seats_table):
    objects = _objects(seats_table, 5)
    for i, o in enumerate(objects):
        o["Declaration time"] = "" if i == 0 else f"05/07/2024 0{i}:00"
    path = tmp_path / "seats.json"
    _write(path, _without_empty(objects, "Declaration time"))
    with pytest.raises(ImportFailure, match=r"^seats\.json, row 1 \(line 2\): has no "
                                            r"'Declaration time', which other rows have"):
        read_constituency_figures(path)
    _write(path, objects)
    figures = read_constituency_figures(path)
    assert sum(f.declared_at is not None for f in figures.values()) == 4
