"""Who may see figures that await verification.

Verification is a blind re-key: whoever could verify an entry must type the figures again
from the returning officer's sheet, not copy them from a screen. So an entry's figures are
shown only to the person who keyed it and to viewers who may see everything (editors, the
graphics exports, the command line). Every view of the night and of a seat's history asks
the same `Viewer`.
"""

from __future__ import annotations

from ..domain.identity import same_person
from ..domain.records import record, replace
from .accounts import Account
from .audit_text import HIDDEN_FIGURES
from .declarations import SeatHistory

# Audit details that carry an entry's figures.
FIGURE_KEYS = ("new", "figures", "votes")


@record
class Viewer:
    name: str | None = None  # None: sees every provisional figure
    sees_all_provisional: bool = True

    def sees_pending(self, entered_by: str) -> bool:
        return self.sees_all_provisional or same_person(self.name, entered_by)


EVERYONE = Viewer()


def viewer_for(account: Account | None) -> Viewer:
    """What a signed-in person may see: editors every entry; anyone else (desk staff and
    admins, who verify too) only their own; nobody signed in, none."""
    if account is None:
        return Viewer("", sees_all_provisional=False)
    editor = not account.is_open_desk and account.role == "editor"
    return Viewer(account.name, sees_all_provisional=editor)


def can_see_provisional(account: Account | None, entered_by: str) -> bool:
    return viewer_for(account).sees_pending(entered_by)


@record
class HiddenVersion:
    version: int
    entered_by: str
    entered_at: str


def blind_history(history: SeatHistory, viewer: Viewer) -> tuple[SeatHistory,
                                                                 HiddenVersion | None]:
    """The seat's history as this viewer may see it: a pending version keyed by someone
    else is left out (with who and when, for the dialog to say so), and the audit entries
    about it lose their figures."""
    pending = history.sheet.pending
    if pending is None or viewer.sees_pending(pending.entered_by):
        return history, None
    sheet = replace(history.sheet, versions=tuple(v for v in history.sheet.versions
                                                  if v.id != pending.id))
    audit = []
    for entry in history.audit:
        details = entry["details"]
        if isinstance(details, dict) and details.get("version") == pending.version:
            details = {k: (HIDDEN_FIGURES if k in FIGURE_KEYS else v)
                       for k, v in details.items()}
            entry = {**entry, "details": details}
        audit.append(entry)
    return (SeatHistory(sheet, audit),
            HiddenVersion(pending.version, pending.entered_by, pending.entered_at))
