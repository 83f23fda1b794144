"""A figure or a name changed by hand in sqlite3 into a value of a kind ResultsDesk never
writes (a candidate's votes made `'abc'`, a blob or 15855.5; an electorate made text; a
candidate's name a blob; a party's colour `'notacolour'`; a version's accepted warnings
`'{'`): SQLite's checks let each in (`CHECK (votes >= 0)` holds for text). Before, the app
stopped opening the file, and `summary`, `history` and `export` stopped, each with
"unexpected error: TypeError … a bug in ResultsDesk", the window never getting as far as
its red audit banner. Now a failure nothing explains is said as the damage of the file
the process opened, naming the value and the restore hint (looked for then, not on every
opening: a scan of every table); `audit --check` still reads it and names the entry.
"""
from __future__ import annotations

import sqlite3

import pytest
from helpers.cli import refused, run
from helpers.seats import CLEAN, HENDON
from helpers.tampering import by_hand, check

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.failures import judge
from resultsdesk.domain.errors import Cause
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.store.database import DamagedDatabase
from resultsdesk.store.odd_values import odd_value


def odd_value_in(path) -> str | None:
    conn = sqlite3.connect(path)
    try:
        return odd_value(conn)
    finally:
        conn.close()

_HENDON_VOTES = ("UPDATE declaration_votes SET votes = {} WHERE declaration_id = 1 AND "
                 "candidate_id = (SELECT min(candidate_id) FROM declaration_votes)")
CHANGES = {
    "votes made text": (_HENDON_VOTES.format("'abc'"), "declaration_votes.votes", "'abc'"),
    "votes made a blob": (_HENDON_VOTES.format("X'00ff'"), "declaration_votes.votes",
                          "X'00FF'"),
    "votes made a fraction": (_HENDON_VOTES.format("votes + 0.5"), "declaration_votes.votes",
                              ".5"),
    "rejected ballots made text": ("UPDATE declarations SET invalid_votes = 'x'",
                                   "declarations.invalid_votes", "'x'"),
    "electorate made text": ("UPDATE declarations SET electorate = 'x'",
                             "declarations.electorate", "'x'"),
    "a candidate's name made a blob": (
        "UPDATE candidates SET first_name = X'ff' WHERE id = (SELECT min(candidate_id) "
        "FROM declaration_votes)", "candidates.first_name", "X'FF'"),
    "warnings accepted made not JSON": ("UPDATE declarations SET overrides = '{'",
                                        "declarations.overrides", "'{'"),
    "warnings accepted made numbers": ("UPDATE declarations SET overrides = '[1]'",
                                       "declarations.overrides", "'[1]'"),
    "a candidate's name made bytes not UTF-8": (
        "UPDATE candidates SET surname = CAST(X'ff626f62' AS TEXT) WHERE id = (SELECT "
        "min(candidate_id) FROM declaration_votes)", "candidates", "not UTF-8"),
    "a party's colour made a word": ("UPDATE parties SET colour = 'notacolour' WHERE id = "
                                     "(SELECT min(id) FROM parties)", "parties.colour",
                                     "'notacolour'"),
}


def _verified_hendon(path) -> None:
    with Store(path) as store:
        dk.declare(store, HENDON, user="carol", figures=Figures(CLEAN, 1))
        dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=1)
    assert check(path).intact


@pytest.mark.parametrize("change", CHANGES)
def test_a_failure_after_opening_it_is_said_as_its_damage(nominations_db, change):
    statement, column, value = CHANGES[change]
    _verified_hendon(nominations_db)
    by_hand(nominations_db, statement).close()
    Store(nominations_db).close()  # opened as ever: nothing scanned on the way in
    failure = judge(TypeError("'<' not supported between instances of 'str' and 'int'"))
    assert failure.known and failure.cause is Cause.DAMAGED, failure
    said = failure.message
    assert column in said and value in said and "restore" in said, said
    assert str(nominations_db) in said, said
    assert not check(nominations_db).intact  # the check still reads it, and says so


def test_a_bug_is_still_a_bug_where_the_files_hold_nothing_odd(night_db):
    Store(night_db).close()  # the full 2024 night, every seat verified, a baseline
    assert odd_value_in(night_db) is None
    failure = judge(TypeError("a real bug"))
    assert not failure.known and "bug in ResultsDesk" in failure.message, failure


@pytest.mark.parametrize("command", [["summary"], ["history", "--constituency", HENDON],
                                     ["export", "results", "--out", "results.csv"]],
                         ids=["summary", "history", "export"])
@pytest.mark.parametrize("change", ["votes made text",
                                    "a candidate's name made bytes not UTF-8"])
