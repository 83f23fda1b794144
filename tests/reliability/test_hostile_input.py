"""Hostile input: the importers and the command line fed broken copies of the real HoC
2024 by-candidate file, by hand and by hypothesis.

Every case ends one of two ways:
- an ImportFailure whose message starts with the file's name and, where a row is at fault,
  names the row (and line) and, where a cell is, the column; the database exactly as it was
  (row counts of every table, newest audit id); on the command line, exit 1 and one line
  "resultsdesk: error: <file>...";
- a correct import: the figures in the database are the file's.
Never another exception, a traceback or a partial write.

Also: a 100,000-row synthetic election (12,500 seats x 8), and hypothesis properties of the
tally and validation rules not already covered by tests/domain/test_tally.py.

Default run: 100 hypothesis examples per fuzz test (the same ones every run), ~20 s in all.
Full run (also the slow variants: 1,000 new examples per fuzz test, times N with
RESULTSDESK_STRESS=N):

    RESULTSDESK_STRESS=1 python3 -m pytest tests/reliability/test_hostile_input.py \\
        -p no:cacheprovider
"""

from __future__ import annotations

import contextlib
import csv
import importlib.util
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import dbcheck
from helpers.locations import GE2024, ROOT
from helpers.scale import long_variant, scaled
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from resultsdesk import cli
from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_baseline, import_candidates, import_results
from resultsdesk.domain import tally
from resultsdesk.domain.model import CandidateVotes, SeatResult
from resultsdesk.domain.validation import check_figures, parse_count
from resultsdesk.io import ImportFailure
from resultsdesk.io.csvfile import parse_whole_number, repair_mojibake
from resultsdesk.io.hoc_candidates import OPTIONAL, REQUIRED, VOTES
from resultsdesk.store import Store

COLUMNS = (*REQUIRED, VOTES, *OPTIONAL)
IMPORTERS: dict[str, Callable] = {"results": import_results, "candidates": import_candidates,
                                  "baseline": import_baseline}
_FUZZ = {"deadline": None, "suppress_health_check": [
    HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]}
FUZZ = settings(max_examples=100, derandomize=True, **_FUZZ)  # the same examples every run
FUZZ_LONG = settings(max_examples=scaled(100, 1000), **_FUZZ)  # new examples every run

Table = tuple[list[str], list[list[str]]]


# --- files --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ge2024() -> Table:
    with GE2024.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def seats_of(table: Table, codes: list[str]) -> Table:
    header, rows = table
    return list(header), [list(r) for r in rows if r[0] in codes]


def first_seats(table: Table, n: int) -> Table:
    codes = list(dict.fromkeys(r[0] for r in table[1]))[:n]
    return seats_of(table, codes)


def to_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows([header, *rows])  # CRLF, as HoC files
    return out.getvalue()


def to_bytes(table: Table) -> bytes:
    return to_text(*table).encode("utf-8")


def cell(table: Table, row: int, column: str, value: str) -> Table:
    header, rows = table
    rows[row][header.index(column)] = value
    return table


# --- databases ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def templates(tmp_path_factory, _nominations_2024, _night_2024) -> dict[str, Path]:
    """Where an import can land: a new empty election, the 2024 nominations, the 2024 night."""
    empty = tmp_path_factory.mktemp("empty") / "empty.db"
    init_election(empty, "Empty election").close()
    return {"empty": empty, "nominations": _nominations_2024, "night": _night_2024}


@contextlib.contextmanager
def copy_of(template: Path):
    with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
        db = Path(folder) / "election.db"
        shutil.copyfile(template, db)
        yield db


# --- what every attempt must end in --------------------------------------------------------


def file_rows(data: bytes) -> list[dict[str, str]]:
    """The file as a plain CSV reader sees it: the oracle for a successful import."""
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    header = [h.strip() for h in next(reader)]
    return [dict(zip(header, cells, strict=True)) for cells in reader
            if cells and not (len(cells) == 1 and not cells[0].strip())]


