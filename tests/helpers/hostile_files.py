"""Hostile input for the importers (tests/reliability/test_hostile_*.py): copies of the real
HoC 2024 by-candidate file as a table to break (seats_of, first_seats, cell, to_bytes), a
private copy of a database to import into (copy_of), and the one way every attempt must end
(attempt through the store API, attempt_cli through `resultsdesk import`): a clear failure
that wrote nothing, or a correct import."""

from __future__ import annotations

import contextlib
import csv
import io
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from helpers import dbcheck
from resultsdesk import cli
from resultsdesk.desk.imports import import_baseline, import_candidates, import_results
from resultsdesk.io import ImportFailure
from resultsdesk.io.csvfile import clean_text, header_key
from resultsdesk.io.hoc_candidates import OPTIONAL, REQUIRED, VOTES
from resultsdesk.store import Store

COLUMNS = (*REQUIRED, VOTES, *OPTIONAL)
IMPORTERS: dict[str, Callable] = {"results": import_results, "candidates": import_candidates,
                                  "baseline": import_baseline}
ALL = ("results", "candidates", "baseline")
# A hostile file is a few seats, the templates' baselines 650: what it is checked for is how
# the file is read, so its baseline replaces theirs as asked (`FewerBaselineSeatsRefusal`).
_REPLACING: dict[str, dict[str, bool]] = {"baseline": {"fewer_seats": True}}

Table = tuple[list[str], list[list[str]]]


# --- files --------------------------------------------------------------------------------


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


@contextlib.contextmanager
def copy_of(template: Path):
    with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
        db = Path(folder) / "election.db"
        shutil.copyfile(template, db)
        yield db


# --- what every attempt must end in --------------------------------------------------------


def file_rows(data: bytes) -> list[dict[str, str]]:
    """The file as a plain CSV reader sees it: the oracle for a successful import."""
    try:
        text = data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff")
                           else "utf-8-sig")
    except UnicodeDecodeError:  # not UTF-8: Windows-1252, as Excel writes on Windows
        text = data.decode("cp1252")
    reader = csv.reader(io.StringIO(text, newline=""))
    wanted = {header_key(c): c for c in COLUMNS}  # "ONS id" and "\ufeffONS ID" find theirs
    header = [wanted.get(header_key(h), h.strip()) for h in next(reader)]
    width = len(header)
    return [dict(zip(header, cells[:width] if len(cells) > width else cells, strict=True))
            for cells in reader
            if "".join(cells).strip()]  # a row of empty cells is a blank line


def _name(row: dict[str, str]) -> str:
    first = clean_text(row.get("Candidate first name", "").strip())
    return f"{first} {clean_text(row['Candidate surname'].strip())}".strip().casefold()


def _votes(row: dict[str, str]) -> int:
    text = row[VOTES].strip().replace(",", "")
    return int(text.split(".")[0])  # "12345.0" (only an exactly whole one is imported)


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
    if exc.column is not None:  # a column read, or (a cell no reading is sure of) any
        assert exc.column in COLUMNS or exc.column in _header(path), text
        assert f"column '{exc.column}'" in text, text


def _header(path: Path) -> list[str]:
    """The file's header cells, trimmed, as a plain CSV reader sees them."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff")
                           else "utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        return [h.strip() for h in next(csv.reader(io.StringIO(text, newline="")), [])]
    except csv.Error:
        return []


def attempt(kind: str, db: Path, data: bytes, name: str = "broken.csv") -> ImportFailure | None:
    """Import `data` through the store API: a clear failure that wrote nothing, or a
    correct import. Returns the failure, if any."""
    path = db.with_name(name)
    path.write_bytes(data)
    before = dbcheck.counts(db)
    with Store(db) as store:
        try:
            IMPORTERS[kind](store, path, **_REPLACING.get(kind, {}))
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
        code = cli.main(["import", kind, str(path), "--db", str(db),
                         *(["--fewer-seats"] if kind == "baseline" else [])])
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
