"""How a live view learns that another desk committed, the same way on either store (no Qt
here: `ui/live_feed.py` wraps a source for the window).

- A file (`DataVersionSource`): nothing tells, so the view asks; `changed()` compares
  SQLite's data_version, cheap enough to call every 1.5 s.
- A server (`NotificationSource`): the server tells. Every write function NOTIFYs at
  commit, heard on a LISTEN connection of the source's own; `fileno()` is its socket,
  readable as soon as a notification arrives, so a view wakes at once; it also looks
  every few seconds (`changed(look=True)`), as a write sends no notification while the
  server's queue of them is half full (migration 56: an account filling that queue had
  stopped every write on the server). When the server goes away `changed()` raises
  `ServerUnreachable` (a `StoreError`); `reconnect()` tries to come back (same URL: a
  multi-host URL finds a promoted standby), after which the view reloads, since
  notifications sent while it was away were never heard. A server that is there but
  refuses the feed is not "unreachable": a LISTEN it refuses leaves the source asked
  rather than told (`unheard()` says why), and a counter read it refuses raises
  `FeedRefused`, from `changed()` and `reconnect()` alike.
"""

from __future__ import annotations

from typing import Protocol

from ..store.errors import StoreError
from ..store.server import FeedRefused, ServerSignInFailed
from .session import Desk, data_version, is_server


class ChangeSource(Protocol):
    def fileno(self) -> int | None:
        """A socket that becomes readable when a change may have arrived; None: poll."""

    def changed(self, look: bool = False) -> bool:
        """Whether another desk committed since the last call (raises StoreError when the
        connection that would tell is lost). `look`: ask the store even if nothing told
        (a server's notifications are hints that can be left out)."""

    def unheard(self) -> str | None:
        """Why a source that has a socket is not told of changes (the server refused to
        LISTEN), one line: it is then asked (`changed(look=True)`) as often as a file is.
        None while it is told, and for a file."""

    def reconnect(self) -> bool:
        """Try to hear changes again after a loss; True once it does. Raises StoreError
        when the server answers but will not sign the account in again (disabled, or its
        password changed meanwhile): no retry fixes that, a person must; `FeedRefused`
        when it signs the account in but refuses the feed's read of changes."""

    def close(self) -> None: ...


class DataVersionSource:
    """A file's changes, asked for: SQLite's data_version on the desk's own connection."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self._seen = data_version(desk)

    def fileno(self) -> None:
        return None

    def changed(self, look: bool = False) -> bool:
        # The file deleted or replaced while open (a sync tool, a slip in a file manager):
        # data_version goes on reading the old one, other desks' saves never show, and
        # nobody knew until a save here was refused. A `FileLost`; one stat a poll.
        self.desk.refuse_a_lost_file()
        now = data_version(self.desk)
        if now == self._seen:
            return False
        self._seen = now
        return True

    def unheard(self) -> None:
        return None

    def reconnect(self) -> bool:
        return True

    def close(self) -> None:
        """The desk's connection is the desk's to close."""


class NotificationSource:
    """A server's changes, pushed: LISTEN on a connection of this source's own."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self._listener = desk.listener()

    def fileno(self) -> int | None:
        return None if self._listener is None else self._listener.fileno()

    def changed(self, look: bool = False) -> bool:
        if self._listener is None:
            raise StoreError(f"not listening to {self.desk.path}: reconnecting")
        try:
            if look:
                return self._listener.poll() is not None
            return self._listener.drain() is not None
        except StoreError:
            self._listener = None
            raise

    def unheard(self) -> str | None:
        return None if self._listener is None else self._listener.refused

    def reconnect(self) -> bool:
        if self._listener is not None:
            return True
        try:
            self._listener = self.desk.listener()
        except (ServerSignInFailed, FeedRefused):
            raise  # not "unreachable": the server is there, and says no
        except StoreError:
            return False
        return True

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None


def change_source(desk: Desk) -> ChangeSource:
    """The way `desk`'s kind of store tells of other desks' commits."""
    return NotificationSource(desk) if is_server(desk) else DataVersionSource(desk)