def _name(row: dict[str, str]) -> str:
    first = repair_mojibake(row.get("Candidate first name", "").strip())
    return f"{first} {repair_mojibake(row['Candidate surname'].strip())}".strip().casefold()


def _votes(row: dict[str, str]) -> int:
    return int(row[VOTES].strip().replace(",", ""))


def assert_imported_correctly(kind: str, db: Path, data: bytes,
                              before: dict[str, int | str | None]) -> None:
    rows = file_rows(data)
    by_seat: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_seat.setdefault(r["ONS ID"].strip().upper(), []).append(r)
    after = dbcheck.counts(db)
    conn = dbcheck.connect(db)
    try:
        for code, seat_rows in by_seat.items():
            cid = conn.execute("SELECT id FROM constituencies WHERE code = ?", (code,)).fetchone()
            assert cid is not None, f"{code} not imported"
            names = Counter(r[0].casefold() for r in conn.execute(
                "SELECT trim(first_name || ' ' || surname) FROM candidates "
                "WHERE constituency_id = ?", (cid[0],)))
            if kind in ("results", "candidates"):
                assert names == Counter(_name(r) for r in seat_rows), code
            if kind == "results":
                top = conn.execute("SELECT max(version) FROM declarations "
                                   "WHERE constituency_id = ?", (cid[0],)).fetchone()[0]
                (d,) = dbcheck.declaration(conn, code, top)
                assert (d["status"], d["source"]) == ("verified", "import")
                assert Counter(zip((n.casefold() for n in d["names"]), d["votes"],
                                   strict=True)) == \
                    Counter((_name(r), _votes(r)) for r in seat_rows), code
            if kind == "baseline":
                total = conn.execute("SELECT sum(votes) FROM baseline_votes "
                                     "WHERE constituency_id = ?", (cid[0],)).fetchone()[0]
                assert total == sum(_votes(r) for r in seat_rows), code
    finally:
        conn.close()
    if kind == "results":
        assert after["declarations"] - before["declarations"] == len(by_seat)
        assert after["declaration_votes"] - before["declaration_votes"] == len(rows)
    if kind == "baseline":
        assert after["baseline_votes"] == len(rows)
    assert dbcheck.integrity(db) == "ok"
    assert dbcheck.half_saved(db) == []


def assert_clear_failure(exc: ImportFailure, path: Path) -> None:
    text = str(exc)
    assert exc.file == str(path)
    assert text.startswith((f"{path.name}: ", f"{path.name}, ")), text
    assert exc.reason and exc.reason in text
    if exc.row is not None:
        assert exc.row >= 1 and f"row {exc.row}" in text, text
    if exc.line is not None:
        assert exc.line >= 1 and f"line {exc.line}" in text, text
    if exc.column is not None:
        assert exc.column in COLUMNS and f"column '{exc.column}'" in text, text


def attempt(kind: str, db: Path, data: bytes, name: str = "broken.csv") -> ImportFailure | None:
    """Import `data` through the store API: a clear failure that wrote nothing, or a
    correct import. Returns the failure, if any."""
    path = db.with_name(name)
    path.write_bytes(data)
    before = dbcheck.counts(db)
    with Store(db) as store:
        try:
            IMPORTERS[kind](store, path)
        except ImportFailure as exc:
            failure = exc
        else:
            failure = None
    if failure is None:
        assert_imported_correctly(kind, db, data, before)
    else:
        assert_clear_failure(failure, path)
        assert dbcheck.counts(db) == before, f"a refused import wrote something: {failure}"
    return failure


def attempt_cli(kind: str, db: Path, data: bytes, name: str = "broken.csv") -> str | None:
    """The same through `resultsdesk import KIND FILE --db DB`, in this process."""
    path = db.with_name(name)
    path.write_bytes(data)
    before = dbcheck.counts(db)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["import", kind, str(path), "--db", str(db)])
    out, err = out.getvalue(), err.getvalue()
    if code == 0:
        assert err == "" and out.startswith(f"Imported {path.name}: "), (out, err)
        assert_imported_correctly(kind, db, data, before)
        return None
    assert code == 1 and out == ""
    assert err.startswith(f"resultsdesk: error: {path.name}"), err
    assert err.count("\n") == 1 and err.endswith("\n"), f"not one line: {err!r}"
    assert "Traceback" not in err and "unexpected error" not in err
    assert dbcheck.counts(db) == before
    return err


