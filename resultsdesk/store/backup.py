"""Online backups with SQLite's backup API: consistent copies while desks keep writing."""

from __future__ import annotations

import contextlib
import glob
import hashlib
import itertools
import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from ..domain.errors import Cause, FileProblem
from ..files import PRIVATE, atomic_output, clear_left_behind, os_error_message, temp_beside
from ..paths import path_text
from ..sqlite_files import ROLLBACK_JOURNAL, WAL
from . import commits
from .audit_chain import head as chain_head
from .backup_check import check_backup, read_only_uri
from .backup_prune import newest_entry, prune
from .database import DamagedDatabase, Store, StoreError
from .errors import dangling_link, explain
from .network_shares import refuse_network_place
from .online_copy import (
    DATABASE_FILES,
    backup_to,
    copy_pages,
    place_new,
    refuse_same_file,
    replace_damaged,
)
from .settings import busy_timeout_ms

log = logging.getLogger(__name__)

# The restore's audit entry, and who it names when nobody signed in (an open desk's file,
# or one too damaged to say who may restore it).
RESTORED = "restore from backup"
RESTORE_USER = "restore"
ACCOUNTS_KEPT, ACCOUNTS_NOT_KEPT = "accounts_kept", "accounts_not_kept"
# What keeps the replaced database's accounts in the restored one (`desk.restore_accounts`):
# given the restored store (in its write), the copy kept of the replaced contents and who
# restored, it returns how many it kept, why it kept none (the backup's came in), or None
# (that database had none, an open desk).
KeepAccounts = Callable[[Store, Path, str], "int | str | None"]


def backup(store: Store, out: str | Path) -> Path:
    """A consistent copy of the open database at `out`: a new file, or in place of an
    earlier backup of this same database (`refuse_losing_a_database`), never of another."""
    refuse_same_file(store.path, Path(out), "backup")
    refuse_losing_a_database(store, out)
    return backup_to(store._conn, out, source=store.path)


# Beside a database, a file that says it is in use (or was not closed cleanly): the copy
# renamed into place would meet another program's journal, which SQLite then applies to it.
# (The WAL's index alone says neither.)
_IN_USE = (WAL, ROLLBACK_JOURNAL)


def refuse_losing_a_database(store: Store, out: str | Path) -> None:
    """Refuse a backup whose `out` would replace anything but an earlier backup of the
    database in `store`: `--db` and `--out` swapped at 3 a.m. wrote an older copy over the
    live night, or over another desk's open file (renamed in beside its `-wal`, corrupting
    it). An existing file at `out` may be replaced only when its newest audit entry is in
    this database's log (entries are append-only and chained, so an earlier copy's newest
    entry is still here, id and hash alike), and never with a `-wal` or `-journal` beside
    it. A file that is not a ResultsDesk database, or cannot be read, is refused too: a
    copy script writing `copy.db` every ten minutes meets only its own earlier copy."""
    out = Path(out)
    for suffix in _IN_USE:
        if os.path.lexists(f"{out}{suffix}"):
            raise _would_lose(out, f"{out.name}{suffix} is beside it (a database in use, or "
                              "one not closed cleanly)")
    if not out.is_file():
        return  # nothing there to lose (a folder or a device: `backup_to` refuses those)
    head = newest_entry(out)
    if isinstance(head, str):
        raise _would_lose(out, head)
    entry_id, entry_hash = head
    if not store.scalar("SELECT count(*) FROM audit_log WHERE id = ? AND hash = ?",
                        (entry_id, entry_hash)):
        raise _would_lose(out, f"it is another database (its newest audit entry, {entry_id}, "
                          f"is not in {store.path.name}'s log), or a newer copy")


def _would_lose(out: Path, why: str) -> StoreError:
    return StoreError(f"{out} is not an earlier backup of this database: {why}; nothing was "
                      "written, choose another file for the backup.", cause=Cause.REFUSED)



def backup_name(db_path: Path) -> str:
    """What a database's backups in the shared folder are named after: its file's stem and
    a tag of its whole location, so that two elections never prune each other's backups
    (night.db's were pruned with night-2024.db's, whose names begin the same; election.db
    in two folders shared one set)."""
    where = str(Path(db_path).resolve()).encode("utf-8", "surrogatepass")
    return f"{db_path.stem}-{hashlib.sha256(where).hexdigest()[:8]}"


