"""Hostile input, by hand: the importers and the command line fed broken copies of the real
HoC 2024 by-candidate file (truncated, random bytes, UTF-16 cut, NUL, duplicate rows,
missing and extra cells and columns, bad votes, empty), and awkward but good ones (BOM, extra
columns, quoted commas and newlines, a party spelt differently, UTF-16 with its BOM,
Windows-1252), as CSV and JSON.

Every case ends one of two ways (helpers.hostile_files.attempt / attempt_cli):
- an ImportFailure whose message starts with the file's name and, where a row is at fault,
  names the row (and line) and, where a cell is, the column; the database exactly as it was
  (row counts of every table, newest audit id); on the command line, exit 1 and one line
  "resultsdesk: error: <file>...";
- a correct import: the figures in the database are the file's.
Never another exception, a traceback or a partial write.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Callable

import pytest
from helpers import dbcheck
from helpers.hostile_files import (
    ALL,
    Table,
    attempt,
    attempt_cli,
    cell,
    copy_of,
    first_seats,
    seats_of,
    to_bytes,
    to_text,
)

from resultsdesk.io.hoc_candidates import VOTES

# --- broken files, by hand ---------------------------------------------------------------

# (edit of the first two seats' table or bytes, importers that must refuse it, message,
#  row (LAST: the last one), column); importers not listed must import it correctly.
Case = tuple[Callable[[Table], bytes], tuple[str, ...], str, int | None, str | None]
LAST = -1
WITH_VOTES = ("results", "baseline")


def _votes_cell(value: str) -> Callable[[Table], bytes]:
    return lambda t: to_bytes(cell(t, 2, VOTES, value))


def _truncated_mid_line(t: Table) -> bytes:
    data = to_bytes(t).rstrip(b"\r\n")
    return data[:data.rindex(b",")]  # the last row loses its last cell


def _truncated_in_quotes(t: Table) -> bytes:
    cell(t, len(t[1]) - 1, "Candidate surname", "Smith, Jones")
    data = to_bytes(t)
    return data[:data.rindex(b"Smith, J") + 8]


def _random_bytes(t: Table) -> bytes:
    data = bytearray(to_bytes(t))
    rng = random.Random(7)
    middle = len(data) // 2
    data[middle:middle + 12] = bytes(rng.randrange(128, 256) for _ in range(12))
    return bytes(data)


def _nul(t: Table) -> bytes:
    return to_bytes(t).replace(b"Aberafan", b"Aber\x00fan", 1)


def _utf16(t: Table) -> bytes:
    return to_text(*t).encode("utf-16")


def _utf16_cut(t: Table) -> bytes:
    return _utf16(t)[:-1]


def _utf16_without_bom(t: Table) -> bytes:
    return to_text(*t).encode("utf-16-le")


def _duplicate_row(t: Table) -> bytes:
    t[1].insert(5, list(t[1][2]))
    return to_bytes(t)


def _extra_cell(t: Table) -> bytes:
    t[1][3].append("surplus")
    return to_bytes(t)


def _missing_cell(t: Table) -> bytes:
    t[1][3].pop()
    return to_bytes(t)


def _drop(column: str) -> Callable[[Table], bytes]:
    def edit(t: Table) -> bytes:
        i = t[0].index(column)
        return to_bytes(([h for j, h in enumerate(t[0]) if j != i],
                         [[c for j, c in enumerate(r) if j != i] for r in t[1]]))
    return edit


def _header_only(t: Table) -> bytes:
    return to_bytes((t[0], []))


def _blank_lines_only(t: Table) -> bytes:
    return to_bytes((t[0], [])) + b"\r\n\r\n  \r\n"


BROKEN: dict[str, Case] = {
    "truncated mid-line": (_truncated_mid_line, ALL, "has 21 cells but the header has 22",
                           LAST, None),
    "truncated inside quotes": (_truncated_in_quotes, ALL, "is not valid CSV", LAST, None),
    # Not UTF-8, so read as Windows-1252 (what Excel writes), where the UTF-8 names around
    # the damage ("Peña") show the file mixes the two.
    "random bytes": (_random_bytes, ALL, "read as Windows-1252 could as well be", 8,
                     "Candidate surname"),
    "NUL byte": (_nul, ALL, "contains NUL bytes", None, None),
    "UTF-16 text cut short": (_utf16_cut, ALL, "is UTF-16 text cut or damaged", None, None),
    "UTF-16 without BOM": (_utf16_without_bom, ALL, "contains NUL bytes", None, None),
    "duplicate row": (_duplicate_row, ALL, "duplicate candidate", 6, "Candidate surname"),
    "extra cell in a row": (_extra_cell, ALL, "has 23 cells but the header has 22", 4, None),
    "missing cell in a row": (_missing_cell, ALL, "has 21 cells but the header has 22", 4,
                              None),
    "missing Votes column": (_drop(VOTES), WITH_VOTES, "missing column 'Votes'", None, None),
    "missing surname column": (_drop("Candidate surname"), ALL,
                               "missing column 'Candidate surname'", None, None),
    "negative votes": (_votes_cell("-5"), WITH_VOTES, "'-5' is negative", 3, VOTES),
    "fractional votes": (_votes_cell("12.5"), WITH_VOTES, "'12.5' is not a whole number", 3,
                         VOTES),
    "exponent votes": (_votes_cell("1e3"), WITH_VOTES, "'1e3' is not a whole number", 3,
                       VOTES),
    "huge votes": (_votes_cell(str(10**15)), WITH_VOTES, "is too large to be a count", 3,
                   VOTES),
    "13-digit votes": (_votes_cell(str(10**12)), WITH_VOTES, "is too large", 3, VOTES),
    "non-numeric votes": (_votes_cell("twelve"), WITH_VOTES, "'twelve' is not a number", 3,
                          VOTES),
    "non-ASCII digits": (_votes_cell("١٢"), WITH_VOTES, "'١٢' is not a", 3, VOTES),
    "empty votes": (_votes_cell(" "), WITH_VOTES, "is empty; a whole number is needed", 3,
                    VOTES),
    "votes with a newline": (_votes_cell("12\n34"), WITH_VOTES, "is not a number", 3, VOTES),
    "header only": (_header_only, ALL, "has a header but no candidates", None, None),
    "blank lines only": (_blank_lines_only, ALL, "has a header but no candidates", None, None),
    "empty file": (lambda t: b"", ALL, "is empty", None, None),
    "whitespace only": (lambda t: b" \r\n\r\n", ALL, "is empty", None, None),
}


@pytest.mark.parametrize("case", list(BROKEN))
@pytest.mark.parametrize("kind", ALL)
def test_broken_file(case, kind, ge2024, templates):
    edit, refused_by, message, row, column = BROKEN[case]
    table = first_seats(ge2024, 2)
    row = len(table[1]) if row == LAST else row
    data = edit(table)
    with copy_of(templates["nominations"]) as db:
        failure = attempt(kind, db, data)
        if kind not in refused_by:
            assert failure is None, f"{kind}: {failure}"
            return
        assert failure is not None, f"{kind} accepted a file with {case}"
        assert message in str(failure)
        assert (failure.row, failure.column) == (row, column), str(failure)
        if row is not None:
            assert f"row {row} (line {row + 1})" in str(failure)
        assert attempt_cli(kind, db, data) is not None


@pytest.mark.parametrize("case", ["truncated mid-line", "random bytes", "huge votes",
                                  "votes with a newline", "header only"])
def test_broken_file_through_the_real_command(case, ge2024, nominations_db):
    """A real process: exit 1, one line on stderr naming file, row and column, no traceback."""
    edit, _, message, row, column = BROKEN[case]
    table = first_seats(ge2024, 2)
    row = len(table[1]) if row == LAST else row
    path = nominations_db.with_name("broken.csv")
    path.write_bytes(edit(table))
    before = dbcheck.digest(nominations_db)
    done = subprocess.run([sys.executable, "-m", "resultsdesk", "import", "results",
                           str(path), "--db", str(nominations_db)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("resultsdesk: error: broken.csv"), lines
    assert message in lines[0]
    if row is not None:
        assert f"row {row}" in lines[0]
    if column is not None:
        assert f"column '{column}'" in lines[0]
    assert dbcheck.digest(nominations_db) == before


def test_huge_but_possible_votes_import_exactly(ge2024, templates):
    """2,147,483,647 (`MAX_FIGURE`, what a server's integer holds) is the most a seat's
    ballots can add up to: a figure near it stored exactly (in an election with no
    electorates yet: against the 2024 electorates it is more ballots than electors); a
    figure over it is refused as a figure, naming the file's row and column, where a
    12-digit figure had reached the server's integer, and a sum over it as a sum."""
    data = _votes_cell("2,147,000,000")(first_seats(ge2024, 2))
    with copy_of(templates["nominations"]) as db:
        assert "more than the electorate" in str(attempt("results", db, data))
    with copy_of(templates["empty"]) as db:
        assert attempt("results", db, data) is None
        conn = dbcheck.connect(db)
        assert conn.execute("SELECT max(votes) FROM declaration_votes").fetchone()[0] == \
            2_147_000_000
        conn.close()
    summed = _votes_cell("2,147,483,647")(first_seats(ge2024, 2))
    with copy_of(templates["empty"]) as db:
        assert "ballots cast add up to 2,147," in str(attempt("results", db, summed))
    over = _votes_cell("2,147,483,648")(first_seats(ge2024, 2))
    with copy_of(templates["empty"]) as db:
        before = dbcheck.digest(db)
        said = str(attempt("results", db, over))
        assert "column 'Votes'" in said and "more than 2,147,483,647" in said
        assert dbcheck.digest(db) == before


@pytest.mark.parametrize("encode", [lambda d: b"\xef\xbb\xbf" + d,
                                    lambda d: d.decode("utf-8").encode("utf-16"),
                                    lambda d: d.decode("utf-8").encode("cp1252")],
                         ids=["UTF-8 BOM", "UTF-16 with its BOM", "Windows-1252"])
def test_bom_imports_the_same_as_without(ge2024, templates, encode):
    """Excel's "CSV UTF-8", "Unicode Text" and "CSV (Comma delimited)" (Windows-1252)."""
    data = to_bytes(seats_of(ge2024, ["W07000081", "S14000065", "W07000112"]))
    assert "Peña".encode() in data and "Môn".encode() in data  # 0xF1, 0xF4 in Windows-1252
    for kind in ALL:
        with copy_of(templates["nominations"]) as plain, \
                copy_of(templates["nominations"]) as bom, \
                copy_of(templates["nominations"]) as cli_bom:
            assert attempt(kind, plain, data) is None
            assert attempt(kind, bom, encode(data)) is None
            assert attempt_cli(kind, cli_bom, encode(data)) is None
            assert dbcheck.seat_histories(plain) == dbcheck.seat_histories(bom) == \
                dbcheck.seat_histories(cli_bom)
            assert dbcheck.counts(plain) == dbcheck.counts(bom) == dbcheck.counts(cli_bom)


def test_extra_columns_are_ignored(ge2024, templates):
    header, rows = first_seats(ge2024, 2)
    header = ["Notes", *header, "Recount?"]
    rows = [[f"checked, by {i}", *r, "no"] for i, r in enumerate(rows)]
    for kind in ALL:
        with copy_of(templates["nominations"]) as db:
            assert attempt(kind, db, to_bytes((header, rows))) is None


def test_quoted_commas_and_newlines_in_names(ge2024, templates):
    """Names with commas, quotes and line breaks import as written; the rows after them keep
    their row and line numbers in messages."""
    header, rows = first_seats(ge2024, 2)
    table = (header, rows)
    cell(table, 0, "Candidate first name", "Anne, Marie")
    cell(table, 1, "Candidate surname", 'O"Brien, Jr')
    cell(table, 2, "Candidate first name", "Line\nBreak")
    cell(table, 3, "Candidate surname", "Carriage\r\nReturn")
    good = to_bytes(table)
    for kind in ("candidates", "results"):
        with copy_of(templates["empty"]) as db:
            assert attempt(kind, db, good) is None
            conn = dbcheck.connect(db)
            names = {r[0] for r in conn.execute("SELECT first_name || '|' || surname "
                                                "FROM candidates")}
            conn.close()
            assert {f"Anne, Marie|{rows[0][header.index('Candidate surname')]}",
                    f"{rows[1][header.index('Candidate first name')]}|O\"Brien, Jr",
                    f"Line\nBreak|{rows[2][header.index('Candidate surname')]}",
                    f"{rows[3][header.index('Candidate first name')]}|Carriage\r\nReturn"} \
                <= names
    # a bad cell after them: row 6 of the data starts on line 9 (two embedded breaks)
    bad = to_bytes(cell(table, 5, VOTES, "x"))
    with copy_of(templates["empty"]) as db:
        failure = attempt("results", db, bad)
        assert failure is not None and (failure.row, failure.line) == (6, 9), failure
        assert "row 6 (line 9), column 'Votes'" in str(failure)


JSON_CASES = {
    "not JSON": (b"[{\"ONS ID\": ", "is not valid JSON", None),
    "not a list": (b"{\"rows\": []}", "should be a JSON list of objects", None),
    "row missing a key": (None, "has no 'Candidate surname'", 2),
}


@pytest.mark.parametrize("case", list(JSON_CASES))
def test_broken_json(case, ge2024, templates):
    data, message, row = JSON_CASES[case]
    if data is None:
        header, rows = first_seats(ge2024, 1)
        objects = [dict(zip(header, r, strict=True)) for r in rows]
        del objects[1]["Candidate surname"]
        data = json.dumps(objects).encode()
    with copy_of(templates["nominations"]) as db:
        failure = attempt("results", db, data, name="results.json")
        assert failure is not None and message in str(failure) and failure.row == row


def test_party_spelt_differently_from_its_mnis_id(ge2024, templates):
    """A row whose abbreviation differs from that of the party its MNIS id names ("Labour"
    for MNIS 15) joins that party. (This raised KeyError out of import_results on seats not
    yet nominated, and refused the file on seats that were.)"""
    table = first_seats(ge2024, 2)
    abbreviation = table[0].index("Party abbreviation")
    lab = [i for i, r in enumerate(table[1]) if r[abbreviation] == "Lab"]
    assert len(lab) == 2
    cell(table, lab[1], "Party abbreviation", "Labour")
    for target, kinds in (("empty", ("candidates", "results")), ("nominations", ALL)):
        for kind in kinds:
            with copy_of(templates[target]) as db:
                assert attempt(kind, db, to_bytes(table)) is None, (target, kind)
                conn = dbcheck.connect(db)
                parties = Counter(r[0] for r in conn.execute(
                    "SELECT p.abbreviation FROM candidates c JOIN parties p "
                    "ON p.id = c.party_id JOIN constituencies k ON k.id = c.constituency_id "
                    "WHERE k.code IN ('W07000081', 'S14000060')"))
                conn.close()
                assert parties["Lab"] == 2 and "Labour" not in parties, (target, kind)


def test_a_seat_the_election_lacks_is_said_to_be_new(ge2024, templates, tmp_path):
    """A mistyped code in a file for an election that has its seats is a new seat, and the
    chamber's size and majority line change with it: added only when asked
    (tests/cli/test_cli_add_seats.py), the import says so (it said only "1 constituencies");
    into an empty election every seat is new and nothing is said."""
    from resultsdesk.desk.imports import import_results
    from resultsdesk.store import Store

    header, rows = first_seats(ge2024, 1)
    code = header.index("ONS ID")
    rows = [[*r[:code], "E14009999", *r[code + 1:]] for r in rows]
    path = tmp_path / "typo.csv"
    path.write_bytes(to_bytes((header, rows)))
    with copy_of(templates["nominations"]) as db, Store(db) as store:
        text = import_results(store, path, add_seats=True).describe()
        assert "New seat beside the 650 already in the election: E14009999 " in text, text
        assert "it now has 651 seats" in text
    with copy_of(templates["empty"]) as db, Store(db) as store:
        assert "New seat" not in import_results(store, path).describe()


def test_a_header_opening_a_quote_it_never_closes_names_its_line(tmp_path):
    """The first byte of the 2024 file overwritten with a quote: the header runs to the end
    of the file. The failure kept line 1 but did not say it ("broken.csv: header is not
    valid CSV"; found by the long fuzz, RESULTSDESK_STRESS=1)."""
    from helpers.locations import GE2024

    from resultsdesk.io.hoc_candidates import read_candidates
    from resultsdesk.io.import_failure import ImportFailure

    broken = tmp_path / "broken.csv"
    broken.write_bytes(b'"' + GE2024.read_bytes()[1:])
    with pytest.raises(ImportFailure) as failure:
        read_candidates(broken, with_votes=True)
    assert str(failure.value).startswith("broken.csv, line 1: header is not valid CSV")
