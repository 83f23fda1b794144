"""The HoC by-constituency file (`read_constituency_figures`): electorates, valid and invalid
votes of the real 2024 file, and broken copies (a seat twice, a time that is not one)
failing with the row and column.
"""

from __future__ import annotations

import re

import pytest
from helpers.csv_tables import write_table
from helpers.locations import GE2024_SEATS

from resultsdesk.io import ImportFailure
from resultsdesk.io.hoc_constituencies import read_constituency_figures


def test_constituency_figures():
    figures = read_constituency_figures(GE2024_SEATS)
    assert len(figures) == 650
    assert sum(f.valid_votes for f in figures.values()) == 28_809_340
    assert all(f.electorate > 0 for f in figures.values())
    assert all(f.declared_at is None for f in figures.values())  # empty for all 2024 rows
    assert figures["W07000081"].electorate == 72580
    assert figures["W07000081"].invalid_votes == 79


def test_broken_constituency_figures(tmp_path, seats_table):
    header, rows = seats_table
    path = write_table(tmp_path / "seats.csv", header, [list(rows[0]), list(rows[1]),
                                                        list(rows[0])])
    with pytest.raises(ImportFailure, match="W07000081 appears twice") as info:
        read_constituency_figures(path)
    assert (info.value.row, info.value.column) == (3, "ONS ID")

    bad_time = [list(r) for r in rows[:3]]
    bad_time[1][header.index("Declaration time")] = "5th July, 4am"
    path = write_table(tmp_path / "seats.csv", header, bad_time)
    with pytest.raises(ImportFailure, match="is not a time") as info:
        read_constituency_figures(path)
    assert (info.value.row, info.value.column) == (2, "Declaration time")

    good_time = [list(r) for r in rows[:1]]
    good_time[0][header.index("Declaration time")] = "05/07/2024 04:58"
    path = write_table(tmp_path / "seats.csv", header, good_time)
    assert read_constituency_figures(path)["W07000081"].declared_at == "2024-07-05T04:58:00+01:00"


@pytest.mark.parametrize(("typed", "stored"), [
    ("05/07/2024 04:58", "2024-07-05T04:58:00+01:00"),
    ("5/7/2024 4:58", "2024-07-05T04:58:00+01:00"),
    # ISO 8601 as a spreadsheet, a database or pandas writes it: UK local time
    ("2024-07-05 04:58:00", "2024-07-05T04:58:00+01:00"),
    ("2024-07-05T04:58", "2024-07-05T04:58:00+01:00"),
    ("2019-12-13 05:05:00", "2019-12-13T05:05:00+00:00"),
    # with an offset: the same moment, on the UK clock (as every stored time is)
    ("2024-07-05T03:58:00+00:00", "2024-07-05T04:58:00+01:00"),
])
def test_declaration_times_as_files_write_them(tmp_path, seats_table, typed, stored):
    header, rows = seats_table
    row = list(rows[0])
    row[header.index("Declaration time")] = typed
    path = write_table(tmp_path / "seats.csv", header, [row])
    assert read_constituency_figures(path)["W07000081"].declared_at == stored


@pytest.mark.parametrize("typed", ["05/07/2024", "2024-07-05", "04:58"])
def test_a_declaration_time_needs_a_date_and_a_time(tmp_path, seats_table, typed):
    header, rows = seats_table
    row = list(rows[0])
    row[header.index("Declaration time")] = typed
    path = write_table(tmp_path / "seats.csv", header, [row])
    with pytest.raises(ImportFailure, match=rf"^seats\.csv, row 1 \(line 2\), column "
                                            rf"'Declaration time': '{typed}' is not a time"):
        read_constituency_figures(path)


@pytest.mark.parametrize("typed", [
    "31/12/9999 23:59",  # a spreadsheet's "no date"
    "9999-12-31T23:59:59",
    "9999-12-31T23:59:59-05:00",  # past the last datetime once on the UK clock
    "0001-01-01 00:00",
    "0001-01-01T00:00:00+05:00",  # before the first datetime once on the UK clock
    "01/01/1899 04:58",
])
def test_a_declaration_time_no_count_had_is_refused(tmp_path, seats_table, typed):
    """Once read, a time of year 9999 stopped `export timeline` and `rehearse` with an
    OverflowError (a bug, not a line), and one with an offset near either end the import
    itself."""
    header, rows = seats_table
    row = list(rows[0])
    row[header.index("Declaration time")] = typed
    path = write_table(tmp_path / "seats.csv", header, [row])
    with pytest.raises(ImportFailure, match=rf"^seats\.csv, row 1 \(line 2\), column "
                                            rf"'Declaration time': '{re.escape(typed)}' is not "
                                            r"the time of a count: the year should be from "
                                            r"1900 to 2100$"):
        read_constituency_figures(path)


