"""A by-constituency file saved by Excel on a German, Polish or Turkish PC: semicolons
between cells (read, as the README says) and the declaration times as that Excel writes a
date, `05.07.2024 04:58`, day first. The import refused the whole file ("is not a time like
05/07/2024 04:58") over a time that can be read only one way: dots with a four-digit year
are a day, a month and a year, in that order, wherever they are written."""

from __future__ import annotations

import pytest
from helpers.csv_tables import write_table

from resultsdesk.io import ImportFailure
from resultsdesk.io.hoc_constituencies import read_constituency_figures


def _semicolons(path, header, rows):
    path.write_text("\r\n".join(";".join(row) for row in [header, *rows]) + "\r\n",
                    encoding="utf-8-sig")
    return path


@pytest.mark.parametrize(("typed", "stored"), [
    ("05.07.2024 04:58", "2024-07-05T04:58:00+01:00"),
    ("5.7.2024 4:58", "2024-07-05T04:58:00+01:00"),
    ("05.07.2024 04:58:00", "2024-07-05T04:58:00+01:00"),
    ("12.12.2019 23:59", "2019-12-12T23:59:00+00:00"),
])
def test_a_time_as_excel_writes_it_with_dots_is_read(tmp_path, seats_table, typed, stored):
    header, rows = seats_table
    row = [cell.replace(";", " ") for cell in rows[0]]
    row[header.index("Declaration time")] = typed
    path = _semicolons(tmp_path / "seats.csv", header, [row])
    assert read_constituency_figures(path)["W07000081"].declared_at == stored


@pytest.mark.parametrize("typed", ["05.07.24 04:58", "2024.07.05 04:58", "05.07.2024"])
def test_dots_that_could_be_read_otherwise_are_still_refused(tmp_path, seats_table, typed):
    header, rows = seats_table
    row = list(rows[0])
    row[header.index("Declaration time")] = typed
    with pytest.raises(ImportFailure, match="is not a time"):
        read_constituency_figures(write_table(tmp_path / "seats.csv", header, [row]))
