"""The declaration commands' refusals, run in-process as a desk would type them: bad figures,
unknown or ambiguous keys, a missing database, another person's pending entry.

Refusals and `team` as in tests/cli/conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli import assert_one_error_line, run, run_as
from helpers.cli_declarations import sheet, snapshot, votes
from helpers.desk_state import snapshot as snapshot_of
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import BEACONSFIELD, CLEAN, HENDON, TIED
from helpers.seats import HENDON_2024 as REAL

from resultsdesk.cli import main
from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store

# --- refusals: one line, nothing written -------------------------------------------------


def _without(key: str) -> list[str]:
    return [a for pair in zip(votes()[::2], votes()[1::2], strict=True)
            if not pair[1].startswith(f"{key}=") for a in pair]


def _replace(key: str, value: str) -> list[str]:
    return [f"{key}={value}" if a.startswith(f"{key}=") else a for a in votes()]


BAD_FIGURES = [
    pytest.param(HENDON, _replace("Lab", "12a"), "'12a' for David Pinto-Duschinsky is not a "
                 "whole number", id="letters"),
    pytest.param(HENDON, _replace("Lab", "-5"), "'-5' for David Pinto-Duschinsky is below "
                 "zero: a count is 0 or more", id="negative"),
    pytest.param(HENDON, _replace("Lab", "1.5"), "'1.5' for David Pinto-Duschinsky is not a "
                 "whole number", id="decimal"),
    pytest.param(HENDON, _replace("Lab", ""), "is not a whole number", id="empty"),
    pytest.param(HENDON, [*votes(), "--vote", "Lab=18000"], "David Pinto-Duschinsky is given "
                 "twice", id="duplicate-key"),
    pytest.param(HENDON, [*_without("Lab"), "--vote", "David Pinto-Duschinsky=1",
                          "--vote", "lab=2"], "given twice", id="duplicate-by-name-and-party"),
    pytest.param(HENDON, _without("REU"), "No votes given for Ben Rend in Hendon",
                 id="missing-candidate"),
    pytest.param(HENDON, [*votes(), "--vote", "Nobody=5"], "'Nobody' is not a candidate in "
                 "Hendon", id="unknown-candidate"),
    pytest.param("E14999999", votes(), "No constituency 'E14999999'",
                 id="unknown-constituency"),
    pytest.param(BEACONSFIELD,
                 ["--vote", "Ind=710", "--vote", "Cole Caesar=104", "--vote", "LD=13039",
                  "--vote", "RUK=6055", "--vote", "SDP=131", "--vote", "Con=18494",
                  "--vote", "Lab=7216", "--vote", "Green=1977"],
                 "'Ind' stands for 2 candidates in Beaconsfield (Pippa Allen, Cole Caesar)",
                 id="ambiguous-party"),
]


@pytest.mark.parametrize(("seat", "vote_args", "message"), BAD_FIGURES)
def test_bad_declare_input_is_one_error_line_and_writes_nothing(capsys, nominations_db, seat,
                                                                vote_args, message):
    before = snapshot(nominations_db)
    result = run(capsys, "declare", "--db", nominations_db, "--constituency", seat,
                 "--user", "alice", *vote_args, "--invalid", "10")
    assert_one_error_line(*result, message)
    assert snapshot(nominations_db) == before


@pytest.mark.parametrize(("seat", "vote_args", "message"), BAD_FIGURES)
def test_bad_verify_input_is_one_error_line_and_writes_nothing(capsys, nominations_db, seat,
                                                               vote_args, message):
    for code in (HENDON, BEACONSFIELD):
        with Store(nominations_db) as store:
            n = len(dk.load_sheet(store, code).candidates)
            dk.declare(store, code, user="alice",
                       figures=Figures([1000 * (i + 1) for i in range(n)], 10))
    before = snapshot(nominations_db)
    result = run(capsys, "verify", "--db", nominations_db, "--constituency", seat,
                 "--user", "bob", *vote_args, "--invalid", "10")
    assert_one_error_line(*result, message)
    assert snapshot(nominations_db) == before


def test_the_full_name_settles_an_ambiguous_party(capsys, nominations_db):
    args = ["--vote", "Pippa Allen=710", "--vote", "Cole Caesar=104", "--vote", "LD=13039",
            "--vote", "RUK=6055", "--vote", "SDP=131", "--vote", "Con=18494",
            "--vote", "Lab=7216", "--vote", "Green=1977"]
    code, out, _ = run(capsys, "declare", "--db", nominations_db, "--constituency",
                       "Beaconsfield", "--user", "alice", *args, "--invalid", "100")
    assert code == 0 and "Beaconsfield: version 1" in out
    s = sheet(nominations_db, BEACONSFIELD)
    assert dict(zip((c.name for c in s.candidates), s.latest.votes, strict=True)) == {
        "Pippa Allen": 710, "Cole Caesar": 104, "Anna Crabtree": 13039, "John Halsall": 6055,
        "Catherine Harker": 131, "Joy Morrissey": 18494, "Matthew Patterson": 7216,
        "Dominick Pegram": 1977}


def test_a_missing_database_is_one_error_line(capsys, tmp_path):
    result = run(capsys, "history", "--db", tmp_path / "none.db", "--constituency", HENDON)
    assert_one_error_line(*result, "No database at")
    assert not (tmp_path / "none.db").exists()


def test_declare_over_someone_elses_pending_entry_is_refused(team, capsys, monkeypatch):
    """The CLI used to replace another user's pending entry silently (it never passed the
    version it saw); the desk rule now refuses it wherever the declaration comes from, and
    on a server the server refuses it too."""
    t = team

    def as_(short, *args):
        return run_as(capsys, monkeypatch, t, short, *args, "--constituency", HENDON)

    assert as_("alice", "declare", *votes(CLEAN))[0] == 0
    before = snapshot_of(t.eve)
    code, out, err = as_("bob", "declare", *votes(TIED), "--override", "tie")
    assert_one_error_line(code, out, err, f"{t.name('alice')} entered version 1 of Hendon",
                          "reject it")
    assert snapshot_of(t.eve) == before
    # The author may still replace their own entry before anyone verifies it.
    assert as_("alice", "declare", *votes(REAL), "--override", "recount_range")[0] == 0
    assert dk.load_sheet(t.eve, HENDON).pending.votes == REAL


def test_one_graphic_into_a_folder_says_it_is_a_folder(capsys, night_db, tmp_path):
    """`--out` an existing folder for one graphic said "the file has no extension"."""
    folder = tmp_path / "graphics"
    folder.mkdir()
    result = run(capsys, "export", "seats", "--db", night_db, "--out", folder)
    assert_one_error_line(*result, f"{folder} is a folder: name the file to write")
    assert list(folder.iterdir()) == []


def test_init_refuses_a_device_before_sqlite_opens_it(tmp_path, capsys):
    """`init --db /dev/null` passed as an empty file: SQLite wrote a journal beside it (in
    /dev, as root) and the command blamed the disk."""
    assert main(["init", "--db", "/dev/null", "--name", "X"]) != 0
    err = capsys.readouterr().err
    assert err == ("resultsdesk: error: /dev/null is not a regular file (a device, pipe or "
                   "socket); give the name of a file to write\n")
    assert not Path("/dev/null-journal").exists()


@pytest.mark.parametrize("typed", ["postgresql:", "postgresql:/dbhost/ge2024",
                                   "POSTGRES:dbhost/ge2024", "postgresql+psycopg://dbhost/ge"])
@pytest.mark.parametrize("command", [["init", "--name", "X"], ["summary"], []])
def test_a_mistyped_server_url_is_refused_not_made_a_file(tmp_path, monkeypatch, capsys,
                                                           typed, command):
    """`init --db postgresql:/dbhost/ge2024` (one slash) said "Created postgresql: for 'X'":
    a new SQLite file in the current folder, where a desk member's entries would never
    reach the team's server."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        main([*command[:1], "--db", typed, *command[1:]])
    assert stopped.value.code == 2
    err = capsys.readouterr().err.splitlines()[-1]
    assert err.endswith(f"error: argument --db: '{typed}' is not a server URL: a team "
                        "desk's server is postgresql://[USER@]HOST[:PORT]/DBNAME")
    assert list(tmp_path.iterdir()) == []


