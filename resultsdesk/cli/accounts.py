"""Signing in from the command line, and `resultsdesk users ...`.

Passwords never come from argv (other users of the machine can read it in `ps`): the acting
user's from RESULTSDESK_PASSWORD when set, else a prompt without echo; a new password from
RESULTSDESK_NEW_PASSWORD, else prompted twice. Neither is printed or logged.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..desk.errors import DeskRefusal, StoreError
from ..desk.permissions import Permission
from ..desk.session import Desk, PasswordNeeded, is_server_target, open_desk, url_user
from .common import reader_option

PASSWORD_ENV = "RESULTSDESK_PASSWORD"
NEW_PASSWORD_ENV = "RESULTSDESK_NEW_PASSWORD"
OPEN_DESK_IMPORT_USER = "import"


def _terminal() -> bool:
    """Is there someone to ask? Only when standard input is a terminal, as on a team desk's
    server (`open_election`). getpass would ask on the controlling terminal even with
    standard input redirected (`< /dev/null`, `nohup ... &`): a script that said it wants no
    questions then waited there for ever (in the background, stopped by SIGTTIN); with no
    terminal at all it read a pipe after warning the password may be echoed. A password
    comes from RESULTSDESK_PASSWORD or is asked (README)."""
    return sys.stdin is not None and sys.stdin.isatty()


def _prompt(text: str) -> str:
    import getpass  # with termios: only when a password is asked for

    if _terminal():
        try:
            return getpass.getpass(text)
        except EOFError:  # the terminal closed (Ctrl+D): the prompt has no newline yet
            sys.stderr.write("\n")
            # said as what was done: "run this with standard input from a terminal" told
            # someone at one, who had ended the prompt, to do what they were doing
            raise DeskRefusal("No password given: the prompt was ended (Ctrl+D); nothing "
                              f"was done. Run it again to be asked, or set {PASSWORD_ENV} "
                              f"(or {NEW_PASSWORD_ENV} for a new one).") from None
    # Said of standard input: run from a terminal with it redirected (`< /dev/null`), "run
    # this in a terminal" told someone already at one to do what they were doing.
    raise DeskRefusal(f"No password given: set {PASSWORD_ENV} (or {NEW_PASSWORD_ENV} for "
                      "a new one), or run this with standard input from a terminal, not "
                      "redirected, to be asked.")


def env_password(variable: str) -> str | None:
    """The password in the environment `variable`, None if it is not set. One set in a
    terminal that is not UTF-8 is refused saying so: a server's desk stopped on it with a
    bug's "unexpected error", a file's called it a wrong password."""
    password = os.environ.get(variable)
    if password is not None:
        try:
            password.encode("utf-8")
        except UnicodeEncodeError:
            raise DeskRefusal(f"{variable} holds bytes that are not UTF-8 text: set it "
                              "from a UTF-8 terminal.") from None
    return password


def sign_in_password_env() -> str | None:
    """RESULTSDESK_PASSWORD without the line end a file read whole into it keeps (a
    supervisor's `read_text()`, a secret made from `echo pw > f`), as the terminal's prompt
    drops a pasted line's: no password holds a line break, so every run with it was a
    failed sign-in, five of them locking the name out. `init`'s server administrator's
    password too, from the same variable."""
    password = env_password(PASSWORD_ENV)
    if password is not None:
        password = password.removesuffix("\n").removesuffix("\r")
    return password


def acting_password(name: str) -> str:
    """The signing-in user's password: RESULTSDESK_PASSWORD when set, else asked."""
    from ..desk import accounts as acc

    password = sign_in_password_env()
    if password == "":
        # No account has an empty password: a script's variable left unset, not a guess.
        # Checked, it was a failed sign-in, and five such runs locked the name out.
        raise DeskRefusal(f"{PASSWORD_ENV} is set but empty: set it to the password of "
                          f"{acc.display_name_or_raw(name)}, or unset it to be asked.")
    if password is not None:
        return password
    return _prompt(f"Password for {acc.display_name_or_raw(name)}: ")


def new_password(name: str) -> str:
    """A new password for `name`: RESULTSDESK_NEW_PASSWORD when set, else asked twice."""
    from ..desk import accounts as acc

    password = env_password(NEW_PASSWORD_ENV)
    if password is not None:
        return password
    shown = acc.display_name_or_raw(name)
    first = _prompt(f"New password for {shown}: ")
    if _prompt(f"New password for {shown} again: ") != first:
        raise DeskRefusal("The two passwords differ; nothing was changed.")
    return first


def open_election(args: argparse.Namespace, *, as_user: str | None = None,
                  forensic: bool = False) -> Desk:
    """The election at --db. On a server the server signs in: as `as_user`, else --user,
    else the URL's user; the password is RESULTSDESK_PASSWORD when set, else libpq finds
    it (PGPASSWORD, ~/.pgpass) or, if the server wants one and there is a terminal, it is
    asked for. On a file, the app signs people in itself (`sign_in_command`); `forensic`:
    see `open_desk`."""
    if not is_server_target(args.db):
        return open_desk(args.db, forensic=forensic)
    user = as_user or getattr(args, "user", None)
    if user is not None:  # as the window's sign-in takes it: a name pasted with its spaces
        user = user.strip()
    password = sign_in_password_env()
    try:
        return open_desk(args.db, user=user, password=password)
    except PasswordNeeded:
        # standard input closed (`<&-`, a service) is None: no terminal to ask on either
        if password is not None or sys.stdin is None or not sys.stdin.isatty():
            raise
        # named: the account the server signs in (--user's, else the URL's)
        who = user or url_user(str(args.db)) or "the URL user"
        return open_desk(args.db, user=user, password=_prompt(f"Password for {who}: "))


def add_sign_in_option(parser: argparse.ArgumentParser, permission: Permission, *,
                       required: bool, help_text: str | None = None) -> None:
    """`--user NAME`, and the permission the command needs once the database has accounts
    (`sign_in_command` then asks for NAME's password before the command runs)."""
    parser.add_argument("--user", required=required, metavar="NAME", default=None,
                        help=help_text or "who is doing this (recorded in the audit log); "
                        f"with desk accounts, your account (password from {PASSWORD_ENV} or "
                        "asked)")
    parser.set_defaults(permission=permission)


def sign_in_command(args: argparse.Namespace) -> None:
    """Before a command that writes: sign `args.user` in (databases with accounts) or check
    and normalise the typed name (open desk); `args.user` becomes the name to record.
    A failed sign-in raises SignInFailed after recording the attempt, before any change."""
    permission = getattr(args, "permission", None)
    if permission is None:
        return  # a command that only reads: the account rules need not even load
    from ..desk import accounts as acc

    if permission is Permission.RESTORE:
        if not is_server_target(args.db):  # a server's election is restored by its server
            _sign_in_restore(args)
        return
    if permission is Permission.REHEARSE:
        _sign_in_rehearse(args)
        return
    with open_election(args) as desk:
        if args.user is None and not acc.has_accounts(desk):
            args.user = OPEN_DESK_IMPORT_USER  # imports on an open desk, as before
        args.user = acc.signed_in_name(desk, args.user, lambda: acting_password(args.user),
                                       permission)


def _sign_in_restore(args: argparse.Namespace) -> None:
    from ..desk import accounts as acc

    def as_typed() -> None:  # recorded as the restore's author: checked as any typed name
        if args.user is not None:  # (an escape sequence or a blank went into the log)
            args.user = acc.open_desk_user(args.user).name

    if not args.db.exists():
        as_typed()  # restoring into a new file: nobody's accounts to ask
        return
    try:
        desk = open_desk(args.db)
    except StoreError:
        # A database too damaged to open cannot say who may restore it; whoever can damage
        # the file can also replace it, so refusing here would protect nothing.
        as_typed()
        return
    with desk:
        if acc.has_accounts(desk):
            args.user = acc.signed_in_name(desk, args.user,
                                           lambda: acting_password(args.user),
                                           Permission.RESTORE)
        else:
            as_typed()


def _sign_in_rehearse(args: argparse.Namespace) -> None:
    """`rehearse` runs the clock of the rehearsal at --db. A server, or a live election, is
    refused before anyone signs in to it (the command's own refusals); a new file has no
    accounts to ask; a rehearsal with accounts needs an editor or admin signed in."""
    from ..desk import accounts as acc
    from ..desk import rehearsal as rh

    rh.refuse_server_target(args.db, option="--db")
    if not args.db.exists() or args.db.stat().st_size == 0:
        if args.user is not None:  # checked now, not after the night is read in
            args.user = acc.open_desk_user(args.user).name
        return
    with rh.open_rehearsal(args.db) as desk:
        if args.user is None and not acc.has_accounts(desk):
            return  # the clock moves as the feed, as before (`rehearsal.REHEARSAL_USER`)
        args.user = acc.signed_in_name(desk, args.user, lambda: acting_password(args.user),
                                       Permission.REHEARSE)


# --- resultsdesk users ... ----------------------------------------------------------------

def add_user_commands(commands, db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    from ..desk import accounts as acc  # loaded by the commands that sign in or manage accounts

    users = commands.add_parser("users", help="desk accounts: add, list, disable, enable, "
                                              "unlock, role, password")
    actions = users.add_subparsers(dest="users_action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add an account (the first one is an admin)")
    add.add_argument("name", metavar="NAME")
    db_option(add)
    add.add_argument("--role", choices=acc.ROLES,
                     help="desk (enters, verifies), editor (sees provisional figures, exports, "
                          "publishes, runs a rehearsal's clock), admin (accounts, parties, "
                          "imports); the first account is an admin")
    add.add_argument("--admin", metavar="ADMIN",
                     help="the admin adding it (signs in); not needed for the first account")
    add.set_defaults(run=run_users_add)

    lst = actions.add_parser("list", help="every account, its role and state")
    db_option(lst)
    reader_option(lst)
    lst.set_defaults(run=run_users_list)

    _admin_command(actions, "disable", "stop an account signing in (history keeps it)",
                   "disabling", run_users_disable, db_option)
    _admin_command(actions, "enable", "let a disabled account sign in again, in its role",
                   "enabling", run_users_enable, db_option)
    _admin_command(actions, "unlock", "let an account locked out by failed sign-ins sign in "
                   "again now", "unlocking", run_users_unlock, db_option)

    rol = actions.add_parser("role", help="give an account another role (the last enabled "
                                          "admin keeps admin)")
    rol.add_argument("name", metavar="NAME")
    rol.add_argument("role", metavar="ROLE", choices=acc.ROLES,
                     help=f"the new role: {', '.join(acc.ROLES)}")
    db_option(rol)
    rol.add_argument("--admin", metavar="ADMIN", required=True,
                     help="the admin changing it (signs in)")
    rol.set_defaults(run=run_users_role)

    pw = actions.add_parser("password", help="change an account's password (its own, after "
                                             "signing in with the old one; or an admin's reset)")
    pw.add_argument("name", metavar="NAME")
    db_option(pw)
    pw.add_argument("--admin", metavar="ADMIN",
                    help="an admin resetting NAME's password (signs in as ADMIN)")
    pw.set_defaults(run=run_users_password)


def _sign_in_admin(desk, admin: str | None) -> str:
    """The admin acting: signed in with its password (a file), or the account the server
    signed in, which ADMIN, if given, must be."""
    from ..desk import accounts as acc

    if not (admin or "").strip() and acc.server_account(desk) is None:
        raise DeskRefusal("This database already has accounts: an admin must sign in "
                          "(--admin ADMIN).")
    return acc.signed_in_name(desk, admin, lambda: acting_password(admin),
                              Permission.ACCOUNTS)


def run_users_add(args: argparse.Namespace) -> int:
    from ..desk import accounts as acc

    with open_election(args, as_user=args.admin) as desk:
        first = not acc.has_accounts(desk)
        role = args.role or ("admin" if first else None)
        if role is None:
            raise DeskRefusal("Say which role the account has: --role desk, editor or admin.")
        admin = None if first else _sign_in_admin(desk, args.admin)
        password = new_password(args.name)
        account = acc.add_account(desk, args.name, role, password, admin=admin)
    note = " (the first account: it manages the others)" if first else ""
    print(f"Added {account.role} account {account.name}{note}.")
    if first:
        print("This database now signs people in: every change needs --user NAME and that "
              "account's password.")
    return 0


def run_users_list(args: argparse.Namespace) -> int:
    from ..desk import accounts as acc
    from ..desk.sheets import local_date_time
    from ..desk.sign_in_limit import lock_ends, try_again_at

    with open_election(args) as desk:
        accounts = acc.list_accounts(desk)
        locked = lock_ends(desk, [a.name for a in accounts])
    if not accounts:
        print("No accounts: this is an open desk (anyone types their name). Add the first "
              "(admin) account with: resultsdesk users add NAME --db PATH")
        return 0
    print(f"{'Name':<24}{'Role':<8}{'State':<10}Created")
    for a in accounts:
        state = "disabled" if a.disabled else "active"
        # Last on the line, so the columns before it read as they always have; the time
        # as the refused sign-in says it, so the admin at 3 a.m. sees whom to unlock.
        until = locked.get(a.name)
        lock = "" if until is None else f"  locked out until {try_again_at(until)} (UK time)"
        print(f"{a.name:<24}{a.role:<8}{state:<10}{local_date_time(a.created_at)} "
              f"by {a.created_by}{lock}")
    return 0


@contextmanager
def _admin_at(args: argparse.Namespace) -> Iterator[tuple[Desk, str]]:
    """The election, and its admin (`--admin`) signed in: what `users disable`, `enable`,
    `unlock` and `role` act with. An open desk has no accounts to change."""
    from ..desk import accounts as acc

    with open_election(args, as_user=args.admin) as desk:
        if not acc.has_accounts(desk):
            raise DeskRefusal("This database has no accounts (an open desk).")
        yield desk, _sign_in_admin(desk, args.admin)


def run_users_disable(args: argparse.Namespace) -> int:
    from ..desk import accounts as acc

    with _admin_at(args) as (desk, admin):
        account = acc.disable_account(desk, args.name, admin=admin)
    print(f"Disabled {account.name}: it can no longer sign in; its entries stay in the history.")
    return 0


def run_users_enable(args: argparse.Namespace) -> int:
    from ..desk import accounts as acc

    with _admin_at(args) as (desk, admin):
        account = acc.enable_account(desk, args.name, admin=admin)
    print(f"Enabled {account.name}: it can sign in again, as "
          f"{acc.role_with_article(account.role)} account.")
    return 0


def run_users_unlock(args: argparse.Namespace) -> int:
    from ..desk import accounts as acc

    with _admin_at(args) as (desk, admin):
        account = acc.unlock_sign_in(desk, args.name, admin=admin)
    print(f"Unlocked {account.name}: it can sign in again now.")
    return 0


def run_users_role(args: argparse.Namespace) -> int:
    from ..desk import accounts as acc

    with _admin_at(args) as (desk, admin):
        old = acc.find_account(desk, args.name)
        account = acc.change_role(desk, args.name, args.role, admin=admin)
    print(f"{account.name} is now {acc.role_with_article(account.role)} account "
          f"(was {old.role}).")
    return 0


def run_users_password(args: argparse.Namespace) -> int:
    # On a server, whoever changes it signs in to the server: the admin, or NAME itself
    # with its current password.
    from ..desk import accounts as acc
    from ..desk.password_sessions import sessions_ended_words

    with open_election(args, as_user=args.admin or args.name) as desk:
        if not acc.has_accounts(desk):
            raise DeskRefusal("This database has no accounts (an open desk).")
        if args.admin:
            by = _sign_in_admin(desk, args.admin)
        elif acc.server_account(desk) is not None:  # the server checked its password
            by = acc.server_account(desk).name
        else:  # the account itself, proving it with its current password
            by = acc.sign_in_asking(desk, args.name, lambda: acting_password(args.name)).name
        password = new_password(args.name)
        changed = acc.change_password(desk, args.name, password, by=by)
    print(f"Changed the password of {changed.account.name}.")
    ended = sessions_ended_words(changed)  # a server's: the account's other sessions
    if ended:
        print(ended)
    return 0


def _admin_command(actions, command: str, help_text: str, doing: str, run,
                   db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """`users COMMAND NAME --db … --admin ADMIN`: an admin's change to one account."""
    parser = actions.add_parser(command, help=help_text)
    parser.add_argument("name", metavar="NAME")
    db_option(parser)
    parser.add_argument("--admin", metavar="ADMIN", required=True,
                        help=f"the admin {doing} it (signs in)")
    parser.set_defaults(run=run)
