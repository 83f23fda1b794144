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
(`former_editors`), nor does one added since as an editor; another election's account
a look-alike of a kept one is left out by an entry saying so. A database whose audit check
is not intact (an account forged, deleted or changed outside the app: what a restore is
run to undo) keeps none: the backup's come in."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..domain.audit_chain import PASSWORD_SEAL, credential_seal, details_value
from ..domain.identity import name_key
from ..store import Store, audit_log
from ..store import accounts as account_rows
from ..store.backup import ACCOUNTS_NOT_KEPT, RESTORED, KeepAccounts
from ..store.errors import StoreError
from ..store.settings import now_iso
from . import account_actions as actions
from .accounts import account_to_disable
from .audit import check_audit_chain, check_database, own_connection
from .errors import DeskRefusal

log = logging.getLogger(__name__)

KEPT = actions.KEPT_BY_RESTORE
_EDITOR = "editor"
Read = account_rows.AccountsRead  # an account's rows, and its log's entries about accounts


def _facts(read: Read) -> Read:
    rows, entries = read  # (a sign-in between the early check and the lock: no matter)
    return rows, [e for e in entries if e["action"] in actions.FOLLOWED]


def checked_beforehand(db_path: Path) -> Read | None:
    """The accounts of the database at `db_path` and the entries the check follows them by,
    read in the one state of it its audit check found intact; None when it is not, or
    cannot be read. Made before the restore's write lock: under it, accounts and entries
    found just the same were vouched for by an intact log (entries are found by their id
    and hash, and what they say), and the whole log is not walked again while every desk's
    save waits (about 4 s on 25,000 entries, past the busy timeout on a bigger night)."""
    if not db_path.is_file():
        return None
    try:
        with own_connection(db_path) as store, store.snapshot():
            read = account_rows.in_store(store)
            if not check_audit_chain(store).intact:
                return None
    except (StoreError, sqlite3.Error, ValueError):  # (then checked under the lock)
        return None
    return _facts(read)


def keeper(db_path: Path) -> KeepAccounts:
    """`keep_accounts` for a restore into `db_path`, its check made now (`checked_beforehand`),
    before the restore takes the lock."""
    vouched = checked_beforehand(db_path)

    def keep(incoming: Store, replaced: Path, user: str) -> int | str | None:
        return keep_accounts(incoming, replaced, user, vouched=vouched)
    return keep


def keep_accounts(incoming: Store, replaced: Path, user: str, *,
                  vouched: Read | None = None) -> int | str | None:
    """Keep the accounts of the database whose contents were copied to `replaced` in the
    restored `incoming` (inside its write), each change from the backup's written by `user`
    (who restored); how many were kept, or None when it had none (an open desk: the
    backup's accounts come in, and nobody loses a sign-in), or why they were not kept: ones
    its own entries do not vouch for (an account forged or changed by hand, the very thing
    a restore is run to undo) are never carried into the restored log as an admin's: the
    copy is checked as `audit --check` checks, and its accounts kept only when intact
    (or when they, and the entries about them, are just what `vouched` found intact)."""
    read = account_rows.in_file(replaced)
    if read is None:
        return "they could not be read"
    rows, entries = read
    if not rows and not any(e["action"] == actions.ADDED for e in entries):
        return None  # an open desk (one whose log adds accounts had them deleted by hand:
        # its check finds them gone, and that is said as any other account changed by hand)
    problem = None if _facts(read) == vouched else _not_vouched(replaced)
    if problem is not None:
        log.warning("restore: the replaced accounts were not kept: %s", problem)
        _still_disabled(incoming, rows, user)
        return problem
    if not rows:  # (unreachable while the check finds accounts gone: kept as an open desk)
        return None
    backup = {row["name_key"]: row for row in account_rows.whole_rows(incoming)}
    first = not backup
    were_editors = _editors_since(incoming, entries)
    changes: list[tuple[str, str, dict[str, Any]]] = []
    for row in rows:
        was = backup.pop(row["name_key"], None)
        changes.extend(_changes(row, was, first, row["name_key"] in were_editors))
        first = False
    kept = list(rows) + _backup_only(backup.values(), rows, changes)
    account_rows.replace_all(incoming, kept)
    for action, name, details in changes:
        incoming.audit(user, action, "account", name, {**details, KEPT: True})
    return len(rows)


