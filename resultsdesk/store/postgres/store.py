"""The PostgreSQL store as the desk uses it: the same reads as the SQLite `Store` (`query`,
`scalar`, `snapshot`, the change number), and writes only through the server's functions
(`call`, with `calls.*`), never rows of its own.

A `PgStore` is one desk's connection, signed in as one server account (the URL's user, or
`user=`), which is then the acting user of everything it does: the server takes it from
`session_user`. Like an SQLite `Store` it belongs to one thread. When the server goes away,
the next use reconnects to the same URL (libpq tries every host a multi-host URL lists, so
a promoted standby is found), and says so with a `ServerUnreachable` while it cannot; the
connection made again has its schema checked as the first one had.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from ...domain.errors import Cause, InternalError
from .. import commits, odd_values
from ..errors import StoreError
from ..server import hosts_named, libpq_url, password_escape_problem, url_problem
from ..settings import busy_timeout_ms
from . import errors
from .live import ChangeListener
from .preparation import SCHEMA_VERSION, schema_version

log = logging.getLogger(__name__)
T = TypeVar("T")

DIALECT = "postgresql"
# Several reads that see one state of the election: the isolation in the BEGIN itself (one
# round trip, not BEGIN then SET TRANSACTION).
SNAPSHOT_BEGIN = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
CONNECT_TIMEOUT_S = 10  # unless the URL says otherwise: a dead server is reported, not awaited
# A network that drops packets without a reset (a switch gone, Wi-Fi lost) leaves a TCP
# connection looking open: without these the live listener never noticed, so the red bar
# never showed, and a save waited the system's retransmission time (about 15 minutes).
# Idle connections are probed (10 s, then every 5 s, 3 misses: about 25 s to notice); data
# unacknowledged for 20 s ends the connection (only unacknowledged data counts, so a long
# import whose server is alive and working is never cut short). libpq's names; unless the
# URL sets them; ignored on a Unix socket.
TCP_OPTIONS = {"keepalives": "1", "keepalives_idle": "10", "keepalives_interval": "5",
               "keepalives_count": "3", "tcp_user_timeout": "20000"}
APPLICATION_NAME = "ResultsDesk"
# The change number and the connection's own account, in one statement (`data_version`);
# the columns `session.session_account` reads.
ACCOUNT_COLUMNS = ("id", "name", "role", "disabled", "created_at", "created_by", "changed_at")
VERSION_AND_ACCOUNT = (
    f"SELECT c.seq, {', '.join('a.' + c for c in ACCOUNT_COLUMNS)} FROM change_counter c "
    "LEFT JOIN accounts a ON a.name = session_user WHERE c.id = 1")
IDLE_SESSION_TIMEOUT_SINCE = 140000  # server_version of the first with that setting


def adapt_placeholders(sql: str) -> str:
    """The store's SQL as psycopg takes it: the DB-API qmark placeholders the read modules
    are written with (`?`, SQLite's style) become `%s`, and a literal `%` becomes `%%`.

    The one place the two drivers' parameter styles meet, at this store's query boundary:
    no other SQL is rewritten (where the dialects differ, the read modules hold both texts).
    A `?` inside a quoted string or identifier is text, not a placeholder."""
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if quote is not None:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "?":
            out.append("%s")
            continue
        out.append("%%" if ch == "%" else ch)
    return "".join(out)


class _Reads:
    """What the store's read modules call `store._conn`: `execute` (placeholders adapted),
    returning a cursor to fetch from or iterate. No `executemany`: a PostgreSQL desk writes
    only through the server's functions, so an SQLite-only write path fails at once."""

    def __init__(self, store: PgStore) -> None:
        self._store = store

    def execute(self, sql: str, params: tuple | list = ()) -> psycopg.Cursor:
        return self._store._execute(sql, params)


class PgStore:
    """One desk's connection to an election on a PostgreSQL server."""

    dialect = DIALECT
    # A server's schema is its own (`resultsdesk init`), never a file edited elsewhere: the
    # shape a file is checked for on opening (`Store.missing_schema`) is whole here.
    missing_schema: tuple[str, ...] = ()

    def __init__(self, url: str, *, user: str | None = None,
                 password: str | None = None) -> None:
        self.url = url = libpq_url(url)
        self._options: dict[str, Any] = {"autocommit": True,
                                         "application_name": APPLICATION_NAME}
        if escape := password_escape_problem(url):
            raise StoreError(escape, cause=Cause.BAD_INPUT)
        try:
            given = conninfo_to_dict(url)
        except psycopg.ProgrammingError as exc:
            raise StoreError(f"Not a PostgreSQL connection URL: {url_problem(exc, url)}"
                             .strip(), cause=Cause.BAD_INPUT) from None
        if "connect_timeout" not in given:
            self._options["connect_timeout"] = CONNECT_TIMEOUT_S
        self._options.update({k: v for k, v in TCP_OPTIONS.items() if k not in given})
        # Another session's lock (a write in progress, or one left open on purpose) is
        # waited for at most the busy timeout, as on a file, then reported as locked:
        # set with the connection (libpq's options), so every reconnection has it too.
        # No statement_timeout: only waiting for others is unbounded otherwise, and an
        # import of 10,000 seats may rightly run longer than any such limit.
        self.busy_timeout_ms = busy_timeout_ms()
        self._options["options"] = " ".join(filter(None, (
            given.get("options", ""), f"-c lock_timeout={self.busy_timeout_ms}")))
        if user:
            self._options["user"] = user
        if password is not None:
            self._options["password"] = password
        self.path = self._describe(given, user)  # where, for messages: never the password
        # What stays true while one connection lives (who it signed in as): kept by the
        # desk to spare a round trip per action, forgotten when the connection is replaced
        # and when the change number moves (`data_version`): an admin may have changed the
        # account's role, or disabled it, meanwhile.
        self.memo: dict[str, Any] = {}
        self._memo_version: int | None = None
        self._pg = self._connect()
        self.server_version = self._pg.info.server_version
        odd_values.server_opened()  # (no file's damage is this election's)
        self._conn = _Reads(self)
        try:
            self._check_schema()
            self.user = self._pg.execute("SELECT session_user").fetchone()[0]
        except psycopg.Error as exc:
            # Signed in, then gone before these first reads came back (the server
            # restarting, the DBA ending the account's sessions, the network): said as any
            # loss is, not psycopg's own error, which went up as a bug (a time limit or a
            # read-only server likewise in the desk's words; anything else as it is).
            failure = self._lost(exc)
            self._pg.close()
            raise failure from None
        except BaseException:
            self._pg.close()
            raise
        log.info("opened %s as %s", self.path, self.user)

    @staticmethod
    def _describe(given: dict[str, str], user: str | None) -> str:
        who = user or given.get("user") or ""
        where = f"{hosts_named(given)}/{given.get('dbname', '')}"
        return f"postgresql://{who + '@' if who else ''}{where}"

    def _connect(self) -> psycopg.Connection:
        try:
            return psycopg.connect(self.url, **self._options)
        except psycopg.Error as exc:
            raise errors.explain_connect(exc, self.path) from None

    def _check_schema(self) -> None:
        version = schema_version(self._pg)
        if version == 0:
            raise StoreError(f"{self.path} is not prepared for ResultsDesk: its server "
                             "administrator runs 'resultsdesk init --db URL --name NAME' first.",
                             cause=Cause.WRONG_KIND)
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was prepared by a newer ResultsDesk (schema "
                             f"{version}); this one understands up to {SCHEMA_VERSION}. "
                             "Upgrade ResultsDesk.", cause=Cause.WRONG_KIND)
        if version < SCHEMA_VERSION:
            raise StoreError(f"{self.path} is at schema {version}; this ResultsDesk needs "
                             f"{SCHEMA_VERSION}: its administrator runs 'resultsdesk init' "
                             "again to upgrade it.", cause=Cause.WRONG_KIND)

    # --- the connection, kept or found again ---------------------------------------------

    def _ready(self, *, probe: bool = False) -> psycopg.Connection:
        """The connection, reconnecting first if the last one was lost. `probe`: make sure
        it still answers first (one round trip), so a transaction about to start is not
        begun on a connection the server dropped while the desk was idle (a restart, a
        failover): better found out here, where nothing has been sent yet."""
        if probe and not self._pg.closed \
                and self._pg.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
            try:
                self._pg.execute("SELECT 1")
            except psycopg.OperationalError:
                if not self._pg.closed:
                    raise
        if self._pg.closed:
            self.memo.clear()
            self._pg = self._connect()
            self._check_again()
            log.info("reconnected to %s", self.path)
        return self._pg

    def _check_again(self) -> None:
        """The schema checked as on opening, on a connection just made again: an admin may
        have upgraded the server while the desk was away, or restored an older one, and
        the desk's reads and the server's functions were written for this one. Refused
        (the same line as on opening), nothing is sent on it: it is closed, so every use
        tries again and is refused the same way until the server matches."""
        try:
            self._check_schema()
        except psycopg.Error as exc:
            failure = self._lost(exc)  # gone again as it was asked, most likely
            self._pg.close()
            raise failure from None
        except BaseException:
            self._pg.close()
            raise
        self.server_version = self._pg.info.server_version  # perhaps another server now

    @property
    def connected(self) -> bool:
        return not self._pg.closed

    def _lost(self, exc: psycopg.Error, *, writing: bool = False) -> BaseException:
        """A lost connection, or a lock waited for in vain, explained; any other error as
        it is (a bug, or a refusal the caller maps). `raise self._lost(exc) from None`
        re-raises the latter unchanged."""
        if isinstance(exc, psycopg.OperationalError) and self._pg.closed:
            log.warning("lost the connection to %s: %s", self.path, exc)
            return errors.explain_lost(exc, self.path, writing=writing)
        locked = errors.explain_locked(exc, self.path, self.busy_timeout_ms / 1000)
        if locked is not None:
            log.warning("%s: %s", self.path, exc)
            return locked
        return exc

    # --- reads ---------------------------------------------------------------------------

    def _execute(self, sql: str, params: tuple | list = ()) -> psycopg.Cursor:
        """One statement. Outside a transaction, a connection found lost is replaced and
        the statement sent once more (a read: nothing was done); inside one, the loss is
        reported, and the next use reconnects."""
        return self._sent(lambda conn: conn.execute(adapt_placeholders(sql), tuple(params)))

    def _sent(self, send: Callable[[psycopg.Connection], T],
              failed: Callable[[psycopg.Connection], None] | None = None) -> T:
        """`send` on the connection. Outside a transaction, a connection found lost is
        replaced and `send` run once more (reads only: nothing was done); inside one, the
        loss is reported, and the next use reconnects. `failed`: what a failure leaves to
        end first (a pipeline's transaction, `_abandon`)."""
        conn = self._ready()
        idle = conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
        try:
            return send(conn)
        except psycopg.Error as exc:  # (the server's files failing come as 42501 too)
            if not (isinstance(exc, psycopg.OperationalError) and idle and conn.closed):
                if failed is not None:
                    failed(conn)
                raise self._lost(exc) from None
            log.info("lost the connection to %s while idle; reconnecting", self.path)
        conn = self._ready()
        try:
            return send(conn)
        except psycopg.Error as exc:
            if failed is not None:
                failed(conn)
            raise self._lost(exc) from None

    def query(self, sql: str, params: tuple | list = ()) -> list[dict[str, Any]]:
        cursor = self._execute(sql, params)
        columns = [c.name for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def scalar(self, sql: str, params: tuple | list = ()) -> Any:
        row = self._execute(sql, params).fetchone()
        return row[0] if row else None

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Several reads that see one state of the election while other desks commit
        (a read-only REPEATABLE READ transaction); inside another transaction, that one.

        No probe first: the BEGIN is the first thing sent, so a connection the server
        dropped while the desk was idle is found out there, with nothing done yet, and
        `_execute` reconnects and sends it again."""
        conn = self._ready()
        if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            yield
            return
        self._execute(SNAPSHOT_BEGIN)
        try:
            yield
        except BaseException:
            self._end("ROLLBACK")
            raise
        self._end("COMMIT")

    def _end(self, statement: str) -> None:
        """COMMIT or ROLLBACK the snapshot (read only: nothing to lose if the connection
        went meanwhile; the next use reconnects)."""
        if self._pg.closed:
            return
        try:
            self._pg.execute(statement)
        except psycopg.OperationalError as exc:
            if not self._pg.closed:
                raise self._lost(exc) from None
            # Gone after the last read (a restart, the DBA, the idle-in-transaction timeout
            # while a publish moved its files into a slow share): every read was done, in
            # one moment, and a read-only transaction has nothing to keep. What was made of
            # them stands; said failed, a publish whose files were all in place was
            # reported as lost and done again.
            log.info("the connection to %s went as a read snapshot ended (%s); nothing "
                     "was lost: the next use reconnects", self.path, " ".join(
                         str(exc).split()))
        except psycopg.Error as exc:
            raise self._lost(exc) from None

    def data_version(self) -> int:
        """The change number: moves whenever any desk commits (every write function takes
        one), as SQLite's data_version does for other connections' commits. A new number
        forgets the memo: a window reads it on every change it hears of, so it finds its
        account re-roled or disabled on that refresh rather than when it signs in again.
        The account is read in the same statement (`VERSION_AND_ACCOUNT`), so that refresh
        asks the server once, not twice: over a VPN each question is 20-40 ms of a window
        that cannot be used.
        A read the server's privileges refuse (a grant taken away) is a `ServerRefusal`:
        a window asks this every few seconds while the live feed's read is refused."""
        try:
            row = self._execute(VERSION_AND_ACCOUNT).fetchone()
        except psycopg.Error as exc:
            if errors.sqlstate(exc) != errors.INSUFFICIENT_PRIVILEGE:
                raise
            raise errors.ServerRefusal(errors.message(exc),
                                       errors.INSUFFICIENT_PRIVILEGE) from None
        version = (row[0] if row else 0) or 0
        if version != self._memo_version:
            self.memo.clear()
            self._memo_version = version
            if row:
                self.remember_account(dict(zip(ACCOUNT_COLUMNS, row[1:], strict=True)))
        return version

    def remember_account(self, row: dict[str, Any] | None) -> None:
        """The connection's own `accounts` row (`session.session_account`), kept until the
        change number moves: an enabled account's only (a disabled one, or none, as for the
        server's administrator, who has no row here, is read again at each ask)."""
        if row is not None and row["id"] is not None and not row["disabled"]:
            self.memo["account"] = row

    def read_together(self, statements: list[tuple[str, tuple | list]]) -> list[list[tuple]]:
        """The rows of each statement, all read in one state of the election (a read-only
        REPEATABLE READ transaction) and sent together in one pipeline: one round trip
        where BEGIN, each read and COMMIT took one each (a window's refresh over a slow
        link). Inside another transaction, read in that one, one after another.

        A connection the server dropped while the desk was idle fails the lot with nothing
        read (and reads change nothing): reconnected, and sent once more, as `_execute`
        does. A read that fails leaves those after it unread, and its transaction ended."""
        conn = self._ready()
        if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE \
                or not psycopg.Pipeline.is_supported():  # (a libpq before 14's: one by one)
            with self.snapshot():
                return [list(self._execute(sql, params).fetchall())
                        for sql, params in statements]
        return self._sent(lambda conn: self._pipelined(conn, statements), self._abandon)

    def _pipelined(self, conn: psycopg.Connection,
                   statements: list[tuple[str, tuple | list]]) -> list[list[tuple]]:
        with conn.pipeline():
            conn.execute(SNAPSHOT_BEGIN)
            # each read by the path every read takes (`_execute`), sent, not yet answered
            cursors = [self._execute(sql, params) for sql, params in statements]
            conn.execute("COMMIT")
        return [list(cursor.fetchall()) for cursor in cursors]

    @staticmethod
    def _abandon(conn: psycopg.Connection) -> None:
        """A pipeline that failed part-way leaves its transaction open (the statements after
        the failure, its COMMIT too, were skipped): ended, as a snapshot's is."""
        if conn.closed or conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
            return
        try:
            conn.execute("ROLLBACK")
        except psycopg.Error:
            log.info("could not end a failed read's transaction", exc_info=True)

    # --- writes: the server's functions only ---------------------------------------------

    def call(self, work: Callable[[psycopg.Connection], T], *,
             one_statement: bool = False) -> T:
        """Run `work(conn)` (calls of the server's write functions) as one transaction,
        again when the server reports a serialization failure or deadlock (never shown).
        A refusal by the server's rules becomes a `ServerRefusal` with its SQLSTATE; a
        lost connection a `ServerUnreachable` (the server rolled back what it had).

        `one_statement`: `work` sends one statement (a write function's call) right after
        the desk's own reads on this connection, which found it alive or reconnected:
        no probe, and no BEGIN/COMMIT around it (on this autocommit connection a
        statement is its own transaction), so the save is one round trip."""
        conn = self._ready(probe=not one_statement)
        commits.sending()  # from here an interrupt cannot say the server kept nothing
        try:
            return errors.retrying(conn, work, transaction=not one_statement)
        except psycopg.Error as exc:
            state = errors.sqlstate(exc)
            if errors.is_desk_refusal(exc) or (state == errors.INSUFFICIENT_PRIVILEGE
                                               and not errors.is_file_failure(exc)):
                raise errors.ServerRefusal(errors.message(exc), state) from None
            raise self._lost(exc, writing=True) from None

    def write(self) -> Iterator[PgStore]:
        raise InternalError("a PostgreSQL desk writes only through the server's functions "
                            "(PgStore.call), never rows of its own")

    def audit(self, *args: object, **kwargs: object) -> int:
        raise InternalError("on PostgreSQL the server's functions write the audit log")

    def reopen(self) -> PgStore:
        """Another connection to the same election, signed in as this one (for a thread:
        a store belongs to the thread that opened it)."""
        return PgStore(self.url, user=self._options.get("user"),
                       password=self._options.get("password"))

    def listener(self) -> ChangeListener:
        """A LISTEN connection of its own, signed in as this store is (same URL, hosts,
        account and password), for live views to hear every commit.

        Waiting to be told is its whole job, so the server's idle_session_timeout (a DBA's
        way to reap abandoned sessions, since PostgreSQL 14) is off for it: the server
        ended it every period, and the window showed the server lost and refused actions
        until it came back. Any other way its session ends is noticed as before."""
        options = {k: v for k, v in self._options.items() if k != "autocommit"}
        if self.server_version >= IDLE_SESSION_TIMEOUT_SINCE:
            options["options"] = f"{options['options']} -c idle_session_timeout=0"
        return ChangeListener(make_conninfo(self.url, **options), self.path)

    def close(self) -> None:
        self._pg.close()

    def __enter__(self) -> PgStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
