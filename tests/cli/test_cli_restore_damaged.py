"""`resultsdesk restore` where it is most needed and where it cannot write: over a database cut
short (a copy that ran out of disk, a file truncated by a sync tool), which every command
calls damaged and tells to "Restore it from a backup ('resultsdesk restore')", and over a
read-only file. SQLite's page copy cannot go into either; its error was taken for a copy
"done in one step" (`online_copy.copy_pages`) and said as "unexpected error: InternalError:
copy_pages: once_locked after the copy was done. This is a bug in ResultsDesk"."""

from __future__ import annotations

import os
import stat

import pytest
from helpers import dbcheck
from helpers.cli import assert_one_error_line, run

from resultsdesk.store.backup import backup
from resultsdesk.store.database import Store


@pytest.fixture
def good_copy(night_db, tmp_path):
    copy = tmp_path / "good.db"
    with Store(night_db) as store:
        backup(store, copy)
    return copy


@pytest.mark.parametrize("size", [
    pytest.param(5000, id="cut-in-its-first-pages"),
    pytest.param(None, id="cut-in-half"),
])
def test_a_backup_restored_over_a_database_cut_short(capsys, night_db, good_copy, size):
    """Restored, its damaged bytes kept beside it first (as a bad page in the middle of the
    file was already); the restored night passes `audit --check`; the file keeps its
    permissions."""
    whole = night_db.read_bytes()
    size = size or len(whole) // 2 // 4096 * 4096
    os.truncate(night_db, size)
    os.chmod(night_db, 0o640)
    damaged = dbcheck.digest(night_db)
    code, out, err = run(capsys, "summary", "--db", night_db)
    assert code == 1 and "Restore it from a backup ('resultsdesk restore')" in err

    code, out, err = run(capsys, "restore", good_copy, "--db", night_db)
    assert (code, err) == (0, ""), (code, out, err)
    kept = list(night_db.parent.glob(f"{night_db.stem}-before-restore-*.db"))
    assert len(kept) == 1 and dbcheck.digest(kept[0]) == damaged
    assert stat.S_IMODE(night_db.stat().st_mode) == 0o640
    code, out, err = run(capsys, "audit", "--db", night_db, "--check")
    assert (code, err) == (0, ""), (code, out, err)
    code, out, err = run(capsys, "summary", "--db", night_db, "--json")
    assert code == 0 and '"declared": 650' in out


def test_a_restore_into_a_read_only_database_is_one_line(capsys, night_db, good_copy,
                                                       monkeypatch):
    """A database file the user may not write (as root, the permission bits do not stop
    a write: SQLite is told to open it read-only, as it does for such a file)."""
    import sqlite3

    from resultsdesk.store import backup as backups

    real_connect = sqlite3.connect

    def read_only_target(database, *args, **kwargs):
        if str(database) == str(night_db):
            return real_connect(f"file:{database}?mode=ro", *args, uri=True, **kwargs)
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(backups.sqlite3, "connect", read_only_target)
    before = dbcheck.digest(night_db)
    result = run(capsys, "restore", good_copy, "--db", night_db)
    assert_one_error_line(*result, f"Restore into {night_db} failed", "read-only")
    assert dbcheck.digest(night_db) == before
    assert not list(night_db.parent.glob("*-before-restore-*"))
