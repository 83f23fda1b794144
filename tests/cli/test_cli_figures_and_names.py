"""What a desk types on the command line that no count, name or terminal should take: a figure
past what a count holds (`declare --invalid 99999999999999999999` was "unexpected error"),
digits of another script (Python's `int` took '٣٠٠٠' and '１２'), a results file's figure
past what the server's columns hold, an election or baseline named with an escape sequence
or a direction override, `init --db :memory:`, and a note that `history` printed raw.

Refusals as in tests/cli/conftest.py: one error line, nothing written.
"""

from __future__ import annotations

import csv
import json

import pytest
from helpers.cli import assert_one_error_line, refused, run
from helpers.cli_declarations import declare, sheet, snapshot, verify, votes
from helpers.locations import GE2024, NOTIONAL
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk.imports import import_results
from resultsdesk.store import Store
from resultsdesk.store import repository as repo

TOO_LARGE = "is more than 2,147,483,647, the largest figure a count may hold"

# --- counts on the command line ------------------------------------------------------------


def _usage_error(capsys, *argv) -> str:
    """argparse's refusal of an option's value: exit 2, its last line returned."""
    with pytest.raises(SystemExit) as info:
        run(capsys, *argv)
    out, err = capsys.readouterr()
    assert info.value.code == 2 and out == "" and "Traceback" not in err, err
    return err.splitlines()[-1]


@pytest.mark.parametrize(("option", "value", "words"), [
    ("--invalid", "99999999999999999999", f"'99999999999999999999' {TOO_LARGE}"),
    ("--electorate", "99999999999999999999", f"'99999999999999999999' {TOO_LARGE}"),
    ("--total", "99999999999999999999", f"'99999999999999999999' {TOO_LARGE}"),
    ("--electorate", "3,000,000,000", f"'3,000,000,000' {TOO_LARGE}"),
    ("--invalid", "2147483648", f"'2147483648' {TOO_LARGE}"),
    ("--total", "\u0663\u0660\u0660\u0660", "'\u0663\u0660\u0660\u0660' is not a whole number"),
    ("--invalid", "\uff11\uff12", "'\uff11\uff12' is not a whole number"),
    ("--electorate", "\u0967\u0968", "'\u0967\u0968' is not a whole number"),  # Devanagari
])
def test_a_count_option_is_read_as_the_form_reads_it(capsys, nominations_db, option, value,
                                                     words):
    before = snapshot(nominations_db)
    line = _usage_error(capsys, "declare", "--db", nominations_db, "--constituency", HENDON,
                        "--user", "alice", *votes(CLEAN), option, value)
    assert line.endswith(f"argument {option}: {words}"), line
    assert snapshot(nominations_db) == before


def test_verify_reads_its_counts_the_same_way(capsys, nominations_db):
    declare(capsys, nominations_db, "alice", CLEAN, "--invalid", "120")
    before = snapshot(nominations_db)
    line = _usage_error(capsys, "verify", "--db", nominations_db, "--constituency", HENDON,
                        "--user", "bob", *votes(CLEAN), "--invalid", "\u0661\u0662\u0660")
    assert line.endswith("argument --invalid: '\u0661\u0662\u0660' is not a whole number")
    assert snapshot(nominations_db) == before


def test_counts_with_thousands_separators_are_still_counts(capsys, nominations_db):
    code, _, err = declare(capsys, nominations_db, "alice", CLEAN, "--invalid", "1,020",
                           "--electorate", "74 865")
    assert (code, err) == (0, "")
    assert (sheet(nominations_db).latest.invalid_votes,
            sheet(nominations_db).latest.electorate) == (1020, 74_865)


@pytest.mark.parametrize(("value", "words"), [
    ("3000000000", f"'3000000000' for David Pinto-Duschinsky {TOO_LARGE}"),
    ("99999999999999999999", f"'99999999999999999999' for David Pinto-Duschinsky {TOO_LARGE}"),
    ("\u0661\u0668\u0660\u0660\u0660", "for David Pinto-Duschinsky is not a whole number"),
])
def test_a_vote_given_as_key_equals_count_is_read_the_same_way(capsys, nominations_db, value,
                                                               words):
    before = snapshot(nominations_db)
    args = [f"Lab={value}" if a == f"Lab={CLEAN[6]}" else a for a in votes(CLEAN)]
    result = run(capsys, "declare", "--db", nominations_db, "--constituency", HENDON,
                 "--user", "alice", *args, "--override", "high_turnout")
    assert_one_error_line(*result, words)
    assert snapshot(nominations_db) == before


def test_an_escape_sequence_in_a_count_option_is_shown_not_obeyed(capsys, nominations_db):
    """argparse quoted the value as typed: ESC[2J cleared the screen of whoever read it."""
    line = _usage_error(capsys, "declare", "--db", nominations_db, "--constituency", HENDON,
                        "--user", "alice", *votes(CLEAN), "--invalid", "1\x1b[2J")
    assert "\x1b" not in line and "'1\\x1b[2J' is not a whole number" in line


# --- figures past what a count holds, in a results file -------------------------------------


def _first_seat_rows() -> list[dict[str, str]]:
    with GE2024.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [r for r in rows if r["ONS ID"] == rows[0]["ONS ID"]]


def test_a_results_json_with_votes_too_large_names_file_row_and_field(capsys, nominations_db,
                                                                      tmp_path):
    """On a server the figure failed as 'integer out of range' (an unexpected error); on a
    file it was recorded, a figure no server could hold."""
    rows = [{k: int(v) if k == "Votes" else v for k, v in r.items()}
            for r in _first_seat_rows()]
    rows[1]["Votes"] = 3_000_000_000
    path = tmp_path / "big.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    before = nominations_db.read_bytes()
    result = run(capsys, "import", "results", path, "--db", nominations_db)
    refused(result, "big.json, row 2", "column 'Votes'",
            f"{rows[1]['Candidate first name']} {rows[1]['Candidate surname']}: "
            f"3,000,000,000 votes {TOO_LARGE}")
    assert nominations_db.read_bytes() == before


