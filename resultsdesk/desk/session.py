"""The one door to an election's data for the GUI and the command line.

`open_desk` opens an election, a SQLite file or a PostgreSQL server's database (a
`postgresql://` URL), and returns the handle every use case in `resultsdesk.desk` takes.
The UI and the CLI hold that handle and pass it on; they never import `resultsdesk.store`,
never run SQL and never reach for a connection: whatever they need (the data version,
counts, backups, restores) has a function here, so the two kinds of store meet only here
and in `desk.backends`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import Cause, KnownError
from ..store import Store
from ..store.server import (
    SERVER_URL_FORM,
    PasswordNeeded,
    is_server_url,
    mistyped_server_url,
    url_user,
    without_url_password,
)

# `store.backup` (with the file helpers and the online copy) and `store.declarations` load
# in the functions that use them: a command that only reads (`summary`) needs neither.

if TYPE_CHECKING:
    from ..store.postgres.store import PgStore

__all__ = ["Desk", "PasswordNeeded", "ServerBackups", "VerificationCount", "audit_head",
           "backup", "backup_into", "data_version", "is_server", "is_server_target", "location",
           "night_seq", "open_desk", "redacted", "reopen", "restore",
           "server_backup_recipe", "url_user", "verification_count"]

# The handle UI and CLI hold: opaque to them (they pass it to desk functions only). A
# server's `PgStore` answers the same reads; its module (and psycopg) loads only when a
# server is opened, so at run time the name stands for the file's kind.
if TYPE_CHECKING:
    Desk = Store | PgStore
else:
    Desk = Store


class ServerBackups(KnownError):
    """A PostgreSQL desk's backups are the server's (pg_dump), not the app's."""

    cause = Cause.REFUSED


def is_server_target(target: object) -> bool:
    """Whether `target` (a `--db` value) names a PostgreSQL server rather than a file."""
    return is_server_url(target)


def target_problem(text: str) -> str | None:
    """Why a typed `--db` names no election, or None: empty (it meant the current folder),
    or a server URL mistyped (`mistyped_server_url`: it would have made a new file)."""
    if not text.strip():
        return ("is empty: give a database file (such as election.db) or a team desk's "
                f"server, {SERVER_URL_FORM}")
    if mistyped_server_url(text):
        # not echoed with an account in it: what follows its name may be a password
        shown = "" if "@" in text else f"'{text}' "
        return f"{shown}is not a server URL: a team desk's server is {SERVER_URL_FORM}"
    return None


def redacted(target: object) -> str:
    """`target` as it may be logged or shown: a URL's password left out."""
    text = str(target)
    if not is_server_url(text):
        return text
    # (a password holding '?' or '#', which libpq takes, was logged whole)
    return without_url_password(text)


def open_desk(target: str | Path, *, create: bool = False, user: str | None = None,
              password: str | None = None, forensic: bool = False) -> Desk:
    """Open the election at `target`; refuses (with a message for the desk) a missing,
    foreign, damaged, locked or newer database, or a server that cannot be reached or
    refuses the sign-in.

    A file: the app signs people in itself (`desk.accounts`), so `user` and `password` are
    not used here. A server URL (libpq's conventions: PGPASSWORD, ~/.pgpass, PGSSLMODE and
    a list of hosts are honoured): the server signs in the URL's user, or `user`, with
    `password` when given; that account is then who acts on this handle.

    `forensic` (the audit check's): a file that lacks part of its schema is opened, not
    refused as damaged, so that the check can say what is gone and what was changed."""
    if is_server_url(target):
        from ..store.postgres.store import PgStore

        return PgStore(str(target), user=user, password=password)
    return Store(target, create=create, forensic=forensic)


def reopen(desk: Desk, *, forensic: bool = False) -> Desk:
    """Another handle on the same election, signed in the same way: for a worker thread
    (a handle belongs to the thread that opened it; on a server, the app holds no password
    to ask again). A file deleted or replaced since `desk` opened it is refused in the
    store's words: a worker's check, backup or export would say "No database at…" (and to
    create one) or act on the other file now under that name."""
    if is_server(desk):
        return desk.reopen()
    desk.refuse_a_lost_file()
    return open_desk(desk.path, forensic=forensic)


def writes_sent() -> int:
    """How many writes this process has sent to be committed (a file's or a server's):
    compared before and after, whether an interrupted command may have saved something."""
    from ..store import commits

    return commits.sent()


def is_server(desk: Desk) -> bool:
    """Whether the election is on a PostgreSQL server (the server signs in, enforces the
    rules and keeps the backups)."""
    return desk.dialect == "postgresql"


def is_rehearsal_desk(desk: Desk) -> bool:
    """Whether the election is a rehearsal's (never a server's: `rehearsal_target`), for
    marking what shows it before any night is read, such as the sign-in."""
    if is_server(desk):
        return False
    from ..store.rehearsal import is_rehearsal

    return is_rehearsal(desk)


def data_version(desk: Desk) -> int:
    """Changes whenever another desk commits: the cue for live views to refresh."""
    return desk.data_version()