def timestamped_backup(store: Store, folder: str | Path, reason: str, keep: int) -> Path:
    """A backup named after the database, the time and why; only the newest `keep` stay."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error_message(folder / "backup.db", exc) from None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    name = backup_name(store.path)
    out = backup(store, folder / f"{name}-{stamp}-{reason}.db")
    prune(folder, name, keep, newest=out, of=store)
    clear_left_behind_beside(store.path)
    return out


def prune_backups(store: Store, folder: str | Path, keep: int) -> list[Path]:
    """The backups of `store`'s database in `folder` beyond the newest `keep` removed now,
    as the next backup would remove them: a desk lowering Keep on a full disk freed
    nothing, as no backup could be made to prune after. Returns what was removed."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return prune(folder, backup_name(store.path), keep, of=store)


def clear_left_behind_beside(db_path: Path) -> list[Path]:
    """Remove what restores and builds killed part-way left beside the database, hidden
    and as big as it, once an hour old (`files.clear_left_behind`): the backup a restore
    copies beside it, the contents it keeps first (`_safety_name`) and their SQLite files,
    a database built in that folder, and the copy an upgrade keeps first (`Store._migrate`,
    its name timed like a restore's: never written again). Run by every timestamped backup
    (each few minutes while a desk is open) and restore: nothing else wrote beside it again."""
    kept = rf"{re.escape(db_path.stem)}(?:{_BEFORE_RESTORE}|-before-schema-\d+-)" \
        rf"\d{{8}}-\d{{6}}(?:-\d+)?\.db(?:{WAL}|{ROLLBACK_JOURNAL})?"
    # A backup's copy upgraded beside the database keeps itself as it was, named after the
    # copy (`_brought_up_to_date`): a restore killed after the upgrade left that whole copy.
    upgraded = rf"{re.escape(db_path.name)}\.[0-9a-f]{{8}}-before-schema-\d+-\d{{8}}-" \
        rf"\d{{6}}(?:-\d+)?\.db"
    return clear_left_behind(db_path.parent, f"{re.escape(db_path.name)}|{kept}", builds=True,
                             hidden=rf"{upgraded}|\.{upgraded}\.[0-9a-f]{{8}}\.tmp")


