"""The red bar across the window while a team desk's server cannot be reached: the form
keeps what was typed (its draft), nothing half-saved stays on the server, and the desk
reconnects by itself; the bar goes when it has. When the server is back but refuses the
account's sign-in, the bar says that instead: no waiting brings that desk back. When the
server is there but refuses the live feed (LISTEN, or its read of changes), the bar says
so, with the server's reason, not "unreachable": the desk works, and asks for other desks'
changes every few seconds meanwhile (or, where the server refuses the window that too, says
that they do not show). When the server came back at a schema this ResultsDesk
was not built for, the bar says which and what to do: nothing is saved meanwhile."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from .announce import AlertLabel, announce
from .live_feed import LiveFeed
from .style import ALERT_COLOUR, as_written

LOST_TEXT = "Server unreachable: reconnecting…"
REFUSED_TEXT = "The server no longer signs this account in"
UNHEARD_TEXT = "No live updates"
BACK_TEXT = "Server connection back"  # said to a screen reader as the bar goes
# (its journal too: a -wal or -shm deleted by a clean-up, `store.lost_files`; the store's own
# line, in the tooltip, says which and what became of the saves)
FILE_LOST_TEXT = ("The database file (or its journal, -wal or -shm) was deleted, moved or "
                  "replaced since it was opened")


class ConnectionBar(AlertLabel):
    """Hidden while connected; red, with when the connection went, while it is lost."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Server connection", parent)
        self.setObjectName("connectionBar")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(f"QLabel {{ background:{ALERT_COLOUR}; color:white; "
                           "font-weight:600; padding:6px 8px; border-radius:3px; }")
        self.signed_out = False  # showing that the account was signed out, not the server
        self.hide()

    def attach(self, feed: LiveFeed) -> None:
        feed.connection_lost.connect(self.show_lost)
        feed.refused.connect(self.show_refused)
        feed.unheard.connect(self.show_unheard)
        feed.reconnected.connect(self.show_back)
        feed.file_lost.connect(self.show_file_lost)
        if feed.unheard_reason:  # refused as the feed started, before anyone listened
            self.show_unheard(feed.unheard_reason)

    def show_back(self) -> None:
        """Connected again: the bar goes, and a screen reader, which heard it come, hears
        it go."""
        if self.isVisible():
            announce(self, BACK_TEXT)
        self.hide()

    def show_signed_out(self, message: str) -> None:
        """The signed-in account was disabled by an admin: said until someone signs in."""
        self.setText(message)
        self.setToolTip("")
        self.show()
        self.signed_out = True

    def _show_why(self, message: str) -> None:
        """Shown, the text set: `message`, the store's own line, as its tooltip (a file's
        or server's name as written); no longer saying that the account was signed out."""
        self.setToolTip(as_written(message))
        self.signed_out = False
        self.show()

    def show_lost(self, message: str = "") -> None:
        since = datetime.now().strftime("%H:%M:%S")
        self.setText(f"{LOST_TEXT} (since {since}). What you type is kept; save again once "
                     "this bar has gone.")
        self._show_why(message)

    def show_file_lost(self, message: str) -> None:
        """The file open in this window was deleted, moved or replaced: what the window
        shows is as of then, other desks' saves no longer reach it and its own are
        refused. Only opening the election again helps (a bar for good, not a retry)."""
        self.setText(f"{FILE_LOST_TEXT}: what this window shows is as it was then, and "
                     "nothing can be saved to it. Open the election again (File > Open); "
                     "what you type is kept.")
        self._show_why(message)

    def show_refused(self, message: str) -> None:
        """The server is back but refuses the account (disabled by an admin, or its password
        changed while the desk was away): waiting will not help, so say what will."""
        self.setText(f"{REFUSED_TEXT}: {' '.join(message.split())} Ask an admin (the "
                     "account may have been disabled or its password changed), then sign "
                     "in again. What you type is kept.")
        self._show_why(message)

    def show_unheard(self, message: str, *, asked: bool = True) -> None:
        """The server is there and signs the account in, but refuses the live feed: what
        it said, and that nothing else is wrong (a desk sent to check cables, or to wait
        for a reconnection, while the server was fine). Not `asked`: the window's own
        check for changes is refused too (a permission taken from the account), so the
        bar does not say it checks."""
        instead = ("this window checks for other desks' changes every few seconds instead "
                   "and works as usual." if asked else
                   "the server refuses this window's check for other desks' changes too, "
                   "so they do not show here until that is put right.")
        self.setText(f"{UNHEARD_TEXT} ({' '.join(message.split())}): {instead} "
                     "Tell the server's administrator.")
        self._show_why(message)

    def says_unheard(self) -> bool:
        """Whether the bar is up saying the server refuses the live feed (`show_unheard`)."""
        return self.isVisible() and self.text().startswith(UNHEARD_TEXT)

    def show_stopped(self, message: str) -> None:
        """The server came back at a schema this ResultsDesk was not built for (upgraded,
        or an older one restored, while the connection was away): the store refuses every
        read and write until it matches; the message says which schema and what to do.
        Likewise a server that cannot use its own files, or has no room (its message)."""
        self.setText(f"{' '.join(message.split())} Nothing is saved from this window "
                     "meanwhile; what you type is kept.")
        self._show_why(message)
