"""Files someone opened and saved again in Excel, built from the real 2024 rows: what is
unambiguous is read, and the import's report says how ("read as Windows-1252 (Excel)");
what could be read two ways is refused in one line naming the file, row and column, with
nothing written.

Read: "CSV (Comma delimited)" on Windows (Windows-1252, "Ynys Môn" as byte 0xF4), "Unicode
Text" (UTF-16 with its BOM, tabs), "CSV UTF-8" (a BOM), a European Excel's semicolons,
"12,345" and "12345.0" figures, empty cells past the table. Refused: a Windows-1252 cell
holding a C1 control character or bytes that are UTF-8 (a file of mixed encodings),
"1.234" (a dot between thousands, or a decimal?), "12,5" (a decimal comma), "12.5"; in a
file of semicolons or tabs, where the comma may be the decimal mark, "1,234" (1234, or
1.234?) and any other figure with a comma.
"""

from __future__ import annotations

import csv
import io

import pytest
from helpers import dbcheck
from helpers.csv_tables import first_seats, to_csv, write_table
from helpers.locations import GE2024_SEATS

from resultsdesk import cli
from resultsdesk.io import ImportFailure
from resultsdesk.io.baseline import read_baseline
from resultsdesk.io.hoc_candidates import read_candidates
from resultsdesk.io.hoc_constituencies import read_constituency_figures
from resultsdesk.io.party_colours import read_party_colours
from resultsdesk.paths import PARTY_COLOURS, data_file

YNYS_MON = "W07000112"  # "Ynys Môn": ô is byte 0xF4 in Windows-1252
BELFAST_SOUTH = "N05000003"  # the HoC file's "Ã\x81ine" (Áine, garbled before 2024's file)
FIRST_NAME = "Candidate first name"


def _seat(table, *codes: str):
    header, rows = table
    return list(header), [list(r) for r in rows if r[0] in codes]


def _excel_1252(text: str) -> bytes:
    """What Excel's "CSV (Comma delimited)" writes: each character's Windows-1252 byte, a
    C1 control character (in a name garbled earlier) as the byte of its number."""
    return b"".join(bytes([ord(c)]) if 0x80 <= ord(c) < 0xA0 else c.encode("cp1252")
                    for c in text)


def _text(header: list[str], rows: list[list[str]], separator: str) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows([header, *rows])
    return out.getvalue()


def _same(a, b) -> bool:
    return [r._replace(row=0, line=0) for r in a] == [r._replace(row=0, line=0) for r in b]


