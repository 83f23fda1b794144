"""Who holds a rehearsal's clock: every window open on the rehearsal and the `rehearse`
command driving it.

Several may drive one rehearsal at once (two desks' windows, an editor's and a desk
account's, a window beside the command): each delivers what the clock has made due. Each
says it holds the clock when it starts (`hold`), beats while it runs (`beat`, every
`HOLDER_BEAT`; a window's tick, the command's loop) and lets go when it ends (`release`).
A holder unseen for `LOST_AFTER` is gone (killed, asleep, frozen): it no longer counts, and
the next to hold drops its row. One on this computer whose process has ended (killed
outright: it never let go) is gone at once (`desk/processes`): each row says where its
holder runs and its process id. One elsewhere, or whose process this one cannot ask about,
keeps the minute's rule.

What it decides:
- a window closing, or the command ending, stops the clock only if nobody else holds it:
  otherwise the others go on with it (`release` says who is left);
- `rehearsal.start` on a clock that says running goes back to the last seat delivered only
  when nobody holds it (its driver was lost); held, it goes on from where it is;
- the command, finding the clock held still by someone else (paused, stopped), waits only
  while someone is left who could resume it (`others`).

Holding is upkeep, not a change of the clock: any signed-in account's window holds, and
none of it is audited (it changes no figure and no clock; a stop it leads to is).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime

from ..domain.declaration_time import uk_clock
from ..domain.replay import HOLDER_BEAT, LOST_AFTER
from ..store import rehearsal as sql
from .accounts import Permission, find_account, has_accounts
from .errors import DeskRefusal
from .processes import process_gone, this_host
from .rehearsal_plan import wall_iso
from .rehearsal_target import refuse_server_desk
from .session import Desk

__all__ = ["HOLDER_BEAT", "LOST_AFTER", "ClockChange", "Holder", "beat", "described",
           "elsewhere", "hold", "holding", "last_change", "others", "release", "resumers"]

KINDS = ("window", "command")


@dataclass(frozen=True, slots=True)
class Holder:
    id: int
    kind: str  # "window" or "command"
    name: str  # who: the signed-in account, or the name typed at an open desk

    @property
    def described(self) -> str:
        """"alice's window", "the rehearse command (bob)"."""
        return (f"{self.name}'s window" if self.kind == "window"
                else f"the rehearse command ({self.name})")


def described(holders: list[Holder]) -> tuple[str, bool]:
    """(who, several): the holders named once each, with a count where one person holds
    the clock in more than one place ("desk's 2 windows", "alice's window and bob's
    window"); `several` when more than one holds it (for the verb). Two windows signed in
    as one account read "desk's window, desk's window holds it"."""
    alike: dict[tuple[str, str], list[Holder]] = {}
    for h in holders:  # in the order they hold it: the first to hold, first named
        alike.setdefault((h.kind, h.name), []).append(h)
    names = []
    for (kind, name), same in alike.items():
        n = len(same)
        names.append(same[0].described if n == 1
                     else f"{name}'s {n} windows" if kind == "window"
                     else f"{n} rehearse commands ({name})")
    said = names[-1] if len(names) < 2 else f"{', '.join(names[:-1])} and {names[-1]}"
    return said, len(holders) > 1


@dataclass(frozen=True, slots=True)
class ClockChange:
    """The latest pause, stop or start of the clock: who did it, and the night then."""
    name: str
    action: str  # "paused", "stopped", "running"
    night: str | None  # ISO 8601, UK offset

    @property
    def night_text(self) -> str:
        return uk_clock(self.night) or "?"


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _live_since(now: datetime) -> str:
    return wall_iso(now - LOST_AFTER)


def _ended(row: dict, host: str) -> bool:
    """A holder of this computer whose process has ended (killed: it never let go)."""
    return row["host"] == host and row["pid"] is not None and process_gone(row["pid"])


def holding(desk: Desk, now: datetime | None = None) -> list[Holder]:
    """Everyone holding the clock at `now`: seen within `LOST_AFTER`, and not a holder of
    this computer whose process has ended. Read inside the caller's snapshot or write."""
    rows, host = sql.holders_seen_since(desk, _live_since(_now(now))), this_host()
    return [Holder(r["id"], r["kind"], r["name"]) for r in rows if not _ended(r, host)]


def elsewhere(desk: Desk, now: datetime | None = None) -> list[Holder]:
    """Everyone holding the clock at `now` from another computer (`holding`): a driver whose
    wall clock is not this one's. Read inside the caller's snapshot or write."""
    rows, host = sql.holders_seen_since(desk, _live_since(_now(now))), this_host()
    return [Holder(r["id"], r["kind"], r["name"]) for r in rows if r["host"] != host]


def hold(desk: Desk, kind: str, name: str, now: datetime | None = None) -> int:
    """Hold the clock from `now` (a window opening the rehearsal, the command starting);
    the holder's id, for `beat` and `release`. Holders lost meanwhile are dropped."""
    if kind not in KINDS:
        raise ValueError(f"a holder is one of {', '.join(KINDS)}, not {kind!r}")
    refuse_server_desk(desk)
    now = _now(now)
    with desk.write():
        sql.drop_holders_unseen_since(desk, _live_since(now))
        host = this_host()
        for row in sql.holders_seen_since(desk, _live_since(now)):
            if _ended(row, host):
                sql.drop_holder(desk, row["id"])
        return sql.add_holder(desk, kind, name, wall_iso(now), host, os.getpid())


def beat(desk: Desk, holder: int, now: datetime | None = None, *, kind: str = "window",
         name: str = "") -> None:
    """The holder is still there (held again as `kind`, `name`, under its own id, if its
    row was dropped as lost meanwhile: a laptop asleep over a minute, then woken)."""
    now = _now(now)
    with desk.write():
        if not sql.see_holder(desk, holder, wall_iso(now)):
            sql.add_holder(desk, kind, name or "?", wall_iso(now), this_host(), os.getpid(),
                           holder)


def others(desk: Desk, holder: int | None, now: datetime | None = None) -> list[Holder]:
    """Everyone else holding the clock at `now` (`holding`)."""
    with desk.snapshot():
        held = holding(desk, now)
    return [h for h in held if h.id != holder]


def resumers(desk: Desk, holder: int | None, now: datetime | None = None) -> list[Holder]:
    """Everyone else holding the clock who could also resume it once paused: on a file with
    accounts, whose account may run the clock (`Permission.REHEARSE`); a desk account's
    window holds it (it delivers what falls due) but cannot (README: the command waits only
    while someone is left who could resume it)."""
    left = others(desk, holder, now)
    with desk.snapshot():
        if not has_accounts(desk):
            return left
        return [h for h in left if _may_run(desk, h.name)]


def _may_run(desk: Desk, name: str) -> bool:
    try:
        account = find_account(desk, name)
    except DeskRefusal:  # a name like two accounts: one of them may
        return True
    return account is not None and account.allows(Permission.REHEARSE)


def release(desk: Desk, holder: int | None, now: datetime | None = None) -> list[Holder]:
    """Let go of the clock; those still holding it (the caller stops the clock only when
    none is left: `rehearsal.stop`, which its role may or may not do)."""
    now = _now(now)
    if holder is not None:
        with desk.write():
            sql.drop_holder(desk, holder)
    return others(desk, None, now)


def last_change(desk: Desk, *actions: str) -> ClockChange | None:
    """Who last `actions` the clock ("paused", "stopped", "running"), and at what night
    (from the audit log)."""
    with desk.snapshot():
        row = sql.last_clock_entry(desk, tuple(f"rehearsal {a}" for a in actions))
    if row is None:
        return None
    return ClockChange(row["user"], row["action"].removeprefix("rehearsal "), row["night"])
