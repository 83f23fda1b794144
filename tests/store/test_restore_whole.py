"""A restore never loses a write and never takes a backup it cannot run (found by an
attack on the command line in the twenty-sixth session):

- a desk's save that landed between the copy a restore keeps of the current contents and
  its copy of the backup over them was acknowledged, and then in neither file;
- a backup that passed `integrity_check` but that this app cannot run (a trigger gone, a
  schema version it cannot migrate from) replaced the database, and the restore then
  said "nothing was changed"."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest

from resultsdesk.cli import main
from resultsdesk.store import Store, StoreError
from resultsdesk.store import backup as backups


def _has_marker(path) -> bool:
    conn = sqlite3.connect(path)
    try:
        return bool(conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'marker'"
                                 ).fetchone()[0])
    finally:
        conn.close()


def test_a_desk_writing_during_a_restore_loses_nothing(night_db, tmp_path, monkeypatch):
    copy = tmp_path / "copy.db"
    with Store(night_db) as store:
        backups.backup(store, copy)
    desk = sqlite3.connect(night_db, timeout=0, isolation_level=None)  # another desk, open
    tried: list[bool] = []
    real = backups._change_seq

    def a_desk_saves_meanwhile(path):
        # what a desk does at this moment of the restore: save (at once, or refused)
        try:
            desk.execute("CREATE TABLE marker (x)")
            tried.append(True)  # acknowledged: it must be in one of the two files
        except sqlite3.OperationalError as exc:
            assert "locked" in str(exc)
            tried.append(False)
        return real(path)

    monkeypatch.setattr(backups, "_change_seq", a_desk_saves_meanwhile)
    safety = backups.restore(copy, night_db)
    desk.close()
    assert tried == [False]  # held off while the current contents were kept
    assert not _has_marker(safety) and not _has_marker(night_db)
    # and a save after the restore goes into the restored database as usual
    with sqlite3.connect(night_db) as after:
        after.execute("CREATE TABLE marker (x)")
    assert _has_marker(night_db)


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("damage", ["DROP TRIGGER audit_log_no_update",
                                    "PRAGMA user_version = 3"])
def test_a_backup_this_app_cannot_run_changes_nothing(night_db, tmp_path, damage, capsys):
    bad = tmp_path / "bad.db"
    with Store(night_db) as store:
        backups.backup(store, bad)
    with sqlite3.connect(bad) as conn:
        conn.execute(damage)
    before = _digest(night_db)
    with pytest.raises(StoreError, match="cannot be restored"):
        backups.restore(bad, night_db)
    assert _digest(night_db) == before
    assert not list(tmp_path.glob("*before-restore*")) and not list(tmp_path.glob(".*.tmp*"))
    assert main(["restore", str(bad), "--db", str(night_db)]) != 0
    err = capsys.readouterr().err
    assert "cannot be restored" in err and "nothing was changed" in err
    assert "Traceback" not in err and err.count("\n") == 1
    # the advice said once, of the backup: not "Restore it from a backup" nested inside
    assert err.count("nothing was changed") == 1 and "Restore it from a backup" not in err
    assert _digest(night_db) == before
    with Store(night_db):  # still opens
        pass
    shutil.copyfile(night_db, tmp_path / "still.db")


def test_interrupted_once_the_copy_is_in_it_says_so(night_db, tmp_path, monkeypatch, capsys):
    """Ctrl+C after the backup's pages were copied in, as the change numbers were being
    set: "nothing half-written was kept" was said of a database already replaced."""
    copy = tmp_path / "copy.db"
    with Store(night_db) as store:
        backups.backup(store, copy)

    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(backups, "_continue_changes", interrupted)
    assert main(["restore", str(copy), "--db", str(night_db)]) == 130
    assert "interrupted after saving" in capsys.readouterr().err


def test_a_full_disk_before_anything_is_copied_in_says_nothing_was_restored(
        night_db, tmp_path, monkeypatch):
    copy = tmp_path / "copy.db"
    with Store(night_db) as store:
        backups.backup(store, copy)
    before = _digest(night_db)

    def full(*_args, **_kwargs):
        exc = sqlite3.OperationalError("database or disk is full")
        exc.sqlite_errorcode = sqlite3.SQLITE_FULL
        exc.sqlite_errorname = "SQLITE_FULL"
        raise exc

    monkeypatch.setattr(backups, "copy_pages", full)
    with pytest.raises(StoreError, match=r"^Nothing was restored into .*: the backup could "
                                         r"not be copied beside it first \(.*full"):
        backups.restore(copy, night_db)
    assert _digest(night_db) == before
    assert not list(tmp_path.glob(".*.tmp*")) and not list(tmp_path.glob("*before-restore*"))
