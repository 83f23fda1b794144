"""Desk accounts: sign-in, roles, and managing accounts.

A database with no account is an *open desk* (one PC, trusted people): whoever is at it types
their name, normalised (domain/identity.py), and may do everything. Once it has an account,
every change needs a signed-in account whose role allows it:

- desk: enters, verifies, corrects, rejects, withdraws; marks recounts and lots;
- editor: sees provisional figures, exports and publishes, runs a rehearsal's clock; never
  enters or verifies;
- admin: manages accounts, parties (chamber order), imports and restores; and, as the desk's
  supervisor, may also enter and verify (never their own entry: four-eyes still holds).

The GUI and the command line sign in with `sign_in` (or `signed_in_name`) and then call the
desk functions with the account's name; those check the role again (`acting_user`), so no
front end can skip it. What a SQLite file cannot do is stop someone who can write the file
itself: see README, "Accounts and sign-in".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from ..domain.identity import (
    InvalidName,
    display_name,
    name_key,
    names_nobody,
    printable_name,
    same_person,
    skeleton,
)
from ..domain.records import record, replace
from ..store import Store
from ..store import accounts as sql
from . import sign_in_limit as limit
from .backends import writes_for
from .errors import DeskRefusal
from .passwords import DEFAULT_KDF as DEFAULT_KDF  # their home for callers, as before
from .passwords import MAX_PASSWORD_LENGTH as MAX_PASSWORD_LENGTH
from .passwords import MIN_PASSWORD_LENGTH as MIN_PASSWORD_LENGTH
from .passwords import KdfParams as KdfParams
from .passwords import check_new_password as check_new_password
from .passwords import hash_fields as hash_fields
from .passwords import password_matches
from .permissions import Permission as Permission  # its home for callers, as before
from .sign_in_limit import SignInLocked as SignInLocked  # caught beside SignInFailed

if TYPE_CHECKING:
    from .password_sessions import PasswordChanged

ROLES = ("desk", "editor", "admin")


ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    "desk": frozenset({Permission.DECLARE}),
    "editor": frozenset({Permission.PUBLISH, Permission.REHEARSE}),
    "admin": frozenset(Permission),
}


class SignInFailed(DeskRefusal):
    """Wrong password, unknown or disabled account: deliberately one message for all three."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"sign-in failed for {name}")


class RoleRefusal(DeskRefusal):
    pass


class SignInNeeded(DeskRefusal):
    """A name typed at an open desk, acting after the database gained accounts: nobody
    signed it in, so it may not act as the account of that name (if any)."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"This database has desk accounts now: {name}, typed at an open "
                         "desk, must sign in with an account and its password (File > "
                         "Switch user) before changing anything.")


@record
class Account:
    """Who is signed in. `id` None: an open desk's typed name (no accounts in the file)."""

    id: int | None
    name: str
    role: str
    disabled: bool = False
    created_at: str = ""
    created_by: str = ""
    changed_at: str | None = None

    @property
    def is_open_desk(self) -> bool:
        return self.id is None

    def allows(self, permission: Permission) -> bool:
        """Whether this account may do what needs `permission`: a disabled one nothing."""
        if self.disabled:
            return False
        return self.is_open_desk or permission in ROLE_PERMISSIONS.get(self.role, frozenset())


# Who a front end says is acting: a name (the command line, once it signed the account in;
# scripts), or the Account a window holds (signed in, or an open desk's typed name: the
# desk must know which, since a typed name was never signed in).
Actor = str | Account


def open_desk_user(name: str) -> Account:
    """The person at an open desk (a database with no accounts): their checked name."""
    return Account(None, _checked_name(name), "desk")


# --- reading ------------------------------------------------------------------------------

def _account(row: dict) -> Account:
    return Account(row["id"], row["name"], row["role"], bool(row["disabled"]),
                   row["created_at"], row["created_by"], row["changed_at"])


