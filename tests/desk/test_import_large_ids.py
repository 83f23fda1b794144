"""An ID column's number (MNIS party ID, Member MNIS ID, DC Person ID) over 2,147,483,647
is refused at its row and column on a file and on a server alike: within the readers' old
12-digit cap, a server's `integer` column refused it mid-import (psycopg's
NumericValueOutOfRange, "integer out of range"), a traceback naming no file, row or
column."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers.desk_state import snapshot
from helpers.desk_target import (  # noqa: F401  (fixtures)
    SEATS,
    desk_target_fixture,
    team_fixture,
    trimmed,
)

from resultsdesk.desk.imports import import_baseline, import_results
from resultsdesk.io.csvfile import ImportFailure
from resultsdesk.paths import ELECTION_2024, NOTIONAL_2019, data_file

TOO_LARGE = "3000000000"


def _with_id(source: Path, out: Path, column: str) -> Path:
    """`source`'s rows of the test's seats, the first row's `column` set to TOO_LARGE."""
    with source.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, [r for r in reader if r["ONS ID"] in SEATS]
    rows[0][column] = TOO_LARGE
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return out


@pytest.mark.parametrize(("source", "importer", "extra"), [
    (ELECTION_2024, import_results, {}),
    (NOTIONAL_2019, import_baseline, {"fewer_seats": True}),
], ids=["results", "notional baseline"])
def test_a_party_id_no_server_holds_is_refused_at_its_row(team, tmp_path, source, importer,
                                                          extra):
    path = _with_id(data_file(source), tmp_path / "ids.csv", "MNIS party ID")
    before = snapshot(team.ann)
    with pytest.raises(ImportFailure) as refused:
        importer(team.ann, path, user=team.name("ann"), **extra)
    assert str(refused.value) == ("ids.csv, row 1 (line 2), column 'MNIS party ID': "
                                  f"'{TOO_LARGE}' is too large to be an ID (more than "
                                  "2,147,483,647)")
    assert snapshot(team.ann) == before
