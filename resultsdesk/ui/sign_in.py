"""Who is at the desk: the sign-in dialog (databases with accounts) or the name prompt of an
open desk, and what the signed-in role may do in the main window."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLayout,
    QLineEdit,
    QWidget,
)

from ..desk import accounts as acc
from ..desk import session
from ..desk.errors import DeskRefusal
from ..desk.rekeys import refuse_used_up_rekeys
from ..desk.session import Desk, open_desk, redacted
from ..domain.errors import KnownError
from ..domain.identity import MAX_NAME_LENGTH, InvalidName, display_name, same_person
from .announce import announce
from .form_checks import Mode
from .messages import tell
from .preferences import remember_user, saved_user
from .style import TITLE_MARK, colours

ROLE_HELP = {
    "desk": "enters and verifies declarations",
    "editor": "sees provisional figures, exports, publishes, runs a rehearsal's clock",
    "admin": "manages accounts, parties and imports; may enter and verify",
}


class SignInDialog(QDialog):
    """Name and password, checked against the database's accounts. A failed attempt is
    recorded (desk.accounts.sign_in) and the dialog stays open with the password cleared;
    so it does, saying until when, for a name locked out by too many of them.

    A server's election (`target`, a postgresql:// URL, instead of `desk`): the server checks
    the name and password as it opens the connection; `desk` is then that connection."""

    def __init__(self, desk: Desk | None, parent: QWidget | None = None, *, name: str = "",
                 target: str | None = None) -> None:
        from PySide6.QtWidgets import QCompleter, QDialogButtonBox, QFormLayout

        super().__init__(parent)
        self.desk, self.target = desk, target
        self.account: acc.Account | None = None
        self.setObjectName("signInDialog")
        rehearsal = desk is not None and session.is_rehearsal_desk(desk)
        # A rehearsal's file: marked from the first window, never taken for the live night.
        self.setWindowTitle(f"{TITLE_MARK if rehearsal else ''}Sign in to the desk")
        self.setModal(True)
        form = QFormLayout(self)
        # The dialog grows when the error line appears, rather than clipping it.
        form.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        # Explicit lines, not word wrap: a top-level dialog does not size wrapped labels.
        intro = QLabel(f"This {'rehearsal' if rehearsal else 'election'} database has desk "
                       "accounts.\n"
                       "Sign in with yours: every entry and verification records it.", self)
        if target is not None:
            intro.setText(f"The team desk's server: {redacted(target)}\nSign in with your "
                          "server account: every entry and verification records it.")
        intro.setObjectName("signInIntro")
        intro.setTextFormat(Qt.TextFormat.PlainText)  # a server's URL as written
        form.addRow(intro)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("signInName")
        self.name_edit.setMaxLength(MAX_NAME_LENGTH * 2)  # invisible characters are dropped
        self.name_edit.setPlaceholderText("your account name")
        names = [] if desk is None else [a.name for a in acc.list_accounts(desk)
                                         if not a.disabled]
        completer = QCompleter(names, self.name_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.name_edit.setCompleter(completer)
        form.addRow("&Name:", self.name_edit)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("signInPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        # Room for any password the desk takes (acc.MAX_PASSWORD_LENGTH characters, as
        # hashed: NFC): Qt counts UTF-16 units, two for a character outside the BMP, and a
        # character may be typed decomposed, as up to four; cut at 1,024 units, a paste of
        # a long password the command line set was refused as wrong.
        self.password_edit.setMaxLength(acc.MAX_PASSWORD_LENGTH * 8)
        form.addRow("&Password:", self.password_edit)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("signInError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # the name typed, as typed
        self.error_label.setStyleSheet(f"color:{colours().alert}; font-weight:600;")
        # Wrapped at the dialog's width (_show_error makes room for its lines): on one line,
        # a server's reason naming its URL widened the dialog past a 1280-pixel projector's
        # edge, Cancel and the reason's end off the screen.
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form.addRow(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                        QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("signInButtons")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign in")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("signInButton")
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.name_edit.setText(name)
        (self.password_edit if name else self.name_edit).setFocus()

    def try_sign_in(self) -> None:
        name = typed_line(self.name_edit.text())
        if not name.strip():
            self._show_error("Type your account name.")
            self.name_edit.setFocus()
            return
        if self.target is not None:  # an empty password may be libpq's (~/.pgpass)
            self._sign_in_to_server(name)
            return
        password = typed_line(self.password_edit.text())
        if not password:
            # Enter after the name (the completer's list open, say): no account has an
            # empty password, so this is no attempt to record as a failed sign-in.
            self._show_error("Type your password.")
            self.password_edit.setFocus()
            return
        try:
            self.account = acc.sign_in(self.desk, name, password)
        except acc.SignInLocked as exc:  # its password was not even checked
            self.password_edit.clear()
            self._show_error(f"Too many failed sign-ins for {exc.name}.\nTry again at "
                             f"{exc.clock} (UK time), or ask an admin to unlock it.")
            self.password_edit.setFocus()
            return
        except acc.SignInFailed as exc:
            self.password_edit.clear()
            self._show_error(f"Sign-in failed for {exc.name}.\nCheck the name and the "
                             "password; an admin can reset a forgotten one.")
            self.password_edit.setFocus()
            return
        except KnownError as exc:  # the file could not record it (locked, a full disk...)
            self._show_error(str(exc))
            return
        self.password_edit.clear()
        self.accept()

    def _sign_in_to_server(self, name: str) -> None:
        """The server checks the password as it opens the connection (SCRAM)."""
        try:
            desk = open_desk(self.target, user=name.strip(),
                             password=typed_line(self.password_edit.text()))
        except KnownError as exc:  # refused, unknown, unreachable: the server's reason
            self.password_edit.clear()
            self._show_error(str(exc))
            self.password_edit.setFocus()
            return
        try:
            account = acc.server_account(desk)
        except KnownError as exc:  # a login with no account here (made by hand), a server
            desk.close()           # gone at once: said here, not raised out of the slot
            self._show_error(str(exc))
            return
        if account is None or account.disabled:
            desk.close()
            self._show_error(f"{name.strip()} has no desk role on this server; ask an admin.")
            return
        self.desk, self.account = desk, account
        self.password_edit.clear()
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        # A top-level dialog does not grow for a wrapped label's lines by itself: as tall as
        # they need at the width it has (kept: the person may have widened it).
        layout = self.layout()
        layout.activate()
        self.resize(self.width(), max(self.height(), layout.totalHeightForWidth(self.width())))
        announce(self.error_label, text, assertive=True)  # the focus stays in a field


def typed_line(text: str) -> str:
    """A name or password as typed in its box, without the end of a line pasted with it (a
    triple click in a text file copies it): the terminal's prompt ends the line there too.
    No name or password holds a line break (identity, desk/passwords.py), so with it the
    sign-in always failed, counted towards the name's lock-out."""
    return text.rstrip("\r\n")


