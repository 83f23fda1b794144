"""The main window's menus and their actions (object names are what scripts, tests, the
shortcuts list and the role rules find them by). A mixin of `MainWindow`.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu

from .. import APP_NAME
from ..desk.accounts import Permission
from .keys import SAYS_WHY
from .themes import THEME_CHOICES

# File > Import: (menu text, object name, the desk's import: a function of desk.imports,
# by name, so that the importers load when a file is imported, not with the window)
IMPORTS = (
    ("&Nominations (HoC by-candidate CSV)…", "importCandidates", "import_candidates"),
    ("&Results (HoC by-candidate CSV)…", "importResults", "import_results"),
    ("&Baseline (previous or notional results)…", "importBaseline", "import_baseline"),
)
# What each action a role may lack needs (sign_in.apply_role), by object name.
ROLE_NEEDS = {
    **{name: Permission.DECLARE for name in ("enterAction", "verifyAction", "correctAction",
                                             "recountAction", "endRecountAction", "lotAction")},
    **{name: Permission.IMPORT for _, name, _ in IMPORTS},
    "partyOrder": Permission.PARTIES,
    "publishing": Permission.PUBLISH,  # what feeds air: editors and admins
    # a rehearsal's clock: the editor runs it (Pause, Resume and Stop also follow the
    # clock's state: rehearsal_controls._show_clock)
    **{name: Permission.REHEARSE for name in ("rehearsalJump", "rehearsalSpeed",
                                              "rehearsalUntil")},
}
# View menu: each dock's Alt-letter, by the dock's object name: the first time the letter
# appears in its title gets the "&". The entry's text is the dock's title, which the dock
# sets again whenever its title changes ("Verification queue (3)"), so the "&" is put back
# each time (`keep_mnemonic`); the title itself stays without it (its tab would underline).
# Unique in the View menu, beside Show provisional (P), Columns (U), Sort by (B), Theme
# (T), Find (F), Refresh (R).
DOCK_KEYS = {"summaryDock": "N", "queueDock": "V", "recountDock": "w",
             "seatChartDock": "S", "hemicycleDock": "C", "voteShareDock": "o",
             "timelineDock": "l", "mapDock": "M", "readOutsDock": "d"}


def with_mnemonic(text: str, letter: str) -> str:
    """`text` with "&" before the first `letter` in it; as it was if it has one already or
    lacks the letter."""
    if "&" in text.replace("&&", ""):
        return text
    i = text.find(letter)
    return text if i < 0 else f"{text[:i]}&{text[i:]}"


def keep_mnemonic(action: QAction, letter: str) -> None:
    """Give `action` its Alt-letter now and whenever its text is set again without it."""

    def mark() -> None:
        # A dock deleted with its window (never closed: torn down by Python) still says
        # its action changed, after the action's own wrapper has gone.
        if not shiboken6.isValid(action):
            return
        text = with_mnemonic(action.text(), letter)
        if text != action.text():
            action.setText(text)

    action.changed.connect(mark)
    mark()


class WindowMenus:
    """Needs the slots the actions call and the docks of `WindowLayout` (View menu)."""

    def _build_menus(self) -> None:
        self._build_file_menu()
        self._build_declaration_menu()
        self._build_view_menu()
        self._build_rehearsal_menu()  # window_rehearsal: shown on a rehearsal only
        self._build_help_menu()
        self._greyed_keys_say_why()

    def _greyed_keys_say_why(self) -> None:
        """Each role action's shortcut, while the role greys the action out, says why (its
        tooltip, `sign_in.apply_role`) in the status bar and to a screen reader: a greyed
        action's key did nothing at all, and only a mouse hovering the menu learnt why.
        Enabled only while the action is not, so a key never has two owners."""
        for action, _permission in self._role_actions().values():
            for key in action.shortcuts():
                why = QShortcut(key, self)
                why.setObjectName("greyedKeySaysWhy")
                why.setProperty(SAYS_WHY, True)  # the action's key, not another (shortcuts_dialog)
                why.setEnabled(not action.isEnabled())
                why.activated.connect(lambda a=action: self.say(a.toolTip(), 10_000))
                action.changed.connect(
                    lambda a=action, w=why: w.setEnabled(not a.isEnabled()))

    def _add_action(self, menu: QMenu, text: str, name: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action

    def _build_file_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.setToolTipsVisible(True)  # why an action is disabled for this role
        open_action = QAction("&Open database…", self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.choose_database)
        file_menu.addAction(open_action)
        server_action = QAction("Open team desk &server…", self)
        server_action.setObjectName("openServerAction")
        server_action.triggered.connect(self.choose_server)
        file_menu.addAction(server_action)
        import_menu = file_menu.addMenu("&Import")
        import_menu.setToolTipsVisible(True)
        for text, name, job in IMPORTS:
            action = QAction(text, self)
            action.setObjectName(name)
            action.triggered.connect(lambda _=False, j=job, t=text: self.import_file(j, t))
            import_menu.addAction(action)
        self._add_action(file_menu, "Re&hearsal…", "rehearsalAction", self.new_rehearsal)
        self._add_action(file_menu, "Export &graphic…", "exportGraphic",
                         lambda: self.export_graphic(), "Ctrl+Shift+E")
        self._add_action(file_menu, "Export &audit log…", "exportAudit", self.export_audit)
        # The status bar's right-click copy, for the keyboard: no Tab reaches that label.
        self._add_action(file_menu, "&Copy audit head hash", "copyAuditHeadMenu",
                         self.copy_audit_head)
        self._add_action(file_menu, "&Back up now", "backupNow", self.backup_now)
        file_menu.addSeparator()
        self._add_action(file_menu, "Switch &user…", "switchUser", self.switch_user,
                         "Ctrl+Shift+U")
        # Covers the window until its password (or Switch user): window_lock
        self._add_action(file_menu, "Loc&k", "lockWindow", lambda: self.locker.lock(),
                         "Ctrl+L")
        self._add_action(file_menu, "&Preferences…", "preferences", self.edit_preferences,
                         QKeySequence.StandardKey.Preferences)
        self._add_action(file_menu, "Chamber o&rder…", "partyOrder", self.edit_party_order)
        self._add_action(file_menu, "Pub&lishing (watch folder)…", "publishing",
                         self.edit_publishing)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

    def copy_audit_head(self) -> None:
        """The whole head hash to the clipboard, and said: the status bar shows 16 digits
        of it, and someone listening hears what was copied (to write down or publish)."""
        head = self.audit_label.head_hash
        if not head:
            self.say("No audit head hash to copy: no audit check has given one yet", 10_000)
            return
        QGuiApplication.clipboard().setText(head)
        self.say(f"Copied the audit head hash: {head}", 15_000)

    def _build_declaration_menu(self) -> None:
        seat = self.menuBar().addMenu("&Declaration")
        seat.setToolTipsVisible(True)
        self._add_action(seat, "&Enter declaration…", "enterAction", self.enter_selected, "Ctrl+E")
        self._add_action(seat, "&Verify…", "verifyAction", self.verify_selected, "Ctrl+Shift+V")
        self._add_action(seat, "&Correct verified result…", "correctAction",
                         self.correct_selected, "Ctrl+Shift+C")
        seat.addSeparator()
        self._add_action(seat, "Mark &recount under way", "recountAction",
                         lambda: self.mark_recount(True), "Ctrl+Shift+R")
        self._add_action(seat, "E&nd recount (called off)", "endRecountAction",
                         lambda: self.mark_recount(False))
        self._add_action(seat, "Decide &tie by lot…", "lotAction", self.decide_tie)
        seat.addSeparator()
        self._add_action(seat, "&History…", "historyAction", self.show_history, "Ctrl+H")

    def _build_view_menu(self) -> None:
        view_menu = self.menuBar().addMenu("&View")
        for dock in (self.summary_dock, self.queue_dock, self.recount_dock, *self.chart_docks,
                     self.readout_dock):
            keep_mnemonic(dock.toggleViewAction(), DOCK_KEYS[dock.objectName()])
            view_menu.addAction(dock.toggleViewAction())
            # Shown again, a dock went back behind another's tab: asked for, it comes in front.
            dock.toggleViewAction().triggered.connect(
                lambda shown, d=dock: shown and QTimer.singleShot(0, d, d.raise_))
        view_menu.addAction(self.provisional_action)
        # The results table's columns, as its header's right-click menu offers them: the
        # header is no Tab stop, so by keyboard Code, Nation, Region and Turnout ± could
        # never be shown. Ticked afresh each time it opens (a column may be shown since).
        columns = view_menu.addMenu("Col&umns")
        columns.setObjectName("columnsMenu")
        columns.aboutToShow.connect(lambda: self.fill_column_menu(columns))
        # and a header's click to sort, for the keyboard too
        order = view_menu.addMenu("Sort &by")
        order.setObjectName("sortMenu")
        order.aboutToShow.connect(lambda: self.fill_sort_menu(order))
        self._build_theme_menu(view_menu.addMenu("&Theme"))
        find = QAction("&Find constituency", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.focus_search)
        view_menu.addAction(find)
        refresh = QAction("&Refresh", self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(lambda _=False: self.refresh_asked())
        view_menu.addAction(refresh)

    def _build_theme_menu(self, menu: QMenu) -> None:
        """View > Theme: Light, Dark, High contrast or System, one ticked (the choice is
        the app's)."""
        menu.setObjectName("themeMenu")
        group = QActionGroup(self)
        group.setExclusive(True)
        for choice, text, name in THEME_CHOICES:
            action = self._add_action(menu, text, name, lambda c=choice: self.choose_theme(c))
            action.setCheckable(True)
            action.setChecked(choice == self.theme.choice)
            group.addAction(action)

    def _build_help_menu(self) -> None:
        help_menu = self.menuBar().addMenu("&Help")
        self._add_action(help_menu, "&Keyboard shortcuts…", "shortcutsAction",
                         self.show_shortcuts, QKeySequence.StandardKey.HelpContents)
        about = QAction(f"&About {APP_NAME}", self)
        about.setObjectName("aboutAction")
        about.triggered.connect(lambda: _about().show_about(self))
        help_menu.addAction(about)
        logs = QAction("Open &log folder", self)
        logs.setObjectName("openLogFolderAction")
        logs.triggered.connect(lambda: _about().open_log_folder(self))
        help_menu.addAction(logs)

    def _role_actions(self) -> dict:
        """The actions a role may lack, with what each needs (sign_in.apply_role)."""
        return {name: (self.findChild(QAction, name), permission)
                for name, permission in ROLE_NEEDS.items()}


def _about():
    """Help > About and the log folder, loaded when first asked for."""
    from . import about

    return about
