"""Files as a results desk really receives them: saved again by a spreadsheet, retyped or
pasted from a web page. Whatever is merely messy is read as the clean file is (a header in
another case or spacing, semicolons or tabs between cells, JSON under a .csv name,
non-breaking spaces and zero-width characters in names); what is incomplete is refused in
one line naming the file, row and column (a seat missing from the constituencies file).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from helpers.csv_tables import first_seats, set_cell, write_table
from helpers.locations import GE2024_SEATS

from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_candidates, import_results
from resultsdesk.io import ImportFailure
from resultsdesk.io.hoc_candidates import read_candidates
from resultsdesk.io.hoc_constituencies import read_constituency_figures


def _same(a, b) -> bool:
    """The same candidacies read (where each stands in its file aside)."""
    def drop(r):
        return r._replace(row=0, line=0)
    return list(map(drop, a)) == list(map(drop, b))


def _write(path, header, rows, *, delimiter=",", lineterminator="\r\n"):
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator=lineterminator).writerows(
        [header, *rows])
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize("respell", [
    str.upper, str.lower,
    lambda h: f"  {h} ",
    lambda h: h.replace(" ", "  "),
    lambda h: h.replace(" ", "\u00a0"),
    lambda h: "\u200b" + h,
], ids=["upper", "lower", "padded", "double spaces", "non-breaking spaces", "zero-width"])
def test_a_header_spelt_differently_finds_its_columns(tmp_path, ge2024_table, respell):
    header, rows = first_seats(ge2024_table, 3)
    clean = read_candidates(write_table(tmp_path / "clean.csv", header, rows), with_votes=True)
    messy = write_table(tmp_path / "messy.csv", [respell(h) for h in header], rows)
    assert _same(read_candidates(messy, with_votes=True), clean)


def test_two_columns_spelt_alike_are_refused(tmp_path, ge2024_table):
    header, rows = first_seats(ge2024_table, 1)
    path = write_table(tmp_path / "twice.csv", [*header, "VOTES"], [[*r, "1"] for r in rows])
    with pytest.raises(ImportFailure, match=r"^twice\.csv: column 'Votes' appears more than "
                                            r"once in the header$"):
        read_candidates(path, with_votes=True)


@pytest.mark.parametrize("separator", [";", "\t"], ids=["semicolons", "tabs"])
def test_semicolon_or_tab_separated_files_are_read(tmp_path, ge2024_table, seats_table,
                                                   separator):
    header, rows = first_seats(ge2024_table, 3)
    set_cell((header, rows), 0, "Party name", "Labour, and Co-operative")  # a comma in a cell
    clean = read_candidates(write_table(tmp_path / "clean.csv", header, rows), with_votes=True)
    # (A figure with a comma is refused in such a file: the comma may be the decimal mark,
    # test_excel_files.)
    path = _write(tmp_path / "excel.csv", header, rows, delimiter=separator)
    assert _same(read_candidates(path, with_votes=True), clean)
    k_header, k_rows = seats_table
    seats = _write(tmp_path / "seats.csv", k_header, k_rows, delimiter=separator)
    assert read_constituency_figures(seats) == read_constituency_figures(GE2024_SEATS)


def test_a_semicolon_file_with_a_short_row_names_it(tmp_path, ge2024_table):
    header, rows = first_seats(ge2024_table, 2)
    rows[3] = rows[3][:-1]
    path = _write(tmp_path / "excel.csv", header, rows, delimiter=";")
    with pytest.raises(ImportFailure, match=r"^excel\.csv, row 4 \(line 5\): has 21 cells but "
                                            r"the header has 22 columns$"):
        read_candidates(path, with_votes=True)


def test_json_saved_under_a_csv_name_is_read(tmp_path, ge2024_table):
    header, rows = first_seats(ge2024_table, 3)
    clean = read_candidates(write_table(tmp_path / "clean.csv", header, rows), with_votes=True)
    objects = [dict(zip(header, r, strict=True)) for r in rows]
    path = tmp_path / "results.csv"
    path.write_text("\n " + json.dumps(objects), encoding="utf-8")
    assert _same(read_candidates(path, with_votes=True), clean)


def test_json_keys_spelt_differently_find_their_columns(tmp_path, ge2024_table):
    header, rows = first_seats(ge2024_table, 2)
    clean = read_candidates(write_table(tmp_path / "clean.csv", header, rows), with_votes=True)
    path = tmp_path / "results.json"
    path.write_text(json.dumps([{h.upper(): c for h, c in zip(header, r, strict=True)}
                                for r in rows]), encoding="utf-8")
    assert _same(read_candidates(path, with_votes=True), clean)
    path.write_text(json.dumps([{**dict(zip(header, r, strict=True)), "VOTES": "1"}
                                for r in rows]), encoding="utf-8")
    with pytest.raises(ImportFailure, match=r"^results\.json, row 1 \(line 1\), column "
                                            r"'Votes': appears twice in one row"):
        read_candidates(path, with_votes=True)


def test_invisible_characters_in_names_are_not_kept(tmp_path, ge2024_table):
    header, rows = first_seats(ge2024_table, 2)
    clean = read_candidates(write_table(tmp_path / "clean.csv", header, rows), with_votes=True)
    name, surname = header.index("Constituency name"), header.index("Candidate surname")
    code = header.index("ONS ID")
    for r in rows:
        r[name] = r[name].replace(" ", "\u00a0")  # pasted from a web page
        r[surname] = r[surname] + "\u200b"
        r[code] = "\ufeff" + r[code]
    rows[0][surname] = "Mor\u00adrissey"  # a soft hyphen from a word processor
    messy = read_candidates(write_table(tmp_path / "messy.csv", header, rows), with_votes=True)
    assert _same(messy, clean)


def test_mojibake_is_still_repaired_around_non_breaking_spaces():
    from resultsdesk.io.csvfile import clean_text

    assert clean_text("Ã\x81ine\u00a0") == "Áine"
    assert clean_text("FranÃ§ois\u200b") == "François"
    assert clean_text("Ã\u00a0 la") == "à la"  # "à" as cp1252 is "Ã" and a no-break space


def test_results_with_invisible_characters_match_the_nominations(nominations_store, tmp_path,
                                                                 ge2024_table):
    header, rows = ge2024_table
    rows = [list(r) for r in rows]
    set_cell((header, rows), 0, "Candidate surname", rows[0][header.index(
        "Candidate surname")] + "\u200b")
    path = write_table(tmp_path / "pasted.csv", header, rows)
    report = import_results(nominations_store, path)
    assert report.declarations == 650


@pytest.mark.parametrize("action", [import_candidates, import_results])
def test_a_seat_missing_from_the_constituencies_file_writes_nothing(action, tmp_path,
                                                                    ge2024_table, seats_table):
    k_header, k_rows = seats_table
    gone = k_rows[5]
    seats = write_table(tmp_path / "seats.csv", k_header, k_rows[:5] + k_rows[6:])
    results = write_table(tmp_path / "results.csv", *first_seats(ge2024_table, 650))
    with init_election(tmp_path / "new.db", "new") as store:
        before = _dump(tmp_path / "new.db")
        with pytest.raises(ImportFailure) as info:
            action(store, results, constituencies=seats)
        assert str(info.value).startswith(
            f"results.csv, row {info.value.row} (line {info.value.row + 1}), column 'ONS ID': "
            f"{gone[0]} ({gone[2]}) has no row in seats.csv")
        first = next(i for i, r in enumerate(ge2024_table[1]) if r[0] == gone[0])
        assert info.value.row == first + 1
        assert _dump(tmp_path / "new.db") == before


def _dump(path) -> list[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return list(conn.iterdump())


def test_an_apostrophe_before_a_figure_or_code_is_not_part_of_it(tmp_path, ge2024_table,
                                                                 seats_table):
    """A spreadsheet's (or a formula-safe export's) mark of a cell kept as text."""
    header, rows = first_seats(ge2024_table, 3)
    clean = read_candidates(write_table(tmp_path / "clean.csv", header, rows), with_votes=True)
    for column in ("ONS ID", "Votes", "MNIS party ID"):
        i = header.index(column)
        for r in rows:
            r[i] = "'" + r[i]
    rows[0][header.index("Votes")] = "'1,234"
    messy = read_candidates(write_table(tmp_path / "text.csv", header, rows), with_votes=True)
    assert messy[0].votes == 1234
    assert _same(messy[1:], clean[1:])
    k_header, k_rows = seats_table
    k_rows = [[f"'{c}" if k_header[j] in ("Electorate", "Valid votes") else c
               for j, c in enumerate(r)] for r in k_rows]
    seats = write_table(tmp_path / "seats.csv", k_header, k_rows)
    assert read_constituency_figures(seats) == read_constituency_figures(GE2024_SEATS)


@pytest.mark.parametrize(("cell", "message"), [("'12a", "''12a' is not a number"),
                                               ("'-5", "''-5' is negative"),
                                               ("'", "is empty; a whole number is needed")])
def test_an_apostrophe_does_not_make_a_bad_figure_good(tmp_path, ge2024_table, cell, message):
    header, rows = first_seats(ge2024_table, 1)
    set_cell((header, rows), 2, "Votes", cell)
    path = write_table(tmp_path / "text.csv", header, rows)
    with pytest.raises(ImportFailure) as info:
        read_candidates(path, with_votes=True)
    assert (info.value.row, info.value.column) == (3, "Votes")
    assert message in str(info.value)


@pytest.mark.parametrize("empty_row", [",", '""', ";"], ids=["commas", "quoted", "semicolons"])
def test_rows_of_empty_cells_are_blank_lines(tmp_path, ge2024_table, empty_row):
    """Excel writes ",,,," rows below a table whose cells were once formatted."""
    header, rows = first_seats(ge2024_table, 2)
    clean = read_candidates(write_table(tmp_path / "clean.csv", header, rows), with_votes=True)
    separator = ";" if empty_row == ";" else ","
    cell = '""' if empty_row == '""' else ""
    empty = separator.join([cell] * len(header))
    lines = _write(tmp_path / "x.csv", header, rows, delimiter=separator).read_bytes() \
        .decode("utf-8").split("\r\n")
    lines = [lines[0], lines[1], empty, *lines[2:-1], empty, empty, ""]
    path = tmp_path / "excel.csv"
    path.write_text("\r\n".join(lines), encoding="utf-8", newline="")
    assert _same(read_candidates(path, with_votes=True), clean)
    # A problem after one is still named by its data row, and by its line in the file.
    lines[4] = lines[4].replace(separator + rows[2][header.index("Votes")] + separator,
                                separator + "12a" + separator, 1)
    path.write_text("\r\n".join(lines), encoding="utf-8", newline="")
    with pytest.raises(ImportFailure, match=r"^excel\.csv, row 3 \(line 5\), column 'Votes': "
                                            r"'12a' is not a number$"):
        read_candidates(path, with_votes=True)
