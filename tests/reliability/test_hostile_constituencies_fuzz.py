"""Hostile input, by hypothesis, in the by-constituency file an import takes beside its
results (`--constituencies`: electorates, invalid votes, declaration times): the real 2024
file's rows for two seats edited at random (cells set to hostile values, rows duplicated
or deleted, columns dropped), saved as Excel might (UTF-8, with a BOM, Windows-1252,
UTF-16; commas or semicolons), imported with those seats' results into the nominations.

Each ends in a clear failure that wrote nothing, naming one of the two files, or an import
that leaves a whole database (test_hostile_fuzz breaks the by-candidate file the same
way)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import dbcheck
from helpers.hostile_files import copy_of, seats_of, to_text
from helpers.locations import GE2024_SEATS
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from resultsdesk.desk.imports import import_results
from resultsdesk.io import ImportFailure
from resultsdesk.store import Store

SEATS = ["W07000081", "S14000060"]  # Aberafan Maesteg, Aberdeen North
EDITED = ["ONS ID", "Constituency name", "Electorate", "Valid votes", "Invalid votes",
          "Declaration time"]
HOSTILE = ["", " ", "-1", "0", "1", "1.5", "1e3", "12a", "NA", "2147483648", str(10**15),
           "1,234", "12,345.00", "'72580", " 72580 ", "٣", "+5", "\n", "a,b", '"', "=1",
           "05/07/2024 04:58", "05.07.2024 04:58", "2024-07-05 04:58:00", "31/12/9999",
           "2024-10-27 01:30", "05/07/2042 04:58", "25:61", "W07000081", "S14000060",
           "Aberdeen North", "Ã\x81ine", "\ufeff", "\u202e", "nan", "inf"]
values = st.sampled_from(HOSTILE) | st.text(max_size=8) | st.integers(-10**10, 10**10).map(str)
edits = st.lists(st.one_of(
    st.tuples(st.just("set"), st.integers(0, 9), st.sampled_from(EDITED), values),
    st.tuples(st.just("duplicate"), st.integers(0, 9)),
    st.tuples(st.just("delete"), st.integers(0, 9)),
    st.tuples(st.just("drop column"), st.sampled_from(EDITED)),
), max_size=3)
SAVED = ["utf-8", "utf-8-sig", "cp1252", "utf-16"]


@pytest.fixture(scope="module")
def seats_table():
    with GE2024_SEATS.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return seats_of((rows[0], rows[1:]), SEATS)


@pytest.fixture(scope="module")
def results_file(tmp_path_factory, ge2024) -> Path:
    path = tmp_path_factory.mktemp("results") / "results.csv"
    path.write_text(to_text(*seats_of(ge2024, SEATS)), encoding="utf-8")
    return path


def _edited(table, changes: list[tuple]) -> str:
    header, rows = list(table[0]), [list(r) for r in table[1]]
    for kind, *args in changes:
        if kind == "drop column" and args[0] in header:
            at = header.index(args[0])
            header.pop(at)
            for r in rows:
                r.pop(at)
        elif not rows:
            continue
        elif kind == "set" and args[1] in header:
            rows[args[0] % len(rows)][header.index(args[1])] = args[2]
        elif kind == "duplicate":
            rows.insert(args[0] % len(rows), list(rows[args[0] % len(rows)]))
        elif kind == "delete":
            rows.pop(args[0] % len(rows))
    return to_text(header, rows)


@settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(changes=edits, encoding=st.sampled_from(SAVED), semicolons=st.booleans())
def test_a_fuzzed_constituencies_file_fails_clearly_or_imports_whole(
        changes, encoding, semicolons, seats_table, results_file, templates):
    text = _edited(seats_table, changes)
    if semicolons and "," in text and ";" not in text:
        text = text.replace(",", ";")
    with copy_of(templates["nominations"]) as db:
        seats = db.with_name("constituencies.csv")
        seats.write_bytes(text.encode(encoding, errors="replace"))
        before = dbcheck.counts(db)
        with Store(db) as store:
            try:
                import_results(store, results_file, constituencies=seats)
            except ImportFailure as exc:
                said = str(exc)
                assert exc.file in (str(seats), str(results_file)), said
                assert said.startswith(("constituencies.csv", "results.csv")), said
                assert "\n" not in said, said
                assert dbcheck.counts(db) == before, f"a refused import wrote: {said}"
                event(f"refused: {exc.reason[:25]}")
                return
        assert dbcheck.integrity(db) == "ok"
        assert dbcheck.half_saved(db) == []
        event("imported")
