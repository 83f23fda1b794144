"""The red bar across the window while a team desk's server cannot be reached: the form
keeps what was typed (its draft), nothing half-saved stays on the server, and the desk
reconnects by itself; the bar goes when it has."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from .live_feed import LiveFeed
from .style import ALERT_COLOUR

LOST_TEXT = "Server unreachable: reconnecting…"


class ConnectionBar(QLabel):
    """Hidden while connected; red, with when the connection went, while it is lost."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionBar")
        self.setAccessibleName("Server connection")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(f"QLabel {{ background:{ALERT_COLOUR}; color:white; "
                           "font-weight:600; padding:6px 8px; border-radius:3px; }")
        self.hide()

    def attach(self, feed: LiveFeed) -> None:
        feed.connection_lost.connect(self.show_lost)
        feed.reconnected.connect(self.hide)

    def show_lost(self, message: str = "") -> None:
        since = datetime.now().strftime("%H:%M:%S")
        self.setText(f"{LOST_TEXT} (since {since}). What you type is kept; save again once "
                     "this bar has gone.")
        self.setToolTip(message)
        self.show()