def _checked_name(name: str) -> str:
    try:
        return display_name(name)
    except InvalidName as exc:
        raise DeskRefusal(str(exc)) from None


def server_account(store: Store) -> Account | None:
    """The account the store's own connection signed in as, on a server (whose password the
    server checked); None on a file, where the app signs people in (`sign_in`)."""
    return writes_for(store).session_account()


def has_accounts(store: Store) -> bool:
    """Whether this database signs people in (False: an open desk). A server's election
    always does: the server signed this connection in."""
    return writes_for(store).session_account() is not None or sql.count(store) > 0


def list_accounts(store: Store) -> list[Account]:
    return [_account(r) for r in sql.all_accounts(store)]


def find_account(store: Store, name: str) -> Account | None:
    """The account `name` names: the one recorded under exactly that name, else the one
    whose name it is, normalised or by look (`same_person`). Two accounts that look alike
    are refused unless named exactly, never one of them picked: since the braille blank and
    the dot on an i count as nothing, an `alice⠀` made before sat beside `alice` under
    another key, and `users disable alice⠀` found, and disabled, alice."""
    rows = sql.all_accounts(store)  # a desk's few dozen
    exact = next((r for r in rows if r["name"] == name), None)
    if exact is not None:
        return _account(exact)
    alike = [r for r in rows if same_person(name, r["name"])]
    if len(alike) > 1:
        names = ", ".join(f"'{r['name']}'" for r in alike)
        raise DeskRefusal(f"'{_shown(name)}' looks like {len(alike)} accounts ({names}): "
                          "name the one you mean exactly as `users list` writes it.")
    row = sql.by_key(store, name_key(name)) or (alike[0] if alike else None)
    return _account(row) if row else None


def _shown(name: str) -> str:
    """A claimed name as it may be printed or recorded: one line, at most 64 characters."""
    return display_name_or_raw(name)[:64]


# How a sign-in under no name at all (empty, or nothing visible) is recorded; no account's.
NO_NAME = "(no name)"


def display_name_or_raw(name: str) -> str:
    try:
        return display_name(name)
    except InvalidName:
        return printable_name(name) or NO_NAME


def _account_name_or_none(name: str) -> str | None:
    """`name` as an account's would be recorded; None when no account could have it (too
    long, a line break, nothing visible): such a name signs in to nothing. Looking it up by
    its key all the same let a name padded past what the lock counts by (a thousand
    zero-width spaces before `bob`) reach bob's account, with five fresh tries."""
    try:
        return display_name(name or "")
    except InvalidName:
        return None


# --- signing in ---------------------------------------------------------------------------

def sign_in(store: Store, name: str, password: str, *,
            now: datetime | None = None) -> Account:
    """The enabled account `name` if `password` is its password. Otherwise records the failed
    attempt in the audit log (never the password) and raises SignInFailed; a success is
    recorded too, and starts the count of failures afresh. A name with too many failed
    sign-ins lately (desk/sign_in_limit.py) is refused, its password unchecked:
    SignInLocked, recorded too. `now`: the time of the attempt (tests give theirs).

    On a server the connection signed in already (the server checked the password): the
    account is the connection's, and `name` must be it."""
    session = writes_for(store).session_account()
    if session is not None:
        if not same_person(name, session.name) or session.disabled:
            raise SignInFailed(_shown(name))
        return session
    shown, now = _shown(name), limit.wall(now)
    limit.refuse_if_locked(store, shown, now)  # before the account is even looked up
    recorded = _account_name_or_none(name)
    row = None if recorded is None else sql.signing_in(store, recorded)  # `ipek`: `İpek`
    if row is None and recorded is not None:
        # An account made before a character counted as nothing (`bob⠀`, stored under its
        # own key then), named exactly: its key is another now. Never one whose key an
        # account holds (an `alice⠀` beside alice signs in as nobody but alice).
        row = next((r for r in sql.all_accounts(store) if r["name"] == name), None)
    if row is None:
        password_matches(None, password)
        reason = "unknown account"
    elif row["disabled"]:
        # Its password is not checked (only timed alike): the audit log, which anyone with
        # the file reads, said "wrong password" or "account disabled" as the guess was
        # wrong or right, confirming a disabled account's password for when it is enabled.
        password_matches(None, password)
        reason = "account disabled"
    elif not password_matches(row, password):
        reason = "wrong password"
    else:
        limit.record_success(store, shown, row["name"], now)  # unless locked meanwhile
        return _account(row)
    limit.record_failure(store, shown, reason, now)
    raise SignInFailed(shown)


