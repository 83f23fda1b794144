"""What every CSV reader shares (`io.csvfile`): mojibake repaired, whole numbers parsed
strictly, and files refused with one message naming them: empty, a header only, UTF-16
without its BOM, missing or a folder; UTF-8 with a BOM, and UTF-16 with its BOM, are read.
(Windows-1252, as Excel saves it: test_excel_files.)
"""

from __future__ import annotations

import re
import time
import zipfile

import pytest
from helpers.csv_tables import first_seats, set_cell, to_csv, write_table

from resultsdesk.domain.validation import parse_count
from resultsdesk.io import ImportFailure
from resultsdesk.io.baseline import read_baseline
from resultsdesk.io.csvfile import parse_whole_number, repair_mojibake
from resultsdesk.io.hoc_candidates import read_candidates


def test_repair_mojibake():
    assert repair_mojibake("Ã\x81ine") == "Áine"
    assert repair_mojibake("Ynys M√¥n") == "Ynys Môn"
    assert repair_mojibake("Sinn Féin") == "Sinn Féin"  # real accents left alone
    assert repair_mojibake("Plain") == "Plain"


@pytest.mark.parametrize(("raw", "value"), [("0", 0), ("12345", 12345), (" 7 ", 7),
                                            ("1,234", 1234), ("1234.0", 1234),
                                            ("1,234,567.00", 1234567),
                                            ("0000000000001", 1),  # zeros are no size
                                            # (past the 4,300 digits Python converts)
                                            pytest.param("0" * 5000 + "12", 12,
                                                         id="5000-noughts-12")])
def test_parse_whole_number(raw, value):
    assert parse_whole_number(raw, ValueError) == value


@pytest.mark.parametrize("raw", ["12a", "-5", "1.5", "", "١٢", "1e3", "9" * 13, "1.234",
                                 "12,5", "1,2345", "-5.0", ".0", "1.", "١٢.0"])
def test_parse_whole_number_refuses(raw):
    with pytest.raises(ValueError):
        parse_whole_number(raw, ValueError)


@pytest.mark.parametrize("separator", [",", ";", "\t"], ids=["commas", "semicolons", "tabs"])
@pytest.mark.parametrize("raw", ["12 345", "12\u00a0345", "12\u202f345", "1\u2009234\u2009567"])
def test_a_figure_with_spaces_between_thousands_is_read_as_the_form_reads_it(raw, separator):
    """A space is no decimal mark in any locale: "12 345" (as a French Excel shows it, with
    a no-break space) is 12345 in the entry form, and the import refused it as "not a
    number"."""
    assert parse_whole_number(raw, ValueError, separator) == parse_count(raw)


def test_a_space_that_separates_no_thousands_is_refused_saying_so():
    with pytest.raises(ValueError, match="space that does not separate thousands"):
        parse_whole_number("12 34", ValueError)


@pytest.mark.parametrize("separator", [";", "\t"], ids=["semicolons", "tabs"])
def test_parse_whole_number_where_the_comma_may_be_the_decimal_mark(separator):
    """In a file of semicolons or tabs a figure with a comma is refused; plain digits and
    a whole figure with a dot are read as in a file of commas."""
    for raw, value in [("1234", 1234), (" 7 ", 7), ("1234.0", 1234), ("'1234", 1234)]:
        assert parse_whole_number(raw, ValueError, separator) == value
    for raw, value in [("1,234", 1234), ("12,345,678", 12345678), ("12,345.0", 12345),
                       ("'1,234", 1234)]:
        assert parse_whole_number(raw, ValueError, ",") == value  # in a file of commas
        with pytest.raises(ValueError):
            parse_whole_number(raw, ValueError, separator)


def test_empty_file(tmp_path):
    for content in (b"", b"  \r\n\r\n"):
        path = tmp_path / "empty.csv"
        path.write_bytes(content)
        with pytest.raises(ImportFailure, match=r"^empty\.csv: is empty$"):
            read_candidates(path, with_votes=True)
        with pytest.raises(ImportFailure, match=r"^empty\.csv: is empty$"):
            read_baseline(path)


def test_header_only(tmp_path, ge2024_table, notional_table):
    path = write_table(tmp_path / "header.csv", ge2024_table[0], [])
    with pytest.raises(ImportFailure, match=r"^header\.csv: has a header but no candidates"):
        read_candidates(path, with_votes=True)
    path = write_table(tmp_path / "notional-header.csv", notional_table[0], [])
    with pytest.raises(ImportFailure, match=r"^notional-header\.csv: has no baseline"):
        read_baseline(path)