# --- broken files, by hand ---------------------------------------------------------------

# (edit of the first two seats' table or bytes, importers that must refuse it, message,
#  row (LAST: the last one), column); importers not listed must import it correctly.
Case = tuple[Callable[[Table], bytes], tuple[str, ...], str, int | None, str | None]
ALL = ("results", "candidates", "baseline")
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


def _cp1252(t: Table) -> bytes:
    cell(t, 4, "Candidate first name", "Zoë")
    return to_text(*t).encode("cp1252")


def _utf16(t: Table) -> bytes:
    return to_text(*t).encode("utf-16")


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
    "random bytes": (_random_bytes, ALL, "is not UTF-8 text (byte 0x", None, None),
    "NUL byte": (_nul, ALL, "contains NUL bytes", None, None),
    "cp1252 text": (_cp1252, ALL, "is not UTF-8 text (byte 0xeb on line 6)", None, None),
    "UTF-16 text": (_utf16, ALL, "is UTF-16 text; save it as UTF-8", None, None),
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


@pytest.mark.parametrize("case", ["truncated mid-line", "cp1252 text", "huge votes",
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
    """12 digits is the most a count can have: stored exactly, not rounded (in an election
    with no electorates yet: against the 2024 electorates it is more ballots than electors)."""
    data = _votes_cell("999,999,999,999")(first_seats(ge2024, 2))
    with copy_of(templates["nominations"]) as db:
        assert "more than the electorate" in str(attempt("results", db, data))
    with copy_of(templates["empty"]) as db:
        assert attempt("results", db, data) is None
        conn = dbcheck.connect(db)
        assert conn.execute("SELECT max(votes) FROM declaration_votes").fetchone()[0] == \
            999_999_999_999
        conn.close()


def test_bom_imports_the_same_as_without(ge2024, templates):
    data = to_bytes(first_seats(ge2024, 3))
    for kind in ALL:
        with copy_of(templates["nominations"]) as plain, \
                copy_of(templates["nominations"]) as bom, \
                copy_of(templates["nominations"]) as cli_bom:
            assert attempt(kind, plain, data) is None
            assert attempt(kind, bom, b"\xef\xbb\xbf" + data) is None
            assert attempt_cli(kind, cli_bom, b"\xef\xbb\xbf" + data) is None
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


# --- broken files, by hypothesis ----------------------------------------------------------

HOSTILE = ["", " ", "-1", "-0", "1.5", "1e3", "12a", "NA", "n/a", str(10**15), "999999999999",
           "1000000000000", "1,234", " 42 ", "٣", "0x10", "+5", "\n", "a\nb", "a,b", '"', "'",
           "=1+1", "Lab", "Labour", "Con", "Ind", "Spk", "Speaker", "15", "8", "1006", "99999",
           "E14001279", "X1234", "W07000081", "S14000060", "Ã\x81ine", "Sinn Féin", "\ufeff",
           "\t", "\r"]
values = st.sampled_from(HOSTILE) | st.text(max_size=10) | st.integers(-10**16, 10**16).map(str)
row_index = st.integers(0, 10**6)
edits = st.one_of(
    st.tuples(st.just("set"), row_index, st.sampled_from(COLUMNS), values),
    st.tuples(st.just("duplicate"), row_index),
    st.tuples(st.just("delete"), row_index),
    st.tuples(st.just("swap"), row_index, row_index),
    st.tuples(st.just("drop column"), st.sampled_from(COLUMNS)),
    st.tuples(st.just("extra column"), values),
    st.tuples(st.just("short row"), row_index),
    st.tuples(st.just("long row"), row_index, values),
    st.tuples(st.just("blank line"), row_index),
)
byte_edit = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("overwrite"), st.floats(0, 1), st.binary(min_size=1, max_size=6)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=6)),
    st.tuples(st.sampled_from(["bom", "cp1252", "utf-16", "lf"])),
)
# most files reach the CSV reader whole: byte-level damage in a third of them
byte_edits = st.just([]) | st.just([]) | st.lists(byte_edit, min_size=1, max_size=2)