def signed_in_name(store: Store, name: str | None, password: Callable[[], str],
                   permission: Permission) -> str:
    """The name to act under for a command needing `permission`.

    Open desk: `name`, checked and normalised; `password` is never called. With accounts:
    `name` signs in with `password()` and must hold `permission`. On a server, the account
    the connection signed in as (with its password), which `name`, if given, must be."""
    session = _session_to_act(store, permission)
    if session is not None:
        return _as_session(session, name, permission)
    if not has_accounts(store):
        return _checked_name(name or "")
    if not (name or "").strip():
        raise DeskRefusal("This database has desk accounts: say who you are with "
                          "--user NAME (and your password).")
    account = sign_in_asking(store, name, password)
    require(account, permission)
    return account.name


def sign_in_asking(store: Store, name: str, password: Callable[[], str]) -> Account:
    """`sign_in`, the password asked for (`password()`) only if `name` is not locked out:
    a locked name is refused before anyone types a password for it."""
    limit.refuse_if_locked(store, _shown(name), limit.wall(None))
    return sign_in(store, name, password())


def require(account: Account, permission: Permission) -> None:
    if account.allows(permission):
        return
    roles = [r for r in ROLES if permission in ROLE_PERMISSIONS[r]]
    what = " or ".join(role_with_article(r) for r in roles)
    extra = (" Editors see provisional figures, export and publish, but never enter or "
             "verify." if account.role == "editor" else "")
    raise RoleRefusal(f"{account.name} is {role_with_article(account.role)} account and "
                      f"cannot {permission.value}: that needs {what} account.{extra}")


def role_with_article(role: str) -> str:
    """'a desk', 'an editor', 'an admin'."""
    return f"an {role}" if role[0] in "ae" else f"a {role}"


def _session_to_act(store: Store, permission: Permission | None) -> Account | None:
    """On a server, the connection's account, read again before it is refused by its role
    or state as remembered: an admin may have changed it since (made an editor a desk
    account), and a refusal of the desk's own never reaches the server to correct it (a
    promoted account stayed refused on that connection). None on a file."""
    writes = writes_for(store)
    session = writes.session_account()
    if session is not None and (session.disabled or (
            permission is not None and not session.allows(permission))):
        session = writes.session_account(fresh=True)
    return session


def _as_session(account: Account, user: str | None, permission: Permission | None) -> str:
    """On a server the acting user is the connection's account, whatever a caller says:
    a different name is refused, not recorded."""
    if user is not None and not same_person(user, account.name):
        raise DeskRefusal(f"This desk is signed in to the server as {account.name}, so it "
                          f"cannot act as {_shown(user)}: connect as {_shown(user)} (the "
                          "URL's user, or --user) to act as them.")
    if account.disabled:
        raise SignInFailed(account.name)
    if permission is not None:
        require(account, permission)
    return account.name


def acting_user(store: Store, user: Actor | None, permission: Permission | None, *,
                default: str | None = None) -> str:
    """The name a desk function records for `user` doing something needing `permission`
    (`default` when no user is given, as imports on an open desk record "import").

    Open desk: the typed name, normalised and checked. With accounts: `user` must name an
    enabled account (the front end has signed it in) whose role allows it. On a server:
    the account the connection signed in as; `user`, if given, must be that account.
    `permission` None: any role will do, but still an enabled account (a rehearsal's driver
    holding the clock its lost driver left, `desk.rehearsal_resume`)."""
    return acting_account(store, user, permission, default=default).name


