"""How many writes this process has sent to be committed: what an interrupted command says
it left behind (`cli`, through `desk.session.writes_sent`). A write counts from the moment
its COMMIT (or a server's write call) is sent, so an interrupt that lands after never says
"nothing was kept" of a write that was."""

from __future__ import annotations

import threading

_lock = threading.Lock()
_sent = 0


def sending() -> None:
    """A write's COMMIT (or a server's write call) is about to go."""
    global _sent
    with _lock:
        _sent += 1


def not_sent() -> None:
    """The write just counted failed before it could be committed."""
    global _sent
    with _lock:
        _sent -= 1


def sent() -> int:
    return _sent