def test_the_commands_that_read_it_say_so_in_one_line(capsys, nominations_db, tmp_path,
                                                      monkeypatch, command, change):
    monkeypatch.chdir(tmp_path)
    _verified_hendon(nominations_db)
    by_hand(nominations_db, CHANGES[change][0]).close()
    said = "writes" if change == "votes made text" else "not UTF-8"
    refused(run(capsys, *command, "--db", nominations_db), said, "audit --check", "restore")


def test_a_figure_changed_so_while_the_file_is_open_is_damage_not_a_bug(nominations_db):
    """The window's store stays open: the seat's next read (its change number moved, as
    any write to the seat moves it) met 'abc' and stopped the refresh with a TypeError
    every 1.5 s; said as damage, the window puts the refresh off (`refresh_if_changed`)."""
    from resultsdesk.store import live

    _verified_hendon(nominations_db)
    with Store(nominations_db) as store:
        live.seat_results(store, -1, verified_only=True)
        by_hand(nominations_db, CHANGES["votes made text"][0],
                "UPDATE change_counter SET seq = seq + 1",
                "UPDATE constituencies SET change_seq = (SELECT seq FROM change_counter) "
                f"WHERE code = '{HENDON}'").close()
        with pytest.raises(DamagedDatabase, match=HENDON):
            live.seat_results(store, -1, verified_only=True)


def test_a_file_closed_before_the_next_was_opened_takes_no_blame(nominations_db, night_db):
    """The window opened a file found damaged, then switched to another (File > Open):
    a bug met on the second was said to be the first file's damage, with "restore it",
    and never logged as a bug. A file counts while open, or when it was the last opened
    (a command judges its failure after closing its file)."""
    _verified_hendon(nominations_db)
    by_hand(nominations_db, CHANGES["votes made text"][0]).close()
    Store(nominations_db).close()  # opened, found damaged, closed: the window switched
    with Store(night_db):  # the file the window has open now, nothing odd in it
        failure = judge(TypeError("a real bug"))
        assert not failure.known and "bug in ResultsDesk" in failure.message, failure
        with Store(nominations_db):  # open again beside it (a rehearsal's, say): it counts
            assert judge(TypeError("'<' not supported")).cause is Cause.DAMAGED


def test_a_file_closed_just_after_the_next_was_opened_takes_no_blame(nominations_db,
                                                                     night_db):
    """File > Open opens the new file first and shuts the old one after (so a file that
    will not open leaves the window on the old): the damaged file, still open as the next
    one opened, was blamed for every bug met on the next one all the same."""
    _verified_hendon(nominations_db)
    by_hand(nominations_db, CHANGES["votes made text"][0]).close()
    old = Store(nominations_db)  # the window on the damaged file
    with Store(night_db):  # File > Open: the new file opened first...
        old.close()  # ...then the old one shut
        failure = judge(TypeError("a real bug"))
        assert not failure.known and "bug in ResultsDesk" in failure.message, failure


def test_a_table_changed_while_the_file_is_open_is_said_as_its_damage(nominations_db):
    """A column renamed (or a table dropped) in the sqlite3 shell while a window had the
    file open: opening refuses such a file, but the open window's next read stopped on
    "no such column: d.status" as a bug's error. Judged, it names what the file lacks."""
    with Store(nominations_db):
        by_hand(nominations_db,
                "ALTER TABLE declarations RENAME COLUMN status TO state").close()
        failure = judge(sqlite3.OperationalError("no such column: d.status"))
    assert failure.known and failure.cause is Cause.DAMAGED, failure
    assert failure.message.startswith(
        f"{nominations_db} is damaged (it has no column status of declarations and "
        ), failure.message
    assert "resultsdesk restore" in failure.message and "bug" not in failure.message


def test_a_file_upgraded_by_a_newer_resultsdesk_while_open_is_not_called_damaged(
        nominations_db):
    """A newer ResultsDesk on another PC opened the shared file and upgraded it (its
    migrations changed the schema) while this one had it open: this one's next read failed
    on what the upgrade changed, and was said as damage, "Restore it from a backup", which
    would throw away the upgrade and every entry made since. It is said as opening says a
    newer file."""
    from resultsdesk.store.schema_version import SCHEMA_VERSION

    with Store(nominations_db):
        by_hand(nominations_db,
                "ALTER TABLE declarations RENAME COLUMN status TO state",
                f"PRAGMA user_version = {SCHEMA_VERSION + 1}").close()
        failure = judge(sqlite3.OperationalError("no such column: d.status"))
    assert failure.known and failure.cause is Cause.WRONG_KIND, failure
    assert "newer ResultsDesk" in failure.message and "Upgrade ResultsDesk" in failure.message
    assert "damaged" not in failure.message and "restore" not in failure.message