def acting_account(store: Store, user: Actor | None, permission: Permission | None, *,
                   default: str | None = None) -> Account:
    """`acting_user`'s account (an open desk's: `open_desk_user`), whose role says what
    the person acting may see as well as do (desk/visibility.viewer_for).

    An open desk's Account (a window's typed name) acts only while the database has no
    accounts: once someone adds the first, that window must sign in, or its typed name
    would act as the account of that name (an admin's, say) without its password."""
    if isinstance(user, Account):
        if user.is_open_desk and has_accounts(store):
            raise SignInNeeded(user.name)
        user = user.name
    session = _session_to_act(store, permission)
    if session is not None:
        _as_session(session, user, permission)
        return session
    if user is None:
        user = default or ""
    if not has_accounts(store):
        return open_desk_user(user)
    account = find_account(store, user or "")
    if account is None or account.disabled:
        raise SignInFailed(_shown(user))
    if permission is not None:
        require(account, permission)
    return account


def account_now(store: Store, account: Account) -> Account:
    """`account` as the database has it now: its role changed, or disabled, since the
    window signed it in (a window asks on each refresh). An open desk's typed name is as
    it was. On a server, the connection's own account (read again once the change number
    has moved); on a file, the account of that name, disabled if it has gone."""
    if account.is_open_desk:
        return account
    session = writes_for(store).session_account()
    if session is not None:
        return session
    found = find_account(store, account.name)
    if found is None or found.id != account.id:
        return replace(account, disabled=True)
    return found


# --- managing accounts --------------------------------------------------------------------
# The checks and messages are the same on both stores; the change itself is the backend's
# (`local_writes`: rows in the file; `server_writes`: the server's account functions, which
# create and alter its login roles).

def refuse_clash(store: Store, name: str) -> None:
    """Refuse a new account whose name is an existing one's, normalised, or looks like it."""
    key, skel = name_key(name), skeleton(name)
    # The stored skeleton is taken after folding case; `same_person` also compares
    # look-alikes before it (a Cyrillic capital Ka for a K), so ask it of the few accounts.
    existing = sql.clashing(store, key, skel) or next(
        (r for r in sql.all_accounts(store) if same_person(name, r["name"])), None)
    if existing is not None:
        how = "is the same name" if existing["name_key"] == key else "looks the same"
        raise DeskRefusal(f"'{name}' {how} as the existing account "
                          f"'{existing['name']}': choose a name nobody could mistake.")


def add_account(store: Store, name: str, role: str, password: str, *, admin: str | None,
                kdf: KdfParams = DEFAULT_KDF) -> Account:
    """Create an account. The first one of a database must be an admin and is created by
    itself; after that `admin` names the signed-in admin creating it. On a server, a login
    role in the election's group for `role`, created by the connection's admin account."""
    if names_nobody(name):  # (display_name's words are for a missing --user)
        raise DeskRefusal("The new account needs a name: type one that shows (every change "
                          "it makes records it).")
    name = _checked_name(name)
    if same_person(name, NO_NAME):
        raise DeskRefusal(f"'{name}' is how the desk records a sign-in under no name: "
                          "choose another name.")
    if role not in ROLES:
        raise DeskRefusal(f"'{role}' is not a role: choose one of {', '.join(ROLES)}.")
    check_new_password(password, name)
    return writes_for(store).add_account(name, role, password, admin=admin, kdf=kdf)


def account_to_disable(store: Store, name: str) -> Account:
    """The account `name`, if it may be disabled: the last enabled admin cannot be, since
    nobody could manage accounts after that."""
    account = find_account(store, name)
    if account is None:
        raise DeskRefusal(f"No account '{_shown(name)}' in this database.")
    if account.disabled:
        raise DeskRefusal(f"{account.name} is already disabled.")
    if account.role == "admin" and sql.enabled_admins(store) <= 1:
        raise DeskRefusal(f"{account.name} is the only enabled admin; add another admin "
                          "before disabling it.")
    return account