def night_seq(desk: Desk, version: int) -> int | None:
    """The change number the night's refresh reads seats changed since, when `version` (of
    `data_version`, just read) already is it: a server's is its change counter, so the
    refresh need not ask for it again (a round trip less, over a slow link, at every
    refresh); a file's is SQLite's own count of commits, not the change number: None."""
    return version if is_server(desk) else None


def location(desk: Desk) -> Path | str:
    """The file, or the server URL without its password."""
    return desk.path


def verification_count(desk: Desk) -> int:
    """How many verifications the desk has made (backups every N verifications)."""
    from ..store import declarations as sql

    return sql.verification_count(desk)


def audit_head(desk: Desk) -> tuple[int, str, str | None] | None:
    """The newest audit entry's id, time and hash (None: no entry): every write leaves one,
    so the same head is the same night (a restore writes one of its own, whatever id it
    gets)."""
    from ..store import audit_log

    return audit_log.head(desk)


class VerificationCount:
    """`verification_count` of one desk, asked at every change the window hears of (the
    backups' schedule): the verifications after the last audit entry read, added to those
    counted before, not the whole log counted again (a scan of every entry of the night
    at every change: ~75,000 steps of SQLite's at 50,000 seats). A file's log only grows,
    its ids rising with it; one whose newest id went back (a backup restored in its place)
    is counted afresh. A server hands out ids before commit, out of order: counted whole."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self._count = self._last = 0

    def __call__(self) -> int:
        if is_server(self.desk):
            return verification_count(self.desk)
        from ..store import declarations as sql

        more, last = sql.verifications_after(self.desk, self._last)
        if last < self._last:
            self._count, (more, last) = 0, sql.verifications_after(self.desk, 0)
        self._count += more
        self._last = last
        return self._count


def server_backup_recipe(desk_or_url: Desk | str) -> str:
    """How a PostgreSQL election is backed up and restored, with its database's name."""
    where = redacted(desk_or_url if isinstance(desk_or_url, str) else desk_or_url.path)
    # (from the URL as shown: the last '/' of a `?password=a/b` was in its password)
    database = where.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1] or "DBNAME"
    return (
        "Backups of a PostgreSQL desk are the server's job, taken while desks keep working:\n"
        f"  pg_dump -Fc -d {database} -f {database}-$(date +%H%M).dump   (a consistent "
        "snapshot)\n"
        "  pg_dumpall --roles-only -f roles.sql                  (the accounts: roles are "
        "not in a database dump)\n"
        "Restore on a fresh server: psql -f roles.sql; "
        f"createdb -T template0 -E UTF8 --locale=C -O {database}_owner {database}; "
        # `init` again, as after an upgrade: the restored database has its election, so no
        # --name (which would never rename it anyway).
        f"pg_restore -d {database} {database}-HHMM.dump; then "
        "resultsdesk init --db postgresql://ADMIN@HOST/" + database + " again.\n"
        "For point-in-time recovery: pg_basebackup with WAL archiving; for failover, a hot "
        "standby (see README, 'Team desk').")


def _refuse_server_backup(target: Desk | str) -> None:
    raise ServerBackups(server_backup_recipe(target).splitlines()[0].rstrip(":") +
                        ": use pg_dump (resultsdesk backup prints the recipe).")


def backup(desk: Desk, out: str | Path) -> Path:
    """A consistent copy of the open election, taken while other desks keep writing
    (SQLite; a server's election refuses with `ServerBackups`)."""
    if is_server(desk):
        _refuse_server_backup(desk)
    from ..store import backup as backups

    return backups.backup(desk, out)


def backup_into(target: str | Path, folder: str | Path, reason: str, keep: int) -> Path:
    """A timestamped backup of the election at `target` into `folder`, keeping the newest
    `keep`: opens its own connection, so it can run on a worker thread."""
    if is_server_url(target):
        _refuse_server_backup(str(target))
    from ..store import backup as backups

    with open_desk(target) as desk:
        return backups.timestamped_backup(desk, folder, reason, keep)


def prune_backups(target: str | Path, folder: str | Path, keep: int) -> list[Path]:
    """The election's backups in `folder` beyond the newest `keep` removed now (Keep
    lowered in Preferences); a server's are the server's (none here). Its own connection,
    for a worker thread."""
    if is_server_url(target):
        return []
    from ..store import backup as backups

    with open_desk(target) as desk:
        return backups.prune_backups(desk, folder, keep)


def restore(backup_file: str | Path, target: str | Path, *,
            other_election: bool = False, user: str | None = None) -> Path | None:
    """Replace the election at `target` with a backup; returns where its previous contents
    were kept (None when there was no database there). A backup of another election, or a
    rehearsal's over a live night, is refused unless `other_election`."""
    if is_server_url(target):
        _refuse_server_backup(str(target))
    from ..store import backup as backups
    from .restore_accounts import keeper

    # The night comes back, the desk's accounts stay as the admins left them (checked now,
    # not while the restore holds the lock every desk's save waits on).
    return backups.restore(backup_file, target, other_election=other_election,
                           user=backups.RESTORE_USER if user is None else user,
                           keep_accounts=keeper(Path(target)))