def _still_disabled(incoming: Store, rows: list[dict[str, Any]], user: str) -> None:
    """The backup's accounts that the replaced database had disabled, disabled in the
    restored one, though its log vouches for nothing: a disabling lets nobody in, and
    without it an account disabled since the backup, with the file in reach, broke the log
    (any entry edited) and was let in again by the admin's restore. Never the one
    restoring, nor the last enabled admin (nobody could manage the accounts after)."""
    off = {row["name_key"] for row in rows if row["disabled"]} - {name_key(user)}
    at = now_iso()
    for row in account_rows.whole_rows(incoming):
        if row["name_key"] not in off:
            continue
        try:  # the rule an admin's own disabling keeps
            account = account_to_disable(incoming, row["name"])
        except DeskRefusal:  # already disabled, or the last enabled admin
            continue
        account_rows.set_disabled(incoming, account.id, True, at)
        incoming.audit(user, actions.DISABLED, "account", account.name,
                       {"role": account.role, KEPT: True})


def _not_vouched(replaced: Path) -> str | None:
    """Why the replaced copy's own entries do not vouch for its accounts, or None: checked
    as `audit --check` checks, under the restore's write lock (the copy's accounts were
    not those `checked_beforehand` found intact: changed meanwhile, or never found so)."""
    try:
        checked = check_database(replaced)
    except StoreError as exc:  # (never read as vouching: the backup's come in)
        return f"they could not be checked: {exc}"
    return None if checked.intact else f"its {checked.summary()}"


def _editors_since(incoming: Store, entries: list[dict[str, Any]]) -> set[str]:
    """The name keys of the accounts editors since the backup: role changes to or from
    editor in the replaced log that the restored log lacks."""
    in_restored = account_rows.entry_hashes(incoming, actions.ROLE_CHANGED)
    return {name_key(e["entity_key"]) for e in entries
            if e["action"] == actions.ROLE_CHANGED and e["hash"] not in in_restored
            and _editor_change(details_value(e["details"]))}


def _backup_only(backup: Iterable[dict[str, Any]], rows: list[dict[str, Any]],
                 changes: list[tuple[str, str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """The rows of the accounts only the backup has (another election's), disabled: they
    sign in no more; their entries added to `changes`. One a look-alike of a kept account
    is left out (names are unique by skeleton: not two of one person), by an entry saying
    so: without it the backup's entry adding it found it gone from the file."""
    skeletons = {row["skeleton"]: row["name"] for row in rows}
    kept: list[dict[str, Any]] = []
    for was in backup:
        if was["skeleton"] in skeletons:
            changes.append((actions.REMOVED_BY_RESTORE, was["name"], {
                "role": was["role"], "look_alike_of": skeletons[was["skeleton"]]}))
            continue
        kept.append({**was, "id": None, "disabled": 1})
        if not was["disabled"]:
            changes.append((actions.DISABLED, was["name"], {"role": was["role"]}))
    return kept


def _editor_change(details: object) -> bool:
    return isinstance(details, dict) and _EDITOR in (details.get("old_role"),
                                                     details.get("role"))


def _changes(now: dict[str, Any], was: dict[str, Any] | None, first: bool,
             editor_since: bool) -> list[tuple[str, str, dict[str, Any]]]:
    """The entries taking an account from the backup's row `was` (None: not in it) to the
    replaced database's `now`, in the order the check follows them: role, then state, then
    password."""
    name, role, seal = now["name"], now["role"], credential_seal(now)
    # An editor since the backup goes through editor again: figures it read then are not
    # verified by it "blind" (`former_editors` reads these entries). One added since is
    # added as the editor it was: added in its role now, it verified blind the figures
    # keyed before the backup that it read as an editor after it.
    found: list[tuple[str, str, dict[str, Any]]] = []
    start = was["role"] if was is not None else _EDITOR if editor_since else role
    if was is None:
        found.append((actions.ADDED, name, {"role": start, "first_account": first,
                                            PASSWORD_SEAL: seal}))
    roles = [start, *([_EDITOR] if editor_since and was is not None else []), role]
    for old, new in pairwise(roles):
        if old != new:
            found.append((actions.ROLE_CHANGED, name, {"old_role": old, "role": new}))
    if was is not None and credential_seal(was) != seal:
        found.append((actions.PASSWORD_CHANGED, name, {"by_admin": True,
                                                       PASSWORD_SEAL: seal}))
    disabled = was is not None and bool(was["disabled"])
    if bool(now["disabled"]) != disabled:
        found.append((actions.DISABLED if now["disabled"] else actions.ENABLED, name,
                      {"role": role}))
    return found


def accounts_not_kept(db_path: Path) -> str | None:
    """Why the restore just made into `db_path` kept none of the accounts it replaced (its
    entry, the newest restore's, says), or None: the command says it at once, as the
    backup's accounts, whatever they are (none: an open desk), are the desk's now. (Not
    the newest entry: desks waiting on the restore's lock write the moment it ends.)"""
    with Store(db_path) as store:
        stored = audit_log.newest_details(store, RESTORED)
    if stored is None:
        return None
    details = details_value(stored)
    why = details.get(ACCOUNTS_NOT_KEPT) if isinstance(details, dict) else None
    return why if isinstance(why, str) else None
