"""A restore from a backup seen by a reader's next audit check (`audit.check_audit_chain`'s
`seen`): the head its last check saw is gone from the log, as it is when the log was
rewritten, but here by a restore the log itself records, after that check (`store.backup`
writes the entry: the backup's head, the replaced file's entries and head, where its
contents were kept). Said as what it is, not as a broken chain: a desk restoring a backup
at 3 a.m. turned every open window's banner red ("rewritten since") until it was reopened.

A restore entry that check already saw explains nothing (the ids after a restore run on
over the replaced file's, so an entry of the same number may have been rewritten since),
and one forged with the log stays in it, in every History and trail."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..store.backup import RESTORED
from ..store.backup_prune import holds_entry
from .audit_text import clean, local_stamp

if TYPE_CHECKING:
    from .audit import AuditCheck

__all__ = ["RESTORED", "accepted_head", "gone_message", "only_seen_gone", "restored_head",
           "restored_since"]


def _moment(iso: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def restored_since(restore: tuple[int, str, str, dict, str] | None, seen: AuditCheck,
                   database: Path | None = None) -> str | None:
    """What to say of `restore` (the log's newest restore entry: id, time, who, details,
    hash) if it replaced the entry a reader's last check saw (`seen`): one that check did
    not see, made no earlier than that entry, of a file that had it. None if it does not
    explain that entry gone. `database`: the file restored, beside which each restore kept
    what it replaced (`_holding`)."""
    seen_id, seen_at = seen.head_id, seen.head_at
    if restore is None or seen_id is None or restore[4] == seen.restore_hash:
        return None
    entry_id, at, user, details, _hash = restore
    replaced = details.get("replaced_entries")
    if not isinstance(replaced, int) or replaced < seen_id:
        return None
    kept = details.get("previous_contents")
    holder = _holding(kept, seen, database) if isinstance(kept, str) else None
    if not _after(details, holder, seen, _moment(at), _moment(seen_at)):
        return None
    who = (f"this PC last saw it, at {local_stamp(seen.seen_at, date=True)}," if seen.seen_at
           else "this window last saw it,")
    return (f"{user} restored the backup {details.get('backup')} at "
            f"{local_stamp(at, date=True)} (entry {entry_id}): the night as {who} "
            f"to entry {seen_id}, is no longer in the database"
            + (f"; it was kept as {holder}" if holder
               else f"; it is not in {kept}, the copy this restore kept" if kept else ""))


def _after(details: dict, holder: str | None, seen: AuditCheck, when: datetime | None,
           seen_when: datetime | None) -> bool:
    """Whether the restore was made after the entry `seen` saw: the log it replaced ended
    at that entry, or the contents it kept (`holder`, read) hold it; only where neither
    says, by the times (to the second: a script's restore may share the second of the
    entry it took). By the times alone, a restore run on a PC whose clock was a few
    minutes behind the desk that wrote that entry was no restore of it, and every window
    said the log was rewritten."""
    if details.get("replaced_head") == seen.head_hash:
        return True
    if holder is not None:
        found = holds_entry(Path(holder), (seen.head_id, seen.head_hash), RESTORED)
        if found is not None and found[0]:
            return True
    return when is not None and seen_when is not None and when >= seen_when


# How far back through restores' copies the night a reader saw is followed (the wrong
# backup, another, then the right one, between two checks: a handful at most).
_FOLLOWED = 10


def _holding(kept: str, seen: AuditCheck, database: Path | None) -> str | None:
    """Which copy a restore kept holds the head `seen` saw. Two restores between a window's
    checks (the wrong backup, then the right one): the newest one's copy (`kept`) holds
    the first one's result, and the night the window saw is in the copy the first one
    kept, which the newest copy's own restore entry names. Followed back from `kept`; a
    copy that cannot be read (moved away) is named as recorded, one found by where it
    is; None when the copies read hold it nowhere."""
    name = kept
    for _ in range(_FOLLOWED):
        # each copy is kept beside the database, whatever folder the restore ran from
        where = Path(name) if database is None else database.parent / Path(name).name
        found = holds_entry(where, (seen.head_id, seen.head_hash), RESTORED)
        if found is None:
            return name
        if found[0]:  # where it is (a restore run elsewhere recorded it from its own folder)
            return str(where)
        if found[1] is None or found[1] == name:
            return None
        name = found[1]
    return None


def restored_head(restore: tuple[int, str, str, dict, str] | None,
                  seen: AuditCheck | None, wanted: set[str], database: Path | None = None
                  ) -> str | None:
    """A restore since `seen`'s check that took its head away: said, and that head no
    longer `wanted` (`restored_since`)."""
    if seen is None or seen.head_hash not in wanted:
        return None
    said = restored_since(restore, seen, database)
    if said is not None:
        wanted.discard(seen.head_hash)
    return said


def accepted_head(accepted: dict[str, tuple[int, str, str, dict]], seen: AuditCheck | None,
                  wanted: set[str]) -> str | None:
    """An admin's acceptance in the log (`audit_accept`, at whichever PC: id, time, who,
    details, by the hash it says is gone) of the log as it stands without the head `seen`
    saw: said, and that head no longer `wanted`. Every PC that saw that head needs no
    acceptance of its own, as none needs its own restore; one that saw a later head does."""
    if seen is None or seen.head_hash not in wanted or seen.head_hash not in accepted:
        return None
    entry_id, at, user, details = accepted[seen.head_hash]
    wanted.discard(seen.head_hash)
    who = "this PC last saw" if seen.seen_at else "this window last saw"
    # who and why as the trail has them (`clean`): a line typed into the reason forges none
    return (f"{clean(user)} accepted the audit log as it stands at "
            f"{local_stamp(at, date=True)} (entry {entry_id}), without entry {seen.head_id} "
            f"(hash {seen.head_hash[:16]}…), the newest {who}; reason: "
            f"“{clean(details.get('reason'))}”")


def gone_message(wanted: set[str], seen: AuditCheck | None) -> str:
    """Why an anchor, or the head a reader's last check saw (`seen`), is no longer found."""
    if seen is not None and seen.head_hash in wanted:
        when = f"{local_stamp(seen.head_at, date=True)}, hash {seen.head_hash[:16]}…"
        gone = "is no longer in the log: it was rewritten since, or replaced by another copy"
        if seen.seen_at:  # a head this PC kept from an earlier run of the app (`audit_memory`)
            return (f"entry {seen.head_id} ({when}), the newest this PC saw when it last "
                    f"checked the log at {local_stamp(seen.seen_at, date=True)}, {gone}")
        return f"the newest entry at the last check (entry {seen.head_id}, {when}) {gone}"
    return (f"no entry has the hash {min(wanted)} written down earlier: the log was "
            "rewritten since (or that hash is from another database)")


def only_seen_gone(wanted: set[str], seen: AuditCheck | None) -> bool:
    """Whether the one hash no longer found is the head `seen` saw (no anchor gone too):
    what an admin may accept as it stands (`audit_accept`)."""
    return seen is not None and wanted == {seen.head_hash}
