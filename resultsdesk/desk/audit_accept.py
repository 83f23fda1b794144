"""Accepting the audit log as it now stands, after a check found gone from it the newest
entry this PC (or this window) last saw (`audit_memory`, `audit_restore.gone_message`).

That entry stays wanted once gone: the red banner came back at every opening, for good,
and the only way out was deleting the PC's kept head by hand (the data folder's
`audit-heads/`), which nothing recorded. A desk that has looked into it (the file put back
from a copy after a disk failed, say) says "this log, as it now stands, is the one we go
on with": an admin, with a reason, in an entry of the log itself naming the head that is
gone (its id, hash and time, and when this PC saw it) and the head it accepts. This PC is
anchored at that entry from then on.

Only that is accepted: a log broken otherwise (an entry changed, figures that no longer
match its seals) is refused, as no reason mends it, and so is one with nothing gone. On a
team desk's server the server writes the entry, by its own function (migration 62): an
admin only, the head accepted still the newest under its lock, the entry gone not in it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..store import Store
from .accounts import Actor, Permission, acting_user
from .audit import AuditCheck, check_audit_chain
from .audit_memory import recall, remember
from .backends import writes_for
from .errors import DeskRefusal, refuse_endless


def accepted_said(check: AuditCheck) -> str:
    """What the window's status bar and the command line say once the log is accepted
    (`check`: the check after it, the acceptance its newest entry)."""
    return (f"Accepted the audit log as it stands: entry {check.head_id} records it, with "
            "the reason given.")


def accepted_reason(reason: str | None) -> str:
    """The reason given, trimmed; none (or only spaces) is refused, as a correction's is."""
    if not (reason or "").strip():
        raise DeskRefusal("Accepting the audit log as it stands needs a reason (what was "
                          "found, who looked into it): it is recorded in the log.")
    refuse_endless("An acceptance's reason", (reason or "").strip())
    return (reason or "").strip()


def rewrite_accepted(store: Store, seen: AuditCheck | None, reason: str) -> dict[str, Any]:
    """The details of the entry accepting `store`'s log as it stands, `seen`'s head gone
    from it (call with the write lock held: the head it names is then the newest until the
    entry joins the chain). Refused: nothing seen, nothing gone, or the log broken
    otherwise."""
    if seen is None or seen.head_id is None:
        raise DeskRefusal("Nothing to accept: this PC keeps no newest entry of this audit "
                          "log, so none is gone from it.")
    check = check_audit_chain(store, seen=seen)
    if check.intact:
        raise DeskRefusal(f"Nothing to accept: entry {seen.head_id}, the newest this PC "
                          f"saw, is in the log ({check.summary()}).")
    if not check.seen_gone:
        raise DeskRefusal(f"The audit log cannot be accepted as it stands: "
                          f"{check.summary()}. Only entries gone since this PC last saw it "
                          "can be accepted; compare the database with a backup.")
    return {"reason": reason, "gone_entry": seen.head_id, "gone_hash": seen.head_hash,
            "gone_at": seen.head_at, "seen_at": seen.seen_at,
            "accepted_entry": check.head_id, "accepted_hash": check.head_hash,
            "accepted_entries": check.entries}


def accept_rewritten_log(store: Store, user: Actor | None, reason: str, *,
                         seen: AuditCheck | None = None,
                         folder: Path | None = None) -> AuditCheck:
    """Accept `store`'s log as it stands, entries this PC saw gone from it: by an admin
    (`user`), with `reason`, in an entry of the log; this PC is then anchored at that entry
    (`audit_memory.remember`). `seen`: the head the caller's check found gone (a window's
    last intact check), else the one this PC kept. Returns the check of the log after."""
    acting_user(store, user, Permission.ACCEPT_LOG)  # said before the reason is asked for
    reason = accepted_reason(reason)
    if seen is None or seen.head_id is None:
        seen = recall(store, folder)
    writes_for(store).accept_rewritten_log(user, reason, seen)
    check = check_audit_chain(store)
    remember(store, check, folder)
    return check