def ask_open_desk_name(parent: QWidget | None, current: str = "") -> str | None:
    """An open desk's typed name, normalised (one line, at most 64 characters). None if the
    person cancels."""
    from PySide6.QtWidgets import QInputDialog

    while True:
        name, ok = QInputDialog.getText(
            parent, "Who is at the desk?",
            "Your name (recorded with every entry and verification):", text=current)
        if not ok:
            return None
        try:
            clean = display_name(name)
        except InvalidName as exc:
            tell(parent, "Who is at the desk?", str(exc))
            current = " ".join(name.split())[:MAX_NAME_LENGTH]
            continue
        remember_user(clean)
        return clean


def remembered_open_desk_user() -> acc.Account | None:
    """The name last typed at an open desk on this PC, if it is still a valid name."""
    try:
        return acc.open_desk_user(saved_user())
    except DeskRefusal:
        return None


def ask_identity(parent: QWidget | None, desk: Desk, *, name: str | None = None,
                 current: str = "") -> acc.Account | None:
    """Sign in (database with accounts) or say your name (open desk); None if cancelled."""
    if acc.has_accounts(desk):
        dialog = SignInDialog(desk, parent, name=name or "")
        return dialog.account if dialog.exec() == QDialog.DialogCode.Accepted else None
    typed = ask_open_desk_name(parent, name or current)
    return acc.open_desk_user(typed) if typed else None


def account_for(desk: Desk, user: str | acc.Account | None) -> acc.Account:
    """The account a window starts with: an Account already signed in; or, by name, the
    open desk's normalised name or the (enabled) account of that name."""
    if isinstance(user, acc.Account):
        return user
    if acc.has_accounts(desk):
        found = acc.find_account(desk, user or "")
        if found is None or found.disabled:
            raise DeskRefusal(f"sign-in failed for {acc.display_name_or_raw(user or '')}")
        return found
    try:
        return acc.open_desk_user(user or saved_user() or "desk")
    except DeskRefusal:
        return acc.open_desk_user("desk")


def why_not(account: acc.Account, permission: acc.Permission) -> str:
    """The tooltip of an action the signed-in role cannot use."""
    if account.disabled:
        return signed_out_text(account)
    roles = " or ".join(acc.role_with_article(r) for r in acc.ROLES
                        if permission in acc.ROLE_PERMISSIONS[r])  # "an editor or an admin"
    return (f"{account.name} is signed in as {account.role} ({ROLE_HELP[account.role]}); "
            f"to {permission.value}, sign in as {roles} account (File > Switch user).")