def apply_edits(table: Table, table_edits: list[tuple], raw_edits: list[tuple]) -> bytes:
    header, rows = table
    for edit in table_edits:
        kind, args = edit[0], edit[1:]
        if kind == "drop column" and args[0] in header:
            i = header.index(args[0])
            header.pop(i)
            for r in rows:
                if len(r) > i:
                    r.pop(i)
        elif kind == "extra column":
            header.append("Extra")
            for r in rows:
                r.append(args[0])
        elif not rows:
            continue
        elif kind == "set" and args[1] in header:
            r = rows[args[0] % len(rows)]
            i = header.index(args[1])
            if i < len(r):
                r[i] = args[2]
        elif kind == "duplicate":
            rows.insert(args[0] % len(rows), list(rows[args[0] % len(rows)]))
        elif kind == "delete":
            rows.pop(args[0] % len(rows))
        elif kind == "swap":
            i, j = args[0] % len(rows), args[1] % len(rows)
            rows[i], rows[j] = rows[j], rows[i]
        elif kind == "short row":
            r = rows[args[0] % len(rows)]
            if r:
                r.pop()
        elif kind == "long row":
            rows[args[0] % len(rows)].append(args[1])
        elif kind == "blank line":
            rows.insert(args[0] % len(rows), [])
    text = to_text(header, rows)
    data = text.encode("utf-8", errors="surrogatepass")
    for edit in raw_edits:
        at = int(edit[1] * len(data)) if len(edit) > 1 else 0
        if edit[0] == "truncate":
            data = data[:at]
        elif edit[0] == "overwrite":
            data = data[:at] + edit[2] + data[at + len(edit[2]):]
        elif edit[0] == "insert":
            data = data[:at] + edit[2] + data[at:]
        elif edit[0] == "bom":
            data = b"\xef\xbb\xbf" + data
        elif edit[0] == "lf":
            data = data.replace(b"\r\n", b"\n")
        else:  # a re-encoding of the text as it was
            data = text.encode(edit[0], errors="replace")
    return data


SEAT_GROUPS = (["W07000081"], ["W07000081", "S14000060"],
               ["S14000065", "E14001279", "N05000001"])  # Peña stands in the first


API_FUZZ = {"codes": st.sampled_from(SEAT_GROUPS), "table_edits": st.lists(edits, max_size=4),
            "raw_edits": byte_edits, "kind": st.sampled_from(ALL),
            "target": st.sampled_from(["empty", "nominations", "night"])}
CLI_FUZZ = {**API_FUZZ, "target": st.sampled_from(["empty", "nominations"])}


def fuzz_api(codes, table_edits, raw_edits, kind, target, ge2024, templates) -> None:
    file = apply_edits(seats_of(ge2024, codes), table_edits, raw_edits)
    with copy_of(templates[target]) as db:
        failure = attempt(kind, db, file)
    event("imported" if failure is None else f"refused: {failure.reason[:25]}")


def fuzz_cli(codes, table_edits, raw_edits, kind, target, ge2024, templates) -> None:
    file = apply_edits(seats_of(ge2024, codes), table_edits, raw_edits)
    with copy_of(templates[target]) as db:
        error = attempt_cli(kind, db, file)
    event("imported" if error is None else "refused")


@FUZZ
@given(**API_FUZZ)
def test_fuzzed_files_fail_clearly_or_import_correctly(codes, table_edits, raw_edits, kind,
                                                       target, ge2024, templates):
    fuzz_api(codes, table_edits, raw_edits, kind, target, ge2024, templates)


