"""Online backups with SQLite's backup API: consistent copies while desks keep writing."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from .database import DamagedDatabase, Store, StoreError

PAGES_PER_STEP = 1024  # copy in slices so writers are never held up for long


def _copy(source: sqlite3.Connection, target_path: Path) -> None:
    target = sqlite3.connect(target_path)
    try:
        source.backup(target, pages=PAGES_PER_STEP)
        target.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
    finally:
        target.close()


def backup_to(conn: sqlite3.Connection, out: str | Path) -> Path:
    """Write a consistent copy of the open database to `out`, atomically (temp, then rename)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        _copy(conn, Path(tmp))
        os.replace(tmp, out)
    except sqlite3.Error as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StoreError(f"Backup to {out} failed: {exc}.") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def backup(store: Store, out: str | Path) -> Path:
    return backup_to(store.conn, out)


def timestamped_backup(store: Store, folder: str | Path, reason: str, keep: int) -> Path:
    """A backup named after the database, the time and why; only the newest `keep` stay."""
    folder = Path(folder)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    out = backup(store, folder / f"{store.path.stem}-{stamp}-{reason}.db")
    prune(folder, store.path.stem, keep)
    return out


def prune(folder: Path, stem: str, keep: int) -> list[Path]:
    backups = sorted(folder.glob(f"{stem}-*.db"))
    doomed = backups[:-keep] if keep > 0 else []
    for old in doomed:
        old.unlink(missing_ok=True)
    return doomed


def check_backup(path: Path) -> None:
    """Refuse anything but an intact ResultsDesk database this app can read, without
    changing it (read-only: an older backup is migrated only after it is restored)."""
    from .schema import APPLICATION_ID, SCHEMA_VERSION

    if not path.exists():
        raise StoreError(f"No backup at {path}.")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise StoreError(f"{path} is not a ResultsDesk backup (not a readable SQLite "
                         "file).") from None
    if app_id != APPLICATION_ID:
        raise StoreError(f"{path} is not a ResultsDesk backup.")
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path} was written by a newer ResultsDesk; upgrade to restore it.")
    if check != "ok":
        raise StoreError(f"{path} is damaged ({check}); choose another backup.")


def restore(backup_path: str | Path, db_path: str | Path) -> Path | None:
    """Replace the database's contents with a backup's. The current contents are first
    saved beside it (returned), so a restore can itself be undone."""
    backup_path, db_path = Path(backup_path), Path(db_path)
    check_backup(backup_path)
    safety = None
    if db_path.exists():
        safety = db_path.with_name(
            f"{db_path.stem}-before-restore-{datetime.now():%Y%m%d-%H%M%S}.db")
        try:
            with Store(db_path) as current:
                safety = backup(current, safety)
        except DamagedDatabase:  # what restores are for: keep its bytes as they are
            for suffix in ("", "-wal"):
                if Path(f"{db_path}{suffix}").exists():
                    shutil.copyfile(f"{db_path}{suffix}", f"{safety}{suffix}")
    source = sqlite3.connect(f"file:{backup_path}?mode=ro", uri=True)
    target = sqlite3.connect(db_path, timeout=10)
    try:
        source.backup(target, pages=PAGES_PER_STEP)
    except sqlite3.Error as exc:
        raise StoreError(f"Restore into {db_path} failed: {exc}.") from None
    finally:
        target.close()
        source.close()
    Store(db_path).close()  # brings an older backup up to the current schema
    return safety