@pytest.mark.parametrize(("extra", "message"), [
    (lambda i: f"c{i}", r"has a header but no candidates$"),
    (lambda i: "x", r"column 'x' appears more than once in the header$"),
])
def test_a_header_of_a_hundred_thousand_cells_is_answered_at_once(tmp_path, ge2024_table,
                                                                   extra, message):
    """Duplicated names were looked for with one header.count per cell: a header line of
    100,000 cells (a 1 MB file) took over a minute before its answer. (The bound is
    generous: the answer now takes a fraction of a second.)"""
    header = ge2024_table[0] + [extra(i) for i in range(100_000)]
    path = write_table(tmp_path / "wide.csv", header, [])
    started = time.monotonic()
    with pytest.raises(ImportFailure, match=r"^wide\.csv: " + message):
        read_candidates(path, with_votes=True)
    assert time.monotonic() - started < 10


def test_utf16_file_with_its_bom_is_read(tmp_path, ge2024_table):
    """Excel's "Unicode Text" (UTF-16 with a BOM, tabs between cells): the BOM says what
    it is. Without a BOM it is NUL bytes; cut mid-character, or UTF-32, it is refused."""
    header, rows = first_seats(ge2024_table, 2)
    set_cell((header, rows), 1, "Candidate first name", "Áine")
    clean = read_candidates(write_table(tmp_path / "clean.csv", header, rows),
                            with_votes=True)
    path = tmp_path / "utf16.csv"
    for encoding in ("utf-16", "utf-16-be"):  # the first writes its own (little-endian) BOM
        bom = "\ufeff" if encoding == "utf-16-be" else ""
        text = to_csv(header, rows)
        path.write_bytes((bom + text).encode(encoding))
        assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
        assert read_candidates(path, with_votes=True) == clean
        path.write_bytes((bom + text.replace(",", "\t")).encode(encoding))
        assert [r.votes for r in read_candidates(path, with_votes=True)] == \
            [r.votes for r in clean]
    path.write_bytes(to_csv(header, rows).encode("utf-16")[:-1])
    with pytest.raises(ImportFailure, match=r"^utf16\.csv: is UTF-16 text cut or damaged"):
        read_candidates(path, with_votes=True)
    path.write_bytes(to_csv(header, rows).encode("utf-32"))
    with pytest.raises(ImportFailure, match=r"^utf16\.csv: contains NUL bytes"):
        read_candidates(path, with_votes=True)
    path.write_bytes(to_csv(header, rows).encode("utf-16-le"))  # no BOM: NUL bytes
    with pytest.raises(ImportFailure, match=r"^utf16\.csv: contains NUL bytes"):
        read_candidates(path, with_votes=True)


def test_utf8_with_bom_is_accepted(tmp_path, ge2024_table):
    path = write_table(tmp_path / "bom.csv", *first_seats(ge2024_table, 2),
                       encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(read_candidates(path, with_votes=True)) == 17


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ImportFailure, match=r"^nope\.csv: no such file"):
        read_candidates(tmp_path / "nope.csv", with_votes=True)
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(ImportFailure, match=r"^folder\.csv: is a folder"):
        read_candidates(folder, with_votes=True)


@pytest.mark.parametrize("name", ["results.xlsx", "results.csv"])
@pytest.mark.parametrize("workbook", [
    lambda path: _zip(path, "[Content_Types].xml", "xl/workbook.xml"),  # .xlsx (and .ods)
    lambda path: path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),  # .xls
], ids=["xlsx", "xls"])
def test_a_workbook_picked_instead_of_its_csv_says_so(tmp_path, name, workbook):
    """It was refused as "contains NUL bytes: it is not a text CSV file", which does not
    say what to do; renamed .csv too."""
    path = tmp_path / name
    workbook(path)
    with pytest.raises(ImportFailure, match=(
            rf"^{re.escape(name)}: is a spreadsheet workbook \(\.xlsx, \.xls or \.ods\), not "
            r"CSV: save it from the spreadsheet as CSV UTF-8 and import that$")):
        read_candidates(path, with_votes=True)


def _zip(path, *members: str) -> None:
    with zipfile.ZipFile(path, "w") as z:
        for member in members:
            z.writestr(member, "<x/>")


def test_a_file_of_more_lines_than_a_spreadsheet_holds_is_refused_before_reading(tmp_path):
    """48 MB of empty lines, within the byte cap, took 7-9 GB of memory to read; now one
    line says so, at once."""
    from resultsdesk.io.csvfile import MAX_LINES, decode_file

    path = tmp_path / "blanks.csv"
    path.write_text("ONS ID,Votes\n" + ",\n" * (MAX_LINES + 1), encoding="utf-8")
    with pytest.raises(ImportFailure) as failure:
        decode_file(path)
    assert str(failure.value) == (
        f"blanks.csv: has {MAX_LINES + 2:,} lines, more than the {MAX_LINES:,} rows a "
        "spreadsheet holds: not an election's file (a general election by candidate is "
        "under 5,000)")
    path.write_text("ONS ID,Votes\n" + ",\n" * (MAX_LINES - 1), encoding="utf-8")
    assert decode_file(path)[1] == ""  # as many as a spreadsheet holds: read
