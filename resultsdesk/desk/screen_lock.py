"""A window locked while its person is away (File > Lock, or its idle lock): who may take
it back, and what the audit log says of it.

Only the account signed in at the window unlocks it, with its password, checked as any
sign-in is: on a file `accounts.sign_in`, so a wrong password is a `sign-in failed` entry
that counts toward the name's lock-out (sign_in_limit) and the right one a `sign in`; on a
team desk the server checks it, on a connection opened for that alone and closed at once
(the window's own connection, and its server session, stay open while it is locked: the
live feed goes on). The lock itself is an entry wherever sign-ins are recorded (a file with
accounts); an open desk has no passwords, and a server's sign-ins are the server's.
"""

from __future__ import annotations

from pathlib import Path

from . import accounts as acc
from .session import Desk, is_server, open_desk
from .sign_in_limit import WINDOW_LOCKED


def record_lock(desk: Desk, account: acc.Account, idle_minutes: int | None = None) -> None:
    """The audit entry of `account`'s window locked (`idle_minutes`: by its idle lock, after
    that long). Nothing where sign-ins are not recorded (an open desk, a server)."""
    if account.is_open_desk or is_server(desk):
        return
    details = {} if idle_minutes is None else {"idle_minutes": idle_minutes}
    with desk.write():
        desk.audit(account.name, WINDOW_LOCKED, "account", account.name, details)


def check_unlock(desk: Desk, account: acc.Account, password: str, *,
                 target: str | Path) -> None:
    """Return if `password` is `account`'s; otherwise raise as a sign-in does (SignInFailed,
    SignInLocked, or the server's refusal as a KnownError). `target`: the window's election,
    a server's URL as the window opened it. An open desk has no password: nothing to check."""
    if account.is_open_desk:
        return
    if is_server(desk):
        other = open_desk(str(target), user=account.name, password=password)
        other.close()  # the check only: the window reads and acts on its own connection
        return
    signed = acc.sign_in(desk, account.name, password)
    if signed.name != account.name:  # (one name, one account: never, but never let through)
        raise acc.SignInFailed(account.name)