@pytest.mark.parametrize("typed", ["01/01/1900 00:00", "2100-12-31T22:59:59-01:00"])
def test_a_declaration_time_at_either_end_of_the_years_is_read(tmp_path, seats_table, typed):
    header, rows = seats_table
    row = list(rows[0])
    row[header.index("Declaration time")] = typed
    path = write_table(tmp_path / "seats.csv", header, [row])
    assert read_constituency_figures(path)["W07000081"].declared_at is not None


@pytest.mark.parametrize("typed", ["2100-12-31T23:59:59-05:00", "1900-01-01T00:00:00+14:00"])
def test_a_time_an_offset_carries_out_of_the_years_is_refused(tmp_path, seats_table, typed):
    """Stored on the UK clock, 2101-01-01 04:59 (1899-12-31 10:00): `export results` wrote
    it, and importing that export refused it (the year was checked as typed)."""
    header, rows = seats_table
    row = list(rows[0])
    row[header.index("Declaration time")] = typed
    path = write_table(tmp_path / "seats.csv", header, [row])
    with pytest.raises(ImportFailure, match=rf"^seats\.csv, row 1 \(line 2\), column "
                                            rf"'Declaration time': '{re.escape(typed)}' is "
                                            r"(2101|1899)-\S+ on the UK clock, where the year "
                                            r"should be from 1900 to 2100$"):
        read_constituency_figures(path)


def test_a_declaration_time_far_from_the_nights_others_is_refused(tmp_path, seats_table):
    """A mistyped year (2042 for 2024) was read, and every timeline picture then drew a bar
    for each half hour of the 18 years between: minutes per export, on every publish."""
    header, rows = seats_table
    rows = [list(r) for r in rows[:5]]
    typed = ["04/07/2024 23:15", "05/07/2024 01:02", "05/07/2042 02:30", "05/07/2024 04:58",
             "06/07/2024 13:40"]  # the last a recount, two days on: still one night
    for row, when in zip(rows, typed, strict=True):
        row[header.index("Declaration time")] = when
    path = write_table(tmp_path / "seats.csv", header, rows)
    with pytest.raises(ImportFailure, match=(
            r"^seats\.csv, row 3 \(line 4\), column 'Declaration time': '05/07/2042 02:30' is "
            r"6,573 days after the file's middle declaration \('05/07/2024 04:58', row 4\): a "
            r"night's declarations fall within 7 days; a mistyped date\?$")):
        read_constituency_figures(path)
    rows[2][header.index("Declaration time")] = "05/07/2024 02:30"
    path = write_table(tmp_path / "seats.csv", header, rows)
    assert len(read_constituency_figures(path)) == 5


@pytest.mark.parametrize("typed", ["05/07/2024\u00a004:58", "05/07/2024 04:58\u200b",
                                   "\u202f05/07/2024 04:58"])
def test_a_declaration_time_pasted_from_a_web_page_is_read(tmp_path, seats_table, typed):
    """Non-breaking and zero-width spaces read as in every other cell; the time was
    refused as "is not a time like 05/07/2024 04:58"."""
    header, rows = seats_table
    row = list(rows[0])
    row[header.index("Declaration time")] = typed
    path = write_table(tmp_path / "seats.csv", header, [row])
    assert read_constituency_figures(path)["W07000081"].declared_at == \
        "2024-07-05T04:58:00+01:00"


@pytest.mark.parametrize(("typed", "why", "written"), [
    ("31/03/2024 01:30", "is a time the UK clock skipped (the clocks went forward an hour)",
     "2024-03-31T01:30"),
    ("27/10/2024 01:30", "happened twice on the UK clock (the clocks went back an hour), BST "
                         "then GMT", "2024-10-27T01:30"),
])
def test_a_time_the_uk_clock_skipped_or_showed_twice_is_refused(tmp_path, seats_table, typed,
                                                                  why, written):
    """01:30 on the night the clocks go forward was stored as 01:30 GMT and exported as
    02:30; 01:30 on the night they go back was taken as BST, silently (found attacking the
    command line in the twenty-sixth session). With its offset, it is read."""
    header, rows = seats_table
    row = list(rows[0])
    row[header.index("Declaration time")] = typed
    path = write_table(tmp_path / "seats.csv", header, [row])
    with pytest.raises(ImportFailure) as failure:
        read_constituency_figures(path)
    assert str(failure.value) == (
        f"seats.csv, row 1 (line 2), column 'Declaration time': '{typed}' {why}: give it "
        f"with its offset, as {written}+01:00 (BST) or +00:00 (GMT)")
    row[header.index("Declaration time")] = "2024-10-27T01:30+00:00"
    path = write_table(tmp_path / "seats.csv", header, [row])
    assert read_constituency_figures(path)["W07000081"].declared_at == \
        "2024-10-27T01:30:00+00:00"
