"""Who may see figures that await verification.

Verification is a blind re-key: whoever could verify an entry must type the figures again
from the returning officer's sheet, not copy them from a screen. So an entry's figures are
shown only to the person who keyed it and to viewers who may see everything (editors, the
graphics exports, the command line). Every view of the night and of a seat's history, and
every message that describes a version (declarations._check_version), asks the same
`Viewer`; a server's views apply the same rule (migrations 12, 16 and 17).

The rule holds whatever the seat's recount state: a recount marked by anyone makes an entry
awaiting verification nothing to verify ('superseded'), but nobody verified its figures,
so they stay hidden as before; otherwise whoever marked the recount would read them, and
could verify the author's next entry of the same figures from them. Likewise for figures
rejected or withdrawn (any other desk user may reject without re-keying): nobody vouched for
them, and the author may well enter them again unchanged. That they were rejected or
withdrawn, by whom, when and why stays everyone's (the audit entries say so).
"""

from __future__ import annotations

from ..domain.identity import same_person
from ..domain.model import DeclarationStatus
from ..domain.records import record, replace
from .accounts import Account
from .audit_text import HIDDEN_FIGURES
from .sheets import HiddenVersion, SeatHistory, Version

# Audit details that carry an entry's figures, or say something of them: the warnings its
# keyer accepted, a correction's reason, a lot's winner and the note on its drawing (which
# candidates tie at the top; `refuse_lot`). The server's views hide the same (migration 26).
FIGURE_KEYS = ("new", "figures", "votes", "overrides", "reason", "winner", "note")
# ...and those of the version a 'declare' entry replaced (the one numbered before it).
REPLACED_KEY = "old"


def unverified(version: Version) -> bool:
    """Figures only their author vouches for: awaiting verification, rejected, withdrawn,
    or superseded before anyone verified them (a recount called, a lot recorded, or the
    author's own newer entry). A verified version keeps its verifier when superseded."""
    return version.status is not DeclarationStatus.VERIFIED and version.verified_by is None


@record
class Viewer:
    name: str | None = None  # None: sees every provisional figure
    sees_all_provisional: bool = True

    def sees_pending(self, entered_by: str) -> bool:
        """Whether unverified figures keyed by `entered_by` are this viewer's to see."""
        return self.sees_all_provisional or same_person(self.name, entered_by)

    def sees_figures(self, version: Version) -> bool:
        """Whether this viewer may see `version`'s figures: verified ones always; ones
        nobody verified (pending, rejected, withdrawn, superseded unverified) if
        `sees_pending` their author."""
        return not unverified(version) or self.sees_pending(version.entered_by)


EVERYONE = Viewer()


def viewer_for(account: Account | None) -> Viewer:
    """What a signed-in person may see: editors every entry; anyone else (desk staff and
    admins, who verify too) only their own; nobody signed in (nor a disabled account), none."""
    if account is None or account.disabled:
        return Viewer("", sees_all_provisional=False)
    editor = not account.is_open_desk and account.role == "editor"
    return Viewer(account.name, sees_all_provisional=editor)


def can_see_provisional(account: Account | None, entered_by: str) -> bool:
    return viewer_for(account).sees_pending(entered_by)


def blind_history(history: SeatHistory, viewer: Viewer) -> tuple[SeatHistory,
                                                                 HiddenVersion | None]:
    """The seat's history as this viewer may see it: every version whose figures it may
    not see (`Viewer.sees_figures`) is left out of its sheet and listed in `hidden` with
    none of its figures (a History that skipped a number would look rewritten); the audit
    entries about them lose their figures, and a 'declare' entry the figures it records of
    such a version it replaced. The pending one, if hidden, is also returned on its own,
    for the dialog's note and `history --json`'s `hidden_version`."""
    hidden = {v.version for v in history.sheet.versions if not viewer.sees_figures(v)}
    if not hidden:
        return history, None
    sheet = replace(history.sheet, versions=tuple(v for v in history.sheet.versions
                                                  if v.version not in hidden))
    listed = tuple(_hidden_version(v, history.audit) for v in history.sheet.versions
                   if v.version in hidden)
    pending = history.sheet.pending
    note = next((h for h in listed if pending is not None and h.version == pending.version),
                None)
    audit = [_blinded(entry, hidden) for entry in history.audit]
    return SeatHistory(sheet, audit, listed), note


# The audit action that took a version out of the workflow, by the status it left.
CLOSING = {DeclarationStatus.REJECTED: "reject", DeclarationStatus.WITHDRAWN: "withdraw"}


def closing_entry(audit: list[dict], version: int, status: DeclarationStatus) -> dict | None:
    """The seat's audit entry that rejected or withdrew `version` (its user: who, its
    time: when), if `status` is such; the newest, should the log hold an older one naming
    the same number."""
    return next((e for e in reversed(audit) if e["action"] == CLOSING.get(status)
                 and isinstance(e["details"], dict)
                 and e["details"].get("version") == version), None)


def _hidden_version(version: Version, audit: list[dict]) -> HiddenVersion:
    """What the desk may read of a hidden version: the server's views give its number,
    status, kind, count, author and times, and a rejected one's note (the rejection
    comment); the 'reject' and 'withdraw' audit entries, everyone's, say who and when."""
    closed = closing_entry(audit, version.version, version.status)
    comment = None
    if version.status is DeclarationStatus.REJECTED:
        comment = (closed["details"].get("comment") if closed else None) or version.note
    return HiddenVersion(version.version, version.entered_by, version.entered_at,
                         version.status, version.kind, version.count_label,
                         closed["user"] if closed else None, closed["at"] if closed else None,
                         comment)


def _blinded(entry: dict, hidden: set[int]) -> dict:
    details = entry["details"]
    if not isinstance(details, dict) or not isinstance(details.get("version"), int):
        return entry
    keys: tuple[str, ...] = ()
    if details["version"] in hidden:
        keys += FIGURE_KEYS
    if entry["action"] == "declare" and details["version"] - 1 in hidden:
        keys += (REPLACED_KEY,)
    if not keys:
        return entry
    return {**entry, "details": {k: (HIDDEN_FIGURES if k in keys else v)
                                 for k, v in details.items()}}
