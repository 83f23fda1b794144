"""What a password change did to the account's other sessions, in the desk's words.

On a team desk the server ends, with the change, every session the account has open when an
admin resets it, and the account's other sessions when the person changes their own (the
one they changed it from goes on): a PC left signed in, or a session someone else holds,
stops at once instead of reading and writing until it closes (migration 65). Where the
server may not end sessions (its accounts role lacks pg_signal_backend: README, "Team
desk") the password is changed all the same and the desk says what stayed open. A file has
no sessions to end: a window signed in elsewhere on it keeps its account until it signs out
(README, "Accounts and sign-in").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.records import record

if TYPE_CHECKING:
    from .accounts import Account


@record
class PasswordChanged:
    """The account whose password changed; whether someone else (an admin) changed it; and
    how many of its sessions the server ended (0 on a file; None: the server could not)."""

    account: Account
    by_admin: bool
    ended: int | None = 0


def sessions_ended_words(change: PasswordChanged) -> str | None:
    """The line saying which sessions ended (None: nothing to say, none were open)."""
    name = change.account.name
    if change.ended is None:
        return (f"The server could not end {name}'s open sessions (its accounts role may not "
                "end sessions: see the README, Team desk): any still open keep working until "
                "they close.")
    if change.ended == 0:
        return None
    which = "open" if change.by_admin else "other"
    if change.ended == 1:
        return (f"{name}'s 1 {which} session was ended: it signs in again with the new "
                "password.")
    return (f"{name}'s {change.ended} {which} sessions were ended: they sign in again with "
            "the new password.")
