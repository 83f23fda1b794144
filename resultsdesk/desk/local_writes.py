"""A SQLite desk's writes: rows and their audit entry, inside the file's write lock.

The use cases (`declarations`, `parties`, `imports`, `accounts`) run their checks inside
`transaction()` (one `BEGIN IMMEDIATE`), so nothing another desk commits can slip between
a check and the write it allows; these methods then write, in that same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.audit_chain import LOG_ACCEPTED, PASSWORD_SEAL, ROLL, VERIFIED_AT, credential_seal
from ..domain.declaration_time import uk_iso
from ..domain.identity import name_key, skeleton
from ..domain.model import DeclarationKind, DeclarationStatus, Figures
from ..store import Store
from ..store import accounts as account_rows
from ..store import declarations as sql
from ..store import rehearsal as rehearsal_rows
from ..store import repository as repo
from ..store.audit_log import roll, seal_version
from ..store.settings import now_iso
from . import account_actions as actions
from .accounts import (
    Account,
    Actor,
    KdfParams,
    Permission,
    account_to_disable,
    account_to_enable,
    account_to_re_role,
    account_to_unlock,
    acting_user,
    find_account,
    has_accounts,
    hash_fields,
    password_change,
    refuse_clash,
)
from .audit import AuditCheck
from .audit_accept import rewrite_accepted
from .backends import Entry, ImportPlan
from .errors import DeskRefusal, refuse_endless
from .password_sessions import PasswordChanged
from .rekeys import refuse_used_up_rekeys
from .sheets import SeatSheet, Version, load_sheet, recount_left_unfinished, recount_replaces
from .sign_in_limit import UNLOCKED


def _figures_json(sheet: SeatSheet, votes: Sequence[int], invalid: int | None) -> dict:
    return {"votes": dict(zip(sheet.candidate_keys(), votes, strict=True)),
            "invalid_votes": invalid}


def insert_verified(store: Store, constituency_id: int, votes: dict[int, int], *, user: str,
                    stamp: str, electorate: int | None, invalid: int | None,
                    declared_at: str | None, overrides: str) -> tuple[int, int]:
    """A seat's figures from a file (an import, a rehearsal's feed) as its next version,
    verified on arrival; what it replaces is superseded, as when the desk verifies a new
    version. Inside `store.write()`; the caller audits it. Returns (id, version)."""
    version = repo.next_version(store, constituency_id)
    declaration_id = repo.insert_declaration(store, {
        "constituency_id": constituency_id, "version": version,
        "status": DeclarationStatus.VERIFIED,
        "electorate": electorate, "invalid_votes": invalid,
        "total_as_read": sum(votes.values()), "declared_at": declared_at,
        "entered_by": user, "entered_at": stamp, "verified_by": user,
        "verified_at": stamp, "source": "import", "overrides": overrides,
    }, votes)
    for status in (DeclarationStatus.VERIFIED, DeclarationStatus.PROVISIONAL):
        sql.supersede(store, constituency_id, status, version)
    return declaration_id, version


class LocalWrites:
    """The rows a desk's change writes into a SQLite file, with its audit entry."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """The write lock, held from the first check to the last row."""
        with self.store.write():
            yield

    def readout_time(self, constituency_id: int) -> str | None:
        """The declaration time of the seat's read-out in a practise rehearsal, if shown;
        else, in any rehearsal, the night's clock now (a recount keyed in watch mode, a
        seat keyed before its read-out): the wall time, years after the night replayed,
        put the seat on the Timeline a few hundred thousand half hours on. None live."""
        at = rehearsal_rows.readout_time(self.store, constituency_id)
        if at is None and rehearsal_rows.is_rehearsal(self.store):
            from .rehearsal import night_clock  # (it writes through this module)

            at = uk_iso(night_clock(self.store))
        return at

    def sheet_after(self, key: str) -> SeatSheet:
        """The seat as the change just made left it: read inside the same write lock."""
        return load_sheet(self.store, key)

    # --- the declaration workflow ---------------------------------------------------------

    def _insert(self, sheet: SeatSheet, figures: Figures, entry: Entry,
                count: int | None = None) -> int:
        refuse_endless("A note", entry.note)
        if entry.kind is not DeclarationKind.LOT:
            # A lot carries its entry's reason over untyped: one an older release kept
            # longer on a file refused the lot for good, the seat never called.
            refuse_endless("A correction's reason", entry.reason)
        version = sheet.current_version + 1
        repo.insert_declaration(self.store, {
            "constituency_id": sheet.id, "version": version,
            "status": DeclarationStatus.PROVISIONAL,
            "count_number": sheet.current_count if count is None else count,
            "electorate": figures.electorate, "invalid_votes": figures.invalid,
            "total_as_read": figures.total_as_read, "declared_at": entry.declared_at,
            "entered_by": entry.user, "entered_at": now_iso(), "source": entry.source,
            "reason": entry.reason, "note": entry.note,
            "tie_winner_candidate_id": entry.tie_winner, "kind": entry.kind,
            "overrides": json.dumps(sorted(set(entry.overrides))),
        }, {c.id: v for c, v in zip(sheet.candidates, figures.votes, strict=True)})
        # An older provisional entry never lingers beside a newer one.
        sql.supersede(self.store, sheet.id, DeclarationStatus.PROVISIONAL, version)
        return version

    def declare(self, sheet: SeatSheet, figures: Figures, entry: Entry) -> int:
        version = self._insert(sheet, figures, entry)
        self.store.audit(entry.user, "declare", "constituency", sheet.code, {
            "version": version, "count": sheet.current_count,
            "overrides": sorted(entry.overrides),
            **seal_version(self.store, sheet.id, version),
            # The lot's note keyed with tied figures: shown in History, not sealed, so the
            # entry records it for the audit check to compare (`VersionFacts.take_note`).
            "note": entry.note,
            "new": _figures_json(sheet, figures.votes, figures.invalid),
            "old": _figures_json(sheet, sheet.latest.votes, sheet.latest.invalid_votes)
            if sheet.latest else None})
        return version

    def correct(self, sheet: SeatSheet, verified: Version, figures: Figures,
                entry: Entry) -> int:
        # Of the verified count, not of a recount under way: its verification must not end
        # the recount (`verify`), whose own figures are still to come.
        version = self._insert(sheet, figures, entry, count=verified.count_number)
        # The electorate too: a correction of it alone (the returning officer's restated
        # figure, the turnout on air with it) read "figures unchanged" in the trail.
        self.store.audit(entry.user, "correct", "constituency", sheet.code, {
            "version": version, "reason": entry.reason,
            **seal_version(self.store, sheet.id, version),
            "old": {**_figures_json(sheet, verified.votes, verified.invalid_votes),
                    "electorate": verified.electorate},
            "new": {**_figures_json(sheet, figures.votes, figures.invalid),
                    "electorate": figures.electorate}})
        return version

    def verify(self, sheet: SeatSheet, pending: Version, user: str, *,
               votes: Sequence[int] | None, invalid: int | None, tie_winner: int | None,
               differences: list[str], electorate: int | None = None) -> list[str]:
        """Mark `pending` verified, or record the mismatch (the use case compared the
        figures, the electorate among them); returns the differences. A person whose
        re-keys of this version are used up is refused first, whatever they typed, in check
        mode too (a server's `verify` does the same itself: migration 41)."""
        refuse_used_up_rekeys(self.store, sheet.code, sheet.name, pending.version, user)
        if differences:
            self.store.audit(user, "verify mismatch", "constituency", sheet.code,
                             {"version": pending.version, "fields": differences})
            return differences
        mode = "check" if votes is None else "rekey"
        stamp = now_iso()
        sql.set_status(self.store, pending.id, DeclarationStatus.VERIFIED, verified_by=user,
                       verified_at=stamp, verification_mode=mode)
        sql.supersede(self.store, sheet.id, DeclarationStatus.VERIFIED, pending.version)
        if sheet.recount_under_way and pending.count_number == sheet.current_count:
            # The recount's own figures end it; a correction keyed before it was called
            # (kept when it was) goes on air with the recount still to come.
            sql.set_recount(self.store, sheet.id, False)
        self.store.audit(user, "verify", "constituency", sheet.code, {
            "version": pending.version, "mode": mode, "entered_by": pending.entered_by,
            VERIFIED_AT: stamp, **seal_version(self.store, sheet.id, pending.version),
            "figures": _figures_json(sheet, pending.votes, pending.invalid_votes)})
        return []

    def reject(self, sheet: SeatSheet, pending: Version, user: str, comment: str) -> None:
        refuse_endless("A rejection's comment", comment)
        sql.set_status(self.store, pending.id, DeclarationStatus.REJECTED, note=comment)
        self.store.audit(user, "reject", "constituency", sheet.code,
                         {"version": pending.version, "comment": comment,
                          "entered_by": pending.entered_by})

    def withdraw(self, sheet: SeatSheet, pending: Version, user: str) -> None:
        sql.set_status(self.store, pending.id, DeclarationStatus.WITHDRAWN)
        self.store.audit(user, "withdraw", "constituency", sheet.code,
                         {"version": pending.version})

    def mark_recount(self, sheet: SeatSheet, user: str, under_way: bool,
                     replacing: int | None = None) -> None:
        """`replacing` was checked under this lock already (`refuse_replaced_meanwhile`)."""
        if not under_way:
            # Called off, the recount did not happen: the seat is back at the count before
            # it, whose figures are the ones to key (labelled so on air and in History),
            # not "recount N" with no recount under way. Nothing of it is pending
            # (`refuse_end_of_recount`), so no figures of it can be verified as that count.
            back_to = sheet.current_count - 1
            sql.set_recount(self.store, sheet.id, recount_left_unfinished(sheet), back_to)
            self.store.audit(user, "recount ended", "constituency", sheet.code,
                             {"count": sheet.current_count, "back_to": back_to})
            return
        # The count just finished (entered or not) was count N; the next figures are N+1.
        next_count = sheet.current_count + 1
        sql.set_recount(self.store, sheet.id, True, next_count)
        if recount_replaces(sheet):
            sql.set_status(self.store, sheet.pending.id, DeclarationStatus.SUPERSEDED)
        self.store.audit(user, "recount under way", "constituency", sheet.code,
                         {"count": next_count})

    def decide_tie(self, sheet: SeatSheet, base: Version, entry: Entry) -> int:
        version = self._insert(sheet, base.figures, entry)
        self.store.audit(entry.user, "decide tie by lot", "constituency", sheet.code,
                         {"version": version, "winner": sheet.candidate(entry.tie_winner).name,
                          "note": entry.note, **seal_version(self.store, sheet.id, version)})
        return version

    # --- parties and imports ----------------------------------------------------------------

    def set_political_order(self, user: str, old: list[str], new: list[str],
                            expected: list[str] | None) -> None:
        """(`expected` was compared with `old` in this transaction, under the file's lock.)"""
        repo.set_political_order(self.store, new)
        self.store.audit(user, repo.POLITICAL_ORDER_ACTION, "parties", "",
                         {"old": old[:20], "new": new[:20]})

    # Imports (`local_imports`, loaded with the first: no start-up path writes one).
    def import_candidates(self, user: str, path: str | Path, plan: ImportPlan,
                          details: dict[str, Any]) -> None:
        from . import local_imports

        local_imports.nominate(self.store, user, plan, electorates_with_seats=False)
        self.store.audit(user, "import candidates", "election", str(path),
                         {**details, ROLL: roll(self.store, unchanged=("baseline",))})

    def import_results(self, user: str, path: str | Path, plan: ImportPlan) -> None:
        """(None: the desk's work the import replaces was read under this write lock.)"""
        from . import local_imports

        local_imports.import_results(self.store, user, path, plan)

    def import_baseline(self, user: str, path: str | Path, name: str,
                        plan: ImportPlan) -> None:
        from . import local_imports

        local_imports.import_baseline(self.store, user, path, name, plan)

    # --- accounts: the app signs people in ---------------------------------------------------

    def session_account(self, *, fresh: bool = False) -> None:
        """A file signs nobody in by itself: the app does (`accounts.sign_in`)."""
        return None

    def add_account(self, name: str, role: str, password: str, *, admin: str | None,
                    kdf: KdfParams) -> Account:
        fields = hash_fields(password, kdf)  # slow on purpose: before taking the write lock
        with self.store.write():
            first = not has_accounts(self.store)
            if first:
                if role != "admin":
                    raise DeskRefusal("The first account of a database must be an admin (it "
                                      "manages the others): use --role admin.")
                by = name
            else:
                if not (admin or "").strip():
                    raise DeskRefusal("This database already has accounts: an admin must add "
                                      "new ones (--admin ADMIN).")
                by = acting_user(self.store, admin, Permission.ACCOUNTS)
            refuse_clash(self.store, name)
            stamp = now_iso()
            account_id = account_rows.insert(self.store, {
                "name": name, "name_key": name_key(name), "skeleton": skeleton(name),
                "role": role, **fields, "created_at": stamp, "created_by": by})
            self.store.audit(by, actions.ADDED, "account", name,
                             {"role": role, "first_account": first,
                              PASSWORD_SEAL: credential_seal(fields)})
            return Account(account_id, name, role, False, stamp, by, None)

    def disable_account(self, name: str, *, admin: str) -> Account:
        with self.store.write():
            by = acting_user(self.store, admin, Permission.ACCOUNTS)
            account = account_to_disable(self.store, name)
            account_rows.set_disabled(self.store, account.id, True, now_iso())
            self.store.audit(by, actions.DISABLED, "account", account.name,
                             {"role": account.role})
            return find_account(self.store, name)

    def enable_account(self, name: str, *, admin: str) -> Account:
        with self.store.write():
            by = acting_user(self.store, admin, Permission.ACCOUNTS)
            account = account_to_enable(self.store, name)
            account_rows.set_disabled(self.store, account.id, False, now_iso())
            self.store.audit(by, actions.ENABLED, "account", account.name,
                             {"role": account.role})
            return find_account(self.store, name)

    def unlock_sign_in(self, name: str, *, admin: str, now: datetime) -> Account:
        with self.store.write():
            by = acting_user(self.store, admin, Permission.ACCOUNTS)
            account = account_to_unlock(self.store, name, now)
            self.store.audit(by, UNLOCKED, "account", account.name, {})
            return account

    def change_role(self, name: str, role: str, *, admin: str) -> Account:
        with self.store.write():
            by = acting_user(self.store, admin, Permission.ACCOUNTS)
            account = account_to_re_role(self.store, name, role)
            account_rows.set_role(self.store, account.id, role, now_iso())
            self.store.audit(by, actions.ROLE_CHANGED, "account", account.name,
                             {"old_role": account.role, "role": role})
            return find_account(self.store, name)

    def change_password(self, name: str, new_password: str, *, by: str,
                        kdf: KdfParams) -> PasswordChanged:
        fields = hash_fields(new_password, kdf)
        with self.store.write():
            account, actor = password_change(self.store, name, by)
            account_rows.set_password(self.store, account.id, fields, now_iso())
            self.store.audit(actor, actions.PASSWORD_CHANGED, "account", account.name,
                             {"by_admin": actor != account.name,
                              PASSWORD_SEAL: credential_seal(fields)})
            # A file has no sessions to end (password_sessions): nothing else changes.
            return PasswordChanged(find_account(self.store, name), actor != account.name)

    # --- the audit log ------------------------------------------------------------------

    def accept_rewritten_log(self, user: Actor | None, reason: str,
                             seen: AuditCheck | None) -> int:
        """The entry accepting the log as it stands (`audit_accept`), checked and written
        under one write lock: no entry joins between the check and it."""
        with self.store.write():
            by = acting_user(self.store, user, Permission.ACCEPT_LOG)
            details = rewrite_accepted(self.store, seen, reason)
            return self.store.audit(by, LOG_ACCEPTED, "election", "", details)