def _import(capsys, db, path, kind="results") -> tuple[int, str, str]:
    code = cli.main(["import", kind, str(path), "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


def _refused(capsys, db, path, line: str) -> None:
    """Exit 1, exactly `line` on stderr, nothing written."""
    before = dbcheck.digest(db)
    assert _import(capsys, db, path) == (1, "", f"resultsdesk: error: {line}\n")
    assert dbcheck.digest(db) == before


# --- encodings ------------------------------------------------------------------------------


def test_a_windows_1252_file_is_read_as_excel_wrote_it(tmp_path, ge2024_table, capsys,
                                                      nominations_db):
    table = _seat(ge2024_table, YNYS_MON)
    clean = read_candidates(write_table(tmp_path / "clean.csv", *table), with_votes=True)
    path = tmp_path / "excel.csv"
    path.write_bytes(_excel_1252(to_csv(*table)))
    assert b"Ynys M\xf4n" in path.read_bytes()
    assert _same(read_candidates(path, with_votes=True), clean)
    assert clean[0].constituency.name == "Ynys Môn"
    assert _import(capsys, nominations_db, path) == (
        0, "Imported excel.csv: 1 constituency, 1 verified declaration; read as "
           "Windows-1252 (Excel).\n", "")


def test_a_windows_1252_name_with_a_control_character_is_refused(tmp_path, ge2024_table,
                                                                 capsys, nominations_db):
    """The 2024 file's "Ã\\x81ine" saved by Excel: byte 0x81 is no Windows-1252 character
    (Windows reads it as the C1 control U+0081), and "Ã\\x81" is "Á" in UTF-8. Which the
    name is, nobody can tell from the file."""
    header, rows = _seat(ge2024_table, YNYS_MON, BELFAST_SOUTH)
    at = next(i for i, r in enumerate(rows) if r[header.index(FIRST_NAME)] == "Ã\x81ine")
    path = tmp_path / "excel.csv"
    path.write_bytes(_excel_1252(to_csv(header, rows)))
    assert b"\xc3\x81ine" in path.read_bytes() and b"M\xf4n" in path.read_bytes()
    line = (f"excel.csv, row {at + 1} (line {at + 2}), column 'Candidate first name': "
            "'Ã\\x81ine' read as Windows-1252 holds a control character (byte 0x81): text "
            "garbled before the file was saved, or another encoding; save it as CSV UTF-8 "
            "and import again")
    with pytest.raises(ImportFailure) as info:
        read_candidates(path, with_votes=True)
    assert str(info.value) == line
    _refused(capsys, nominations_db, path, line)


def test_a_file_mixing_windows_1252_and_utf8_is_refused(tmp_path, ge2024_table, capsys,
                                                       nominations_db):
    """Rows pasted from a UTF-8 file below Excel's Windows-1252 ones: "PeÃ±a" or "Peña"?"""
    header, rows = _seat(ge2024_table, YNYS_MON)
    pena = next(r for r in ge2024_table[1] if "Peña" in r)
    _, more = _seat(ge2024_table, pena[0])
    at = len(rows) + next(i for i, r in enumerate(more) if "Peña" in r)
    path = tmp_path / "pasted.csv"
    path.write_bytes(to_csv(header, rows).encode("cp1252") +
                     to_csv(header, more).split("\r\n", 1)[1].encode("utf-8"))
    _refused(capsys, nominations_db, path,
             f"pasted.csv, row {at + 1} (line {at + 2}), column 'Candidate surname': "
             "'PeÃ±a' read as Windows-1252 could as well be 'Peña' read as UTF-8: the file "
             "mixes encodings; save it as CSV UTF-8 and import again")


def test_old_mac_line_ends_name_the_row_too(tmp_path, ge2024_table, capsys, nominations_db):
    """Lines ended by a carriage return alone (old Mac Excel): counted by line feeds, the
    refusal named the header ("header cell 'ONS ID' … could as well be 'ONS ID'"), found in
    the twenty-eighth session."""
    header, rows = _seat(ge2024_table, YNYS_MON)
    pena = next(r for r in ge2024_table[1] if "Peña" in r)
    _, more = _seat(ge2024_table, pena[0])
    at = len(rows) + next(i for i, r in enumerate(more) if "Peña" in r)
    path = tmp_path / "pasted.csv"
    path.write_bytes((to_csv(header, rows).encode("cp1252") +
                      to_csv(header, more).split("\r\n", 1)[1].encode("utf-8"))
                     .replace(b"\r\n", b"\r"))
    _refused(capsys, nominations_db, path,
             f"pasted.csv, row {at + 1} (line {at + 2}), column 'Candidate surname': "
             "'PeÃ±a' read as Windows-1252 could as well be 'Peña' read as UTF-8: the file "
             "mixes encodings; save it as CSV UTF-8 and import again")


def test_unicode_text_and_semicolons_are_said_in_the_report(tmp_path, ge2024_table, capsys,
                                                            nominations_db):
    table = _seat(ge2024_table, YNYS_MON)
    unicode_text = tmp_path / "unicode.txt"  # Excel's "Unicode Text": UTF-16, BOM, tabs
    unicode_text.write_bytes(_text(*table, "\t").encode("utf-16"))
    assert _import(capsys, nominations_db, unicode_text) == (
        0, "Imported unicode.txt: 1 constituency, 1 verified declaration; read as UTF-16 "
           "(Excel's Unicode Text), tab-separated.\n", "")
    semicolons = tmp_path / "europe.csv"  # a European Excel's CSV, Windows-1252 too
    semicolons.write_bytes(_text(*table, ";").encode("cp1252"))
    assert _import(capsys, nominations_db, semicolons) == (
        0, "Imported europe.csv: 1 constituency, 1 verified declaration; read as "
           "Windows-1252 (Excel), semicolon-separated.\n", "")
    utf8 = write_table(tmp_path / "utf8.csv", *table, encoding="utf-8-sig")  # "CSV UTF-8"
    assert _import(capsys, nominations_db, utf8) == (
        0, "Imported utf8.csv: 1 constituency, 1 verified declaration.\n", "")


def test_a_companion_file_read_another_way_is_named(tmp_path, ge2024_table, seats_table,
                                                    capsys, nominations_db):
    table = _seat(ge2024_table, YNYS_MON)
    results = write_table(tmp_path / "results.csv", *table)
    seats = tmp_path / "seats.csv"
    seats.write_bytes(to_csv(*_seat(seats_table, YNYS_MON)).encode("cp1252"))
    code = cli.main(["import", "results", str(results), "--constituencies", str(seats),
                     "--db", str(nominations_db)])
    assert (code, capsys.readouterr().out) == (
        0, "Imported results.csv: 1 constituency, 1 verified declaration; seats.csv read "
           "as Windows-1252 (Excel).\n")


# --- figures --------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["12345.0", "12,345.00", '"12,345"', "12345"])
def test_a_whole_figure_as_excel_writes_it_is_read(tmp_path, ge2024_table, seats_table, cell):
    header, rows = _seat(ge2024_table, YNYS_MON)
    rows[2][header.index("Votes")] = cell.strip('"')
    assert read_candidates(write_table(tmp_path / "x.csv", header, rows),
                           with_votes=True)[2].votes == 12345
    k_header, k_rows = seats_table
    k_rows = [list(r) for r in k_rows]
    k_rows[0][k_header.index("Electorate")] = cell.strip('"')
    path = write_table(tmp_path / "seats.csv", k_header, k_rows)
    assert read_constituency_figures(path)[k_rows[0][0]].electorate == 12345
    assert read_constituency_figures(path) | {k_rows[0][0]: None} == \
        read_constituency_figures(GE2024_SEATS) | {k_rows[0][0]: None}


@pytest.mark.parametrize(("cell", "message"), [
    ("1.234", "'1.234' could be 1234 (a dot between thousands) or 1.234 (a decimal point); "
              "write the count without the dot"),
    ("1.000", "'1.000' could be 1000 (a dot between thousands) or 1.000 (a decimal point); "
              "write the count without the dot"),
    ("12,5", "'12,5' has a comma that does not separate thousands (a decimal comma?); "
             "write the count without it"),
    ("1,23,456", "'1,23,456' has a comma that does not separate thousands (a decimal "
                 "comma?); write the count without it"),
    ("12.5", "'12.5' is not a whole number"),
    ("12345.5", "'12345.5' is not a whole number"),
    ("0.838", "'0.838' is not a whole number"),  # a fraction: not "could be 0838"
])
def test_a_figure_that_could_be_read_two_ways_is_refused(tmp_path, ge2024_table, capsys,
                                                         nominations_db, cell, message):
    header, rows = _seat(ge2024_table, YNYS_MON)
    rows[2][header.index("Votes")] = cell
    path = write_table(tmp_path / "figures.csv", header, rows)
    line = f"figures.csv, row 3 (line 4), column 'Votes': {message}"
    with pytest.raises(ImportFailure) as info:
        read_candidates(path, with_votes=True)
    assert str(info.value) == line
    _refused(capsys, nominations_db, path, line)
    semicolons = tmp_path / "figures.csv"  # the csv module's reader, row by row
    semicolons.write_text(_text(header, rows, ";"), encoding="utf-8", newline="")
    with pytest.raises(ImportFailure) as info:
        read_candidates(semicolons, with_votes=True)
    assert str(info.value) == line


# --- a comma where it may be the decimal mark -----------------------------------------------
# Excel separates cells with its locale's list separator: semicolons where the comma is the
# decimal mark; tabs (its "Text" and "Unicode Text") in every locale. Only a comma-separated
# file's comma in a figure is surely between thousands.

EXCEL_SAVES = {";": "utf-8", "\t": "utf-16"}  # a European Excel's CSV; "Unicode Text"


def _two_seats(ge2024_table, votes: str) -> tuple[list[str], list[list[str]]]:
    """The first two seats, the second's last candidate given `votes`: a refusal there
    must leave the first seat unwritten too."""
    header, rows = first_seats(ge2024_table, 2)
    rows[-1][header.index("Votes")] = votes
    return header, rows


@pytest.mark.parametrize("separator", [";", "\t"], ids=["semicolons", "tabs"])
@pytest.mark.parametrize(("cell", "message"), [
    ("1,234", "'1,234' could be 1234 (a comma between thousands) or 1.234 (a decimal "
              "comma); write the count without the comma"),
    ("12,345,678", "'12,345,678' has commas between thousands in a {} file, where the comma "
                   "may be the decimal mark; write the count without them"),
    ("12,345.0", "'12,345.0' has a comma between thousands in a {} file, where the comma "
                 "may be the decimal mark; write the count without it"),
], ids=["1,234", "12,345,678", "12,345.0"])
def test_a_comma_grouped_figure_in_a_semicolon_or_tab_file_is_refused(
        tmp_path, ge2024_table, capsys, nominations_db, separator, cell, message):
    header, rows = _two_seats(ge2024_table, cell)
    path = tmp_path / "figures.csv"
    path.write_bytes(_text(header, rows, separator).encode(EXCEL_SAVES[separator]))
    named = {";": "semicolon-separated", "\t": "tab-separated"}[separator]
    line = (f"figures.csv, row {len(rows)} (line {len(rows) + 1}), column 'Votes': "
            f"{message.format(named)}")
    with pytest.raises(ImportFailure) as info:
        read_candidates(path, with_votes=True)
    assert str(info.value) == line
    _refused(capsys, nominations_db, path, line)  # the first seat not written either


@pytest.mark.parametrize("separator", [";", "\t"], ids=["semicolons", "tabs"])
def test_plain_figures_in_a_semicolon_or_tab_file_are_read(tmp_path, ge2024_table, capsys,
                                                           nominations_db, separator):
    header, rows = _two_seats(ge2024_table, "1234")
    path = tmp_path / "figures.csv"
    path.write_bytes(_text(header, rows, separator).encode(EXCEL_SAVES[separator]))
    assert read_candidates(path, with_votes=True)[-1].votes == 1234
    how = {";": "semicolon-separated",
           "\t": "read as UTF-16 (Excel's Unicode Text), tab-separated"}[separator]
    assert _import(capsys, nominations_db, path) == (
        0, f"Imported figures.csv: 2 constituencies, 2 verified declarations; {how}.\n", "")


def test_a_quoted_comma_grouped_figure_in_a_comma_file_is_read(tmp_path, ge2024_table,
                                                              capsys, nominations_db):
    header, rows = _two_seats(ge2024_table, "1,234")
    path = write_table(tmp_path / "figures.csv", header, rows)
    assert '"1,234"' in path.read_text(encoding="utf-8")
    assert read_candidates(path, with_votes=True)[-1].votes == 1234
    assert _import(capsys, nominations_db, path) == (
        0, "Imported figures.csv: 2 constituencies, 2 verified declarations.\n", "")


def _semicolons(path, header: list[str], rows: list[list[str]], column: str, cell: str):
    rows = [list(r) for r in rows]
    rows[1][header.index(column)] = cell
    path.write_text(_text(header, rows, ";"), encoding="utf-8", newline="")
    return path


def test_every_reader_refuses_a_comma_grouped_figure_in_a_semicolon_file(
        tmp_path, seats_table, notional_table):
    """The constituencies file and the baseline (by column), party colours (row by row)."""
    could_be = ("'1,234' could be 1234 (a comma between thousands) or 1.234 (a decimal "
                "comma); write the count without the comma")
    colours = list(csv.reader(io.StringIO(data_file(PARTY_COLOURS).read_text("utf-8"))))
    for read, name, (header, rows), column in [
            (read_constituency_figures, "seats.csv", seats_table, "Electorate"),
            (read_baseline, "notional.csv", notional_table, "Votes"),
            (read_party_colours, "colours.csv", (colours[0], colours[1:]), "mnis_party_id")]:
        path = _semicolons(tmp_path / name, header, rows[:5], column, "1,234")
        with pytest.raises(ImportFailure) as info:
            read(path)
        assert str(info.value) == f"{name}, row 2 (line 3), column '{column}': {could_be}"
    _semicolons(path, colours[0], colours[1:], "mnis_party_id", "1234")
    assert read_party_colours(path).by_mnis[1234].startswith("#")


# --- empty cells past the table -------------------------------------------------------------


@pytest.mark.parametrize("separator", [",", ";"], ids=["commas", "semicolons"])
@pytest.mark.parametrize("shape", ["rows wider", "header wider", "both, ragged"])
def test_empty_cells_past_the_table_are_ignored(tmp_path, ge2024_table, separator, shape):
    """Excel saves the range once used: ",,," after each row, or columns with no name."""
    header, rows = _seat(ge2024_table, YNYS_MON)
    clean = read_candidates(write_table(tmp_path / "clean.csv", header, rows),
                            with_votes=True)
    lines = _text(header, rows, separator).split("\r\n")
    if shape == "rows wider":
        lines[1:-1] = [line + separator * 3 for line in lines[1:-1]]
    elif shape == "header wider":
        lines[0] += separator * 2
    else:
        lines[0] += separator * 3
        lines[1:-1] = [line + separator * (i % 5) for i, line in enumerate(lines[1:-1])]
    lines[-1:] = [separator * 4, ""]
    path = tmp_path / "excel.csv"
    path.write_text("\r\n".join(lines), encoding="utf-8", newline="")
    assert _same(read_candidates(path, with_votes=True), clean)
    if shape != "rows wider":
        return
    # A cell past the header that is not empty is still a row too long.
    lines[3] += separator + "note"
    path.write_text("\r\n".join(lines), encoding="utf-8", newline="")
    with pytest.raises(ImportFailure, match=r"^excel\.csv, row 3 \(line 4\): has \d+ cells "
                                            r"but the header has \d+ columns$"):
        read_candidates(path, with_votes=True)


@pytest.mark.parametrize("separator", [",", ";", "\t"])
@pytest.mark.parametrize("reader", [
    lambda p: read_candidates(p, with_votes=True), read_baseline, read_constituency_figures])
def test_excels_sep_line_above_the_header_is_named(tmp_path, ge2024_table, seats_table,
                                                   separator, reader):
    """Tools exporting for Excel write "sep=;" above the header. It was read as the header:
    "missing columns 'ONS ID', 'Constituency name', …", every column listed, though all
    were there."""
    header, rows = seats_table if reader is read_constituency_figures else ge2024_table
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows([header, *rows[:8]])
    path = tmp_path / "results.csv"
    path.write_text(f"sep={separator}\r\n{out.getvalue()}", encoding="utf-8", newline="")
    with pytest.raises(ImportFailure, match=r"^results\.csv: line 1 is Excel's 'sep=' line, "
                                            r"not the header: delete that line and import "
                                            r"again$"):
        reader(path)