def test_a_results_csv_with_votes_too_large_names_file_row_and_field(nominations_db, tmp_path):
    rows = _first_seat_rows()
    rows[0]["Votes"] = "2147483648"
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with Store(nominations_db) as store, pytest.raises(Exception) as info:
        import_results(store, path)
    assert "big.csv, row 1 (line 2), column 'Votes'" in str(info.value)
    assert f"2,147,483,648 votes {TOO_LARGE}" in str(info.value)


def test_a_baseline_with_votes_too_large_names_file_row_and_field(capsys, nominations_db,
                                                                  tmp_path):
    lines = NOTIONAL.read_text(encoding="utf-8-sig").splitlines()
    header = next(csv.reader([lines[0]]))
    cells = next(csv.reader([lines[3]]))
    cells[header.index("Votes")] = "5000000000"
    path = tmp_path / "notional.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *csv.reader(lines[1:3]), cells,
                                  *csv.reader(lines[4:])])
    before = snapshot(nominations_db)
    result = run(capsys, "import", "baseline", path, "--db", nominations_db)
    refused(result, "notional.csv, row 3", "column 'Votes'", f"5,000,000,000 {TOO_LARGE}")
    assert snapshot(nominations_db) == before


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "words"), [
    ("GE 2029\x1b[2J", "a control character (U+001B)"),
    ("GE \u202e9202", "an invisible formatting character (U+202E)"),
    ("GE\u20662029", "an invisible formatting character (U+2066)"),
])
def test_init_refuses_a_name_with_a_control_character(capsys, tmp_path, name, words):
    db = tmp_path / "new.db"
    result = run(capsys, "init", "--db", db, "--name", name)
    line = refused(result, f"The election's name holds {words}")
    assert "\x1b" not in line and "\u202e" not in line
    assert list(tmp_path.iterdir()) == []


def test_init_refuses_memory_as_a_database(capsys, tmp_path, monkeypatch):
    """SQLite's ':memory:' made a database that vanished as the command ended, and init
    said 'Created :memory:'."""
    monkeypatch.chdir(tmp_path)
    result = run(capsys, "init", "--db", ":memory:", "--name", "GE 2029")
    refused(result, "':memory:' is SQLite's name for a database that lasts only while it is "
                    "open: give a file's path")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["Notional\x1b]0;pwned\x07", "Notional \u202e9102"])
def test_a_baseline_name_with_a_control_character_is_refused(capsys, nominations_db, name):
    before = snapshot(nominations_db)
    result = run(capsys, "import", "baseline", NOTIONAL, "--db", nominations_db,
                 "--name", name)
    refused(result, "The baseline's name holds")
    assert snapshot(nominations_db) == before
    with Store(nominations_db) as store:
        assert repo.baseline_name(store) != name


# --- history ---------------------------------------------------------------------------------

HOSTILE = "Lab high\x1b[2J\x1b[31m \u202eRED"
SHOWN = "Lab high\\u001b[2J\\u001b[31m \\u202eRED"


def test_history_shows_a_rejection_comment_and_a_reason_escaped(capsys, nominations_db):
    """The comment and the reason reached the terminal raw: ESC[2J cleared the screen of
    whoever read the history, U+202E turned the line around."""
    declare(capsys, nominations_db, "alice", CLEAN, "--invalid", "120")
    code, _, err = run(capsys, "reject", "--db", nominations_db, "--constituency", HENDON,
                       "--user", "bob", "--comment", HOSTILE)
    assert (code, err) == (0, "")
    declare(capsys, nominations_db, "alice", CLEAN, "--invalid", "120")
    verify(capsys, nominations_db, "bob", CLEAN, "--invalid", "120")
    code, _, err = run(capsys, "correct", "--db", nominations_db, "--constituency", HENDON,
                       "--user", "alice", *votes(CLEAN), "--invalid", "121",
                       "--reason", HOSTILE)
    assert (code, err) == (0, "")

    code, out, err = run(capsys, "history", "--db", nominations_db, "--constituency", HENDON)
    assert (code, err) == (0, "")
    assert "\x1b" not in out and "\u202e" not in out
    assert f"note: {SHOWN}" in out and f"reason: {SHOWN}" in out

    code, out, err = run(capsys, "history", "--db", nominations_db, "--constituency", HENDON,
                         "--json")
    assert (code, err) == (0, "")
    assert "\x1b" not in out and "\u202e" not in out
    versions = json.loads(out)["versions"]
    assert [v["note"] for v in versions if v["note"]] == [HOSTILE]  # the same JSON


def test_a_server_refuses_votes_too_large_as_a_file_does(pg_cluster, capsys, tmp_path):
    """A team desk's import failed at the server's `integer` column: 'unexpected error'."""
    server = pg_cluster.superuser_url("rd_cli_too_large")
    assert run(capsys, "init", "--db", server, "--name", "GE 2029")[0] == 0
    rows = [{k: int(v) if k == "Votes" else v for k, v in r.items()}
            for r in _first_seat_rows()]
    rows[0]["Votes"] = 2**31
    path = tmp_path / "big.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    result = run(capsys, "import", "results", path, "--db", server)
    refused(result, "big.json, row 1", "column 'Votes'", f"2,147,483,648 votes {TOO_LARGE}")
    code, out, _ = run(capsys, "summary", "--db", server, "--json")
    assert code == 0 and json.loads(out)["declared"] == 0
