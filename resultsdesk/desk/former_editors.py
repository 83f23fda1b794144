"""Nobody verifies figures they could read as an editor: editors see figures awaiting
verification, so an editor made a desk or admin account (`users role`, to help verify at
3 a.m.) re-keyed "blind" the figures just read. Said before a re-key form opens;
refused at the save by the desk on a file, by the server itself under its lock (migration
71)."""

from __future__ import annotations

from ..store import Store
from ..store import declarations as sql
from . import account_actions as actions
from .sheets import SeatSheet

# The entries that put figures on a seat for someone to verify.
_KEYINGS = ("declare", "correct", "decide tie by lot")


def former_editor_words(store: Store, sheet: SeatSheet, user: str) -> str | None:
    """Why `user` may not verify the seat's figures, or None: their role changed from
    editor since the first of the seat's figures still unverified (those since its last
    verified version, which an editor read) were keyed. Asked by the re-key form before it
    opens (`ui.sign_in.form_refusal`), on a file or a server, and by a file's verification
    (`on_save`); a server's verification does not ask: the server refuses it under its
    lock, in these words (migration 71), and a verification stays six statements."""
    changes = [e for e in sql.audit_entries(store, user)
               if e["action"] == actions.ROLE_CHANGED and isinstance(e["details"], dict)
               and e["details"].get("old_role") == "editor"]
    if not changes:  # (most verifications: the seat's entries are not read)
        return None
    last = max((v.version for v in sheet.versions if v.verified_by), default=0)
    keyed = [e["id"] for e in sql.audit_entries(store, sheet.code)
             if e["action"] in _KEYINGS and isinstance(e["details"], dict)
             and isinstance(e["details"].get("version"), int) and e["details"]["version"] > last]
    since = min(keyed, default=0)  # none found: any change counts
    if not any(e["id"] > since for e in changes):
        return None
    return (f"{user} was an editor account while figures of {sheet.name} awaited "
            "verification, and editors read them: a re-key of them would not be blind, so "
            "another person verifies them.")


def on_save(store: Store, sheet: SeatSheet, user: str) -> str | None:
    """`former_editor_words` as a verification on a file asks it; None on a server, which
    refuses it itself."""
    return None if store.dialect == "postgresql" else former_editor_words(store, sheet, user)
