"""Hearing other desks' changes as they commit: LISTEN on the channel every write function
NOTIFYs at commit.

A notification is only a hint to look: any account may NOTIFY any channel with any payload
(PostgreSQL has no privilege for it), so the payload is never believed. On hearing one, the
listener reads the change counter itself (one round trip on its own connection, after the
commit that notified, so it sees that commit); a forged notification finds the counter
unchanged and is ignored.

A GUI watches `fileno()` (a QSocketNotifier on it) and calls `drain()` when it is readable;
a command-line tool calls `wait()`. No thread: the server pushes, and `poll()` reads the
counter anyway, for a view's look every few seconds (a write sends no notification while the
server's queue of them is half full: migration 56). When the
connection is lost (the server restarted or died), `drain` and `wait` raise
`ServerUnreachable`; a new listener on the same conninfo is the way back.

A server that is there but says no is told apart from one that is not: a LISTEN it refuses
(a standby in recovery, a pooler, a permission) leaves the listener asking, not told
(`refused` says why: `poll()` still reads the counter on its connection); a read of the
counter it refuses raises `FeedRefused` (the connection closed: a new listener is the way
back, as for a lost one).
"""

from __future__ import annotations

import logging
import time

import psycopg

from ..errors import StoreError
from .calls import CHANNEL, change_seq
from .errors import explain_connect, explain_feed_refused, explain_lost

REREADS = 3  # counter reads per wake-up at most, while notifications keep arriving
# A LISTEN refused is asked again this often, on a read of the counter (`poll`): a standby
# promoted keeps its connections, and would tell from then on. (Not at every read: each
# refusal is an error line in the server's log.)
RELISTEN_S = 30.0
log = logging.getLogger(__name__)


class ChangeListener:
    """One autocommit connection that LISTENs (keep it apart from the desk's own)."""

    def __init__(self, conninfo: str, where: str = "the election's server") -> None:
        self.where = where  # for messages: never the password
        self.refused: str | None = None  # why the server would not LISTEN (then: asked)
        try:
            self.conn = psycopg.connect(conninfo, autocommit=True)
        except psycopg.Error as exc:
            raise explain_connect(exc, where) from None
        try:
            self.conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as exc:
            if self.conn.closed:
                raise self._failed(exc) from None
            # Connected and signed in, but no notifications: the connection stays, for
            # the counter's reads (`poll`), and the view asks as often as a file's does.
            self.refused = str(explain_feed_refused(exc, where))
            log.warning("%s", self.refused)
        self._asked = time.monotonic()  # when LISTEN was last asked
        try:
            # Anything committed before LISTEN took effect has no notification: from now.
            self.seq = change_seq(self.conn)
        except psycopg.Error as exc:
            raise self._failed(exc) from None

    def _failed(self, exc: psycopg.Error) -> StoreError:
        """The connection gone (`ServerUnreachable`) or the server's refusal while
        connected (`FeedRefused`: a permission, a statement it will not run), told apart:
        only the first is the server out of reach. The connection is closed either way."""
        gone = self.conn.closed
        self.conn.close()
        return explain_lost(exc, self.where) if gone else explain_feed_refused(exc, self.where)

    def fileno(self) -> int:
        return self.conn.fileno()

    def _heard(self, timeout: float, stop_after: int | None) -> bool:
        """Whether any notification arrived (consuming them all: their payloads are
        never read)."""
        heard = False
        for _ in self.conn.notifies(timeout=timeout, stop_after=stop_after):
            heard = True
        return heard

    def _take(self, timeout: float, stop_after: int | None, *,
              told: bool = True) -> int | None:
        """The change number now if it moved since the last one seen, else None; asks the
        server only when a notification arrived (however many did: one read for all), or
        whether or not one did when not `told`. One that arrives while the counter is read
        is kept by psycopg for the next `notifies()`, not on the socket, so it is looked
        for at once and the counter read again (a few times at most: a flood of forged
        ones cannot hold the desk here)."""
        try:
            if not self._heard(timeout, stop_after) and told:
                return None
            for _ in range(REREADS):
                now = change_seq(self.conn)
                if not self._heard(0, None):
                    break
        except psycopg.Error as exc:
            raise self._failed(exc) from None
        if now > self.seq:
            self.seq = now
            return now
        return None

    def drain(self) -> int | None:
        """The newest change number among notifications already arrived (None: none new)."""
        return self._take(0, None)

    def poll(self) -> int | None:
        """The change number now if it moved since the last one seen, read whether or not a
        notification came: a write skips its notification while the server's queue of them
        is half full (migration 56), so a view also looks every few seconds by itself.
        LISTEN, if refused, is asked again first (every RELISTEN_S)."""
        self._listen_again()
        return self._take(0, None, told=False)

    def _listen_again(self) -> None:
        """LISTEN asked again if refused and RELISTEN_S have passed: `refused` is None once
        the server takes it (asked before the read, so nothing after it goes untold)."""
        if self.refused is None or time.monotonic() - self._asked < RELISTEN_S:
            return
        self._asked = time.monotonic()
        try:
            self.conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as exc:
            if self.conn.closed:
                raise self._failed(exc) from None
            return
        log.info("%s takes the live feed's LISTEN now", self.where)
        self.refused = None

    def wait(self, timeout: float) -> int | None:
        """Block up to `timeout` seconds for a change newer than the last seen; its number,
        or None. Notifications after which the counter has not moved (forged, or for a
        change already seen) do not end the wait."""
        deadline = time.monotonic() + timeout
        while True:
            newest = self._take(max(0.0, deadline - time.monotonic()), 1)
            if newest is not None or time.monotonic() >= deadline:
                return newest

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> ChangeListener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
