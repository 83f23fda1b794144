"""What the PostgreSQL store's server functions raise, and which failures a client retries.

The write functions raise SQLSTATEs of their own (class 'RD'), with a message written for
the person at the desk, so a client maps them without reading message text:

- RD001 `CONFLICT`: the seat changed since the client looked (stale expected version)
- RD002 `FOUR_EYES`: whoever keyed the figures cannot verify or reject them
- RD003 `DESK_RULE`: another rule of the desk (unknown seat, nothing pending, figures in
  error, only the author withdraws, nobody keys over another person's pending entry, ...)
- RD004 `NOT_PERMITTED`: the account's role (or a disabled account) does not allow it
- RD005 `RECORD_FIXED`: the record refuses a change (append-only audit log, figures fixed)

Serialization failures (40001) and deadlocks (40P01) are transient: the same call, made
again in a new transaction, can succeed (`retrying`). A lock time-out (55P03) is not
retried: a desk's connection waits at most the busy timeout (`store/settings`, as on a
file) for another session's write, and then says the election is locked (`explain_locked`),
so a session that keeps the write lock (a transaction left open) stalls no desk for longer.
Insufficient privilege (42501) is what a desk role gets for touching a table directly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

import psycopg

from ...domain.errors import Cause
from ..errors import StoreError
from ..server import (
    FeedRefused,
    PasswordNeeded,
    ServerRefusal,
    ServerRolledBack,
    ServerSignInFailed,
    ServerUnreachable,
)

__all__ = [
    "CONFLICT",
    "DESK_RULE",
    "FOUR_EYES",
    "NOT_PERMITTED",
    "RECORD_FIXED",
    "FeedRefused",
    "PasswordNeeded",
    "ServerRefusal",
    "ServerRolledBack",
    "ServerSignInFailed",
    "ServerUnreachable",
    "explain_connect",
    "explain_feed_refused",
    "explain_locked",
    "explain_lost",
    "retrying",
]

CONFLICT = "RD001"
FOUR_EYES = "RD002"
DESK_RULE = "RD003"
NOT_PERMITTED = "RD004"
RECORD_FIXED = "RD005"
DESK_SQLSTATES = (CONFLICT, FOUR_EYES, DESK_RULE, NOT_PERMITTED, RECORD_FIXED)

SERIALIZATION_FAILURE = "40001"
DEADLOCK_DETECTED = "40P01"
LOCK_NOT_AVAILABLE = "55P03"  # lock_timeout: waited the busy timeout for another's lock
QUERY_CANCELED = "57014"  # statement_timeout, or cancelled by the server's administrator
# A server that takes no writes for now: a hot standby (the URL's host before a failover,
# with no target_session_attrs=read-write), or one its administrator made read-only
# (default_transaction_read_only, as for maintenance or a disk in trouble).
READ_ONLY_SQL_TRANSACTION = "25006"
# The server short of what a write needs: class 53 (53100 its disk full, 53200 out of
# memory, ...). 53300, too many connections, comes only as a connection is made
# (`explain_connect`, libpq's message).
DISK_FULL = "53100"
INSUFFICIENT_RESOURCES = "53"
TRANSIENT_SQLSTATES = (SERIALIZATION_FAILURE, DEADLOCK_DETECTED)
INSUFFICIENT_PRIVILEGE = "42501"

T = TypeVar("T")
log = logging.getLogger(__name__)


def sqlstate(exc: BaseException) -> str | None:
    return getattr(exc, "sqlstate", None)


def is_desk_refusal(exc: BaseException) -> bool:
    """A rule of the desk said no: show the message, never retry."""
    return sqlstate(exc) in DESK_SQLSTATES


def is_transient(exc: BaseException) -> bool:
    """The server gave up on this transaction for reasons of concurrency: try it again."""
    return sqlstate(exc) in TRANSIENT_SQLSTATES


def is_file_failure(exc: BaseException) -> bool:
    """The server failing to use its own files (its data disk gone read-only, a file's
    permissions changed), not refusing the account: PostgreSQL reports EACCES, EPERM and
    EROFS under 42501, the code of a privilege refused, in words of its own ("could not
    open file ...: Permission denied"), where a refused privilege says "permission
    denied for ..."."""
    return (sqlstate(exc) == INSUFFICIENT_PRIVILEGE and isinstance(exc, psycopg.Error)
            and message(exc).startswith("could not "))


def message(exc: psycopg.Error) -> str:
    """The server's message without the 'CONTEXT: PL/pgSQL ...' lines psycopg appends."""
    diag = getattr(exc, "diag", None)
    primary = diag.message_primary if diag is not None else None
    return primary or str(exc).splitlines()[0]


def retrying(conn: psycopg.Connection, work: Callable[[psycopg.Connection], T], *,
             attempts: int = 5, transaction: bool = True) -> T:
    """Run `work(conn)` in a transaction, again (up to `attempts` times in all) when the
    server reports a transient failure; any other error propagates at once. Every attempt
    starts afresh, so nothing of a failed one remains: `conn` must not be inside a
    transaction already (a retry within an old snapshot would fail the same way).
    `transaction=False`: `work` is one statement on an autocommit connection, its own
    transaction, sent without BEGIN and COMMIT."""
    if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        raise RuntimeError("retrying() starts its own transactions: commit or roll back first")
    for attempt in range(1, attempts + 1):
        try:
            if not transaction:
                return work(conn)
            with conn.transaction():
                return work(conn)
        except psycopg.Error as exc:
            if not is_transient(exc) or attempt == attempts:
                raise
    raise AssertionError("unreachable")  # the loop returns or raises


# --- what the desk is told -----------------------------------------------------------------
# The store turns psycopg's exceptions into those of store/server.py (defined without the
# driver), so the desk above never handles a driver type: a refusal by the server's rules
# (mapped to the desk's own refusals by SQLSTATE), a failed sign-in, and a server that
# cannot be reached or went away.

# libpq reports failures before a session exists (refused, unknown host, wrong password)
# without an SQLSTATE, so these are told apart by its message, the only place it says
# which; anything unrecognised is reported as unreachable with libpq's own words.
SIGN_IN_REFUSED = "wrong name or password, or the account is disabled"
_SIGN_IN_FAILURES = ("password authentication failed", "no password supplied",
                     "is not permitted to log in", "role \"", "permission denied for database")
# The server answers but takes no new connection for now: full (max_connections, or the
# DBA's CONNECTION LIMIT on the account or the database), or starting up, shutting down or
# recovering after a restart. Told apart before the sign-in failures: 'too many connections
# for role "alice"' is no refusal of alice, and a window that took it for one signed her
# out for good.
_TURNED_AWAY = ("too many clients", "too many connections for",
                "remaining connection slots are reserved", "the database system is")


def _libpq_reason(exc: BaseException) -> str:
    """libpq's reason on one line: the server's FATAL message if there is one, else what
    failed on the last host it tried ("Connection refused. Is the server running ...")."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = " ".join(lines)
    if "FATAL:" in text:
        return " ".join(text.rsplit("FATAL:", 1)[1].split()).rstrip(".")
    first = lines[0].rsplit(" failed: ", 1)[-1] if lines else str(exc)
    return ". ".join([first, *lines[1:]]).rstrip(".")


# libpq's (and psycopg's) words for a connection that broke or could not be made, and the
# desk's for each, looked for in this order. libpq's own ("server closed the connection
# unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while
# ...") are for the log: a desk at 3 a.m. reads one line, in the desk's words.
_PLAIN_WORDS = (
    (("administrator command",), "its administrator ended the connection"),
    (("idle-session timeout", "idle-in-transaction"),
     "the server ended the connection, idle too long"),
    (("terminating connection", "shutting down"), "the server ended the connection"),
    # A socket on this PC (`?host=/run/postgresql`, as packaging/README.md's `init`): none
    # there, or one left by a server that stopped. Said as "the connection failed", with
    # nothing to say the server was not running, or as the address and port it was not.
    (("Is the server running locally",), "nothing answers on that socket on this PC (the "
                                         "server is down, or its socket is in another "
                                         "folder)"),
    (("Connection refused",), "nothing answers at that address and port (the server is "
                              "down, restarting, or elsewhere)"),
    (("could not translate host name", "Name or service not known", "nodename nor servname",
      "Temporary failure in name resolution"), "that server's name is not known here"),
    (("timeout expired", "timed out"), "the server did not answer in time"),
    (("No route to host", "Network is unreachable", "Host is unreachable"),
     "the network does not reach the server"),
    (("server closed the connection", "EOF detected", "Connection reset", "Broken pipe",
      "connection is lost", "connection is closed", "connection not open",
      "no connection to the server", "SSL SYSCALL", "SSL connection has been closed"),
     "the connection was cut"),
    (("certificate", "SSL"), "the secure connection could not be set up (the log says why)"),
)


def _plain_reason(exc: BaseException, where: str) -> str:
    """What became of the connection, in the desk's words; libpq's go to the log."""
    raw = " ".join(str(exc).split())
    log.info("connection to %s: libpq says: %s", where, raw)
    return next((plain for markers, plain in _PLAIN_WORDS
                 if any(marker in raw for marker in markers)),
                "the connection failed (the log says how)")


def explain_connect(exc: psycopg.Error, where: str) -> StoreError:
    """What a failed connection to `where` (the server and database, no password) means."""
    reason = _libpq_reason(exc)
    if any(marker in reason for marker in _TURNED_AWAY):
        return ServerUnreachable(f"cannot reach the server for {where} just now: it is "
                                 f"taking no new connections ({reason}); try again in a "
                                 "moment.")
    if any(marker in reason for marker in _SIGN_IN_FAILURES):
        if "no password supplied" in reason:
            return PasswordNeeded(f"sign-in to {where} failed: no password given: set "
                                  "RESULTSDESK_PASSWORD (or PGPASSWORD), or put it in "
                                  "~/.pgpass.")
        # One answer for a wrong password, an unknown name and a disabled account: the
        # server checks the password first, so its "is not permitted to log in" told a
        # disabled account's right password from a wrong one, and "role ... does not
        # exist" which names have accounts. Its words are for the log (the DBA's).
        log.info("sign-in to %s refused: the server says: %s", where, reason)
        return ServerSignInFailed(f"sign-in to {where} failed: {SIGN_IN_REFUSED}.")
    if "database \"" in reason and "does not exist" in reason:
        return StoreError(f"{where}: {reason}; prepare it with 'resultsdesk init --db URL "
                          "--name NAME' (as the server's administrator).",
                          cause=Cause.MISSING)
    # The server's own refusal (a FATAL: no pg_hba.conf entry for this host...) is one line
    # meant for people; anything else is libpq's, said in the desk's words.
    said = reason if "FATAL:" in str(exc) else _plain_reason(exc, where)
    return ServerUnreachable(f"cannot reach the server for {where}: {said}.")


def explain_locked(exc: psycopg.Error, where: str, waited_s: float) -> StoreError | None:
    """A wait for another session's lock that ran out (or a statement the server
    cancelled, or a transaction that lost to others' every time `retrying` tried it, or a
    write a read-only server refused, or one it had no room for), in the desk's words as
    SQLite's "locked" (or "read-only", "disk full") is; None for any other error."""
    state = sqlstate(exc)
    if is_file_failure(exc):
        # Said before as the account's role refused ("an admin changed it"), or, on a
        # read, as a bug; the server's own words (which file) are for the log.
        return StoreError(f"{where} could not use its own files (its disk read-only, or "
                          "their permissions changed: its administrator looks at the "
                          "server's log); nothing was saved: try again once it can.",
                          cause=Cause.READ_ONLY)
    if state == LOCK_NOT_AVAILABLE:
        # Rolled back by the server, as a cancelled statement is: a wait that ran out after
        # a verification had counted its try (a lock a DBA's CREATE INDEX holds) leaves it
        # counted, so the desk says so (`ServerWrites.verify`), not just "try again".
        return ServerRolledBack(f"{where} is locked by another session's unfinished write "
                                f"(waited {waited_s:g} s); nothing was saved: try again in a "
                                "moment.", cause=Cause.LOCKED)
    if state == READ_ONLY_SQL_TRANSACTION:
        # The server's words name a statement inside its own functions ("cannot execute
        # UPDATE in a read-only transaction"): shown as they were, a save went up as a
        # bug, a traceback in the window, though nothing of the desk's was wrong.
        return StoreError(f"{where} takes no changes just now: the server is read-only (a "
                          "standby, or its administrator made it so); nothing was saved: "
                          "try again once it takes changes.", cause=Cause.READ_ONLY)
    if state == DISK_FULL:
        # Its disk full: "could not extend file ...", a traceback, went up as a bug too.
        return ServerRolledBack(f"{where} could not keep the change: the server's disk is "
                                "full (its administrator makes room); nothing was saved: "
                                "try again once it has.", cause=Cause.DISK_FULL)
    if state is not None and state.startswith(INSUFFICIENT_RESOURCES):
        # (not IO: the server answered; a window's refresh took that for a lost server)
        return ServerRolledBack(f"{where} ran short of resources ({message(exc)}); nothing "
                                "was saved: try again in a moment, or ask its "
                                "administrator.", cause=Cause.LOCKED)
    if state == QUERY_CANCELED:
        return ServerRolledBack(f"The server cancelled the request to {where} (a time "
                                "limit, or its administrator); nothing was saved: try again "
                                "in a moment.", cause=Cause.LOCKED)
    if state in TRANSIENT_SQLSTATES:  # `retrying` tried it again and again: other desks'
        # writes kept winning (psycopg's own error went up as a bug, with a traceback)
        return StoreError(f"{where} was busy with other desks' writes at the same moment "
                          "(tried again, in vain); nothing was saved: try again in a moment.",
                          cause=Cause.LOCKED)
    return None


def explain_lost(exc: psycopg.Error, where: str, *, writing: bool = False) -> ServerUnreachable:
    """The connection broke. Mid-write the server either committed all of it or nothing
    (it never keeps half), but which one the reply that was lost would have said."""
    done = ("the change was saved whole or not at all: reload and check before saving "
            "again" if writing else "nothing half-done was kept")
    return ServerUnreachable(f"lost the connection to the server for {where} "
                             f"({_plain_reason(exc, where)}); {done}. Reconnecting: try "
                             "again in a moment.")


def explain_feed_refused(exc: psycopg.Error, where: str) -> FeedRefused:
    """The server, still connected, said no to the live feed (LISTEN, or its read of the
    change counter): its own words, one line, which say what (a permission, a standby's
    "cannot execute LISTEN during recovery"), not "unreachable", which sent a desk to check
    cables while the server was fine."""
    return FeedRefused(f"{where} refused the live feed: {' '.join(message(exc).split())}")