@FUZZ
@given(**CLI_FUZZ)
def test_fuzzed_files_through_the_command_line(codes, table_edits, raw_edits, kind, target,
                                               ge2024, templates):
    fuzz_cli(codes, table_edits, raw_edits, kind, target, ge2024, templates)


@pytest.mark.slow
@long_variant
@FUZZ_LONG
@given(**API_FUZZ)
def test_fuzzed_files_fail_clearly_or_import_correctly_long(codes, table_edits, raw_edits,
                                                            kind, target, ge2024, templates):
    fuzz_api(codes, table_edits, raw_edits, kind, target, ge2024, templates)


@pytest.mark.slow
@long_variant
@FUZZ_LONG
@given(**CLI_FUZZ)
def test_fuzzed_files_through_the_command_line_long(codes, table_edits, raw_edits, kind,
                                                    target, ge2024, templates):
    fuzz_cli(codes, table_edits, raw_edits, kind, target, ge2024, templates)


# --- a big file ---------------------------------------------------------------------------


def _synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" /
                                                  "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Path:
    """12,500 seats x 8 candidates: 100,000 rows."""
    return _synthetic().write_election(tmp_path_factory.mktemp("big") / "big.csv", 12_500, 8)


def test_hundred_thousand_rows_import(big_file, tmp_path):
    db = tmp_path / "big.db"
    init_election(db, "Synthetic").close()
    with big_file.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 100_000
    started = time.monotonic()
    with Store(db) as store:
        report = import_results(store, big_file)
    took = time.monotonic() - started
    assert (report.constituencies, report.candidates, report.declarations) == \
        (12_500, 100_000, 12_500)
    counts = dbcheck.counts(db)
    assert (counts["constituencies"], counts["candidates"], counts["declarations"],
            counts["declaration_votes"]) == (12_500, 100_000, 12_500, 100_000)
    assert counts["audit_log"] == 1 + 12_500 + 1  # created, each seat, the import
    conn = dbcheck.connect(db)
    assert conn.execute("SELECT sum(votes) FROM declaration_votes").fetchone()[0] == \
        sum(int(r[VOTES]) for r in rows)
    conn.close()
    assert dbcheck.integrity(db) == "ok"
    print(f"\n100,000 rows imported in {took:.1f} s")


def test_hundred_thousand_rows_with_the_last_one_broken(big_file, tmp_path):
    """The fault in the very last row is found, named by row and line, and nothing of the
    99,999 good rows before it is written."""
    data = big_file.read_bytes()
    last = data.rindex(b"\r\n", 0, len(data) - 2) + 2
    cells = data[last:].decode().rstrip("\r\n").split(",")
    cells[COLUMNS.index(VOTES)] = "-1"
    db = tmp_path / "big.db"
    init_election(db, "Synthetic").close()
    failure = attempt("results", db, data[:last] + ",".join(cells).encode() + b"\r\n",
                      name="big.csv")
    assert failure is not None
    assert "row 100000 (line 100001), column 'Votes': '-1' is negative" in str(failure)


# --- tally and validation rules (beyond tests/domain/test_tally.py) -------------------------------


@st.composite
def seats(draw) -> SeatResult:
    n = draw(st.integers(1, 6))
    votes = draw(st.lists(st.integers(0, 8), min_size=n, max_size=n))  # ties are common
    cands = tuple(CandidateVotes(f"C{i}", draw(st.sampled_from(["Lab", "Con", "LD", "Ind"])),
                                 v) for i, v in enumerate(votes))
    drawn = None
    if tally.is_tie(cands) and draw(st.booleans()):
        drawn = draw(st.sampled_from(tally.tied_candidates(cands))).name
    return SeatResult("E1", "Seat", cands, tie_winner=drawn)


@given(seats())
def test_property_runner_up_is_never_the_winner_and_sets_the_majority(seat):
    elected, second = tally.winner(seat), tally.runner_up(seat)
    if len(seat.candidates) < 2:
        assert second is None
        return
    assert second is not None and second is not elected
    top = max(c.votes for c in seat.candidates)
    assert second.votes <= top
    if elected is not None:
        assert tally.majority(seat.candidates) == elected.votes - second.votes
    if tally.is_tie(seat.candidates):
        assert second.votes == top  # after a tie the runner-up is another tied candidate


