"""Hearing other desks' changes as they commit: LISTEN on the channel every write function
NOTIFYs, with the change number as the payload.

A GUI watches `fileno()` (a QSocketNotifier on it) and calls `drain()` when it is readable;
a command-line tool calls `wait()`. No thread and no polling: the server pushes. When the
connection is lost (the server restarted or died), `drain` and `wait` raise
`ServerUnreachable`; a new listener on the same conninfo is the way back.
"""

from __future__ import annotations

import time

import psycopg

from .calls import CHANNEL, change_seq
from .errors import explain_connect, explain_lost


class ChangeListener:
    """One autocommit connection that LISTENs (keep it apart from the desk's own)."""

    def __init__(self, conninfo: str, where: str = "the election's server") -> None:
        self.where = where  # for messages: never the password
        try:
            self.conn = psycopg.connect(conninfo, autocommit=True)
        except psycopg.Error as exc:
            raise explain_connect(exc, where) from None
        try:
            self.conn.execute(f"LISTEN {CHANNEL}")
            # Anything committed before LISTEN took effect has no notification: from now.
            self.seq = change_seq(self.conn)
        except psycopg.OperationalError as exc:
            self.conn.close()
            raise explain_lost(exc, where) from None

    def fileno(self) -> int:
        return self.conn.fileno()

    def _take(self, timeout: float, stop_after: int | None) -> int | None:
        newest = None
        try:
            for note in self.conn.notifies(timeout=timeout, stop_after=stop_after):
                if note.payload.isdigit():  # anyone may NOTIFY; only numbers are ours
                    newest = max(newest or 0, int(note.payload))
        except psycopg.OperationalError as exc:
            self.conn.close()
            raise explain_lost(exc, self.where) from None
        if newest is not None and newest > self.seq:
            self.seq = newest
            return newest
        return None

    def drain(self) -> int | None:
        """The newest change number among notifications already arrived (None: none new)."""
        return self._take(0, None)

    def wait(self, timeout: float) -> int | None:
        """Block up to `timeout` seconds for a change newer than the last seen; its number,
        or None. Notifications that are not ours, or not newer, do not end the wait."""
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