def _election_in(path: Path) -> tuple[str, str] | None:
    """(name, "live" or "rehearsal") of the election in a database file, read-only; None
    when it cannot be read (a damaged database: what a restore is for)."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            columns = {row[1] for row in conn.execute("PRAGMA table_info(election)")}
            kind = "kind" if "kind" in columns else "'live'"  # before rehearsals (schema 6)
            row = conn.execute(f"SELECT name, {kind} FROM election WHERE id = 1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return (row[0] or "", row[1]) if row else ("", "live")


def _refuse_other_election(backup_path: Path, db_path: Path) -> None:
    """A backup of another election (a rehearsal's over the live night, at 3 a.m.) is not
    restored unless asked for by name: the desks would go on keying into the wrong one."""
    ours, theirs = _election_in(db_path), _election_in(backup_path)
    if ours is None or theirs is None or ours == theirs:
        return
    def said(e: tuple[str, str]) -> str:
        return f"'{e[0]}'" + (" (a rehearsal)" if e[1] == "rehearsal" else "")
    raise StoreError(f"{backup_path} is a backup of {said(theirs)}, not of {said(ours)} in "
                     f"{db_path}; nothing was restored (--other-election to replace it with "
                     "that one).", cause=Cause.REFUSED)


_BEFORE_RESTORE = "-before-restore-"


def _safety_name(db_path: Path) -> Path:
    """A name for the contents a restore replaces that no earlier copy has: two restores in
    one second (the wrong backup, then the right one) must not put the second's copy over
    the first's, which holds the only contents from before both."""
    base = f"{db_path.stem}{_BEFORE_RESTORE}{datetime.now():%Y%m%d-%H%M%S}"
    for n in itertools.count(1):
        name = db_path.with_name(f"{base}.db" if n == 1 else f"{base}-{n}.db")
        if not any(Path(f"{name}{suffix}").exists() for suffix in DATABASE_FILES):
            return name
    raise AssertionError("unreachable")


def _keep_current(db_path: Path) -> Path:
    """Save the database's current contents beside it before a restore replaces them."""
    safety = _safety_name(db_path)
    try:
        with Store(db_path) as current:
            return backup(current, safety)
    except DamagedDatabase:  # what restores are for: keep its bytes as they are
        pass
    try:
        # Each file whole under its name or not at all (a full disk or a kill part-way
        # must not leave half a copy looking like the old contents); the main file last,
        # so it never stands without the journal it needs.
        for suffix in (*_IN_USE, ""):
            if Path(f"{db_path}{suffix}").exists():
                with open(f"{db_path}{suffix}", "rb") as src, \
                        atomic_output(f"{safety}{suffix}", private=True) as out:
                    shutil.copyfileobj(src, out)
    except (OSError, FileProblem) as exc:
        for suffix in (*_IN_USE, ""):
            Path(f"{safety}{suffix}").unlink(missing_ok=True)
        problem = exc if isinstance(exc, FileProblem) else os_error_message(db_path, exc,
                                                                           "read")
        raise StoreError(f"Nothing was restored into {db_path}: its current contents could "
                         f"not be kept first ({problem}).", cause=problem.cause) from None
    return safety


def _change_seq(db_path: Path) -> int:
    """The change counter of the database a restore is about to replace (0 if none can be
    read: no file, a damaged one)."""
    try:
        conn = sqlite3.connect(read_only_uri(db_path), uri=True)
        try:
            row = conn.execute("SELECT seq FROM change_counter WHERE id = 1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return 0
    return int(row[0]) if row and row[0] is not None else 0


def _chain_head(db_path: Path) -> tuple[int, str] | None:
    """The newest audit entry (id, hash) of the database a restore is about to replace;
    None if none can be read (no file, a damaged one, an empty log)."""
    head = newest_entry(db_path, immutable=False)
    return head if isinstance(head, tuple) else None


def _record_restore(store: Store, user: str, backup_path: Path, safety: Path | None,
                    replaced: tuple[int, str] | None, accounts_kept: int | str | None,
                    head: tuple[int, str, str | None] | None) -> None:
    """The restore in the restored chain, as its newest entry: who restored which backup,
    where its chain ended (the backup's head) and where the replaced one did. Without it an
    older backup put back dropped the entries after it with nothing in the record to say
    so, and the chain checked as intact. `head`: the backup's, read before the entries
    keeping the replaced accounts were written after it."""
    store.audit(user, RESTORED, "election", path_text(backup_path.name), {
        "backup": path_text(backup_path), "backup_entries": head[0] if head else 0,
        "backup_head": head[2] if head else None,
        "replaced_entries": replaced[0] if replaced else None,
        "replaced_head": replaced[1] if replaced else None,
        "previous_contents": path_text(safety) if safety else None,
        # (only when the replaced database had accounts: `keep_accounts`)
        **({} if accounts_kept is None else {ACCOUNTS_NOT_KEPT: accounts_kept}
           if isinstance(accounts_kept, str) else {ACCOUNTS_KEPT: accounts_kept})})


def _continue_changes(store: Store, replaced_seq: int) -> None:
    """Number the restored contents as one change after everything the replaced file had,
    every seat and party in it (call inside `store.write()`): a window left open on the
    database reloads the seats whose change number passed its own, and the backup's counter
    is behind the window's (an earlier backup) or equal to it by chance (another file), so
    without this no seat looked changed and the window kept showing figures the file no
    longer holds."""
    seq = max(replaced_seq, store.scalar("SELECT seq FROM change_counter WHERE id = 1")
              or 0) + 1
    store._conn.execute("UPDATE change_counter SET seq = ? WHERE id = 1", (seq,))
    store._conn.execute("UPDATE constituencies SET change_seq = ?", (seq,))
    store._conn.execute("UPDATE parties SET change_seq = ?", (seq,))


def restore(backup_path: str | Path, db_path: str | Path, *,
            other_election: bool = False, user: str = RESTORE_USER,
            keep_accounts: KeepAccounts | None = None) -> Path | None:
    """Replace the database's contents with a backup's. The current contents are first
    saved beside it (returned), so a restore can itself be undone. A backup of another
    election (or a rehearsal's over a live night) only with `other_election`.

    The backup is first copied beside the database and brought up to this schema there,
    so one this app cannot run (damaged in a way `integrity_check` does not see, a
    schema it cannot migrate) is refused with nothing changed. The current contents are
    kept while SQLite holds the database's write lock for the copy over them: a desk
    writing meanwhile waits, and what it saved is in the kept copy or in the restored
    database, never lost between the two. `user` (who restored it) is recorded in the
    restored chain's newest entry, with where the backup's chain and the replaced one
    ended (`_record_restore`). `keep_accounts` keeps the replaced database's accounts in
    the restored one, when it opened (a damaged one's are not read: whoever can damage the
    file can replace it)."""
    backup_path, db_path = Path(backup_path), Path(db_path)
    if (link := dangling_link(db_path)) is not None:  # (it restored through a dangling one)
        raise link
    refuse_network_place(db_path)  # before a copy of the backup is put beside it
    refuse_same_file(db_path, backup_path, "backup to restore from")
    check_backup(backup_path)
    if db_path.exists() and not other_election:
        _refuse_other_election(backup_path, db_path)
    timeout_s = busy_timeout_ms() / 1000
    kept: dict[str, object] = {"safety": None, "seq": 0, "head": None}
    clear_left_behind_beside(db_path)
    healthy = db_path.exists() and _opens(db_path)
    damaged = db_path.exists() and not healthy
    if damaged:  # no desk writes to it
        kept.update(safety=_keep_current(db_path), seq=_change_seq(db_path),
                    head=_chain_head(db_path))

    def keep_current() -> None:  # the write lock is held from here until the copy commits
        if healthy:
            kept.update(seq=_change_seq(db_path), head=_chain_head(db_path),
                        safety=_snapshot(db_path, timeout_s))
        # The record and the new change numbers are written into the copy being put in, so
        # they commit with it (the copy starts again from the changed file, the lock still
        # held): written after, a restore cut short between the two (kill -9, a power cut)
        # left the backup in the file with nothing saying who put it back, and windows
        # showing what the file no longer holds.
        with commits.aside(), Store(ready) as incoming, incoming.write():
            _continue_changes(incoming, int(kept["seq"]))  # type: ignore[call-overload]
            backup_head = chain_head(incoming._conn)
            accounts_kept = (keep_accounts(incoming, kept["safety"], user)  # type: ignore[arg-type]
                             if keep_accounts is not None and healthy else None)
            _record_restore(incoming, user, backup_path, kept["safety"],  # type: ignore[arg-type]
                            kept["head"], accounts_kept, backup_head)  # type: ignore[arg-type]
            record = chain_head(incoming._conn)
        kept["record"] = (record[0], record[2])

    with _brought_up_to_date(backup_path, db_path, timeout_s) as ready:
        if damaged or not db_path.exists():  # (none: nothing to keep, nor to copy into)
            keep_current()
            (replace_damaged if damaged else place_new)(ready, db_path)
            log.info("restored %s from %s (previous contents in %s)", db_path, backup_path,
                     kept["safety"])
            return kept["safety"]  # type: ignore[return-value]
        source = sqlite3.connect(ready)  # (ours: read-write, as its WAL needs no -shm)
        target = sqlite3.connect(db_path, timeout=timeout_s)
        commits.sending()  # the copy commits at its end: an interrupt may come after
        try:
            copy_pages(source, target, timeout_s,
                       f"{db_path} is locked by another program (waited {timeout_s:g} s); "
                       "nothing was restored. Try again in a moment.",
                       pages=1, once_locked=keep_current)
        except sqlite3.Error as exc:
            commits.not_sent()
            explained = explain(exc, db_path, waited_s=timeout_s)
            if explained is None:
                raise
            raise type(explained)(f"Restore into {db_path} failed: {explained}",
                                  cause=explained.cause) from None
        except BaseException:
            # Interrupted (Ctrl+C, SIGTERM) or failed: sent only if the copy, with its
            # record, committed before it came.
            target.close()
            if newest_entry(db_path, immutable=False) != kept.get("record"):
                commits.not_sent()
            raise
        finally:
            target.close()
            source.close()
    safety = kept["safety"]
    log.info("restored %s from %s (previous contents in %s)", db_path, backup_path, safety)
    return safety  # type: ignore[return-value]


def _opens(db_path: Path) -> bool:
    """Whether the database opens as one this app runs (brought up to its schema), not
    damaged; any other refusal (locked, a newer app's) is raised."""
    try:
        with Store(db_path):
            return True
    except DamagedDatabase:
        return False


def _snapshot(db_path: Path, timeout_s: float) -> Path:
    """The database's committed contents, copied beside it (`_safety_name`) through a
    reader of its own, as `_keep_current` keeps them."""
    reader = sqlite3.connect(db_path, timeout=timeout_s)
    try:
        return backup_to(reader, _safety_name(db_path), source=db_path)
    except StoreError as exc:
        raise StoreError(f"Nothing was restored into {db_path}: its current contents could "
                         f"not be kept first ({exc}).", cause=exc.cause) from None
    finally:
        reader.close()


@contextlib.contextmanager
def _brought_up_to_date(backup_path: Path, db_path: Path, timeout_s: float) -> Iterator[Path]:
    """The backup copied beside the database and opened there (`Store`: brought up to
    this schema, its shape checked), yielding the copy; removed afterwards. A backup
    that does not open so is refused: nothing of the database is touched."""
    try:
        fd, tmp = temp_beside(db_path, PRIVATE)
    except OSError as exc:
        raise _not_copied(db_path, os_error_message(db_path, exc)) from None
    os.close(fd)
    try:
        source = sqlite3.connect(read_only_uri(backup_path), uri=True)
        copy = sqlite3.connect(tmp)
        try:
            copy_pages(source, copy, timeout_s, f"{backup_path} is locked by another "
                       f"program (waited {timeout_s:g} s); nothing was restored.")
        except sqlite3.Error as exc:  # a full disk, as a rule
            explained = explain(exc, db_path, waited_s=timeout_s)
            if explained is None:
                raise
            raise _not_copied(db_path, explained) from None
        finally:
            copy.close()
            source.close()
        try:
            with commits.aside(), Store(tmp):  # (a migration writes to our copy only)
                pass
        except (StoreError, sqlite3.Error) as exc:  # (a migration meeting what it cannot run)
            if getattr(exc, "cause", None) in _THE_DISKS:
                # the disk the copy is on, not the backup (a full disk: no room for the
                # copy's -shm): "choose another backup" had the one good copy put aside
                raise _not_copied(db_path, StoreError(str(exc).replace(str(tmp), str(db_path)),
                                                      cause=exc.cause)) from None
            # What is wrong with it, without the advice said of a database in use: said of
            # a backup, it told to restore the backup from a backup.
            why = str(exc).replace(str(tmp), backup_path.name).split("; nothing was")[0]
            raise StoreError(f"{backup_path} cannot be restored ({why}); nothing was "
                             "changed, choose another backup.", cause=Cause.DAMAGED) from None
        yield tmp
    finally:
        for suffix in DATABASE_FILES:
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        # An older backup's copy was migrated, and a migration keeps the file as it was
        # beside it (`Store._migrate`): named after the hidden copy, it went nowhere else.
        for kept in tmp.parent.glob(f"{glob.escape(tmp.stem)}-before-schema-*.db"):
            kept.unlink(missing_ok=True)


# What stops a backup's copy opening beside the database that is the disk's doing, not the
# backup's: said as the copy not made.
_THE_DISKS = (Cause.DISK_FULL, Cause.READ_ONLY, Cause.LOCKED, Cause.IO)


def _not_copied(db_path: Path, why: Exception) -> StoreError:
    cause = getattr(why, "cause", Cause.IO)
    return StoreError(f"Nothing was restored into {db_path}: the backup could not be copied "
                      f"beside it first ({why}).", cause=cause)
