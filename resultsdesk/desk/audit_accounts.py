"""The audit check's reading of the accounts (split from audit.py): each account as the
entries that add, disable, enable, re-role it or set its password leave it, and what the
file's accounts say that those entries do not (an account changed outside ResultsDesk)."""

from __future__ import annotations

import json

from ..domain.audit_chain import PASSWORD_SEAL, credential_seal
from ..domain.identity import name_key
from ..domain.records import record, replace
from . import account_actions as actions


@record
class RecordedAccount:
    """An account as its audit entries have it: added (by entry `added`) in a role, changed
    to `role` since by entry `re_roled` (None: its role is the one it was added in), and
    disabled or not by the last entry that disabled or enabled it."""

    name: str
    role: object
    added: int
    at: str
    disabled: bool = False
    re_roled: int | None = None
    re_roled_at: str | None = None
    # The seal of its credential by the entry that last set it (`credential_seal`), and
    # that entry; None from entries older than such seals (or a server's: no password).
    password_seal: str | None = None
    sealed: int | None = None
    sealed_at: str | None = None
    # The first entry that found the account otherwise than the entries before it left it
    # (changed by hand in between, then changed back by the app): (problem, entry, at).
    skipped: tuple[str, int, str] | None = None


def record_account(recorded: dict[str, RecordedAccount], entry_id: int, at: str,
                    action: str, entity: str, key: str, details: object) -> None:
    """Follow the entries that change an account: its addition, disabling, enabling,
    change of role and password (the seal of its credential, where the entry has one)."""
    if entity != "account" or not isinstance(details, dict):
        return
    k = name_key(key)
    if action == actions.REMOVED_BY_RESTORE and details.get(actions.KEPT_BY_RESTORE) is True:
        recorded.pop(k, None)  # (a look-alike of a kept account: `restore_accounts`)
        return
    seal = details.get(PASSWORD_SEAL)
    if action == actions.ADDED:
        recorded[k] = RecordedAccount(key, details.get("role"), entry_id, at,
                                      password_seal=seal, sealed=entry_id, sealed_at=at)
        return
    was = recorded.get(k)
    if was is not None and action == actions.PASSWORD_CHANGED:
        recorded[k] = replace(was, password_seal=seal, sealed=entry_id, sealed_at=at)
        return
    if was is None or action not in (actions.DISABLED, actions.ENABLED, actions.ROLE_CHANGED):
        return
    found = details.get("old_role" if action == actions.ROLE_CHANGED else "role")
    disabling = action == actions.DISABLED
    if found != was.role:
        then, entries = found, was.role
    elif action != actions.ROLE_CHANGED and was.disabled == disabling:
        then, entries = ("enabled", "disabled") if disabling else ("disabled", "enabled")
    else:
        then = entries = None
    if then is not None and was.skipped is None:
        shown = json.dumps(was.name, ensure_ascii=False)
        was = replace(was, skipped=(f"it ({action}) finds account {shown} {then}, but the "
                                    f"entries before it leave it {entries}: it was changed "
                                    "outside ResultsDesk in between", entry_id, at))
    if action == actions.ROLE_CHANGED:
        was = replace(was, role=details.get("role"), re_roled=entry_id, re_roled_at=at)
    else:
        was = replace(was, disabled=disabling)
    recorded[k] = was


def accounts_problem(recorded: dict[str, RecordedAccount],
                      accounts: list[tuple[str, str, int, str, dict]] | None
                      ) -> tuple[str, int | None, str | None] | None:
    """What the file's accounts say that the entries do not: an account no entry added
    (or one of another role than its entries give it, or enabled again with no entry doing
    so, or whose password is not the one the entry setting it sealed), or an account an
    entry added that is gone (removing them all turns the file back into an open desk)."""
    if accounts is None:  # a server's accounts are its login roles
        return None
    skipped = [was.skipped for was in recorded.values() if was.skipped]
    if skipped:
        return min(skipped, key=lambda found: found[1])
    left = dict(recorded)
    for name, role, disabled, key, credential in accounts:
        if not isinstance(name, str):  # a blob put there by hand: no name to key
            return f"account {name!r} has a name that is not text", None, None
        was = left.pop(name_key(name), None)
        shown = json.dumps(name, ensure_ascii=False)
        if key != name_key(name):  # signing in as another name found this account
            return (f"account {shown} is found by the name key {json.dumps(key)}, not its "
                    "own: it was changed outside ResultsDesk"), None, None
        if was is None:
            return f"account {shown} ({role}) has no audit entry recording who added it", \
                None, None
        if was.role != role:
            if was.re_roled is None:
                return (f"account {shown} is {role}, but the entry adding it records "
                        f"{was.role}", was.added, was.at)
            return (f"account {shown} is {role}, but the entry last changing its role "
                    f"records {was.role}", was.re_roled, was.re_roled_at)
        if was.disabled and not disabled:
            return f"account {shown} was disabled, but can sign in again", was.added, was.at
        if disabled and not was.disabled:
            # (no entry disabled it, or the last one touching it enabled it)
            return (f"account {shown} is disabled, but no audit entry leaves it disabled: "
                    "it was changed outside ResultsDesk"), was.added, was.at
        if was.password_seal is not None and _seal(credential) != was.password_seal:
            # Someone's own password copied in: they could sign in as this account.
            setting = "adding it" if was.sealed == was.added else "last setting it"
            return (f"the password of account {shown} is not the one the entry {setting} "
                    "sealed: it was changed outside ResultsDesk"), was.sealed, was.sealed_at
    for was in left.values():
        return (f"account {json.dumps(was.name, ensure_ascii=False)}, added by this entry, "
                "is gone from the file", was.added, was.at)
    return None


def _seal(credential: dict) -> str | None:
    """`credential_seal`, or None where the credential holds what ResultsDesk never writes
    (text not UTF-8, read as lone surrogates, which no hash takes): not the one sealed."""
    try:
        return credential_seal(credential)
    except (ValueError, TypeError):  # (UnicodeEncodeError is a ValueError)
        return None
