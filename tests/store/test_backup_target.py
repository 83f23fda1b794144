"""`backup --out` replaces only an earlier backup of the same database. With `--db` and
`--out` swapped at 3 a.m. (or `--out` naming another desk's open file) it wrote an older copy
over the live night, renaming it in beside the target's `-wal`: the night's figures gone and
the open file corrupted. Now whatever stands at `--out` must be an earlier copy of this
database (its newest audit entry still in this one's log) with no journal beside it; anything
else is one refusal line, exit 1, nothing written. A script that writes `copy.db` every ten
minutes from the same live night keeps working."""

from __future__ import annotations

import shutil

import pytest
from helpers import dbcheck
from helpers.cli import assert_one_error_line, run

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import session
from resultsdesk.domain.errors import Cause
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store, StoreError


def _night_goes_on(db) -> None:
    """Hendon corrected and verified: new audit entries, as on any ten minutes of a night."""
    with Store(db) as store:
        sheet = dk.load_sheet(store, "Hendon")
        dk.correct(store, "Hendon", user="ed",
                   figures=Figures([v + 50 for v in sheet.verified.votes],
                                   sheet.verified.invalid_votes),
                   reason="test", overrides=["recount_range"])
        dk.verify(store, "Hendon", user="vera", votes=None)


def _newest_audit_id(db) -> int:
    return dbcheck.counts(db)["max audit id"]


def test_a_copy_every_ten_minutes_replaces_its_own_earlier_copy(capsys, night_db, tmp_path):
    copy = tmp_path / "copy.db"
    assert run(capsys, "backup", "--db", night_db, "--out", copy)[0] == 0
    assert run(capsys, "backup", "--db", night_db, "--out", copy)[0] == 0  # nothing new
    _night_goes_on(night_db)
    code, _, err = run(capsys, "backup", "--db", night_db, "--out", copy)
    assert (code, err) == (0, ""), err
    assert _newest_audit_id(copy) == _newest_audit_id(night_db)


def test_swapped_paths_never_write_an_older_copy_over_the_open_night(capsys, night_db,
                                                                     tmp_path):
    copy = tmp_path / "copy.db"
    assert run(capsys, "backup", "--db", night_db, "--out", copy)[0] == 0
    _night_goes_on(night_db)
    with Store(night_db) as desk:  # a desk has the night open: its -wal is beside it
        assert (tmp_path / f"{night_db.name}-wal").exists()
        before = dbcheck.counts(night_db)
        result = run(capsys, "backup", "--db", copy, "--out", night_db)
        assert_one_error_line(*result, f"{night_db} is not an earlier backup of this "
                              "database", f"{night_db.name}-wal is beside it",
                              "nothing was written")
        assert desk.scalar("SELECT count(*) FROM declarations") == before["declarations"]
    assert dbcheck.counts(night_db) == before and dbcheck.integrity(night_db) == "ok"


def test_swapped_paths_with_the_night_closed_are_refused_by_its_audit_log(capsys, night_db,
                                                                         tmp_path):
    """No desk has the night open (no -wal): its newest audit entry is newer than anything
    in the older copy, so the copy is not its backup's source."""
    copy = tmp_path / "copy.db"
    assert run(capsys, "backup", "--db", night_db, "--out", copy)[0] == 0
    _night_goes_on(night_db)
    assert not (tmp_path / f"{night_db.name}-wal").exists()
    before = dbcheck.digest(night_db)
    result = run(capsys, "backup", "--db", copy, "--out", night_db)
    assert_one_error_line(*result, f"{night_db} is not an earlier backup of this database",
                          f"is not in {copy.name}'s log")
    assert dbcheck.digest(night_db) == before


def test_another_elections_database_is_never_replaced(capsys, night_db, nominations_db):
    before = dbcheck.digest(nominations_db)
    result = run(capsys, "backup", "--db", night_db, "--out", nominations_db)
    assert_one_error_line(*result, f"{nominations_db} is not an earlier backup",
                          "it is another database")
    assert dbcheck.digest(nominations_db) == before


@pytest.mark.parametrize(("contents", "why"), [
    (b"Constituency,Votes\n" * 200, "cannot be read as a ResultsDesk database"),
    (b"", "not a ResultsDesk database"),
], ids=["csv", "empty"])
def test_a_file_that_is_no_database_of_ours_is_refused(capsys, night_db, tmp_path,
                                                       contents, why):
    out = tmp_path / "results.csv"
    out.write_bytes(contents)
    assert_one_error_line(*run(capsys, "backup", "--db", night_db, "--out", out), why)
    assert out.read_bytes() == contents
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([night_db.name, out.name])


@pytest.mark.parametrize("suffix", ["-wal", "-journal"])
def test_an_earlier_copy_with_a_journal_beside_it_is_in_use_and_refused(
        capsys, night_db, tmp_path, suffix):
    """Even this database's own earlier copy, when something has it open (or left it
    unfinished): the copy renamed in would meet that journal."""
    copy = tmp_path / "copy.db"
    assert run(capsys, "backup", "--db", night_db, "--out", copy)[0] == 0
    journal = tmp_path / f"copy.db{suffix}"
    journal.write_bytes(b"someone else's")
    before = dbcheck.digest(copy)
    assert_one_error_line(*run(capsys, "backup", "--db", night_db, "--out", copy),
                          f"copy.db{suffix} is beside it")
    assert dbcheck.digest(copy) == before and journal.read_bytes() == b"someone else's"


def test_the_windows_backups_and_the_command_line_share_the_rule(night_db, nominations_db,
                                                                 tmp_path):
    """The window's backups and the command line's both go through `session.backup`'s
    store function: the rule holds for a desk handle as it does for the command."""
    other = tmp_path / "other.db"
    shutil.copyfile(nominations_db, other)
    before = dbcheck.digest(other)
    with session.open_desk(night_db) as desk:
        with pytest.raises(StoreError) as info:
            session.backup(desk, other)
        assert info.value.cause is Cause.REFUSED
        earlier = session.backup(desk, tmp_path / "earlier.db")
        assert session.backup(desk, earlier) == earlier  # its own copy: replaced
    assert dbcheck.digest(other) == before


def test_a_shared_file_replaced_keeps_its_permissions(capsys, night_db, tmp_path):
    """Swapped with nothing written since the copy (the same log: nothing lost), the night's
    file was replaced by a copy readable by one user only, and the other desks sharing it
    could no longer open it. A file replaced keeps its mode; a new backup is private."""
    copy = tmp_path / "copy.db"
    assert run(capsys, "backup", "--db", night_db, "--out", copy)[0] == 0
    assert copy.stat().st_mode & 0o777 == 0o600  # a new backup: this user's alone
    night_db.chmod(0o664)  # the night's file, shared by the desks' group
    assert run(capsys, "backup", "--db", copy, "--out", night_db)[0] == 0
    assert night_db.stat().st_mode & 0o777 == 0o664