shares = st.dictionaries(st.sampled_from(["Lab", "Con", "LD", "Grn"]),
                         st.floats(0, 100, allow_nan=False), max_size=4)


@given(shares, shares, st.floats(-20, 20, allow_nan=False))
def test_property_butler_swing_is_antisymmetric(now, then, shift):
    swing = tally.butler_swing(now, then, "Lab", "Con")
    assert swing == pytest.approx(-tally.butler_swing(now, then, "Con", "Lab"))
    assert swing == pytest.approx(-tally.butler_swing(then, now, "Lab", "Con"))
    assert tally.butler_swing(now, now, "Lab", "Con") == 0
    # both parties moving together is no swing between them
    moved = {**now, "Lab": now.get("Lab", 0) + shift, "Con": now.get("Con", 0) + shift}
    assert tally.butler_swing(moved, then, "Lab", "Con") == pytest.approx(swing, abs=1e-9)


@given(st.integers(0, 10**6), st.floats(0, 100), st.integers(0, 10**4), st.floats(0, 10),
       st.integers(0, 100), st.floats(0, 5))
def test_property_recount_range_is_monotone(votes, pct, threshold, pct_threshold, less,
                                            less_pct):
    if tally.in_recount_range(votes, pct, threshold, pct_threshold):
        # a closer result, or a wider watch, is in range too
        assert tally.in_recount_range(max(0, votes - less), max(0.0, pct - less_pct),
                                      threshold, pct_threshold)
        assert tally.in_recount_range(votes, pct, threshold + less, pct_threshold + less_pct)
    else:
        assert not tally.in_recount_range(votes + less, pct + less_pct, threshold,
                                          pct_threshold)


@given(st.integers(0, 100_000))
def test_property_majority_line_is_the_smallest_majority(seats_total):
    line = tally.majority_line(seats_total)
    assert 2 * line > seats_total >= 2 * (line - 1)


@given(st.lists(st.integers(-3, 50), min_size=0, max_size=6), st.none() | st.integers(-2, 30),
       st.none() | st.integers(0, 400))
def test_property_validation_errors_come_first_and_silence_warnings(votes, invalid,
                                                                   electorate):
    cands = [CandidateVotes(f"C{i}", "P", v) for i, v in enumerate(votes)]
    problems = check_figures(cands, invalid_votes=invalid, electorate=electorate)
    errors = [p for p in problems if p.is_error]
    assert problems[:len(errors)] == errors  # errors first
    if errors:
        assert len(errors) == len(problems)  # no warnings until the errors are fixed
    codes = Counter(p.code for p in problems)
    cast = sum(votes) + (invalid or 0)
    assert ("over_electorate" in codes) == (electorate is not None and cast > electorate)
    assert codes["negative"] == sum(v < 0 for v in votes) + (invalid is not None and
                                                             invalid < 0)
    assert ("no_candidates" in codes) == (not votes)
    if not errors:
        assert codes["zero_votes"] == votes.count(0)
        tie = len(votes) > 1 and sum(votes) > 0 and tally.is_tie(cands)
        assert ("tie" in codes) == tie
        if "recount_range" in codes:
            assert not tie


@given(st.integers(0, 10**12 - 1))
def test_property_counts_read_back_as_written(n):
    for text in (str(n), f"{n:,}", f" {n:,} "):
        assert parse_whole_number(text, ValueError) == n
        assert parse_count(text) == n
    if n:
        with pytest.raises(ValueError, match="negative"):
            parse_whole_number(f"-{n}", ValueError)
        with pytest.raises(ValueError, match="not a whole number"):
            parse_whole_number(f"{n}.5", ValueError)
        assert parse_count(f"-{n}") is None and parse_count(f"{n}.5") is None
    assume(n < 10**11)
    with pytest.raises(ValueError, match="too large"):
        parse_whole_number(str(n + 10**12), ValueError)
