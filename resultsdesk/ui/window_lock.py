"""File > Lock (Ctrl+L) and the idle lock: the window covered while its person is away.

alice goes for a coffee, or home at the change of shift, still signed in: bob, at her PC,
read her provisional figures before his blind re-key of them, or typed figures into her
open form, saved them under her name and verified them himself after Switch user. Locked,
the window and every window of the app (her open form, a question, a floating dock) are
covered or hidden, and the only ways on are her password (the window as she left it, the
form with what she had typed) or Switch user (another person signs in; her form is closed,
its figures kept as her draft, offered back to her when she next signs in, never shown to
them). The lock and each try at unlocking are in the audit log where sign-ins are
(desk.screen_lock).

The idle lock: with no key pressed and no mouse moved in the app for Preferences' "Lock the
window after" minutes, the window locks itself the same way (a database with accounts only:
an open desk has no password to ask). An event filter on each of the app's top-level
windows (QWindow: every key and mouse event reaches one before its widget) only notes the
time of each input; a slow timer owned by the window looks at it. Not a filter on the whole
application: every event of every widget passed through it, and the first widget with no
Python object yet was matched against every widget class PySide has, building them all
(~30 ms of CPU just after the first paint, tests/ui/test_startup_modules.py). Only while
locked does the filter watch the whole application, for windows shown meanwhile.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QWindow
from PySide6.QtWidgets import QApplication, QDialog, QDockWidget, QToolTip, QWidget

from ..desk import accounts as acc
from ..desk.screen_lock import check_unlock, record_lock
from ..desk.session import is_server
from ..domain.errors import KnownError
from ..domain.identity import same_person
from .announce import announce
from .screen_cover import HIDDEN_BY_COVER, ScreenCover
from .sign_in import SignInDialog, ask_identity, typed_line
from .style import colours
from .terminate import closing_on_signal

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)

LOCK_KEY = "Ctrl+L"  # File > Lock, as a desktop's own lock (and the app binds it nowhere else)
# A minute of the idle lock's preference; tests make it a few milliseconds.
MS_PER_MINUTE = 60_000
# The idle time is looked at this often at most (and four times per idle period at least):
# the lock comes at most this late, and a desk idle all night wakes Python rarely.
MAX_LOOK_MS = 15_000
# What counts as someone at the desk (a mouse move reaches the app's window whatever the
# widget's tracking); anything else (paints, timers, the live feed) does not.
INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress,
})
LOCKED_TEXT = "Locked. The figures come back once the person at the desk has signed in."


class UnlockDialog(QDialog):
    """The only way on from a locked window: its account's password, or Switch user.
    Application-modal (no key or click reaches the form or any window beneath), and Esc
    or the window's close button does nothing: it goes only as the lock ends."""

    def __init__(self, locker: WindowLocker, window: MainWindow) -> None:
        # (a dialog's widgets: built when the window first locks, not with the window)
        from PySide6.QtWidgets import (
            QDialogButtonBox,
            QFormLayout,
            QLabel,
            QLayout,
            QLineEdit,
            QPushButton,
        )

        super().__init__(window)
        self.locker = locker
        self.setObjectName("unlockDialog")
        self.setWindowTitle("Locked")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        form = QFormLayout(self)
        form.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        account = window.account
        name = account.name
        self.intro = QLabel(self)
        self.intro.setObjectName("unlockIntro")
        self.intro.setTextFormat(Qt.TextFormat.PlainText)  # the name as written
        form.addRow(self.intro)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("unlockPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(acc.MAX_PASSWORD_LENGTH * 8)  # as SignInDialog's
        if account.is_open_desk:  # no password on an open desk: Unlock goes on as them
            self.intro.setText(f"This window is locked: {name} is at it (an open desk: no "
                               "password).\nUnlock to go on as them, or Switch user.")
            self.password_edit.hide()
        else:
            self.intro.setText(f"This window is locked: it is {name}'s session.\nType "
                               f"{name}'s password to go on, or Switch user to sign in "
                               "as someone else.")
            form.addRow("&Password:", self.password_edit)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("unlockError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet(f"color:{colours().alert}; font-weight:600;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form.addRow(self.error_label)
        buttons = QDialogButtonBox(self)
        self.unlock_button = QPushButton("&Unlock", self)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)  # Enter in the password
        self.switch_button = QPushButton("&Switch user…", self)
        self.switch_button.setObjectName("lockSwitchUser")
        self.switch_button.setAutoDefault(False)
        buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.switch_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.switch_button.clicked.connect(locker.switch_user)
        form.addRow(buttons)
        (self.unlock_button if account.is_open_desk else self.password_edit).setFocus()

    def reject(self) -> None:
        """Esc, the close button: still locked (the password or Switch user only). But for
        SIGTERM or Ctrl+C closing the app: closing starts with the top modal window, and
        this one refusing kept every window up and the app running until it was killed."""
        if closing_on_signal():  # (the window beneath closes next, still covered)
            super().reject()

    def try_unlock(self) -> None:
        window = self.locker.window
        password = typed_line(self.password_edit.text())
        self.password_edit.clear()  # never left in the box, right or wrong
        if not password and not window.account.is_open_desk:
            # No account has an empty password: no try to record against the name.
            self.show_error("Type your password.")
            return
        try:
            check_unlock(window.desk, window.account, password, target=window.db_path)
        except acc.SignInLocked as exc:
            self.show_error(f"Too many failed sign-ins for {exc.name}: still locked.\nTry "
                            f"again at {exc.clock} (UK time), ask an admin to unlock it, "
                            "or Switch user.")
            return
        except acc.SignInFailed as exc:
            self.show_error(f"Wrong password for {exc.name}: still locked. Each wrong "
                            "password counts toward the sign-in lock-out.")
            return
        except KnownError as exc:  # the server's refusal, a file that cannot record it
            self.show_error(f"Still locked: {exc}")
            return
        self.locker.unlock()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        # grown to hold the wrapped line: the layout's least size leaves a word-wrapped
        # label's height out, and the intro above was squeezed, its two lines cut
        self.adjustSize()
        self.password_edit.setFocus()
        announce(self.error_label, text, assertive=True)


class WindowLocker(QObject):
    """The window's lock: File > Lock's, the idle lock's timer, and what covers what.
    Owned by the window (its timer with it: never fires on a window gone); `stop` as the
    window closes lets go of the application's input."""

    locked_changed = Signal(bool)
    idle_looked = Signal()  # each look at the idle time (tests wait on it, never sleep)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.clock = time.monotonic  # tests give their own
        self.last_input = self.clock()
        self.locked = False
        self.dialog: UnlockDialog | None = None
        self._covers: list[ScreenCover] = []
        self._hidden: list[QWidget] = []  # floating docks, as Switch user's cover hides them
        self._focus: QWidget | None = None
        self._signing_in = False
        self.timer = QTimer(self)
        self.timer.setObjectName("idleLockTimer")
        self.timer.timeout.connect(self._look_at_idle)
        self.listening = False
        self._heard: list[QWindow] = []  # the top-level windows whose input is noted
        # Closed: its first-paint call may still come (a window closed before it was ever
        # painted has it from a 5 s timer) and must not hear the app's input for a window
        # gone, locking the app's other windows at a Ctrl+L.
        self.stopped = False
        self.apply_preferences()

    def listen(self) -> None:
        """Hear the app's input from now on: after the window's first paint (before that,
        nobody has been idle long). Each top-level window as it takes the keyboard (a form,
        a question: Ctrl+L in them locks too), and at each look at the idle time those
        shown meanwhile without it (a floating dock, moused over)."""
        if not self.listening and not self.stopped:
            self.listening = True
            self.last_input = self.clock()
            QGuiApplication.instance().focusWindowChanged.connect(self._hear_windows)
            self._hear_windows()

    def _hear_windows(self, *_focused: object) -> None:
        if not self.listening:
            return
        self._heard = [w for w in self._heard if shiboken6.isValid(w)]
        for top in QGuiApplication.topLevelWindows():
            if top not in self._heard:
                top.installEventFilter(self)
                self._heard.append(top)

    # --- the idle lock -----------------------------------------------------------------

    def idle_ms(self) -> int:
        return max(0, int(self.window.prefs.idle_lock_minutes)) * MS_PER_MINUTE

    def apply_preferences(self) -> None:
        """The idle lock as Preferences set it now (0 minutes: never)."""
        idle = self.idle_ms()
        if idle <= 0:
            self.timer.stop()
            return
        self.timer.start(max(1, min(MAX_LOOK_MS, idle // 4)))

    def stop(self) -> None:
        """The window closing: no more looks, no more of the app's input."""
        self.timer.stop()
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self)  # (locked as it closes)
        if app is not None and self.listening:
            app.focusWindowChanged.disconnect(self._hear_windows)
            for top in self._heard:
                if shiboken6.isValid(top):
                    top.removeEventFilter(self)
        self._heard.clear()
        self.listening = False
        self.stopped = True

    @contextmanager
    def docks_as_uncovered(self) -> Iterator[None]:
        """The floating docks the lock hid (or Switch user's cover, `covered`), shown to the
        window's layout but not on screen (`WA_DontShowOnScreen`) while it is saved: closed
        locked or covered (SIGTERM at the change of shift), the layout had them closed, and
        the Recount watch on its second screen was gone at the next start."""
        docks = [d for d in self._hidden if shiboken6.isValid(d)]
        docks += [d for d in self.window.findChildren(QDockWidget)
                  if d.property(HIDDEN_BY_COVER) and d.isHidden() and d not in docks]
        app = QApplication.instance()
        app.removeEventFilter(self)  # (which hides a dock shown while locked)
        for dock in docks:
            dock.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
            dock.show()
        try:
            yield
        finally:
            for dock in docks:
                dock.hide()
                dock.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, False)
            if self.locked:
                app.installEventFilter(self)

    def _look_at_idle(self) -> None:
        self._hear_windows()
        try:
            idle = self.idle_ms()
            if (self.locked or idle <= 0 or not self.window.isVisible()
                    or (self.clock() - self.last_input) * 1000 < idle
                    or self._covered_by_switch_user()):
                return
            # An open desk has no password to ask: never locked by itself. Told by the
            # window's account, not by a read: a team desk's server away (a network drop
            # while its person is away) must not keep the night on screen until it is back.
            if self.window.account.is_open_desk:
                return
            self.lock(idle_minutes=self.window.prefs.idle_lock_minutes)
        finally:
            self.idle_looked.emit()

    def _covered_by_switch_user(self) -> bool:
        """Switch user's question is up: the window is covered, the next person is saying
        who they are."""
        return any(cover.isVisible() and cover not in self._covers
                   for cover in self.window.findChildren(ScreenCover))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS:
            self.last_input = self.clock()
            if (kind == QEvent.Type.KeyPress and not self.locked
                    and isinstance(watched, QWindow) and _is_lock_key(event)
                    and not self._covered_by_switch_user()):
                # Ctrl+L in the form or another dialog, which the window's own shortcut
                # does not reach (the dialog is modal): locks all the same. (Not in
                # Switch user's question: nobody's session is on screen there.)
                self.lock()
                return True
        elif (self.locked and kind == QEvent.Type.Show and not self._signing_in
              and isinstance(watched, QWidget) and watched.isWindow()):
            self._cover(watched)  # a question or message opened by the night meanwhile
            if watched is not self.dialog and watched.isModal():
                # Shown after the lock, it would take the keyboard from it (the last modal
                # shown blocks the others): Enter would answer it unseen, and the password
                # typed go to it. The lock is shown again once it is up, on top.
                QTimer.singleShot(0, self, self._lock_on_top)
        return False

    def _lock_on_top(self) -> None:
        dialog = self.dialog
        if not self.locked or dialog is None or QApplication.activeModalWidget() is dialog:
            return
        typed_focus = dialog.focusWidget()
        dialog.hide()  # (shown again: the top of the app's modal windows)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        if typed_focus is not None:
            typed_focus.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- locking -----------------------------------------------------------------------

    def lock(self, idle_minutes: int | None = None) -> None:
        """Cover the window and every other window of the app, and ask for the password."""
        if self.locked:
            return
        self.locked = True
        # Windows shown while locked (a question raised by the night) are covered as they
        # show: the whole application watched until the lock is over.
        QApplication.instance().installEventFilter(self)
        window = self.window
        self._focus = QApplication.focusWidget()
        popup = QApplication.activePopupWidget()
        if popup is not None:  # an open menu
            popup.close()
        QToolTip.hideText()
        self._cover(window)
        for top in QApplication.topLevelWidgets():
            if top is not window and top.isVisible():
                self._cover(top)
        self.dialog = UnlockDialog(self, window)
        self.dialog.show()
        self.dialog.activateWindow()
        log.info("window locked%s", " (idle)" if idle_minutes else "")
        try:
            record_lock(window.desk, window.account, idle_minutes)
        except KnownError as exc:  # locked all the same: the entry is the record, not the lock
            log.warning("the lock was not recorded: %s", exc)
        self.locked_changed.emit(True)

    def _cover(self, top: QWidget) -> None:
        if top is self.dialog or not top.isWindow():
            return
        if isinstance(top, QDockWidget) or top.windowType() in (
                Qt.WindowType.Popup, Qt.WindowType.ToolTip):
            top.hide()  # a floating dock, as Switch user's cover hides it; a popup's gone
            if isinstance(top, QDockWidget):
                self._hidden.append(top)
            return
        if any(c.parentWidget() is top for c in self._covers if shiboken6.isValid(c)):
            return
        cover = ScreenCover(top)
        cover.setObjectName("lockCover")
        cover.label.setText(LOCKED_TEXT)
        cover.show()
        cover.raise_()
        self._covers.append(cover)

    def unlock(self) -> None:
        """The lock over: every window as it was, the keyboard where it was."""
        if not self.locked:
            return
        self.locked = False
        QApplication.instance().removeEventFilter(self)
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        for cover in self._covers:
            if shiboken6.isValid(cover):
                if shiboken6.isValid(cover.parentWidget()):
                    cover.parentWidget().removeEventFilter(cover)
                cover.hide()
                cover.deleteLater()
        self._covers.clear()
        for dock in self._hidden:
            if shiboken6.isValid(dock):
                dock.show()
        self._hidden.clear()
        focus, self._focus = self._focus, None
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.window().activateWindow()
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.window.activateWindow()
        self.last_input = self.clock()
        log.info("window unlocked")
        self.locked_changed.emit(False)

    # --- someone else at the desk ------------------------------------------------------

    def switch_user(self) -> None:
        """The lock's Switch user: the next person signs in, the window still covered. The
        same person: as unlocked. Another: the last one's dialogs closed (their form's
        figures kept as their draft), then the window is theirs. Cancelled: still locked."""
        if self.dialog is None:
            return
        self.dialog.hide()
        self._signing_in = True
        try:
            taken = self._next_person()
        except KnownError as exc:  # a server away, a file that cannot record the sign-in
            taken = False
            self.dialog.show_error(str(exc))
        finally:
            self._signing_in = False
        if not taken:
            if closing_on_signal():  # cancelled as SIGTERM closes the app: shown again, the
                return  # lock's box stood alone once every window had closed, the app up
            self.dialog.show()
            self.dialog.activateWindow()
            return
        other = taken == "other"
        self.unlock()
        if other:
            self.window.offer_draft_soon()

    def _next_person(self) -> str | bool:
        """"same", "other", or False (cancelled)."""
        window = self.window
        before = window.account
        if is_server(window.desk):  # the server signs them in, on a connection of theirs
            dialog = SignInDialog(None, window, target=str(window.db_path))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            if same_person(dialog.account.name, before.name):
                dialog.desk.close()  # her own connection goes on (her open form's too)
                return "same"
            self._close_for_next_person()
            window._take_desk(dialog.desk, window.db_path, dialog.account, same_election=True)
            window._signed_in_again()
            return "other"
        account = ask_identity(window, window.desk)
        if account is None:
            return False
        if same_person(account.name, before.name):
            window.set_account(account)  # (signed out meanwhile: signed in again)
            return "same"
        self._close_for_next_person()
        window.set_account(account)
        return "other"

    def _close_for_next_person(self) -> None:
        """Every dialog of the last person's closed, unanswered; their form without its
        question, its figures left in their draft (saved at each keystroke), which is then
        no longer this window's: offered to them when they next sign in, here or at
        another window, never to the next person (drafts are each person's)."""
        window = self.window
        form = window.active_dialog
        for top in QApplication.topLevelWidgets():
            if isinstance(top, QDialog) and top.isVisible() and top is not form \
                    and top is not self.dialog:
                top.done(QDialog.DialogCode.Rejected)
        if form is not None and shiboken6.isValid(form) and form.isVisible():
            QDialog.reject(form)  # not the form's own: it asks, or throws the draft away
        window.set_draft_aside()


def _is_lock_key(event: QEvent) -> bool:
    if not isinstance(event, QKeyEvent):
        return False
    return QKeySequence(event.keyCombination()) == QKeySequence(LOCK_KEY)