def disable_account(store: Store, name: str, *, admin: str) -> Account:
    """Stop an account signing in (kept, so the history still names it)."""
    return writes_for(store).disable_account(name, admin=admin)


def account_to_enable(store: Store, name: str) -> Account:
    """The disabled account `name`, which may sign in again."""
    account = find_account(store, name)
    if account is None:
        raise DeskRefusal(f"No account '{_shown(name)}' in this database.")
    if not account.disabled:
        raise DeskRefusal(f"{account.name} is not disabled: it can sign in already.")
    return account


def enable_account(store: Store, name: str, *, admin: str) -> Account:
    """Let a disabled account sign in again (one disabled by mistake), in its role."""
    return writes_for(store).enable_account(name, admin=admin)


def account_to_unlock(store: Store, name: str, now: datetime) -> Account:
    """The account `name`, if too many failed sign-ins have locked it out (`sign_in_limit`)."""
    account = find_account(store, name)
    if account is None:
        raise DeskRefusal(f"No account '{_shown(name)}' in this database.")
    if limit.locked_until(store, account.name, now) is None:
        raise DeskRefusal(f"{account.name} is not locked out: it can sign in already.")
    return account


def unlock_sign_in(store: Store, name: str, *, admin: str,
                   now: datetime | None = None) -> Account:
    """Let an account locked out by failed sign-ins sign in again now, before its lock-out
    ends; audited. A file only: a server checks passwords (and any delay) itself."""
    return writes_for(store).unlock_sign_in(name, admin=admin, now=limit.wall(now))


def account_to_re_role(store: Store, name: str, role: str) -> Account:
    """The account `name`, if it may be given `role`: a role it does not hold already, and
    never admin taken from the last enabled admin (as disabling it is refused), since
    nobody could manage accounts after that."""
    if role not in ROLES:
        raise DeskRefusal(f"'{_shown(role)}' is not a role: choose one of {', '.join(ROLES)}.")
    account = find_account(store, name)
    if account is None:
        raise DeskRefusal(f"No account '{_shown(name)}' in this database.")
    if account.role == role:
        raise DeskRefusal(f"{account.name} is {role_with_article(role)} account already.")
    if account.role == "admin" and not account.disabled and sql.enabled_admins(store) <= 1:
        raise DeskRefusal(f"{account.name} is the only enabled admin; add another admin "
                          "before taking admin away from it.")
    return account


def change_role(store: Store, name: str, role: str, *, admin: str) -> Account:
    """Give an account another role (desk, editor or admin); the audit entry records the
    old and the new one."""
    return writes_for(store).change_role(name, role, admin=admin)


def password_change(store: Store, name: str, by: str) -> tuple[Account, str]:
    """The account whose password `by` changes, and who acts: the account itself, or an
    admin."""
    account = find_account(store, name)
    if account is None:
        raise DeskRefusal(f"No account '{_shown(name)}' in this database.")
    # The account itself by identity, not by look: an `alice⠀` made before beside alice is
    # another account, whose password alice (signed in by her key) may not set as her own.
    actor = find_account(store, by)
    if actor is not None and actor.id == account.id:
        if account.disabled:
            raise SignInFailed(account.name)
        return account, account.name
    return account, acting_user(store, by, Permission.ACCOUNTS)


def change_password(store: Store, name: str, new_password: str, *, by: str,
                    kdf: KdfParams = DEFAULT_KDF) -> PasswordChanged:
    """Set `name`'s password: by the account itself (signed in with its old password) or by
    an admin. The audit entry says who changed it, never what to; on a server, the
    account's other sessions end with it (`password_sessions`)."""
    check_new_password(new_password, _checked_name(name))
    return writes_for(store).change_password(name, new_password, by=by, kdf=kdf)
