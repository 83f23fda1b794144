"""A PostgreSQL desk's writes: one call of the server's function per change.

The use cases have checked the request with the desk's rules on a consistent read (so the
person at the desk gets the same messages as on a file); the server then checks it again
under its own write lock, with the acting user taken from the signed-in account, never
from an argument, and writes the rows, the audit entry and the NOTIFY in one transaction.
Every call passes the version the checks saw (and a save, the count: a recount called adds
no version), so a change another desk made in between is refused (`Conflict`) rather than
overwritten. Serialization failures and deadlocks are
retried by the store and never reach the desk; the server's refusals (SQLSTATEs RD001 to
RD005, 42501) become the desk's own exceptions here, by code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from ..domain.identity import same_person
from ..domain.model import Figures
from ..store.postgres import calls
from ..store.postgres import errors as codes
from ..store.postgres.session import session_account
from ..store.postgres.store import PgStore
from .accounts import (
    Account,
    KdfParams,
    Permission,
    RoleRefusal,
    account_to_disable,
    account_to_enable,
    account_to_re_role,
    acting_user,
    find_account,
    password_change,
    refuse_clash,
    role_with_article,
)
from .audit import AuditCheck
from .audit_accept import rewrite_accepted
from .backends import Entry, ImportPlan
from .declarations import Conflict, FourEyesRefusal, refuse_verification
from .errors import DeskRefusal
from .meanwhile import (
    nothing_to_withdraw,
    refuse_correction_moved_on,
    refuse_end_of_ended_recount,
    refuse_replaced_meanwhile,
)
from .password_sessions import PasswordChanged
from .sheets import SeatSheet, Version, load_sheet, sheet_from_rows

T = TypeVar("T")

# The server's refusals as the desk's exceptions, by SQLSTATE (errors.py there).
REFUSALS: dict[str, type[DeskRefusal]] = {
    codes.CONFLICT: Conflict,
    codes.FOUR_EYES: FourEyesRefusal,
    codes.DESK_RULE: DeskRefusal,
    codes.RECORD_FIXED: DeskRefusal,
    codes.NOT_PERMITTED: RoleRefusal,
    codes.INSUFFICIENT_PRIVILEGE: RoleRefusal,
}


@contextmanager
def _naming(path: str | Path) -> Iterator[None]:
    """The server's refusal of a file's contents (its own checks under its lock: seats
    another desk's import added meanwhile, a party or seat it lacks) names the file, as
    every import problem the desk finds does. A refusal of the account (`RoleRefusal`) or
    of a seat's state is not the file's, and is left as it is."""
    try:
        yield
    except DeskRefusal as exc:
        if type(exc) is not DeskRefusal:
            raise
        raise DeskRefusal(f"{Path(path).name}: {exc}") from None


class ServerWrites:
    """The server's write functions, called for a desk signed in to it."""

    def __init__(self, store: PgStore) -> None:
        self.store = store
        self._after: SeatSheet | None = None  # what the last save's function returned

    def sheet_after(self, key: str) -> SeatSheet:
        """The seat as the last change left it: the sheet the server's save function
        returned with it (read in the same transaction, so no other desk's change is mixed
        in, and no second round trip), else read now."""
        after, self._after = self._after, None
        return after if after is not None else load_sheet(self.store, key)

    def _keep(self, sheet: SeatSheet, rows: calls.SeatRows | None) -> None:
        """The server's rows of the seat after a save, on the ballot paper the desk
        checked (a seat's candidates never change once it has figures)."""
        self._after = None if rows is None else sheet_from_rows(
            rows.constituency, sheet.candidates, rows.versions)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """The checks read as they go (each read a consistent snapshot); the server holds
        its lock only for the call itself, and checks again under it."""
        yield

    def readout_time(self, constituency_id: int) -> str | None:
        """Rehearsals replay on a file, never on a server: no read-out to take a time from."""
        return None

    def _call(self, work: Callable[[Any], T], *, one_statement: bool = False) -> T:
        """`work(conn)` (calls of `calls`) through the store, refusals made the desk's."""
        try:
            return self.store.call(work, one_statement=one_statement)
        except codes.ServerRefusal as exc:
            refusal = REFUSALS.get(exc.sqlstate, DeskRefusal)
            if refusal is RoleRefusal:  # the account's role (or state) as remembered may be
                self.store.memo.clear()  # out of date: the next action reads it again
                if exc.sqlstate == codes.INSUFFICIENT_PRIVILEGE:
                    # PostgreSQL's own words ("permission denied for function withdraw"):
                    # said as the desk says it, with the role the account has now (an admin
                    # changed it while this desk was open)
                    raise RoleRefusal(self._role_now()) from None
            raise refusal(str(exc)) from None

    def _role_now(self) -> str:
        """Why the server refused this account an action its role no longer allows."""
        try:
            account = self.session_account(fresh=True)
        except DeskRefusal as exc:  # no account any more
            return str(exc)
        return (f"{account.name} is {role_with_article(account.role)} account now (an admin "
                "changed it since this desk signed in), and the server refused this.")

    # --- the declaration workflow ---------------------------------------------------------

    def _save(self, work: Callable[[Any], T]) -> T:
        """A workflow change: one call of the server's function, sent right after the use
        case read the seat on this connection (`PgStore.call(one_statement=True)`)."""
        return self._call(work, one_statement=True)

    def declare(self, sheet: SeatSheet, figures: Figures, entry: Entry) -> int:
        saved = self._save(lambda conn: calls.declare_saved(
            conn, sheet.code, figures.votes, figures.invalid,
            total_as_read=figures.total_as_read, electorate=figures.electorate,
            expected_version=sheet.current_version, overrides=entry.overrides,
            tie_winner=entry.tie_winner, note=entry.note, source=entry.source,
            declared_at=entry.declared_at, expected_count=sheet.current_count))
        self._keep(sheet, saved.sheet)
        return saved.version

    def correct(self, sheet: SeatSheet, verified: Version, figures: Figures,
                entry: Entry) -> int:
        """A correction of `verified`, the version the desk's checks saw on air: the server
        checks it still is, under its lock (migration 74), as a verification another desk
        made since this desk's read (of its own correction, reopened to key afresh) adds
        no version for the one expected to catch. Its refusal is said as the desk says it
        on a file (`refuse_correction_moved_on`), read again now; a version added since is
        the server's own refusal, left as it is."""
        try:
            saved = self._save(lambda conn: calls.correct_saved(
                conn, sheet.code, figures.votes, figures.invalid, reason=entry.reason or "",
                expected_version=sheet.current_version, overrides=entry.overrides,
                tie_winner=entry.tie_winner, total_as_read=figures.total_as_read,
                electorate=figures.electorate, source=entry.source,
                expected_count=sheet.current_count, correcting=verified.version))
        except Conflict:
            now = load_sheet(self.store, sheet.code)
            if now.current_version == sheet.current_version:
                refuse_correction_moved_on(now, verified.version)  # raises, saying why
            raise
        self._keep(sheet, saved.sheet)
        return saved.version

    def verify(self, sheet: SeatSheet, pending: Version, user: str, *,
               votes: Sequence[int] | None, invalid: int | None, tie_winner: int | None,
               differences: list[str], electorate: int | None = None) -> list[str]:
        """The server compares the re-key itself, electorate too (and records a
        mismatch): its answer. (The entry's figures are hidden from this reader.)"""
        try:
            outcome = self._rekey(sheet, pending, lambda conn: calls.verify(
                conn, sheet.code, votes, invalid, expected_version=sheet.current_version,
                tie_winner=tie_winner, electorate=electorate))
        except codes.ServerRolledBack as exc:
            # Given up once the server may have counted the try (it cannot tell a full
            # disk's or a time limit's rollback from a try undone to learn the figures):
            # "try again", said alone, sent a verifier to spend every try while the server
            # could keep none.
            raise codes.ServerRolledBack(f"{exc} This try may count as one of yours at "
                                         "this version, as one taken back does.",
                                         cause=exc.cause) from None
        self._keep(sheet, outcome.sheet)
        return list(outcome.differences)

    def reject(self, sheet: SeatSheet, pending: Version, user: str, comment: str) -> None:
        self._rekey(sheet, pending, lambda conn: calls.reject(
            conn, sheet.code, comment, expected_version=sheet.current_version))

    def _rekey(self, sheet: SeatSheet, pending: Version, work: Callable[[Any], T]) -> T:
        """A verification or rejection of `pending`. Another desk's verification,
        withdrawal, rejection or recount landing between this desk's read and its call
        adds no version, so the server refuses it by a desk rule (RD003), in its bare "...
        has nothing awaiting verification.": said instead as the desk says it when its own
        check finds it, with what became of the version, read again now (the server
        decided; only the words are the desk's). Any other refusal is left as it is."""
        try:
            return self._save(work)
        except DeskRefusal as exc:
            if type(exc) is not DeskRefusal:  # a conflict, four eyes, the account's role
                raise
            now = load_sheet(self.store, sheet.code)
            if now.pending is None:
                refuse_verification(now, pending.version)  # raises, saying what became of it
            raise

    def withdraw(self, sheet: SeatSheet, pending: Version, user: str) -> None:
        """A verification, rejection or recount landing between this desk's read and its
        call adds no version either: the server's bare "... has no provisional entry to
        withdraw." read as if the entry were gone while its figures were on air, so it is
        said as the desk's own check says it (`nothing_to_withdraw`), read again now."""
        try:
            self._save(lambda conn: calls.withdraw(conn, sheet.code,
                                                   expected_version=sheet.current_version))
        except DeskRefusal as exc:
            if type(exc) is not DeskRefusal:  # a conflict, the account's role
                raise
            now = load_sheet(self.store, sheet.code)
            if now.pending is None:
                raise nothing_to_withdraw(now, pending.version) from None
            raise

    def mark_recount(self, sheet: SeatSheet, user: str, under_way: bool,
                     replacing: int | None = None) -> None:
        """`replacing` (a recount called, asked as stopping that version counting): the
        server checks it still awaits verification, under its lock (migration 64), as a
        verification another desk made since this desk's read adds no version for the one
        expected to catch. Its refusal is said as the desk says it on a file
        (`refuse_replaced_meanwhile`), with what became of the version, read again now;
        a version added since is the server's own refusal, left as it is. A recount called
        off whose count someone verified since (which ended it) is told so, naming that
        verification (`refuse_end_of_ended_recount`), not in the server's "no recount under
        way" alone."""
        replacing = replacing if under_way else None
        try:
            self._save(lambda conn: calls.mark_recount(
                conn, sheet.code, under_way=under_way, expected_version=sheet.current_version,
                replacing=replacing))
        except Conflict:
            if replacing is not None:
                now = load_sheet(self.store, sheet.code)
                if now.current_version == sheet.current_version:
                    refuse_replaced_meanwhile(now, replacing)  # raises, saying what became
            raise
        except DeskRefusal:
            if not under_way:  # raises, naming the verification, where that ended it
                refuse_end_of_ended_recount(self.store, load_sheet(self.store, sheet.code))
            raise

    def decide_tie(self, sheet: SeatSheet, base: Version, entry: Entry) -> int:
        return self._save(lambda conn: calls.decide_tie(
            conn, sheet.code, winner_id=entry.tie_winner, note=entry.note or "",
            expected_version=sheet.current_version))

    # --- parties and imports ----------------------------------------------------------------

    def set_political_order(self, user: str, old: list[str], new: list[str],
                            expected: list[str] | None) -> None:
        """The server compares `expected` again under its lock (migration 60): an order
        another desk saved after this desk's read is refused, not overwritten."""
        self._call(lambda conn: calls.set_political_order(conn, new, expected=expected))

    def import_candidates(self, user: str, path: str | Path, plan: ImportPlan,
                          details: dict[str, Any]) -> None:
        with _naming(path):
            self._call(lambda conn: calls.import_candidates(conn, str(path), plan.payload()))

    def import_results(self, user: str, path: str | Path, plan: ImportPlan
                       ) -> list[tuple[str, str, str, str, str | None]]:
        """The desk's work the import replaced, as the server found it under its lock
        (`repository.desk_work`'s rows; migration 58): an entry another desk saved after
        this desk's own read is among them."""
        with _naming(path):
            report = self._call(lambda conn: calls.import_results(conn, str(path),
                                                                  plan.payload()))
        return [tuple(row) for row in (report or {}).get("replaced") or ()]

    def import_baseline(self, user: str, path: str | Path, name: str,
                        plan: ImportPlan) -> None:
        with _naming(path):
            self._call(lambda conn: calls.import_baseline(conn, str(path), name,
                                                          plan.payload()))

    # --- accounts: the server signs people in -------------------------------------------------

    def session_account(self, *, fresh: bool = False) -> Account:
        """The account this connection signed in as (the server checked its password); the
        server's administrator who prepared the election counts as an admin. `fresh`: read
        again, not as remembered."""
        if fresh:
            self.store.memo.pop("account", None)
        row = self.store.memo.get("account")
        if row is None:  # the connection's account: the same until it is replaced
            row = session_account(self.store)
            self.store.remember_account(row)
        if row is None:
            raise RoleRefusal(f"{self.store.user} has no account in this election.")
        return Account(row["id"], row["name"], row["role"], bool(row["disabled"]),
                       row["created_at"], row["created_by"], row["changed_at"])

    def add_account(self, name: str, role: str, password: str, *, admin: str | None,
                    kdf: KdfParams) -> Account:
        acting_user(self.store, admin, Permission.ACCOUNTS)
        refuse_clash(self.store, name)
        self._call(lambda conn: calls.add_user(conn, name, role, password))
        self.store.memo.clear()  # an account changed: read the session's again
        return find_account(self.store, name)

    def disable_account(self, name: str, *, admin: str) -> Account:
        acting_user(self.store, admin, Permission.ACCOUNTS)
        account = account_to_disable(self.store, name)
        self._call(lambda conn: calls.disable_user(conn, account.name))
        self.store.memo.clear()  # an account changed: read the session's again
        return find_account(self.store, name)

    def enable_account(self, name: str, *, admin: str) -> Account:
        acting_user(self.store, admin, Permission.ACCOUNTS)
        account = account_to_enable(self.store, name)
        self._call(lambda conn: calls.enable_user(conn, account.name))
        self.store.memo.clear()  # an account changed: read the session's again
        return find_account(self.store, name)

    def unlock_sign_in(self, name: str, *, admin: str, now: datetime) -> Account:
        raise DeskRefusal("A team desk's server checks passwords itself, so ResultsDesk "
                          "locks no account out there: nothing to unlock (the server's "
                          "administrator configures any delay, with auth_delay).")

    def accept_rewritten_log(self, user: object, reason: str,
                             seen: AuditCheck | None) -> int:
        """The entry accepting the log as it stands (`audit_accept`): checked here on a
        consistent read, and again by the server's function under its lock (migration
        62), which refuses it (`Conflict`) if an entry joined the log in between."""
        acting_user(self.store, user, Permission.ACCEPT_LOG)
        details = rewrite_accepted(self.store, seen, reason)
        return self._call(lambda conn: calls.accept_rewritten_log(conn, details))

    def change_role(self, name: str, role: str, *, admin: str) -> Account:
        acting_user(self.store, admin, Permission.ACCOUNTS)
        account = account_to_re_role(self.store, name, role)
        self._call(lambda conn: calls.set_user_role(conn, account.name, role))
        self.store.memo.clear()  # an account changed: read the session's again
        return find_account(self.store, name)

    def change_password(self, name: str, new_password: str, *, by: str,
                        kdf: KdfParams) -> PasswordChanged:
        """The server ends the account's sessions with the change (all but this one when
        the account changes its own: migration 65), and says how many (None: it may not)."""
        signed_in = self.session_account()
        if not same_person(by, signed_in.name):
            acting_user(self.store, by, Permission.ACCOUNTS)  # refuses: another account
        account, actor = password_change(self.store, name, signed_in.name)
        ended = self._call(lambda conn: calls.set_password(conn, account.name, new_password))
        self.store.memo.clear()  # an account changed: read the session's again
        return PasswordChanged(find_account(self.store, name), actor != account.name, ended)