def test_a_mistyped_server_url_is_not_echoed_with_its_password(capsys):
    with pytest.raises(SystemExit):
        main(["summary", "--db", "postgresql:/desk:s3cret@dbhost/ge2024"])
    err = capsys.readouterr().err
    assert "s3cret" not in err and "argument --db: is not a server URL" in err


def test_an_empty_db_is_refused_not_taken_as_the_current_folder(tmp_path, monkeypatch,
                                                                  capsys):
    """`--db ''` was the current folder: ". is a folder; give a file name inside it"."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit):
        main(["init", "--db", "", "--name", "X"])
    assert capsys.readouterr().err.splitlines()[-1].endswith(
        "argument --db: is empty: give a database file (such as election.db) or a team "
        "desk's server, postgresql://[USER@]HOST[:PORT]/DBNAME")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [
    ["summary", "--db", "night\0.db"],
    ["export", "results", "--db", "night.db", "--out", "results\0.csv"],
    ["backup", "--db", "night.db", "--out", "night\0-copy.db"],
])
def test_a_path_with_a_nul_in_it_is_refused_naming_it(command, capsys, tmp_path,
                                                      monkeypatch):
    """A NUL in a path (not from a shell, but from whatever calls `main` with a list):
    "ValueError: embedded null byte. This is a bug in ResultsDesk", or "No database at
    night\\x00.db. Create one". Refused naming the path, as no file can be named so."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        main(command)
    assert stopped.value.code == 2
    err = capsys.readouterr().err.splitlines()[-1]
    named = next(a for a in command if "\0" in a).replace("\0", "\\0")
    assert err.endswith(f"{named}: a file's name cannot hold a NUL character (\\0); type "
                        "the path again."), err


def test_a_nul_in_a_path_met_anywhere_is_said_so_not_called_a_bug():
    from resultsdesk.desk.failures import judge

    try:
        open("card\0.png", "w")  # noqa: SIM115 - it raises before anything is opened
    except ValueError as exc:
        failure = judge(exc)
    assert failure.known and "NUL character" in failure.message
