"""Opening, checking, migrating and writing to a ResultsDesk database file.

One SQLite file in WAL mode. Every write goes through `Store.write()`, one
`BEGIN IMMEDIATE` transaction: all of it lands, or none of it does.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..domain.errors import Cause, InternalError
from . import commits, odd_values
from .errors import (
    DamagedDatabase,
    FileLost,
    StoreError,
    dangling_link,
    explain,
    missing_folder,
    open_problem,
    read_only_upgrade,
    sqlite_cause,
)
from .lost_files import JournalWatch, identity, refuse_a_file_whose_index_went
from .network_shares import refuse_network_place
from .schema_version import APPLICATION_ID, SCHEMA_VERSION
from .settings import BUSY_TIMEOUT_ENV, BUSY_TIMEOUT_MS, busy_timeout_ms, now_iso

__all__ = ["BUSY_TIMEOUT_ENV", "BUSY_TIMEOUT_MS", "DamagedDatabase", "Store", "StoreError",
           "busy_timeout_ms", "now_iso"]

log = logging.getLogger(__name__)

# `insert_values`: rows to one INSERT statement (50 and 200 measure the same), and the most
# parameters any statement binds (SQLite's default limit since 3.32 is 32,766; 999 before).
_ROWS_PER_INSERT = 50
_MAX_VARIABLES = 999
# A write waits for another program's write lock in slices of this long (`_begin`): back in
# Python between them, so a Ctrl+C is taken within one slice.
_LOCK_WAIT_SLICE_MS = 100


def insert_many(conn: sqlite3.Connection, table: str, columns: Sequence[str],
                rows: list[tuple]) -> None:
    """INSERT rows given as tuples in `columns`' order, `_ROWS_PER_INSERT` rows to a
    statement (`INSERT ... VALUES (...), (...)`): a third less time than one executemany
    row by row for an import's thousands of rows (38 -> 26 ms for the 2024 night's 15,000),
    the per-row stepping and resetting done once per batch. Rows are still inserted one
    after another, each firing its triggers and checks; a refusal undoes the statement,
    and the caller's transaction the rest."""
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    one = "(" + ", ".join("?" * len(columns)) + ")"
    head = f'INSERT INTO "{table}" ({names}) VALUES '
    per = max(1, min(_ROWS_PER_INSERT, _MAX_VARIABLES // len(columns)))
    batch = head + ", ".join([one] * per)
    whole = len(rows) - len(rows) % per
    execute, flat = conn.execute, chain.from_iterable
    for start in range(0, whole, per):
        execute(batch, list(flat(rows[start:start + per])))
    if whole < len(rows):
        execute(head + ", ".join([one] * (len(rows) - whole)), list(flat(rows[whole:])))


# sqlite3 binds a None by first looking for an adapter for it, and finding none costs it an
# AttributeError made and dropped per value (~0.2 µs; an import binds 10,000 NULLs). An
# adapter that hands None back makes that a dictionary lookup; NULL is bound as before.
sqlite3.register_adapter(type(None), lambda value: value)


# ResultsDesk's tables in a file without its application id: `sqlite3 .dump` writes none
_OURS_UNMARKED = ("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                  "('election', 'audit_log', 'declarations')")


def forensic_text(raw: bytes) -> str:
    """A text value as the audit check reads it: bytes that are not UTF-8 (put there by
    hand: SQLite and ResultsDesk write none) as lone surrogates, which no hash or name
    takes, rather than sqlite3's "Could not decode" stopping the check as a bug's error."""
    return raw.decode("utf-8", "surrogateescape")


class Store:
    """A connection to one election database. Not shared between threads: open one per thread.

    The connection (`_conn`) is the store package's own: other layers call the functions
    of `store` modules (through `resultsdesk.desk`), never SQL."""

    dialect = "sqlite"  # where a read's SQL must differ, the PostgreSQL store says "postgresql"

    def __init__(self, path: str | Path, *, create: bool = False,
                 forensic: bool = False) -> None:
        """`forensic`: open a file that lacks part of its schema rather than refuse it, for
        the audit check to say what was changed (`missing_schema` lists what is gone)."""
        self.path = Path(path)
        self.forensic = forensic
        self.missing_schema: list[str] = []
        self._audited: list[tuple[str, str, str, str]] = []  # this write's, for the log
        try:
            exists = self.path.exists()
        except PermissionError:  # a folder on its path may not be looked into
            raise open_problem(self.path) or StoreError(f"Cannot open {self.path}.") from None
        if not exists and (link := dangling_link(self.path)) is not None:
            raise link
        if not create and not exists:
            raise missing_folder(self.path) or StoreError(
                f"No database at {self.path}. Create one with 'resultsdesk init'.",
                cause=Cause.MISSING)
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a database file.",
                             cause=Cause.WRONG_KIND)
        refuse_network_place(self.path)  # (SQLite's WAL and locks do not work there)
        refuse_a_file_whose_index_went(self.path)
        self.busy_timeout_ms = busy_timeout_ms()
        try:
            conn = sqlite3.connect(self.path, timeout=self.busy_timeout_ms / 1000,
                                   isolation_level=None)
        except sqlite3.Error as exc:
            raise self._explain_open(exc) from None
        if forensic:
            conn.text_factory = forensic_text
        self._conn = conn
        try:
            self._identity = identity(self.path)
            self._journal: JournalWatch | None = None
            self._check_and_prepare(create)
            self._journal = JournalWatch(self.path, self._identity)
        except BaseException as exc:
            conn.close()
            if isinstance(exc, sqlite3.Error):
                raise self._explain_open(exc) from None
            raise
        log.info("opened %s", self.path)

    def _explain(self, exc: sqlite3.Error) -> BaseException:
        """What an SQLite error means for this file (by its result code); the error itself
        when it is a bug rather than the file or the disk."""
        return explain(exc, self.path, waited_s=self.busy_timeout_ms / 1000) or exc

    def _explain_open(self, exc: sqlite3.Error) -> BaseException:
        """`_explain` for an error while opening: SQLite says only "unable to open database
        file" or "readonly" there, so which of the usual reasons it was (a missing folder,
        the file's permissions, a read-only folder) is found out from the file system."""
        if sqlite_cause(exc) in (Cause.MISSING, Cause.READ_ONLY, Cause.IO):
            found = open_problem(self.path)
            if found is not None:
                return found
        return self._explain(exc)

    def _check_and_prepare(self, create: bool) -> None:
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms}")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID:
            if app_id == 0 and conn.execute(_OURS_UNMARKED).fetchone()[0] == 3:
                raise DamagedDatabase(  # its tables, copied by a tool that drops the mark
                    f"{self.path} has ResultsDesk's tables but not its file mark (rebuilt by "
                    "another tool, as sqlite3's .dump does); nothing was changed. Restore it "
                    "from a backup ('resultsdesk restore').")
            if app_id != 0 or tables:
                raise StoreError(f"{self.path} is an SQLite database, but not a ResultsDesk one.",
                                 cause=Cause.WRONG_KIND)
            if not create:
                raise StoreError(f"{self.path} is empty, not a ResultsDesk database.",
                                 cause=Cause.WRONG_KIND)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer ResultsDesk (schema {version}); this "
                f"version understands up to schema {SCHEMA_VERSION}. Upgrade ResultsDesk.",
                cause=Cause.WRONG_KIND)
        if version < 0:  # never written: the upgrade "to schema 0" ran the last migration
            raise DamagedDatabase(f"{self.path} is damaged (its schema version is {version}, "
                                  "which ResultsDesk never writes); nothing was changed. "
                                  "Restore it from a backup ('resultsdesk restore').")
        damage = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        if damage != "ok":  # a few ms for a whole night; better now than mid-declaration
            raise DamagedDatabase(
                f"{self.path} is damaged ({damage.splitlines()[-1]}); nothing was changed. "
                "Restore it from a backup ('resultsdesk restore').")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if version < SCHEMA_VERSION:
            self._migrate(version)  # (which checks the upgraded shape before it commits)
        else:
            self._check_shape()
        odd_values.opened(self.path, self._closed)

    def _check_shape(self) -> None:
        """Refuse a file that lacks a table, column, view, index or trigger of its schema
        (dropped in another tool), or has a trigger or view rewritten or a trigger added:
        damaged, like a bad page, rather than a command failing later on "no such table" as
        if ResultsDesk had a bug, or a file whose writes or air no longer follow its rules."""
        from . import schema_shape

        missing = schema_shape.parts_missing(self._conn)
        if missing is None:
            return
        self.missing_schema = missing
        if missing and not self.forensic:
            raise DamagedDatabase(
                f"{self.path} is damaged (it has {schema_shape.said(missing)}); "
                "nothing was changed. Restore it from a backup ('resultsdesk restore').")
        if not missing:
            log.info("%s has more than its schema makes (kept as it is)", self.path)

    def _migrate(self, current: int) -> None:
        # Loaded only here: a file already at this schema (every command but `init`) needs
        # neither the migrations' text nor the audit chain's rules they seal with.
        from .online_copy import backup_to
        from .schema import MIGRATIONS, run_step

        log.info("migrating %s from schema %d to %d", self.path, current, SCHEMA_VERSION)
        kept = None
        if current > 0:  # an existing election: keep a copy of it as it was
            kept = self._keep_a_copy(backup_to)
        # All the migrations in one transaction: a full disk, a kill or a power cut part-way
        # leaves the file at its own schema, which its release still opens, not at one
        # between that neither it ("written by a newer ResultsDesk") nor a restore expects.
        target = current
        try:
            with self._transaction():
                # Read again under the write lock: another program opening the file at
                # the same moment (the window and a script, after an upgrade) may have
                # upgraded it while this one waited for the lock.
                done = self._conn.execute("PRAGMA user_version").fetchone()[0]
                for target in range(max(current, done) + 1, SCHEMA_VERSION + 1):
                    for step in MIGRATIONS[target - 1]:
                        run_step(self._conn, step)
                    if target == 1:
                        self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    self._conn.execute(f"PRAGMA user_version = {target}")
                # Damaged (a part of its schema dropped in another tool), it is refused
                # with the upgrade rolled back: "nothing was changed" is so.
                self._check_shape()
        except (sqlite3.OperationalError, sqlite3.IntegrityError, DamagedDatabase) as exc:
            if kept is not None:  # the file is as it was: each attempt left another whole
                kept.unlink(missing_ok=True)  # copy, on a full disk in the space it needed
            if isinstance(exc, DamagedDatabase):
                raise
            explained = self._explain(exc)
            if explained is not exc:  # a full disk, a lock: the file was not changed
                if getattr(explained, "cause", None) is Cause.READ_ONLY:
                    explained = read_only_upgrade(self.path, current, SCHEMA_VERSION)
                raise explained from None  # outside ResultsDesk (reopened, it goes on)
            raise self._migration_failed(current, target, exc) from None

    def _keep_a_copy(self, backup_to) -> Path | None:
        """The copy of the file as it was, beside it, under a name no other copy has (put
        in place whole, never over a file: `online_copy._claim`): a second program opening
        the file in the same second (the window and a script, after an upgrade) replaced
        the first one's copy with its own, taken once the first had upgraded the file. A
        copy that finds the file upgraded already is not kept (None)."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        name = f"{self.path.stem}-before-schema-{SCHEMA_VERSION}-{stamp}"
        kept = backup_to(self._conn, self.path.with_name(f"{name}.db"),
                         new_name=lambda n: self.path.with_name(f"{name}-{n}.db"))
        check = sqlite3.connect(kept)  # (our own copy: only read)
        try:
            copied = check.execute("PRAGMA user_version").fetchone()[0]
        finally:
            check.close()
        if copied >= SCHEMA_VERSION:
            kept.unlink(missing_ok=True)
            return None
        return kept

    def _migration_failed(self, current: int, target: int,
                          exc: sqlite3.Error) -> StoreError:
        """A migration that cannot run on the file: one whose version number was lowered
        outside ResultsDesk ("index ... already exists") or whose schema was changed. The
        whole upgrade was rolled back, and the copy kept before it removed again."""
        log.warning("migration %d of %s failed: %s", target, self.path, exc)
        return DamagedDatabase(
            f"{self.path} says it is at schema {current}, but the upgrade to schema {target} "
            f"cannot run on it ({' '.join(str(exc).split())}): it was changed outside "
            "ResultsDesk; nothing was changed. Restore it from a backup ('resultsdesk "
            "restore').")

    def _begin(self) -> None:
        """BEGIN IMMEDIATE, waiting up to the busy timeout for another program's write lock
        in short slices. SQLite's own wait is one C call, which a signal cannot stop: Ctrl+C
        on a command waiting for a locked file was taken only once the whole timeout (10 s)
        had run out. Nothing is written before the lock is taken."""
        conn, limit_ms = self._conn, self.busy_timeout_ms
        slice_ms = min(_LOCK_WAIT_SLICE_MS, limit_ms)
        if slice_ms != limit_ms:
            conn.execute(f"PRAGMA busy_timeout = {slice_ms}")
        started, said = time.monotonic(), False
        try:
            while True:
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    waited_ms = (time.monotonic() - started) * 1000
                    if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY or \
                            waited_ms >= limit_ms:  # (the timeout at least, as SQLite's)
                        raise
                    if not said:  # (why a command seems to hang, in the log)
                        log.info("%s: waiting for another program's write to finish",
                                 self.path.name)
                        said = True
        finally:
            if slice_ms != limit_ms:
                conn.execute(f"PRAGMA busy_timeout = {limit_ms}")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._begin()
        try:
            yield
        except BaseException:
            self._roll_back()
            raise
        else:
            try:
                self.refuse_a_lost_file()
            except BaseException:
                self._roll_back()
                raise
            commits.sending()
            try:
                self._conn.execute("COMMIT")
            except BaseException as exc:
                if not isinstance(exc, KeyboardInterrupt):  # (then it may have gone)
                    commits.not_sent()
                # SQLite may keep the transaction open after a failed COMMIT (disk full,
                # I/O error): end it, so nothing half-done lingers and the next write works.
                self._roll_back()
                raise

    def refuse_a_lost_file(self) -> None:
        """Refuse to commit into a file that `path` no longer names: deleted, moved away
        or replaced (another file renamed over it) since it was opened. SQLite writes on
        into the file it holds open, and says nothing: each save was acknowledged, then
        gone with it once the desk closed (or, replaced, its journal laid over the new
        file's pages on the next opening). Asked before another handle on it is opened by
        its name too (`desk.session.reopen`), which would be on whatever file is there now.
        Its `-wal` gone (`lost_files`): the saves it held are copied into the file first."""
        now = identity(self.path)
        if now is not False and self._identity is not False and now != self._identity:
            raise FileLost(  # (False: not told; SQLite's own write says what is wrong)
                f"{self.path} was deleted, moved or replaced by another file since it was "
                "opened; nothing was saved. Open the election again.")
        if self._journal is not None:
            self._journal.refuse_if_lost(self._conn, self._roll_back)

    def _roll_back(self) -> None:
        """Roll back a transaction still open. An interrupt that landed while a write was
        being entered leaves its generator to be finalised later, perhaps once the store is
        closed (which rolled it back): "Cannot operate on a closed database" was printed as
        a traceback under the one line the command said."""
        try:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        except sqlite3.ProgrammingError:
            if not self._closed():
                raise

    def _closed(self) -> bool:
        try:
            self._conn.total_changes  # noqa: B018 (raises once the connection is closed)
        except sqlite3.ProgrammingError:
            return True
        return False

    @contextmanager
    def write(self) -> Iterator[Store]:
        """One all-or-nothing transaction, taking the write lock at once (BEGIN IMMEDIATE)."""
        if self._conn.in_transaction:
            raise InternalError("Store.write() does not nest")
        self._audited = []
        try:
            with self._transaction():
                yield self
        except sqlite3.Error as exc:
            # locked, read-only, full, damaged while open: the desk's environment, explained;
            # a constraint failure or bad SQL is a bug and goes through as it is
            explained = self._explain(exc)
            if explained is exc:
                raise
            raise explained from None
        self._log_written()

    def _log_written(self) -> None:
        """What the write just committed did, by its audit actions (never the details,
        which hold figures and names: those are in the audit log itself). A bulk import's
        hundreds of entries become one line per action."""
        counts = Counter((user, action) for user, action, _, _ in self._audited)
        for (user, action), n in counts.items():
            if n > 3:
                log.info("%s: %s x%d by %s", self.path.name, action, n, user)
        for user, action, entity, key in self._audited:
            if counts[user, action] <= 3:
                log.info("%s: %s %s %s by %s", self.path.name, action, entity, key, user)
        self._audited = []

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Several reads that see one state of the file while other desks commit between
        them (a read transaction); inside write() the reads already do."""
        if self._conn.in_transaction:
            yield
            return
        self._conn.execute("BEGIN")
        try:
            yield
        finally:
            if self._conn.in_transaction:
                self._conn.execute("COMMIT")

    def audit(self, user: str, action: str, entity: str, key: str = "",
              details: dict[str, Any] | None = None) -> int:
        """Append to the audit log's hash chain; call inside write() so the entry lands with
        the change, and the write lock keeps the chain's head still. Returns the entry's id."""
        if not self._conn.in_transaction:
            raise InternalError("audit entries are written inside the change they describe")
        from . import audit_chain  # writers only: a read-only command never hashes

        entry = audit_chain.append(self._conn, at=now_iso(), user=user, action=action,
                                   entity=entity, key=key, details=details or {})
        self._audited.append((user, action, entity, key))
        return entry

    def audit_many(self, user: str, action: str, entity: str,
                   items: list[tuple[str, dict[str, Any]]]) -> list[int]:
        """Many entries of one action at once (an import's one per seat), chained in order."""
        if not self._conn.in_transaction:
            raise InternalError("audit entries are written inside the change they describe")
        from . import audit_chain

        ids = audit_chain.append_many(self._conn, at=now_iso(), user=user, action=action,
                                      entity=entity, items=items)
        self._audited.extend((user, action, entity, key) for key, _ in items)
        return ids

    def insert_rows(self, table: str, rows: list[dict[str, Any]],
                    columns: Sequence[str] | None = None) -> None:
        """INSERT every row (dicts keyed by column; a missing key is NULL) in one
        `insert_many`: what sqlite-utils' insert_all did here, without importing it (it pulls
        pandas and numpy into every start-up when they are installed). `columns`: only
        those (other keys are ignored); by default every key of the rows."""
        if not rows:
            return
        if columns is None:
            first = rows[0].keys()
            columns = list(first) if all(r.keys() == first for r in rows) \
                else list(dict.fromkeys(key for row in rows for key in row))
        try:  # rows with every column: tuples made in C (an import has thousands)
            pick = itemgetter(*columns)
            values = list(map(pick, rows)) if len(columns) > 1 else [(pick(r),) for r in rows]
        except KeyError:
            values = [tuple(map(row.get, columns)) for row in rows]
        self.insert_values(table, columns, values)

    def insert_values(self, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
        """INSERT rows given as tuples in `columns`' order (`insert_many`)."""
        insert_many(self._conn, table, columns, rows)

    def query(self, sql: str, params: tuple | dict = ()) -> list[dict[str, Any]]:
        cursor = self._conn.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def scalar(self, sql: str, params: tuple | dict = ()) -> Any:
        row = self._conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def data_version(self) -> int:
        """Changes when another connection commits: a cheap way to notice other desks' writes."""
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        if self._journal is not None and not self._closed():
            self._journal.close(self._conn)  # (its -wal or -shm gone: `lost_files`)
        else:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