def signed_out_text(account: acc.Account) -> str:
    """Why a window whose account was disabled (or is no longer signed in by its server)
    does nothing (window_account)."""
    return (f"{account.name} is signed out (the account was disabled, or the server no "
            "longer signs it in): sign in again (File > Switch user).")


def refusal_text(exc: KnownError, account: acc.Actor) -> str:
    """What a window says of a refusal: the desk's words, except for an account signed in
    at this window and disabled since. The desk refuses that as the command line's
    "sign-in failed for alice", which here, where nobody typed a password, read as a
    password mistyped: the window says what it says everywhere else (`signed_out_text`)."""
    if isinstance(exc, acc.SignInFailed) and isinstance(account, acc.Account) \
            and not account.is_open_desk:
        return signed_out_text(account)
    return str(exc)


def apply_role(actions: dict[str, tuple], account: acc.Account) -> None:
    """Enable each action the account's role allows; the others are disabled with a
    tooltip saying why. `actions`: object name -> (QAction, Permission)."""
    for action, permission in actions.values():
        allowed = account.allows(permission)
        action.setEnabled(allowed)
        if not hasattr(action, "_default_tip"):
            action._default_tip = action.toolTip()
        action.setToolTip(action._default_tip if allowed else why_not(account, permission))


def user_label_text(account: acc.Account) -> str:
    """The status bar's "who is at the desk" (rich text: the name is escaped)."""
    name = html.escape(account.name)
    if account.is_open_desk:
        return f"Desk user: <b>{name}</b>"
    if account.disabled:  # signed out by the desk (window_account): nobody acts here
        return f"Signed out: <b>{name}</b> (File &gt; Switch user)"
    return f"Signed in: <b>{name}</b> ({account.role})"


def form_refusal(desk: Desk, account: acc.Account, code: str, mode: Mode) -> str | None:
    """Why `account` may not open the declaration form in `mode`, or None.

    The author of a pending version is not offered the re-key: the verifier signs in as
    themselves (File > Switch user), so their window, not the author's, is the one on screen
    while they re-key (blind verification hides the pending figures from it)."""
    from ..desk import declarations as dk
    from ..desk.former_editors import former_editor_words

    if not account.allows(acc.Permission.DECLARE):
        return why_not(account, acc.Permission.DECLARE)
    try:  # still allowed: an open desk's name once there are accounts, a disabled account
        acc.acting_account(desk, account, acc.Permission.DECLARE)
    except DeskRefusal as exc:
        return refusal_text(exc, account)
    sheet = dk.load_sheet(desk, code)
    # What the save would refuse whatever is typed (Declaration > Enter on a verified seat,
    # Verify with nothing pending): said now, not after a whole sheet has been keyed.
    check = {Mode.ENTER: lambda: dk.refuse_entry(sheet, account.name),
             Mode.CORRECT: lambda: dk.refuse_correction(sheet, account.name),
             Mode.REKEY: lambda: dk.refuse_verification(sheet)}[Mode(mode)]
    try:
        check()
    except DeskRefusal as exc:
        return str(exc)
    pending = sheet.pending
    if mode is not Mode.REKEY or pending is None:
        return None
    if any(same_person(author, account.name) for author in dk.figure_authors(sheet, pending)):
        return (f"{account.name} entered version {pending.version} of {sheet.name}, so a "
                "second person must verify it. They sign in as themselves with File > "
                "Switch user (Ctrl+Shift+U) and verify it from their own session.")
    # An editor made desk staff since these figures were keyed read them: the save refuses
    # whatever is typed (migration 71), so said now, not after a sheet keyed "blind".
    former_editor = former_editor_words(desk, sheet, account.name)
    if former_editor is not None:
        return former_editor
    try:  # their tries at this version used up: said before a whole sheet is keyed again
        refuse_used_up_rekeys(desk, sheet.code, sheet.name, pending.version, account.name)
    except DeskRefusal as exc:
        return str(exc)
    return None


def identity_for_database(parent: QWidget | None, desk: Desk,
                          current: acc.Account) -> acc.Account | None:
    """Who is at the desk once File > Open switches to `desk`: a database with accounts
    asks for a sign-in (its accounts are its own); an open desk keeps the current name.
    None: the sign-in was cancelled, so the other database is not opened."""
    if acc.has_accounts(desk):
        dialog = SignInDialog(desk, parent, name=current.name)
        return dialog.account if dialog.exec() == QDialog.DialogCode.Accepted else None
    return current if current.is_open_desk else acc.open_desk_user(current.name)
