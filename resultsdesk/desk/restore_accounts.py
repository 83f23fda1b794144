"""A restore puts the night back, never the desk's accounts (`store.backup.restore`).

Who may sign in, in which role and with which password is what the admins last left it,
not what a backup held: a backup made before the first account turned the desk back into
an open desk (anyone working under any name, no sign-in); an older one enabled again an
account disabled since, gave admin back to one demoted since, the old password back to one
reset since (a leaked one), and dropped an admin added since, often the one restoring.

So the replaced database's accounts are kept, and each difference from the backup's is
written into the restored log as the entry that makes it (added, role changed, disabled or
enabled, password set: `account_actions`, marked `KEPT_BY_RESTORE`), before the restore's
own entry: the audit check follows them as it follows any account's entries, and an editor
made desk staff since the backup still verifies nothing it read as an editor
(`former_editors`). A database whose audit check is not intact (an account forged or
changed outside the app: what a restore is run to undo) keeps none: the backup's come in."""

from __future__ import annotations

import logging
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..domain.audit_chain import PASSWORD_SEAL, credential_seal, details_value
from ..domain.identity import name_key
from ..store import Store
from ..store import accounts as account_rows
from ..store.backup import ACCOUNTS_NOT_KEPT, RESTORED
from ..store.errors import StoreError
from . import account_actions as actions
from .audit import check_database

log = logging.getLogger(__name__)

KEPT = actions.KEPT_BY_RESTORE
_EDITOR = "editor"


def keep_accounts(incoming: Store, replaced: Path, user: str) -> int | str | None:
    """Keep the accounts of the database whose contents were copied to `replaced` in the
    restored `incoming` (inside its write), each change from the backup's written by `user`
    (who restored); how many were kept, or None when it had none (an open desk: the
    backup's accounts come in, and nobody loses a sign-in), or why they were not kept: ones
    its own entries do not vouch for (an account forged or changed by hand, the very thing
    a restore is run to undo) are never carried into the restored log as an admin's: the
    copy is checked as `audit --check` checks, and its accounts kept only when intact."""
    read = account_rows.in_file(replaced)
    if read is None:
        return "they could not be read"
    rows, entries = read
    if not rows:
        return None
    # (Under the restore's write lock, as the copy is: a check made before it would miss
    # what a desk wrote meanwhile. A few tenths of a second on a whole night's log.)
    try:
        checked = check_database(replaced)
        problem = None if checked.intact else f"its {checked.summary()}"
    except StoreError as exc:  # (never read as vouching: the backup's come in)
        problem = f"they could not be checked: {exc}"
    if problem is not None:
        log.warning("restore: the replaced accounts were not kept: %s", problem)
        return problem
    backup = {row["name_key"]: row for row in account_rows.whole_rows(incoming)}
    first = not backup
    in_restored = {r["hash"] for r in incoming.query(
        "SELECT hash FROM audit_log WHERE entity = 'account' AND action = ?",
        (actions.ROLE_CHANGED,))}
    # Editors since the backup: role changes to or from editor the restored log lacks.
    were_editors = {name_key(e["entity_key"]) for e in entries
                    if e["action"] == actions.ROLE_CHANGED and e["hash"] not in in_restored
                    and _editor_change(details_value(e["details"]))}
    changes: list[tuple[str, str, dict[str, Any]]] = []
    kept = list(rows)
    for row in rows:
        was = backup.pop(row["name_key"], None)
        changes.extend(_changes(row, was, first, row["name_key"] in were_editors))
        first = False
    skeletons = {row["skeleton"] for row in rows}
    for was in backup.values():  # only in the backup (another election's): it signs in no more
        if was["skeleton"] in skeletons:  # a look-alike of a kept one: not two of one person
            continue
        kept.append({**was, "id": None, "disabled": 1})
        if not was["disabled"]:
            changes.append((actions.DISABLED, was["name"], {"role": was["role"]}))
    account_rows.replace_all(incoming, kept)
    for action, name, details in changes:
        incoming.audit(user, action, "account", name, {**details, KEPT: True})
    return len(rows)


def _editor_change(details: object) -> bool:
    return isinstance(details, dict) and _EDITOR in (details.get("old_role"),
                                                     details.get("role"))


def _changes(now: dict[str, Any], was: dict[str, Any] | None, first: bool,
             editor_since: bool) -> list[tuple[str, str, dict[str, Any]]]:
    """The entries taking an account from the backup's row `was` (None: not in it) to the
    replaced database's `now`, in the order the check follows them: role, then state, then
    password."""
    name, role, seal = now["name"], now["role"], credential_seal(now)
    if was is None:
        found: list[tuple[str, str, dict[str, Any]]] = [(actions.ADDED, name, {
            "role": role, "first_account": first, PASSWORD_SEAL: seal})]
        disabled = False
    else:
        found, disabled = [], bool(was["disabled"])
        # An editor since the backup goes through editor again: figures it read then
        # are not verified by it "blind" (`former_editors` reads these entries).
        roles = [was["role"], *([_EDITOR] if editor_since else []), role]
        for old, new in pairwise(roles):
            if old != new:
                found.append((actions.ROLE_CHANGED, name, {"old_role": old, "role": new}))
        if credential_seal(was) != seal:
            found.append((actions.PASSWORD_CHANGED, name, {"by_admin": True,
                                                           PASSWORD_SEAL: seal}))
    if bool(now["disabled"]) != disabled:
        found.append((actions.DISABLED if now["disabled"] else actions.ENABLED, name,
                      {"role": role}))
    return found


def accounts_not_kept(db_path: Path) -> str | None:
    """Why the restore just made into `db_path` kept none of the accounts it replaced (its
    entry, the newest, says), or None: the command says it at once, as the backup's
    accounts, whatever they are (none: an open desk), are the desk's now."""
    with Store(db_path) as store:
        rows = store.query("SELECT action, details FROM audit_log ORDER BY id DESC LIMIT 1")
    if not rows or rows[0]["action"] != RESTORED:
        return None
    details = details_value(rows[0]["details"])
    why = details.get(ACCOUNTS_NOT_KEPT) if isinstance(details, dict) else None
    return why if isinstance(why, str) else None
