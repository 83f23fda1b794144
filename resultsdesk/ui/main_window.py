"""The main window: the constituency list, the docks beside it, menus and status bar.

Its parts are mixins, each in its own module: `window_layout` (widgets and docks),
`window_menus` (menus and actions), `window_live` (live feed, refresh, alerts), `window_jobs`
(backups and publishing off the GUI thread), `window_declarations` (the Declaration menu),
`window_drafts` (the form's crash draft), `window_database` (File > Open, imports, audit
export) and `window_account` (the signed-in account re-roled or disabled meanwhile). This
module holds what they share: the open election (`desk`, through `desk.session` only), who
is signed in, and the preferences.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QPaintEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QWidget

from ..desk.accounts import Account
from ..desk.alerts import (
    CloseResult,
    EntriesGone,
    NewlyVerified,
    NightRedrawn,
    RecountAlerts,
    RecountCalls,
    VerificationsGone,
)
from ..desk.errors import Conflict
from ..desk.live import NightState
from ..desk.parties import set_political_order
from ..desk.session import Desk, is_server, is_server_target, open_desk
from ..desk.visibility import Viewer, viewer_for
from . import constituency_model as cm
from .announce import announce
from .audit_banner import AuditWatch
from .dialog_life import free_closed
from .focus_ring import bars_after_their_docks
from .preferences import (
    PreferencesDialog,
    load_preferences,
    preferences_for,
    save_preferences,
)
from .queue_model import QueueModel
from .recount_model import RecountModel
from .screen_cover import covered
from .seats_model import SeatsTableModel
from .sign_in import account_for, apply_role, ask_identity
from .startup import release_collector
from .style import as_written
from .themes import CHART_THEMES, THEME_CHOICES, app_theme
from .window_account import AccountWatch
from .window_database import DatabaseActions
from .window_declarations import DeclarationActions, says_why_not
from .window_drafts import DraftActions
from .window_jobs import BackgroundJobs
from .window_layout import CHART_DOCKS, WindowLayout
from .window_live import LiveViews
from .window_lock import WindowLocker
from .window_menus import WindowMenus
from .window_rehearsal import RehearsalViews

if TYPE_CHECKING:
    from ..desk.audit import AuditCheck
    from ..domain.model import Party
    from .declaration_form import DeclarationDialog
    from .export_dialog import ExportDialog
    from .shortcuts_dialog import ShortcutsDialog


def _takes_tab_focus(widget: QWidget, window: QWidget) -> bool:
    """Whether Tab may stop on `widget`: Qt's own rules (a Tab focus policy, enabled,
    shown, no focus proxy of its own), and in sight in `window`."""
    return (widget.window() is window and widget.focusProxy() is None
            and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            and widget.isEnabled() and widget.isVisible()
            and not widget.visibleRegion().isEmpty())


# What waits for the window's first paint (the audit check, the collector) starts after this
# long even if the window has not painted by then.
FIRST_PAINT_WAIT_MS = 5_000


class MainWindow(WindowLayout, WindowMenus, LiveViews, BackgroundJobs, DeclarationActions,
                 DraftActions, DatabaseActions, RehearsalViews, AccountWatch, QMainWindow):
    refreshed = Signal()
    close_result_alert = Signal(str)  # a seat newly in recount range

    def __init__(self, db_path: Path | str, *, label: str = "",
                 user: str | Account | None = None, desk: Desk | None = None,
                 demo: bool = False) -> None:
        """`db_path`: a file, or a server's URL (then `db_path` stays that text); `desk`,
        when given, is that election already open (a server's, signed in to; the file the
        app opened to sign in to), the window's from then on. `demo`: `db_path` is the
        demo's throw-away night, which never goes to the watch folder."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.db_path = db_path if is_server_target(db_path) else Path(db_path)
        self.desk = desk if desk is not None else open_desk(self.db_path)
        self._label = label
        self._data_version = -1
        # Who is signed in (an Account: sign_in.py); `user` is the name recorded.
        self.account = account_for(self.desk, user)
        self.prefs = load_preferences()
        self.queue_model = QueueModel(self)
        self.recount_model = RecountModel(self)
        self.night = NightState(self.desk, viewer=self.viewer())
        self.recount_alerts = RecountAlerts()
        self.alerted_now: list[CloseResult] = []  # what the recount banner says
        # Running while the banner's latest close result is news (ALERT_MS, restarted by
        # each): one arriving meanwhile joins the banner rather than replacing it.
        self.alert_time = QTimer(self)
        self.alert_time.setSingleShot(True)
        self.newly_verified = NewlyVerified()
        self.recount_calls = RecountCalls()
        self.verifications_gone = VerificationsGone()  # a restore: the folder follows it
        self.night_redrawn = NightRedrawn()  # a baseline imported, the chamber's order
        self.entries_gone = EntriesGone()  # then `sent_back`: told to whoever keyed it
        self.told_now: str | None = None  # the last sent-back news the status bar said
        self.active_dialog: DeclarationDialog | None = None
        self.queue_row_after: int | None = None  # a form opened from the queue: its row
        self.watch_row_after: tuple[str, int] | None = None  # from the recount watch: its row
        self.map_after = False  # a form opened from the map (by its keys): back to it
        self._start_publisher(unpublished=self.db_path if demo else None)

        self.model = cm.ConstituencyTableModel(self)
        self.proxy = cm.ConstituencyFilter(self)
        self.proxy.setSourceModel(self.model)
        self.seats_model = SeatsTableModel(self)
        self.theme = app_theme()
        self.theme.load()  # as chosen last time (View > Theme)

        self._build_central()
        self._build_docks()
        self.show_theme(self.theme.name)
        self.theme.changed.connect(self.show_theme)
        self._build_rehearsal()
        self._build_keyboard_focus()
        self._dock_focus: QWidget | None = None  # see _back_from_a_dialog
        QApplication.instance().focusChanged.connect(self._back_from_a_dialog)
        self._build_menus()
        self._build_status_bar()
        apply_role(self._role_actions(), self.account)
        self._start_backups()  # before the first refresh: its verifications are not new
        self.refresh()
        self._restore_settings()
        self.show_rehearsal_parts()  # by the database open, whatever the layout restored
        self._start_live()
        # (who is at the window: an admin may accept a log whose seen entries are gone)
        self.audit = AuditWatch(self, self.audit_banner, self.audit_label, lambda: self.account)
        self.audit.accepted.connect(lambda said: self.statusBar().showMessage(said, 15_000))
        # a restore from a backup since the last check, or the log accepted (at another
        # PC) without the entry this one saw: said once, in red (figures that were on air
        # may be gone), not as a broken chain (`desk.audit_restore`)
        self.audit.checked.connect(self._say_entries_gone)
        self._painted = False  # see paintEvent
        self.locker = WindowLocker(self)  # File > Lock and the idle lock (window_lock)
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, self, self._first_paint_overdue)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # Right after the first paint (its charts with it), not before it: nothing the
            # first sight of the window needs waits for what follows.
            QTimer.singleShot(0, self, self._after_first_paint)

    def _first_paint_overdue(self) -> None:
        """A window not painted by now (opened minimised, on a screen that is off): what
        waits for its first paint starts anyway."""
        if not self._painted:
            self._painted = True
            self._after_first_paint()

    def _after_first_paint(self) -> None:
        """The audit chain check (a worker thread, but holding Python's lock for most of
        its ~60 ms on a whole night: it slowed the first paint it ran beside; the status
        bar says "Audit: checking…" until it reports), the watch folder's catch-up (its
        list read on a worker thread), and the collector back on if the app's start held it
        (startup.py)."""
        release_collector()
        self.locker.listen()  # (the app's input, for the idle lock and Ctrl+L in a dialog)
        if self.isVisible():  # not closed meanwhile (its desk is closed with it)
            self.audit.start(self.db_path, self.desk, keep=not self.publisher.withheld())
            # a publish the app was killed in (or before) goes out now, not at the next news
            self.publisher.catch_up(self.night.seq, self.night.rehearsal)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab go to the next (previous) widget in sight. Qt would also stop
        on the tables and the zoom list of docks behind another tab (it keeps them
        "visible", moved off the window): focus that nobody can see. A docks' tab bar
        comes after its docks (`bars_after_their_docks`)."""
        current = QApplication.focusWidget()
        if current is None or current.window() is not self:
            return super().focusNextPrevChild(next)
        bars_after_their_docks(self)
        widget = current
        while True:
            widget = widget.nextInFocusChain() if next else widget.previousInFocusChain()
            if widget is current:
                return super().focusNextPrevChild(next)
            if _takes_tab_focus(widget, self):
                widget.setFocus(Qt.FocusReason.TabFocusReason if next
                                else Qt.FocusReason.BacktabFocusReason)
                return True

    def _back_from_a_dialog(self, old: QWidget | None, new: QWidget | None) -> None:
        """The keyboard back to this window, where it was, when a dialog of its own has
        closed and left the focus nowhere. A window manager may give it back to the window
        the dialog came from, or may not (none does on a bare X display): after Switch user,
        Export graphic, History or Keyboard shortcuts, Tab, Ctrl+F and Ctrl+Shift+V did
        nothing until a click. Looked at once the closing is done, and left alone when
        the focus went to another application (the dialog still open) or something has
        the keyboard by then, or will (the form a question opens, a window's own dialog)."""
        if new is not None:
            # Where the keyboard was in a dock floated off the window (its own window,
            # which the window's focus does not follow): a dialog opened from there goes
            # back there, not to the window's last focus (`closed`).
            if isinstance(new.window(), QDockWidget) and new.window().parentWidget() is self:
                self._dock_focus = new
            elif new.window() is self:
                self._dock_focus = None
            return
        if old is None:
            return
        dialog = old.window()
        parent = dialog.parentWidget()
        if dialog is self or parent is None or parent.window() is not self:
            return

        def closed() -> None:
            gone = not shiboken6.isValid(dialog) or dialog.isHidden()  # (deleted: closed)
            if (gone and QApplication.activeWindow() is None
                    and QApplication.activeModalWidget() is None and self.isVisible()):
                there = self._dock_focus
                if there is not None and shiboken6.isValid(there) and there.isVisible():
                    there.window().activateWindow()
                    there.setFocus(Qt.FocusReason.OtherFocusReason)
                else:
                    self.activateWindow()

        QTimer.singleShot(0, self, closed)

    def keyPressEvent(self, event) -> None:
        """Ctrl+Tab (Ctrl+Shift+Tab) moves on as Tab does, wherever a widget let it through
        (the way out of widgets that keep Tab for themselves)."""
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.focusNextPrevChild(event.key() == Qt.Key.Key_Tab
                                    and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return
        super().keyPressEvent(event)

    def _say_entries_gone(self, check: AuditCheck) -> None:
        if check.restored:
            self.alarm(f"DATABASE RESTORED: {check.restored}", 120_000)
        elif check.accepted:
            self.alarm(f"AUDIT LOG ACCEPTED AS IT STANDS: {check.accepted}", 120_000)

    def alarm(self, message: str, ms: int, said: str | None = None) -> None:
        """A failure or an alert in the status bar, in red while it is what the bar shows:
        a routine message after it ("Backed up to …") is plain again, and so is the bar
        once the alert's time is up (`_status_changed`). `said`: what a screen reader is
        told, if not the whole message (only what is new in it)."""
        self._alarm_text = message
        self.statusBar().showMessage(message, ms)
        # Said to a screen reader too: in red at the foot of the window, it was only seen.
        announce(self.statusBar(), message if said is None else said, assertive=True)
        self._status_changed(self.statusBar().currentMessage())  # the same text: no signal

    def say(self, message: str, ms: int) -> None:
        """A routine answer in the status bar, said politely to a screen reader too: the
        answer to a key pressed where the focus stays (Enter in Find opening nothing) was
        only at the foot of the window, and someone listening heard nothing at all."""
        self.statusBar().showMessage(message, ms)
        announce(self.statusBar(), message)

    def _status_changed(self, text: str) -> None:
        if not text and (lasting := self.publishing_trouble()):
            # The bar falls back to a watch folder still failing (or a publish still held
            # up), in red, until it is over: a verification's plain line over it, or its
            # own time running out, had left the bar empty until the next retry.
            self._alarm_text = lasting
            self.statusBar().showMessage(lasting)  # (comes back here: drawn red)
            return
        alert = bool(text) and text == self._alarm_text
        self.statusBar().set_alert(alert)  # (drawn red by the bar: no restyle, status_bar.py)
        # An alert naming several seats runs past a laptop's status bar, cut with "…"
        # (ElidingStatusBar): hovering the bar reads it whole.
        self.statusBar().setToolTip(as_written(text) if alert else "")  # seats' names as written

    # --- the theme ---------------------------------------------------------------------

    def choose_theme(self, choice: str) -> None:
        """View > Theme: "light", "dark", "high-contrast" or "system" for the whole app,
        remembered."""
        self.theme.choose(choice)

    def show_theme(self, name: str) -> None:
        """The app's theme is now `name` ("light"/"dark"/"high-contrast"): every chart
        redraws in it (the palette and style sheet are the application's, already switched)."""
        chart_theme = CHART_THEMES[name]
        for attribute, *_ in CHART_DOCKS:
            getattr(self, attribute).set_theme(chart_theme)
        for choice, _, action_name in THEME_CHOICES:  # chosen in another window, perhaps
            action = self.findChild(QAction, action_name)
            if action is not None:
                action.setChecked(choice == self.theme.choice)
        ring = getattr(self, "tab_focus_ring", None)  # (the first time: not built yet)
        if ring is not None:  # its colour is the theme's (style.colours)
            ring.update()

    # --- who is at the desk ----------------------------------------------------------

    def viewer(self) -> Viewer:
        """Desk staff see figures awaiting verification only where they keyed them."""
        return viewer_for(self.account)

    @says_why_not(signed_out_too=True)  # a server away: said, not raised out of the slot
    def switch_user(self) -> None:
        """File > Switch user: the next person signs in (with accounts) or types their
        name (open desk); the window then shows and allows what they may."""
        if is_server(self.desk):  # the server signs the next person in (window_database)
            self.switch_server_user()
            return
        with covered(self):  # nobody's figures in sight while they say who they are
            account = ask_identity(self, self.desk, current=self.user)
            if account is not None:
                self.set_account(account)
        if account is not None:
            self.offer_draft_soon()  # (once the window is uncovered)

    @property
    def user(self) -> str:
        """The name every change made from this window records: the signed-in account's."""
        return self.account.name

    @user.setter
    def user(self, name: str) -> None:
        # Scripts and tests hand the desk to someone already signed in (an open desk's
        # name, or an account of this database): no password here, roles still apply.
        self.account = account_for(self.desk, name)
        apply_role(self._role_actions(), self.account)
        if hasattr(self, "night"):
            self.night.set_viewer(self.viewer())
            self._show_clock()  # a rehearsal's: as the clock and this role allow

    def set_account(self, account: Account) -> None:
        self.account = account
        apply_role(self._role_actions(), account)
        self._signed_in_again()
        self.night.set_viewer(self.viewer())
        self.refresh()

    # --- dialogs -----------------------------------------------------------------------

    # The dialogs' modules load when first opened, not with the window (start-up time).

    def show_shortcuts(self) -> ShortcutsDialog:
        """Help > Keyboard shortcuts, read from the actions as they are now."""
        from .shortcuts_dialog import ShortcutsDialog, all_shortcuts

        free_closed(self, ShortcutsDialog)
        self.shortcuts_dialog = ShortcutsDialog(all_shortcuts(self), self)
        self.shortcuts_dialog.open()
        return self.shortcuts_dialog

    def edit_preferences(self) -> None:
        """Preferences are this PC's, so they open and save whatever the server's state; the
        night is then read again as F5 reads it (said, not raised, with the server away)."""
        free_closed(self, PreferencesDialog)
        # What is saved now, not this window's copy: another window may have saved since.
        shown = preferences_for(self.prefs)
        dialog = PreferencesDialog(shown, self)
        if dialog.exec():
            before, self.prefs = self.prefs, dialog.preferences()
            save_preferences(self.prefs, since=shown)  # what was changed here
            self._apply_backup_schedule()
            self.locker.apply_preferences()
            if self.prefs.backup_keep < before.backup_keep:
                self.prune_backups_now()
            self.refresh_asked()
            self._update_charts()
            if _on_air(before) != _on_air(self.prefs):
                # the watch folder's graphics follow at once, not at the next verification
                self.publisher.enqueue(None)

    @says_why_not  # the order is the server's: not asked for while it cannot be saved
    def edit_party_order(self) -> None:
        """The hemicycle's left-right order, stored with the parties (so every desk and
        export shares it); parties that matter tonight are listed. Saved only on the order
        the dialog opened with: if another desk saved one meanwhile, the dialog opens again
        with theirs, saying whose, and this editor's a button away (a save overwrote
        theirs, unseen by whoever saved it)."""
        from .party_order import PartyOrderDialog

        refused, mine = "", None
        while True:
            started = [p.abbreviation for p in sorted(
                self.night.parties.values(), key=lambda p: (p.political_order, p.abbreviation))]
            shown = self._chamber_parties()
            free_closed(self, PartyOrderDialog)  # (asked again after a refusal, too)
            dialog = PartyOrderDialog(shown, self, refused=refused, mine=mine)
            if not dialog.exec():
                return
            if dialog.order() == [p.abbreviation for p in shown]:
                # Nothing moved: nothing of this editor's to save (saved, it was refused,
                # "yours was not saved", whenever another desk had saved meanwhile).
                return
            mine = dialog.order()
            refused = self._save_party_order(mine, started)
            if not refused:
                return

    def _save_party_order(self, order: list[str], started: list[str]) -> str:
        """"" once saved (or refused for another reason, said as `_run_desk` says it);
        else the refusal of an order another desk changed meanwhile, theirs read again."""
        refused: list[str] = []

        def save() -> None:
            try:
                set_political_order(self.desk, order, user=self.account, expected=started)
            except Conflict as exc:  # `_run_desk` reads the night again: theirs, to show
                refused.append(str(exc))

        self._run_desk(save)
        return "".join(refused)

    def _chamber_parties(self) -> list[Party]:
        """The parties that matter tonight (seats now or in the baseline, the first by
        votes), in the stored order."""
        summary = self.night.summary(include_provisional=True)
        relevant = set(summary.seats) | set(list(summary.votes)[:12])
        for base in self.night.baseline.values():
            if base.winner_party:
                relevant.add(base.winner_party)
        return sorted((p for a, p in self.night.parties.items() if a in relevant),
                      key=lambda p: (p.political_order, p.abbreviation))

    def export_graphic(self, kind: str | None = None) -> ExportDialog:
        from .export_dialog import ExportDialog

        codes = [(s.code, s.name) for s in sorted(self.night.seats.values(),
                                                  key=lambda s: s.name)]
        free_closed(self, ExportDialog)
        # The card's seat as a Declaration action's: the focused list's row, else the table's
        dialog = ExportDialog(self.db_path, codes, desk=self.desk, kind=kind,
                              constituency=self.chosen_code(), parent=self,
                              rehearsal=self.night.rehearsal, viewer=self.viewer)
        self.export_dialog = dialog
        dialog.open()
        return dialog

    @says_why_not(signed_out_too=True)
    def refresh_asked(self) -> None:
        """View > Refresh (F5): as the live feed's news does, but said in the status bar
        when it cannot read (a team desk's server away), where it raised out of the slot:
        a traceback in the log, and nothing on screen."""
        self.refresh()

    def focus_search(self) -> None:
        # Ctrl+F from a floating dock (a window of its own): Find's window made the active
        # one, or the keyboard stayed in the dock and the name typed moved its rows.
        self.activateWindow()
        self.search.setFocus()
        self.search.selectAll()

    def closeEvent(self, event: QCloseEvent) -> None:
        with self.locker.docks_as_uncovered():  # (closed locked or covered: docks as they were)
            self._save_settings()
        self.locker.stop()  # its timer and the app's input filter: not on a closed window
        self._stop_live()
        self.stop_rehearsal_driver()
        self._backup_timer.stop()
        self.desk.close()
        self.release_draft_slot()  # (a draft left in it: another window's to offer back)
        super().closeEvent(event)


def _on_air(prefs) -> tuple:
    """What of the Preferences the published graphics draw with: who is named, what is
    close."""
    return prefs.max_parties, prefs.thresholds
