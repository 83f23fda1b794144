"""The signed-in account, kept as the database has it: an admin who changes its role at
3 a.m. changes what this window allows (said in the status bar), and one who disables it
stops this window acting until someone signs in again (File > Switch user). Found on the
window's next refresh, which every change it hears of brings; on a server, whose
disabling ends the account's sessions, also from the live feed's refusal. A mixin of
`MainWindow` (kept apart to keep modules short), through the desk layer only.
"""

from __future__ import annotations

import logging

from ..desk.accounts import account_now, role_with_article
from ..domain.records import replace
from .sign_in import apply_role, user_label_text

log = logging.getLogger(__name__)

SIGNED_OUT_TEXT = ("can no longer change anything from this window: sign in again (File > "
                   "Switch user).")


class AccountWatch:
    """Needs `desk`, `account`, `night`, `viewer`, `_role_actions`, `connection_bar`,
    `user_label`, the status bar and its `_alarm_text`, and `feed` once live."""

    def follow_account(self) -> None:
        """The account as the database has it now (each refresh asks)."""
        before = self.account
        if before.is_open_desk or before.disabled:
            return  # signed out already: only signing in again brings the window back
        now = account_now(self.desk, before)
        if now.disabled:
            self.sign_out(f"An admin disabled {now.name}'s account: {now.name}")
            return
        self.account = now
        if now.role == before.role:
            return
        log.info("%s's role changed from %s to %s", now.name, before.role, now.role)
        apply_role(self._role_actions(), now)
        self.night.set_viewer(self.viewer())
        self._export_follows_viewer()
        self.statusBar().showMessage(
            f"An admin made {now.name} {role_with_article(now.role)} account (was "
            f"{before.role}): this window now allows what {now.role} accounts may do.")

    def sign_out(self, why: str) -> None:
        """Stop acting as the account: every action its role allowed is disabled (the desk
        refuses a disabled account's changes whatever the window does), and the window
        says so until someone signs in."""
        if self.account.is_open_desk or self.account.disabled:
            return
        log.warning("signed out: %s", why)
        self.account = replace(self.account, disabled=True)
        apply_role(self._role_actions(), self.account)
        self.night.set_viewer(self.viewer())
        self._export_follows_viewer()
        self.user_label.setText(user_label_text(self.account))
        message = f"{why} {SIGNED_OUT_TEXT}"
        self._signed_out_message = message
        self.statusBar().showMessage(message)
        if not self.connection_bar.isVisible():  # a server's refusal is said there already
            self.connection_bar.show_signed_out(message)

    def _still_signed_out(self) -> None:
        """The live feed is back (`reconnected`: the bar went). An account the server
        refused meanwhile and an admin then enabled again signs the feed in, but the window
        stays signed out until someone signs in: the bar says so, not nothing at all."""
        if self.account.disabled and not self.account.is_open_desk:
            self.connection_bar.show_signed_out(getattr(self, "_signed_out_message", "")
                                                or SIGNED_OUT_TEXT)

    def _export_follows_viewer(self) -> None:
        """An export preview open while an admin re-roles or disables its person is drawn
        again for what they may see now (an editor made a desk account kept a preview of
        figures they may verify blind until an option changed)."""
        dialog = getattr(self, "export_dialog", None)
        if dialog is not None and dialog.isVisible():
            dialog.render_preview()

    def _server_refused(self, message: str) -> None:
        """The live feed's server answers but no longer signs the account in (disabled,
        which ended its sessions, or its password changed)."""
        name = self.account.name
        self.sign_out(f"The server no longer signs {name} in: {name}")

    def _signed_in_again(self) -> None:
        """Someone signed in (File > Switch user): the signed-out bar goes, and so does the
        last person's passing message in the status bar ("Hendon: version 2 is now
        verified.", read as if the newcomer had done it). An alarm stays (MainWindow.alarm:
        the recount alert, a failed backup): it is the desk's news, not the person's."""
        bar = self.statusBar()
        if bar.currentMessage() and bar.currentMessage() != self._alarm_text:
            bar.clearMessage()
        if self.connection_bar.signed_out:
            self.connection_bar.signed_out = False
            self.connection_bar.hide()
