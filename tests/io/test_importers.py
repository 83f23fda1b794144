"""The import use cases (`desk.imports`) and `resultsdesk import`: all or nothing.

A failed import must leave the database exactly as it was (`counts`); the CLI must say so on
one line and exit 1; imported figures meet the desk's own rules (what the form refuses, an
import refuses; warnings are accepted as overrides and listed). How each file is read and
refused is in test_candidates_file.py, test_baseline_file.py, test_constituencies_file.py
and test_csvfile.py.
"""

from __future__ import annotations

import json

import pytest
from helpers.csv_tables import BROKEN, Table, first_seats, set_cell, to_csv, write_table
from helpers.locations import GE2024, GE2024_SEATS

from resultsdesk import cli
from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_baseline, import_candidates, import_results
from resultsdesk.io import ImportFailure
from resultsdesk.store import Store
from resultsdesk.store import repository as repo


def counts(store: Store) -> dict[str, int]:
    """Rows in every table, plus the newest audit id: what a failed import must not change."""
    tables = [r["name"] for r in store.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    out = {t: store.scalar(f'SELECT count(*) FROM "{t}"') for t in tables}
    out["max audit id"] = store.scalar("SELECT coalesce(max(id), 0) FROM audit_log")
    out["baseline name"] = store.scalar("SELECT name FROM baseline WHERE id = 1")
    out["electorate sum"] = store.scalar("SELECT sum(electorate) FROM constituencies")
    return out


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


def test_a_companion_files_row_is_named_with_its_line(nominations_store, night_store,
                                                      tmp_path, seats_table, notional_table,
                                                      ge2024_table):
    """Every other refusal of a row says where it starts ("row 2 (line 3)"); these four,
    worked out by the desk from the constituencies file or the baseline, named the row
    alone. A name holding a line break (kept as written) puts the line one further on."""
    header, rows = seats_table
    rows = [list(r) for r in rows]
    rows[0][header.index("Constituency name")] = "Aberafan\nMaesteg"  # row 1: two lines
    rows[1][header.index("Electorate")] = "1000"  # Aberdeen North
    path = write_table(tmp_path / "seats.csv", header, rows)
    with pytest.raises(ImportFailure, match=r"^seats\.csv, row 2 \(line 4\), column "
                                            r"'Electorate': Aberdeen North: "):
        import_results(nominations_store, GE2024, constituencies=path)
    rows[1][header.index("Electorate")] = seats_table[1][1][header.index("Electorate")]
    rows[1][header.index("Valid votes")] = "42096"
    path = write_table(tmp_path / "seats.csv", header, rows)
    with pytest.raises(ImportFailure, match=r"^seats\.csv, row 2 \(line 4\), column "
                                            r"'Valid votes': valid votes 42,096"):
        import_results(nominations_store, GE2024, constituencies=path)
    two = write_table(tmp_path / "two-seats.csv", *first_seats(ge2024_table, 2))
    with init_election(tmp_path / "new.db", "new") as store, \
            pytest.raises(ImportFailure, match=r"^HoC-GE2024-results-by-constituency\.csv, "
                                               r"row 3 \(line 4\), column 'ONS ID': "):
        import_candidates(store, two, constituencies=GE2024_SEATS)
    header, rows = notional_table
    rows = [list(r) for r in rows]
    rows[-1][header.index("ONS ID")] = "E14009999"
    path = write_table(tmp_path / "notional-bad.csv", header, rows)
    with pytest.raises(ImportFailure, match=r"^notional-bad\.csv, row 4236 \(line 4237\), "
                                            r"column 'ONS ID': E14009999 is not a "):
        import_baseline(night_store, path)


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
    # fewer seats than the night's 650: only when asked (tests/desk/test_import_baseline_seats)
    report = import_baseline(night_store, path, name="Partial", fewer_seats=True)
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
    """(Windows-1252, as Excel saves a CSV: test_excel_files.)"""
    path = tmp_path / "utf16.csv"  # with its BOM: Excel's "Unicode Text", read
    table = first_seats(ge2024_table, 2)  # (the names as nominated)
    path.write_bytes(to_csv(*table).encode("utf-16"))
    assert cli.main(["import", "candidates", str(path), "--db", str(night_db)]) == 0
    assert capsys.readouterr().out.startswith("Imported utf16.csv: 2 constituencies")
    path.write_bytes(to_csv(*table).encode("utf-16")[:-1])  # cut mid-character
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
