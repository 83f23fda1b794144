"""The readers check a file by column (`io.columns`), yet report what a reader going row by
row would: the first problem in the file (by row, then by the order of a row's checks), a
broken row only when no row before it has a problem, and every message naming the file,
row, line and column. The files are the real 2024 ones, cut short and broken on purpose."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers.locations import GE2024, GE2024_SEATS, NOTIONAL

from resultsdesk.io import ImportFailure
from resultsdesk.io.baseline import read_baseline
from resultsdesk.io.hoc_candidates import read_candidates
from resultsdesk.io.hoc_constituencies import read_constituency_figures

ROWS = 40  # data rows kept of each file


def table(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:ROWS + 1]


def write(path: Path, header: list[str], rows: list[list[str]], *, raw: str = "") -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
        fh.write(raw)
    return path


def broken(tmp_path: Path, source: Path, edits: dict[tuple[int, str], str],
           name: str = "broken.csv") -> Path:
    """`source`'s first rows with cells replaced: {(data row number, column): text}."""
    header, rows = table(source)
    for (row, column), text in edits.items():
        rows[row - 1][header.index(column)] = text
    return write(tmp_path / name, header, rows)


def failure(read, path: Path) -> ImportFailure:
    with pytest.raises(ImportFailure) as info:
        read(path)
    return info.value


def candidates(path: Path):
    return read_candidates(path, with_votes=True)


def test_the_earlier_row_is_reported_whatever_its_column(tmp_path):
    path = broken(tmp_path, GE2024, {(3, "Votes"): "12a", (5, "ONS ID"): "X1"})
    err = failure(candidates, path)
    assert (err.row, err.column, err.line) == (3, "Votes", 4)
    assert str(err) == "broken.csv, row 3 (line 4), column 'Votes': '12a' is not a number"


def test_in_one_row_the_first_check_is_reported(tmp_path):
    # The code is checked before the votes, as a row-by-row reader would.
    path = broken(tmp_path, GE2024, {(7, "Votes"): "-4", (7, "ONS ID"): "E1400"})
    err = failure(candidates, path)
    assert (err.row, err.column) == (7, "ONS ID")
    assert "'E1400' is not a GSS constituency code" in str(err)


def test_a_problem_between_rows_comes_in_its_row_order(tmp_path):
    # Row 4 repeats row 3's candidate (found comparing rows); row 9's votes are bad.
    header, rows = table(GE2024)
    rows[3] = list(rows[2])
    rows[8][header.index("Votes")] = "1.5"
    err = failure(candidates, write(tmp_path / "dupe.csv", header, rows))
    assert (err.row, err.column) == (4, "Candidate surname")
    assert "duplicate candidate" in str(err) and "already on row 3" in str(err)
    rows[3] = list(rows[4])
    rows[3][header.index("Votes")] = ""  # now row 4's votes are empty, row 5 is the duplicate
    err = failure(candidates, write(tmp_path / "dupe.csv", header, rows))
    assert (err.row, err.column) == (4, "Votes")
    assert str(err).endswith("is empty; a whole number is needed")


def test_a_broken_row_counts_only_after_the_rows_before_it(tmp_path):
    header, rows = table(GE2024)
    short = ",".join(rows[9][:-1]) + "\r\n"  # row 11: a cell short
    votes = header.index("Votes")
    rows = rows[:10]
    rows[5][votes] = "many"
    err = failure(candidates, write(tmp_path / "short.csv", header, rows, raw=short))
    assert (err.row, err.column) == (6, "Votes")  # the bad cell before the broken row
    rows[5][votes] = "100"
    err = failure(candidates, write(tmp_path / "short.csv", header, rows, raw=short))
    assert (err.row, err.line) == (11, 12)
    assert f"has {len(header) - 1} cells but the header has {len(header)} columns" in str(err)


def test_quoted_cells_and_line_breaks_read_as_the_csv_module_reads_them(tmp_path):
    header, rows = table(GE2024)
    name = header.index("Candidate surname")
    rows[1][name] = 'O\'Neill, "Jr"'  # a comma and quotes inside one quoted cell
    path = write(tmp_path / "quoted.csv", header, rows)
    got = candidates(path)
    assert got[1].surname == 'O\'Neill, "Jr"' and len(got) == ROWS
    rows[1][name] = "Smith\nJones"  # a line break inside a cell: physical lines != rows
    rows[4][header.index("Votes")] = "x"
    err = failure(candidates, write(tmp_path / "quoted.csv", header, rows))
    assert (err.row, err.line) == (5, 7)  # row 5 starts on line 7: row 2 took two lines


def test_numbers_as_people_type_them(tmp_path):
    path = broken(tmp_path, GE2024, {(1, "Votes"): " 1,234 ", (2, "MNIS party ID"): "NA"})
    got = candidates(path)
    assert got[0].votes == 1234 and got[1].party_mnis_id is None
    for text, message in (("1.5", "is not a whole number"), ("-3", "is negative"),
                          ("abc", "is not a number"), ("１２", "is not a whole number"),
                          ("1" * 13, "is too large")):
        err = failure(candidates, broken(tmp_path, GE2024, {(2, "Votes"): text}))
        assert (err.row, err.column) == (2, "Votes") and message in str(err)


def test_constituencies_file_first_problem(tmp_path):
    path = broken(tmp_path, GE2024_SEATS, {(6, "Electorate"): "", (4, "ONS ID"): ""})
    err = failure(read_constituency_figures, path)
    assert (err.row, err.column) == (4, "ONS ID") and str(err).endswith("is empty")
    header, rows = table(GE2024_SEATS)
    rows[7][header.index("ONS ID")] = rows[2][header.index("ONS ID")]
    rows[9][header.index("Declaration time")] = "tomorrow"
    err = failure(read_constituency_figures, write(tmp_path / "twice.csv", header, rows))
    assert (err.row, err.column) == (8, "ONS ID") and "first on row 3" in str(err)
    rows[7] = table(GE2024_SEATS)[1][7]
    err = failure(read_constituency_figures, write(tmp_path / "twice.csv", header, rows))
    assert (err.row, err.column) == (10, "Declaration time")
    assert "'tomorrow' is not a time like 05/07/2024 04:58" in str(err)


def test_notional_file_skips_aggregate_rows_unchecked(tmp_path):
    header, rows = table(NOTIONAL)
    code, votes = header.index("Party code"), header.index("Votes")
    aggregate = next(i for i, r in enumerate(rows) if r[code] in ("TOTOTHV", "MAXOTHV"))
    rows[aggregate][votes] = "not checked"  # an "others" total: skipped, never read
    got = read_baseline(write(tmp_path / "notional.csv", header, rows))
    assert len(got) == sum(1 for r in rows if r[code] not in ("TOTOTHV", "MAXOTHV"))
    later = aggregate + 3
    rows[later][votes] = "bad"
    err = failure(read_baseline, write(tmp_path / "notional.csv", header, rows))
    assert (err.row, err.column) == (later + 1, "Votes")  # its own row number, as in the file
