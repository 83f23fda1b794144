"""Where a rehearsal may be: a file of its own, never a team desk server.

A server's election is live for its whole life (`prepare` makes it so, and the server's
triggers refuse any change of its kind), and the replay's plan and clock are SQLite's only.
The rule is the desk's, so the command line (`rehearse --db`), the app's File > Rehearsal…
and any caller of `desk.rehearsal` meet the same refusal, worded the same way.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from ..store.server import URL_SCHEMES
from .errors import DeskRefusal
from .session import Desk, is_server, is_server_target, redacted

# A server URL made into a Path has its '//' folded ("postgresql:/ann@host/ge2024"): as a
# file, the night would go to a SQLite file under ./postgresql:/ while the person thought
# it on the server.
_FOLDED = tuple(scheme.removesuffix("//") for scheme in URL_SCHEMES)  # "postgresql:", ...


class RehearsalRefusal(DeskRefusal):
    """A rehearsal cannot be made or driven as asked; the message says why."""


def _server_url(target: object) -> str | None:
    """`target` as a server URL, if it names one (typed, or folded into a Path)."""
    if is_server_target(target):
        return str(target)
    if isinstance(target, PurePath) and target.parts \
            and target.parts[0].lower() in _FOLDED:
        return str(target).replace(":/", "://", 1)
    return None


def refuse_server_target(target: str | Path, *, option: str | None = None) -> None:
    """Refuse a team desk server as a rehearsal's database. `option` is how the front end
    names the field to the person (`--db` on the command line; nothing in the app), so the
    line tells them what to type instead. The URL's password is never in the message."""
    url = _server_url(target)
    if url is None:
        return
    named = f"{option} " if option else ""
    raise RehearsalRefusal(f"{named}{redacted(url)} is a team desk server, whose election is "
                           f"live: rehearse into a file of its own ({named}rehearsal.db)")


def refuse_server_desk(desk: Desk) -> None:
    """Refuse driving a rehearsal on a server's election (live, with no replay tables)."""
    if is_server(desk):
        raise RehearsalRefusal(f"{desk.path} is a team desk server, whose election is live: "
                               "rehearse into a file of its own (rehearsal.db)")
