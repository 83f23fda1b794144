"""The CSV readers on the real HoC files and on broken copies, and the import use cases.

A broken file must fail with ImportFailure naming the file (and the row and column where it
can); a failed import must leave the database exactly as it was; the CLI must say so on one
line and exit 1.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.locations import GE2024, GE2024_SEATS, NOTIONAL

from resultsdesk import cli
from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_baseline, import_candidates, import_results
from resultsdesk.io import ImportFailure
from resultsdesk.io.baseline import AGGREGATE_CODES, SUPERSEDED_CODES, read_baseline
from resultsdesk.io.csvfile import parse_whole_number, repair_mojibake
from resultsdesk.io.hoc_candidates import read_candidates
from resultsdesk.io.hoc_constituencies import read_constituency_figures
from resultsdesk.io.party_colours import read_party_colours
from resultsdesk.paths import PARTY_COLOURS, data_file
from resultsdesk.store import Store
from resultsdesk.store import repository as repo

# --- helpers ---------------------------------------------------------------------------------

Table = tuple[list[str], list[list[str]]]


def read_table(path: Path) -> Table:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def to_csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")  # CRLF, like the HoC files
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def write_table(path: Path, header: list[str], rows: list[list[str]],
                encoding: str = "utf-8") -> Path:
    path.write_bytes(to_csv(header, rows).encode(encoding))
    return path


@pytest.fixture(scope="module")
def ge2024_table() -> Table:
    return read_table(GE2024)


@pytest.fixture(scope="module")
def notional_table() -> Table:
    return read_table(NOTIONAL)


@pytest.fixture(scope="module")
def seats_table() -> Table:
    return read_table(GE2024_SEATS)


def first_seats(table: Table, n: int, code_column: str = "ONS ID") -> Table:
    """A fresh copy of the rows of the first n constituencies in the file."""
    header, rows = table
    i = header.index(code_column)
    codes: list[str] = []
    out = []
    for r in rows:
        if r[i] not in codes:
            if len(codes) == n:
                break
            codes.append(r[i])
        out.append(list(r))
    return list(header), out


def set_cell(table: Table, row_index: int, column: str, value: str) -> None:
    header, rows = table
    rows[row_index][header.index(column)] = value


def drop_column(table: Table, column: str) -> Table:
    header, rows = table
    i = header.index(column)
    return [h for j, h in enumerate(header) if j != i], [
        [c for j, c in enumerate(r) if j != i] for r in rows]


def counts(store: Store) -> dict[str, int]:
    """Rows in every table, plus the newest audit id: what a failed import must not change."""
    tables = [r["name"] for r in store.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    out = {t: store.scalar(f'SELECT count(*) FROM "{t}"') for t in tables}
    out["max audit id"] = store.scalar("SELECT coalesce(max(id), 0) FROM audit_log")
    out["baseline name"] = store.scalar("SELECT name FROM baseline WHERE id = 1")
    out["electorate sum"] = store.scalar("SELECT sum(electorate) FROM constituencies")
    return out


# --- the real files --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ge2024_records():
    return read_candidates(GE2024, with_votes=True)


def test_ge2024_candidates(ge2024_records):
    records = ge2024_records
    assert len(records) == 4515
    assert len({r.constituency.code for r in records}) == 650
    assert sum(r.votes for r in records) == 28_809_340
    assert all(r.votes is not None and r.votes >= 0 for r in records)
    assert records[0].row == 1 and records[0].line == 2
    assert records[-1].row == 4515


def test_ge2024_mojibake_repaired(ge2024_records):
    first_names = {r.first_name for r in ge2024_records}
    assert "Áine" in first_names
    fields = [(r.first_name, r.surname, r.party_name, r.constituency.name)
              for r in ge2024_records]
    assert not any("Ã" in f for row in fields for f in row)
    groogan = next(r for r in ge2024_records if r.surname == "Groogan")
    assert groogan.full_name == "Áine Groogan"


def test_ge2024_quirks_survive(ge2024_records):
    scottish = [r for r in ge2024_records if r.constituency.nation == "Scotland"]
    assert scottish and all(r.constituency.kind == r.constituency.kind.strip()
                            for r in scottish)  # "County " is trimmed
    assert any(r.party_abbreviation == "Spk" for r in ge2024_records)
    assert any(r.dc_person_id is not None for r in ge2024_records)


def test_ge2024_without_votes_column_needed(ge2024_records):
    records = read_candidates(GE2024, with_votes=False)
    assert len(records) == 4515
    assert all(r.votes is None for r in records)
    assert [r.full_name for r in records] == [r.full_name for r in ge2024_records]


def test_constituency_figures():
    figures = read_constituency_figures(GE2024_SEATS)
    assert len(figures) == 650
    assert sum(f.valid_votes for f in figures.values()) == 28_809_340
    assert all(f.electorate > 0 for f in figures.values())
    assert all(f.declared_at is None for f in figures.values())  # empty for all 2024 rows
    assert figures["W07000081"].electorate == 72580
    assert figures["W07000081"].invalid_votes == 79


def test_notional_baseline():
    records = read_baseline(NOTIONAL)
    assert len(records) == 3529
    assert not any(r.candidate in AGGREGATE_CODES for r in records)
    codes = {r.code for r in records}
    assert len(codes) == 650
    for old, new in SUPERSEDED_CODES.items():
        assert old not in codes
        assert new in codes
    assert SUPERSEDED_CODES == {
        "S14000006": "S14000107", "S14000008": "S14000108", "S14000010": "S14000109",
        "S14000040": "S14000110", "S14000058": "S14000111",
    }
    speaker = [r for r in records if r.candidate == "Commons Speaker"]
    assert len(speaker) == 1
    assert speaker[0].party_abbreviation == "Spk"
    assert speaker[0].party_mnis_id is None  # "NA"
    assert not any(r.party_abbreviation == "Commons Speaker" for r in records)


def test_notional_codes_match_the_2024_seats(ge2024_records):
    assert {r.code for r in read_baseline(NOTIONAL)} == {
        r.constituency.code for r in ge2024_records}


def test_notional_winners_on_the_bundled_night(night_store):
    winners = Counter(b.winner_party for b in repo.baseline_seats(night_store).values())
    assert winners == {"Con": 372, "Lab": 200, "SNP": 48, "DUP": 8, "LD": 8, "SF": 7,
                       "SDLP": 2, "PC": 2, "Green": 1, "Spk": 1, "APNI": 1}


def test_hoc_file_as_baseline(tmp_path, ge2024_table):
    # a previous election's HoC by-candidate file is a baseline too
    path = write_table(tmp_path / "previous.csv", *first_seats(ge2024_table, 2))
    records = read_baseline(path)
    assert len(records) == 17  # 8 + 9 candidates
    assert {r.code for r in records} == {"W07000081", "S14000060"}
    assert all(r.electorate is None for r in records)


def test_ge2024_without_dc_person_id_still_imports(tmp_path, ge2024_table):
    header, rows = drop_column(ge2024_table, "DC Person ID")
    assert "DC Person ID" not in header
    path = write_table(tmp_path / "older-year.csv", header, rows)
    records = read_candidates(path, with_votes=True)
    assert len(records) == 4515
    assert all(r.dc_person_id is None for r in records)
    with init_election(tmp_path / "older.db", "older") as store:
        report = import_results(store, path)
        assert report.declarations == 650
        assert store.scalar("SELECT count(*) FROM candidates") == 4515
        assert store.scalar("SELECT count(*) FROM candidates WHERE dc_person_id IS NOT NULL") == 0


def test_party_colours_file():
    colours = read_party_colours(data_file(PARTY_COLOURS))
    assert colours.by_abbreviation["Lab"].startswith("#")
    assert colours.colour_for(None, "Con") == colours.by_abbreviation["Con"]
    assert all(len(c) == 7 for c in colours.by_mnis.values())


def test_repair_mojibake():
    assert repair_mojibake("Ã\x81ine") == "Áine"
    assert repair_mojibake("Ynys M√¥n") == "Ynys Môn"
    assert repair_mojibake("Sinn Féin") == "Sinn Féin"  # real accents left alone
    assert repair_mojibake("Plain") == "Plain"


@pytest.mark.parametrize(("raw", "value"), [("0", 0), ("12345", 12345), (" 7 ", 7),
                                            ("1,234", 1234)])
def test_parse_whole_number(raw, value):
    assert parse_whole_number(raw, ValueError) == value


@pytest.mark.parametrize("raw", ["12a", "-5", "1.5", "", "١٢", "1e3", "9" * 13])
def test_parse_whole_number_refuses(raw):
    with pytest.raises(ValueError):
        parse_whole_number(raw, ValueError)


# --- broken files ----------------------------------------------------------------------------

# Each case: edit the first two seats of the GE2024 file, then expect (message, row, column).
Edit = Callable[[Table], Table | None]


def _votes(value: str) -> Edit:
    def edit(t: Table) -> None:
        set_cell(t, 2, "Votes", value)
    return edit


def _duplicate(t: Table) -> None:
    t[1].insert(4, list(t[1][1]))


def _short_row(t: Table) -> None:
    t[1][3] = t[1][3][:-1]


def _long_row(t: Table) -> None:
    t[1][3] = [*t[1][3], "extra"]


def _bad_code(t: Table) -> None:
    set_cell(t, 5, "ONS ID", "X1234")


def _other_name(t: Table) -> None:
    set_cell(t, 3, "Constituency name", "Aberavon")


def _no_surname(t: Table) -> None:
    set_cell(t, 0, "Candidate surname", "  ")


def _missing(column: str) -> Edit:
    return lambda t: drop_column(t, column)


BROKEN = {
    "non-numeric votes": (_votes("12a"), "'12a' is not a number", 3, "Votes"),
    "negative votes": (_votes("-5"), "'-5' is negative", 3, "Votes"),
    "fractional votes": (_votes("12.5"), "'12.5' is not a whole number", 3, "Votes"),
    "empty votes": (_votes(""), "is empty", 3, "Votes"),
    "duplicate candidate": (_duplicate, "duplicate candidate", 5, "Candidate surname"),
    "too few cells": (_short_row, "has 21 cells but the header has 22 columns", 4, None),
    "too many cells": (_long_row, "has 23 cells but the header has 22 columns", 4, None),
    "bad GSS code": (_bad_code, "'X1234' is not a GSS constituency code", 6, "ONS ID"),
    "inconsistent names": (_other_name, "'Aberavon' but W07000081 is 'Aberafan Maesteg' on "
                                        "row 1", 4, "Constituency name"),
    "empty surname": (_no_surname, "is empty", 1, "Candidate surname"),
    "missing votes column": (_missing("Votes"), "missing column 'Votes'", None, None),
    "missing name column": (_missing("Constituency name"), "missing column 'Constituency name'",
                            None, None),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_candidates_file(case, tmp_path, ge2024_table):
    edit, message, row, column = BROKEN[case]
    table = first_seats(ge2024_table, 2)
    table = edit(table) or table
    path = write_table(tmp_path / "broken-results.csv", *table)
    with pytest.raises(ImportFailure) as info:
        read_candidates(path, with_votes=True)
    exc = info.value
    assert str(exc).startswith("broken-results.csv")
    assert message in str(exc)
    assert exc.row == row
    assert exc.column == column
    if row is not None:
        assert f"row {row} (line {row + 1})" in str(exc)
        assert exc.line == row + 1
    if column is not None:
        assert f"column '{column}'" in str(exc)


def test_missing_votes_column_is_fine_for_nominations(tmp_path, ge2024_table):
    path = write_table(tmp_path / "nominations.csv",
                       *drop_column(first_seats(ge2024_table, 2), "Votes"))
    assert len(read_candidates(path, with_votes=False)) == 17


def test_duplicate_candidate_names_both_rows(tmp_path, ge2024_table):
    header, rows = first_seats(ge2024_table, 2)
    rows.append(list(rows[0]))
    path = write_table(tmp_path / "dupe.csv", header, rows)
    with pytest.raises(ImportFailure, match=r"already on row 1") as info:
        read_candidates(path, with_votes=True)
    assert info.value.row == 18


def test_blank_lines_are_skipped_and_rows_keep_their_lines(tmp_path, ge2024_table):
    header, rows = first_seats(ge2024_table, 1)
    text = to_csv(header, rows[:2]) + "\r\n" + to_csv(header, rows[2:]).split("\r\n", 1)[1]
    set_text = tmp_path / "blank.csv"
    set_text.write_text(text, encoding="utf-8", newline="")
    records = read_candidates(set_text, with_votes=True)
    assert len(records) == 8
    assert (records[2].row, records[2].line) == (3, 5)


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


def test_cp1252_file_is_refused(tmp_path, ge2024_table):
    table = first_seats(ge2024_table, 2)
    set_cell(table, 1, "Candidate first name", "Áine")
    path = write_table(tmp_path / "excel.csv", *table, encoding="cp1252")
    assert b"\xc1ine" in path.read_bytes()
    with pytest.raises(ImportFailure) as info:
        read_candidates(path, with_votes=True)
    assert str(info.value).startswith("excel.csv: is not UTF-8 text (byte 0xc1 on line 3)")
    assert "save it as UTF-8" in str(info.value)


def test_utf16_file_is_refused(tmp_path, ge2024_table):
    header, rows = first_seats(ge2024_table, 2)
    path = tmp_path / "utf16.csv"
    path.write_bytes(to_csv(header, rows).encode("utf-16"))  # with BOM
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    with pytest.raises(ImportFailure, match=r"^utf16\.csv: is UTF-16 text"):
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


def test_unclosed_quote(tmp_path, ge2024_table):
    header, rows = first_seats(ge2024_table, 2)
    text = to_csv(header, rows).replace("Morrissey", '"Morrissey', 1)
    path = tmp_path / "quote.csv"
    path.write_text(text, encoding="utf-8", newline="")
    with pytest.raises(ImportFailure) as info:
        read_candidates(path, with_votes=True)
    assert str(info.value).startswith("quote.csv")
    assert info.value.row == 1


def test_duplicate_header_column(tmp_path, ge2024_table):
    header, rows = first_seats(ge2024_table, 1)
    header = [*header, "Votes"]
    rows = [[*r, "1"] for r in rows]
    path = write_table(tmp_path / "twice.csv", header, rows)
    with pytest.raises(ImportFailure, match=r"column 'Votes' appears more than once"):
        read_candidates(path, with_votes=True)


def test_broken_notional_rows(tmp_path, notional_table):
    table = first_seats(notional_table, 2)
    set_cell(table, 3, "Votes", "lots")
    path = write_table(tmp_path / "notional.csv", *table)
    with pytest.raises(ImportFailure) as info:
        read_baseline(path)
    assert (info.value.row, info.value.column) == (4, "Votes")
    assert str(info.value).startswith("notional.csv, row 4 (line 5), column 'Votes'")

    table = first_seats(notional_table, 2)
    set_cell(table, 2, "Party code", "CONV")  # Con twice for the seat
    path = write_table(tmp_path / "notional.csv", *table)
    with pytest.raises(ImportFailure, match="CONV appears twice for W07000081") as info:
        read_baseline(path)
    assert (info.value.row, info.value.column) == (3, "Party code")

    table = first_seats(notional_table, 1)
    set_cell(table, 0, "ONS ID", "W0700008")
    path = write_table(tmp_path / "notional.csv", *table)
    with pytest.raises(ImportFailure, match="not a GSS constituency code") as info:
        read_baseline(path)
    assert (info.value.row, info.value.column) == (1, "ONS ID")


def test_notional_with_only_aggregate_rows(tmp_path, notional_table):
    header, rows = first_seats(notional_table, 2)
    code = header.index("Party code")
    path = write_table(tmp_path / "aggregates.csv", header,
                       [r for r in rows if r[code] in AGGREGATE_CODES])
    with pytest.raises(ImportFailure, match=r"^aggregates\.csv: has no baseline results"):
        read_baseline(path)


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


# --- the import use cases: all or nothing ----------------------------------------------------


def test_import_candidates_twice_is_idempotent(nominations_store):
    before = counts(nominations_store)
    report = import_candidates(nominations_store, GE2024, constituencies=GE2024_SEATS)
    after = counts(nominations_store)
    assert report.candidates == 0 and report.new_parties == []
    assert report.constituencies == 650
    assert after["candidates"] == before["candidates"] == 4515
    assert after["constituencies"] == 650
    assert after["parties"] == before["parties"]
    assert after["audit_log"] == before["audit_log"] + 1  # the import itself is recorded
    assert nominations_store.scalar(
        "SELECT count(*) FROM (SELECT constituency_id, first_name, surname, party_id "
        "FROM candidates GROUP BY 1, 2, 3, 4 HAVING count(*) > 1)") == 0


def test_results_onto_nominations(nominations_store):
    report = import_results(nominations_store, GE2024, constituencies=GE2024_SEATS)
    assert report.declarations == 650 and report.candidates == 0
    assert nominations_store.scalar("SELECT count(*) FROM verified_declarations") == 650
    assert nominations_store.scalar("SELECT count(*) FROM candidates") == 4515


@pytest.mark.parametrize("action", [import_results, import_candidates])
def test_file_dropping_a_nominated_candidate_writes_nothing(action, nominations_store, tmp_path,
                                                            ge2024_table):
    header, rows = ge2024_table
    rows = [list(r) for r in rows[:-1]]  # York Outer, the last seat, loses Luke Charters
    path = write_table(tmp_path / "short.csv", header, rows)
    before = counts(nominations_store)
    with pytest.raises(ImportFailure) as info:
        action(nominations_store, path)
    message = str(info.value)
    assert message.startswith("short.csv, row 4507 (line 4508), column 'Candidate surname'")
    assert ("Luke Charters (Lab) is nominated in York Outer but not in the file "
            "(8 of 9 candidates listed)") in message
    assert counts(nominations_store) == before
    assert nominations_store.scalar("SELECT count(*) FROM declarations") == 0


def test_results_naming_someone_not_nominated_declare_nothing(tmp_path, ge2024_table):
    header, rows = first_seats(ge2024_table, 3)
    path = write_table(tmp_path / "three.csv", header, rows)
    broken = [list(r) for r in rows]
    broken[-1][header.index("Candidate surname")] = "Someone-Else"
    bad = write_table(tmp_path / "three-bad.csv", header, broken)
    with init_election(tmp_path / "three.db", "three") as store:
        import_candidates(store, path)
        before = counts(store)
        with pytest.raises(ImportFailure, match="is not a nominated candidate"):
            import_results(store, bad)
        assert counts(store) == before
        assert import_results(store, path).declarations == 3


def test_results_file_with_unknown_candidate_writes_nothing(nominations_store, tmp_path,
                                                            ge2024_table):
    header, rows = ge2024_table
    rows = [list(r) for r in rows]
    stranger = list(rows[-1])
    stranger[header.index("Candidate first name")] = "Nobody"
    stranger[header.index("Candidate surname")] = "Nominated"
    rows.append(stranger)
    path = write_table(tmp_path / "extra.csv", header, rows)
    before = counts(nominations_store)
    with pytest.raises(ImportFailure, match=r"Nobody Nominated .* is not a nominated candidate "
                                            r"in York Outer") as info:
        import_results(nominations_store, path)
    assert (info.value.row, info.value.column) == (4516, "Candidate surname")
    assert counts(nominations_store) == before


@pytest.mark.parametrize("action", [import_candidates, import_results])
def test_constituencies_file_with_unknown_seat_writes_nothing(action, tmp_path, ge2024_table):
    # Two seats' candidates, electorates for all 650: the others are not in the election.
    # The failure comes after the seats, parties and candidates were inserted: all roll back.
    path = write_table(tmp_path / "two-seats.csv", *first_seats(ge2024_table, 2))
    with init_election(tmp_path / "new.db", "new") as store:
        before = counts(store)
        with pytest.raises(ImportFailure) as info:
            action(store, path, constituencies=GE2024_SEATS)
        assert str(info.value).startswith(GE2024_SEATS.name)
        assert "is not a constituency of this election" in str(info.value)
        assert info.value.column == "ONS ID" and info.value.row == 3
        assert counts(store) == before
        assert store.scalar("SELECT count(*) FROM constituencies") == 0
        assert store.scalar("SELECT count(*) FROM parties") == 0


def test_valid_votes_mismatch_writes_nothing(nominations_store, tmp_path, seats_table):
    header, rows = seats_table
    rows = [list(r) for r in rows]
    rows[1][header.index("Valid votes")] = "42096"  # Aberdeen North: one vote too many
    path = write_table(tmp_path / "seats.csv", header, rows)
    before = counts(nominations_store)
    with pytest.raises(ImportFailure, match=r"valid votes 42,096 for Aberdeen North, but its "
                                            r"candidates in .* add up to 42,095") as info:
        import_results(nominations_store, GE2024, constituencies=path)
    assert str(info.value).startswith("seats.csv, row 2")
    assert info.value.column == "Valid votes"
    assert counts(nominations_store) == before


def test_baseline_with_unknown_constituency_writes_nothing(night_store, tmp_path,
                                                           notional_table):
    header, rows = notional_table
    rows = [list(r) for r in rows]
    rows[-1][header.index("ONS ID")] = "E14009999"  # the very last row
    path = write_table(tmp_path / "notional-bad.csv", header, rows)
    before = counts(night_store)
    baseline_before = repo.baseline_seats(night_store)
    with pytest.raises(ImportFailure) as info:
        import_baseline(night_store, path)
    assert str(info.value).startswith("notional-bad.csv, row 4236")
    assert "E14009999 is not a constituency of this election" in str(info.value)
    assert (info.value.row, info.value.column) == (4236, "ONS ID")
    assert counts(night_store) == before
    assert repo.baseline_seats(night_store) == baseline_before


def test_broken_file_writes_nothing(night_store, tmp_path, ge2024_table):
    table = first_seats(ge2024_table, 2)
    set_cell(table, 2, "ONS ID", "E1400")
    path = write_table(tmp_path / "bad.csv", *table)
    before = counts(night_store)
    for action in (import_results, import_candidates, import_baseline):
        with pytest.raises(ImportFailure):
            action(night_store, path)
    assert counts(night_store) == before


def test_baseline_replaces_the_previous_one(night_store, tmp_path, ge2024_table):
    path = write_table(tmp_path / "two-seat-baseline.csv", *first_seats(ge2024_table, 2))
    report = import_baseline(night_store, path, name="Partial")
    assert report.constituencies == 2
    assert repo.baseline_name(night_store) == "Partial"
    assert set(repo.baseline_seats(night_store)) == {"W07000081", "S14000060"}


# --- the CLI on failed imports ---------------------------------------------------------------


def _assert_one_line_error(capsys, *names: str) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("resultsdesk: error: "), err
    assert "Traceback" not in err
    for name in names:
        assert name in lines[0]
    return lines[0]


CLI_CASES = [(kind, case) for kind in ("results", "candidates", "baseline")
             for case in ("non-numeric votes", "bad GSS code", "too few cells",
                          "missing name column")
             if (kind, case) != ("candidates", "non-numeric votes")]  # nominations ignore votes


@pytest.mark.parametrize(("kind", "case"), CLI_CASES)
def test_cli_broken_import(kind, case, capsys, night_db, tmp_path, ge2024_table):
    edit = BROKEN[case][0]
    table = first_seats(ge2024_table, 2)
    table = edit(table) or table
    path = write_table(tmp_path / "broken.csv", *table)
    with Store(night_db) as store:
        before = counts(store)
    code = cli.main(["import", kind, str(path), "--db", str(night_db)])
    assert code == 1
    line = _assert_one_line_error(capsys, "broken.csv")
    assert BROKEN[case][1] in line
    with Store(night_db) as store:
        assert counts(store) == before


def test_cli_import_of_encoded_files(capsys, night_db, tmp_path, ge2024_table):
    table = first_seats(ge2024_table, 2)
    set_cell(table, 1, "Candidate first name", "Áine")
    path = write_table(tmp_path / "cp1252.csv", *table, encoding="cp1252")
    assert cli.main(["import", "results", str(path), "--db", str(night_db)]) == 1
    _assert_one_line_error(capsys, "cp1252.csv", "not UTF-8")
    path = tmp_path / "utf16.csv"
    path.write_bytes(to_csv(*table).encode("utf-16"))
    assert cli.main(["import", "candidates", str(path), "--db", str(night_db)]) == 1
    _assert_one_line_error(capsys, "utf16.csv", "UTF-16")


def test_cli_import_missing_file(capsys, night_db, tmp_path):
    assert cli.main(["import", "baseline", str(tmp_path / "gone.csv"), "--db",
                     str(night_db)]) == 1
    _assert_one_line_error(capsys, "gone.csv", "no such file")


def test_cli_unknown_constituency_in_baseline(capsys, night_db, tmp_path, notional_table):
    header, rows = first_seats(notional_table, 1)
    rows[0][header.index("ONS ID")] = "E14009999"
    path = write_table(tmp_path / "baseline.csv", header, rows)
    with Store(night_db) as store:
        before = counts(store)
    assert cli.main(["import", "baseline", str(path), "--db", str(night_db)]) == 1
    _assert_one_line_error(capsys, "baseline.csv", "row 1", "E14009999")
    with Store(night_db) as store:
        assert counts(store) == before


# --- the desk's own rules apply to imported figures ------------------------------------------


def _seat_votes(table: Table, seat_index: int, value: str) -> Table:
    """Every candidate of the seat_index-th seat in the file given `value` votes."""
    header, rows = table
    rows = [list(r) for r in rows]
    code_col, votes_col = header.index("ONS ID"), header.index("Votes")
    code = list(dict.fromkeys(r[code_col] for r in rows))[seat_index]
    for r in rows:
        if r[code_col] == code:
            r[votes_col] = value
    return header, rows


@pytest.mark.parametrize(("value", "fragment"), [
    ("99999999", "ballots cast is more than the electorate"),
    ("0", "Every candidate has 0 votes"),
])
def test_results_the_desk_would_refuse_are_refused_on_import(value, fragment, tmp_path,
                                                             nominations_store, ge2024_table):
    """An import used to store these as verified while the form refused the same figures."""
    header, rows = _seat_votes(ge2024_table, 1, value)  # Aberdeen North, from row 9
    path = write_table(tmp_path / "bad.csv", header, rows)
    before = counts(nominations_store)
    with pytest.raises(ImportFailure, match=fragment) as info:
        import_results(nominations_store, path)
    assert str(info.value).startswith("bad.csv, row ")
    assert info.value.column == "Votes" and "Aberdeen North" in str(info.value)
    assert counts(nominations_store) == before


def test_electorate_error_names_the_constituencies_file_row(tmp_path, nominations_store,
                                                            seats_table):
    header, rows = seats_table
    rows = [list(r) for r in rows]
    rows[1][header.index("Electorate")] = "1000"  # Aberdeen North: far more votes than that
    path = write_table(tmp_path / "seats.csv", header, rows)
    before = counts(nominations_store)
    with pytest.raises(ImportFailure, match="more than the electorate of 1,000") as info:
        import_results(nominations_store, GE2024, constituencies=path)
    assert str(info.value).startswith("seats.csv, row 2")
    assert info.value.column == "Electorate"
    assert counts(nominations_store) == before


def test_import_lists_warnings_and_records_them_as_overrides(nominations_store):
    report = import_results(nominations_store, GE2024, constituencies=GE2024_SEATS)
    assert len(report.warnings) == 13
    assert "Hendon: Majority of 15 (0.04%) is in recount range" in report.warnings
    assert "13 warnings accepted as imported" in report.describe()
    overrides = nominations_store.scalar(
        "SELECT d.overrides FROM declarations d JOIN constituencies k "
        "ON k.id = d.constituency_id WHERE k.code = 'E14001279'")
    assert json.loads(overrides) == ["recount_range"]


def test_cli_import_refuses_impossible_figures_and_lists_warnings(capsys, nominations_db,
                                                                  tmp_path, ge2024_table):
    path = write_table(tmp_path / "zero.csv", *_seat_votes(first_seats(ge2024_table, 2), 0, "0"))
    with Store(nominations_db) as store:
        before = counts(store)
    assert cli.main(["import", "results", str(path), "--db", str(nominations_db)]) == 1
    _assert_one_line_error(capsys, "zero.csv, row 1", "column 'Votes'", "Aberafan Maesteg",
                           "Every candidate has 0 votes")
    with Store(nominations_db) as store:
        assert counts(store) == before
    assert cli.main(["import", "results", str(GE2024), "--db", str(nominations_db)]) == 0
    out = capsys.readouterr().out
    assert "13 warnings accepted as imported" in out
    assert "  Poole: Majority of 18 (0.04%) is in recount range" in out
