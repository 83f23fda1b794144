"""The main window: the constituency list, the national summary dock, menus and status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..charts import HemicycleChart, SeatChart, VoteShareChart
from ..desk import imports
from ..desk.accounts import Account, Permission
from ..desk.audit_text import history_trail
from ..desk.declarations import (
    DeskRefusal,
    audit_log,
    history,
    load_sheet,
    verification_queue,
)
from ..desk.declarations import decide_tie as dk_decide_tie
from ..desk.declarations import mark_recount as dk_mark_recount
from ..desk.drafts import Draft, clear_draft, draft_path, load_draft
from ..desk.live import NightState
from ..desk.overview import row_for, rows_of
from ..desk.parties import set_political_order
from ..desk.visibility import Viewer, blind_history, viewer_for
from ..domain import tally
from ..domain.identity import same_person
from ..domain.model import Status
from ..io.audit_export import export_audit
from ..store import Store
from . import constituency_model as cm
from .about import open_log_folder, show_about
from .audit_banner import AuditBanner, AuditHeadLabel, AuditWatch
from .chart_view import ChartView, chart_action
from .declaration_form import DeclarationDialog, Mode
from .export_dialog import ExportDialog
from .find_box import FindController
from .history_dialog import HistoryDialog
from .party_order import PartyOrderDialog
from .preferences import (
    CHECK,
    PreferencesDialog,
    load_preferences,
    save_preferences,
)
from .publish_dialog import PublishDialog
from .publisher import Publisher, load_publish_settings, save_publish_settings
from .queue_model import ITEM_ROLE, QueueModel
from .recount_model import RecountModel
from .seats_model import SeatsTableModel
from .shortcuts_dialog import ShortcutsDialog, all_shortcuts
from .sign_in import (
    DECLARE_ACTIONS,
    IMPORT_ACTIONS,
    account_for,
    apply_role,
    ask_identity,
    form_refusal,
    identity_for_database,
    user_label_text,
)
from .summary_strip import SummaryStrip
from .tasks import run_with_progress
from .worker import Worker, start

POLL_MS = 1500  # how often to look for other desks' writes (PRAGMA data_version: cheap)
# Shown on request (right-click a column header): the region is in the filter, the rest detail.
DEFAULT_HIDDEN = (cm.CODE, cm.NATION, cm.REGION, cm.TURNOUT_CHANGE)


def fixed_columns(header: QHeaderView, widths: tuple[int | None, ...]) -> None:
    """Set column widths once; None stretches. (ResizeToContents would re-measure every
    row on every live update, which costs more than the update itself.)"""
    for col, width in enumerate(widths):
        if width is None:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)


def side_table(parent: QWidget, name: str, model, widths: tuple[int | None, ...], *,
               select_rows: bool = True) -> QTableView:
    """A compact read-only table for a dock: no row numbers, 22 px rows, fixed columns."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(22)
    if select_rows:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    fixed_columns(table.horizontalHeader(), widths)
    return table


class MainWindow(QMainWindow):
    refreshed = Signal()
    close_result_alert = Signal(str)  # a seat newly in recount range

    def __init__(self, db_path: Path, *, label: str = "",
                 user: str | Account | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.db_path = Path(db_path)
        self.store = Store(self.db_path)
        self._label = label
        self._data_version = -1
        # Who is signed in (an Account: sign_in.py); `user` is the name recorded.
        self.account = account_for(self.store, user)
        self.prefs = load_preferences()
        self.queue_model = QueueModel(self)
        self.recount_model = RecountModel(self)
        self.night = NightState(self.store, viewer=self.viewer())
        self._alerted: set[tuple] = set()
        self._first_refresh = True  # seats already close when the window opens are no news
        self.active_dialog: DeclarationDialog | None = None
        self._verified_at: dict[str, str | None] = {}
        self.publisher = Publisher(self.db_path, self)
        self.publisher.published.connect(self._published)
        self.publisher.failed.connect(self._publish_failed)

        self.model = cm.ConstituencyTableModel(self)
        self.proxy = cm.ConstituencyFilter(self)
        self.proxy.setSourceModel(self.model)
        self.seats_model = SeatsTableModel(self)

        self._build_central()
        self._build_docks()
        self._build_menus()
        self._build_status_bar()
        apply_role(self._role_actions(), self.account)
        self.refresh()
        self._restore_settings()

        self._backup_timer = QTimer(self)
        self._backup_timer.setObjectName("backupTimer")
        self._backup_timer.timeout.connect(lambda: self.backup_now("periodic"))
        self._apply_backup_schedule()
        self._verifications_at_backup = self._verification_count()

        self._poll = QTimer(self)
        self._poll.setObjectName("pollTimer")
        self._poll.timeout.connect(self.refresh_if_changed)
        self._poll.start(POLL_MS)
        self.audit = AuditWatch(self, self.audit_banner, self.audit_label)
        self.audit.start(self.db_path)

    # --- layout --------------------------------------------------------------------------

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        self.audit_banner = AuditBanner(central)
        layout.addWidget(self.audit_banner)
        self.strip = SummaryStrip(central)
        layout.addWidget(self.strip)
        bar = QHBoxLayout()
        self.search = QLineEdit(central)
        self.search.setObjectName("searchEdit")
        self.search.setPlaceholderText("Find a constituency by name or code (Ctrl+F)…")
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 3)

        self.status_filter = QComboBox(central)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem("All statuses", None)
        for status in Status:
            self.status_filter.addItem(status.value.capitalize(), status)
        self.status_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_status(self.status_filter.currentData()))
        bar.addWidget(QLabel("Status:", central))
        bar.addWidget(self.status_filter)

        self.nation_filter = QComboBox(central)
        self.nation_filter.setObjectName("nationFilter")
        self.nation_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_nation(self.nation_filter.currentData()))
        bar.addWidget(QLabel("Nation:", central))
        bar.addWidget(self.nation_filter)
        layout.addLayout(bar)

        self.table = QTableView(central)
        self.table.setObjectName("constituencyTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(cm.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        # activated: Enter on a row, or a double-click
        self.table.activated.connect(lambda _: self.open_selected())
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in ((cm.NAME, 210), (cm.CODE, 90), (cm.NATION, 110), (cm.REGION, 150),
                           (cm.STATUS, 118), (cm.WINNER, 185), (cm.MAJORITY, 66),
                           (cm.MAJORITY_PCT, 62), (cm.TURNOUT, 66), (cm.TURNOUT_CHANGE, 74),
                           (cm.RESULT, 140), (cm.SWING, 105)):
            header.resizeSection(col, width)
        for col in DEFAULT_HIDDEN:
            header.setSectionHidden(col, True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addAction(chart_action(self, "Export result card…",
                                          lambda: self.export_graphic("card"), "exportCard"))
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        # Typing selects the best match; Enter opens it; Down goes into the list.
        self.find = FindController(self.search, self.table, self.proxy, self)
        self.find.open_requested.connect(self.open_first_match)

    def _build_docks(self) -> None:
        self.summary_dock = QDockWidget("National summary", self)
        self.summary_dock.setObjectName("summaryDock")
        panel = QWidget(self.summary_dock)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(6, 6, 6, 6)
        self.summary_headline = QLabel(panel)
        self.summary_headline.setObjectName("summaryHeadline")
        self.summary_headline.setWordWrap(True)
        layout.addWidget(self.summary_headline)
        self.seats_table = side_table(panel, "seatsTable", self.seats_model,
                                      (None, 52, 52, 92, 60), select_rows=False)
        layout.addWidget(self.seats_table)
        self.summary_dock.setWidget(panel)
        self.summary_dock.setMinimumWidth(360)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.summary_dock)

        self.queue_dock = QDockWidget("Verification queue", self)
        self.queue_dock.setObjectName("queueDock")
        self.queue_table = side_table(self.queue_dock, "queueTable", self.queue_model,
                                      (52, None, 110, 90))
        self.queue_table.activated.connect(self._verify_from_queue)
        self.queue_dock.setWidget(self.queue_table)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.queue_dock)
        self.splitDockWidget(self.summary_dock, self.queue_dock, Qt.Orientation.Vertical)

        self.recount_dock = QDockWidget("Recount watch", self)
        self.recount_dock.setObjectName("recountDock")
        panel = QWidget(self.recount_dock)
        box = QVBoxLayout(panel)
        box.setContentsMargins(4, 4, 4, 4)
        self.recount_alert = QLabel(panel)
        self.recount_alert.setObjectName("recountAlert")
        self.recount_alert.setWordWrap(True)
        self.recount_alert.setStyleSheet("QLabel { background:#c0392b; color:white; "
                                         "font-weight:600; padding:4px; border-radius:3px; }")
        self.recount_alert.hide()
        box.addWidget(self.recount_alert)
        self.recount_table = side_table(panel, "recountTable", self.recount_model,
                                        (None, 68, 56, 62, 76))
        self.recount_table.activated.connect(self._open_from_recount)
        self.recount_table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.recount_table.addAction(chart_action(self, "Export recount watch…",
                                                  lambda: self.export_graphic("recounts"),
                                                  "exportRecounts"))
        box.addWidget(self.recount_table)
        self.recount_dock.setWidget(panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.recount_dock)
        self.tabifyDockWidget(self.queue_dock, self.recount_dock)
        self.recount_dock.raise_()
        self._build_chart_docks()

    def _build_chart_docks(self) -> None:
        self.provisional_action = chart_action(
            self, "Show &provisional seats on charts", self._toggle_provisional,
            "showProvisionalAction", checkable=True, checked=self.prefs.show_provisional)
        self.seat_view = ChartView(SeatChart(), "seatChart")
        self.hemicycle_view = ChartView(HemicycleChart(), "hemicycle")
        self.shares_view = ChartView(VoteShareChart(), "voteShare")
        self.chart_docks = []
        for view, title, name, kind in (
                (self.seat_view, "Seats", "seatChartDock", "seats"),
                (self.hemicycle_view, "Chamber", "hemicycleDock", "hemicycle"),
                (self.shares_view, "Vote share", "voteShareDock", "shares")):
            view.add_menu_action(self.provisional_action)
            view.add_menu_action(chart_action(self, "&Export…", lambda k=kind:
                                              self.export_graphic(k), f"export_{kind}"))
            dock = QDockWidget(title, self)
            dock.setObjectName(name)
            dock.setWidget(view)
            dock.visibilityChanged.connect(view.visibility_changed)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.tabifyDockWidget(self.summary_dock, dock)
            self.chart_docks.append(dock)
        self.chart_docks[0].raise_()

    def chart_canvases(self) -> list:
        return [v.canvas for v in (self.seat_view, self.hemicycle_view, self.shares_view)]

    def _toggle_provisional(self) -> None:
        from dataclasses import replace

        self.prefs = replace(self.prefs, show_provisional=self.provisional_action.isChecked())
        save_preferences(self.prefs)
        self._update_charts()

    def _update_charts(self) -> None:
        """Give every chart the night's current figures; each builds and redraws them only
        when on screen and only if they changed."""
        p, night = self.prefs, self.night
        self.seat_view.show_data(lambda: night.seat_chart_data(
            show_provisional=p.show_provisional, max_parties=p.max_parties))
        self.hemicycle_view.show_data(lambda: night.hemicycle_data(
            undeclared_position=p.undeclared, show_provisional=p.show_provisional))
        self.shares_view.show_data(lambda: night.vote_share_data(max_parties=p.max_parties))

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.setToolTipsVisible(True)  # why an action is disabled for this role
        open_action = QAction("&Open database…", self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.choose_database)
        file_menu.addAction(open_action)
        import_menu = file_menu.addMenu("&Import")
        import_menu.setToolTipsVisible(True)
        for text, name, job in (
            ("&Nominations (HoC by-candidate CSV)…", "importCandidates",
             imports.import_candidates),
            ("&Results (HoC by-candidate CSV)…", "importResults", imports.import_results),
            ("&Baseline (previous or notional results)…", "importBaseline",
             imports.import_baseline),
        ):
            action = QAction(text, self)
            action.setObjectName(name)
            action.triggered.connect(lambda _=False, j=job, t=text: self.import_file(j, t))
            import_menu.addAction(action)
        self._add_action(file_menu, "Export &graphic…", "exportGraphic",
                         lambda: self.export_graphic(), "Ctrl+Shift+E")
        self._add_action(file_menu, "Export &audit log…", "exportAudit", self.export_audit)
        self._add_action(file_menu, "&Back up now", "backupNow", self.backup_now)
        file_menu.addSeparator()
        self._add_action(file_menu, "Switch &user…", "switchUser", self.switch_user,
                         "Ctrl+Shift+U")
        self._add_action(file_menu, "&Preferences…", "preferences", self.edit_preferences,
                         QKeySequence.StandardKey.Preferences)
        self._add_action(file_menu, "Chamber &order…", "partyOrder", self.edit_party_order)
        self._add_action(file_menu, "Pu&blishing (watch folder)…", "publishing",
                         self.edit_publishing)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        seat = self.menuBar().addMenu("&Declaration")
        seat.setToolTipsVisible(True)
        self._add_action(seat, "&Enter declaration…", "enterAction", self.enter_selected, "Ctrl+E")
        self._add_action(seat, "&Verify…", "verifyAction", self.verify_selected, "Ctrl+Shift+V")
        self._add_action(seat, "&Correct verified result…", "correctAction",
                         self.correct_selected, "Ctrl+Shift+C")
        seat.addSeparator()
        self._add_action(seat, "Mark &recount under way", "recountAction",
                         lambda: self.mark_recount(True), "Ctrl+Shift+R")
        self._add_action(seat, "End recount (called off)", "endRecountAction",
                         lambda: self.mark_recount(False))
        self._add_action(seat, "Decide &tie by lot…", "lotAction", self.decide_tie)
        seat.addSeparator()
        self._add_action(seat, "&History…", "historyAction", self.show_history, "Ctrl+H")

        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self.summary_dock.toggleViewAction())
        view_menu.addAction(self.queue_dock.toggleViewAction())
        view_menu.addAction(self.recount_dock.toggleViewAction())
        for dock in self.chart_docks:
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addAction(self.provisional_action)
        find = QAction("&Find constituency", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.focus_search)
        view_menu.addAction(find)
        refresh = QAction("&Refresh", self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.refresh)
        view_menu.addAction(refresh)

        help_menu = self.menuBar().addMenu("&Help")
        self._add_action(help_menu, "&Keyboard shortcuts…", "shortcutsAction",
                         self.show_shortcuts, QKeySequence.StandardKey.HelpContents)
        about = QAction(f"&About {APP_NAME}", self)
        about.setObjectName("aboutAction")
        about.triggered.connect(lambda: show_about(self))
        help_menu.addAction(about)
        logs = QAction("Open &log folder", self)
        logs.setObjectName("openLogFolderAction")
        logs.triggered.connect(lambda: open_log_folder(self))
        help_menu.addAction(logs)

    def _add_action(self, menu, text: str, name: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        menu.addAction(action)
        return action

    def _build_status_bar(self) -> None:
        self.user_label = QLabel(self)
        self.user_label.setObjectName("userLabel")
        self.statusBar().addPermanentWidget(self.user_label)
        self.declared_label = QLabel(self)
        self.declared_label.setObjectName("declaredLabel")
        self.statusBar().addPermanentWidget(self.declared_label)
        self.audit_label = AuditHeadLabel(self)
        self.statusBar().addPermanentWidget(self.audit_label)

    def _column_menu(self, pos) -> None:
        """Right-click a column header: show or hide columns (remembered with the window)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for col, title in enumerate(cm.COLUMNS):
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(col))
            action.setEnabled(col != cm.NAME)
            action.toggled.connect(lambda on, c=col: header.setSectionHidden(c, not on))
        menu.exec(header.mapToGlobal(pos))

    # --- data ----------------------------------------------------------------------------

    def refresh_if_changed(self) -> None:
        if self.store.data_version() != self._data_version:
            self.refresh()

    def refresh(self) -> None:
        """Bring every view up to date with the database, touching only what changed."""
        self._data_version = self.store.data_version()
        changed = self.night.refresh()
        colours = {p: party.colour for p, party in self.night.parties.items()}
        prefs = self.prefs
        self.model.set_thresholds(prefs.thresholds)
        if self.model.rowCount() != len(self.night.seats):
            rows = rows_of(self.night)
            self.model.set_rows(rows, colours)
            self._fill_nations(sorted({r.nation for r in rows}))
        elif changed:
            self.model.set_colours(colours)
            self.model.update_rows([row_for(self.night.seats[c]) for c in changed])
        summary = self.night.summary()
        self.seats_model.set_summary(summary, colours)
        self._update_charts()
        self.recount_model.set_rows(self.night.recount_watch(prefs.thresholds), colours)
        self.recount_dock.setWindowTitle(f"Recount watch ({self.recount_model.rowCount()})")
        self.strip.set_data(self.night.strip_data(), colours)
        self.queue_model.set_items(verification_queue(self.store))
        self.queue_dock.setWindowTitle(f"Verification queue ({self.queue_model.rowCount()})")
        provisional = sum(1 for seat in self.night.seats.values()
                          if seat.verified is None and seat.shown is not None)
        text = f"{summary.declared} of {summary.seats_total} declared"
        if provisional:
            text += f" · {provisional} provisional awaiting verification"
        self.declared_label.setText(text)
        self.user_label.setText(user_label_text(self.account))
        self.summary_headline.setText(
            f"<b>{summary.declared} of {summary.seats_total}</b> declared · "
            f"{summary.majority_line} for a majority")
        self._publish_verified(changed)
        self._alert_close_results(changed)
        if changed and hasattr(self, "_verifications_at_backup"):
            self._backup_if_due()
        title = self.night.election
        self.setWindowTitle(f"{title}{f' ({self._label})' if self._label else ''} — {APP_NAME}")
        self.refreshed.emit()

    # --- backups ---------------------------------------------------------------------------

    def _apply_backup_schedule(self) -> None:
        if self.prefs.backup_minutes > 0:
            self._backup_timer.start(self.prefs.backup_minutes * 60_000)
        else:
            self._backup_timer.stop()

    def _verification_count(self) -> int:
        return self.store.scalar("SELECT count(*) FROM audit_log WHERE action = 'verify'")

    def _backup_if_due(self) -> None:
        every = self.prefs.backup_verifications
        count = self._verification_count()
        if every > 0 and count - self._verifications_at_backup >= every:
            self._verifications_at_backup = count
            self.backup_now("verifications")

    def backup_now(self, reason: str = "manual") -> None:
        """A backup into the data folder, on a worker thread; a failure is shown and
        retried at the next opportunity, never silent."""
        from ..paths import user_data_dir
        from ..store.backup import timestamped_backup

        path, keep = self.db_path, self.prefs.backup_keep
        folder = user_data_dir() / "backups"

        def job(progress):
            with Store(path) as store:
                return timestamped_backup(store, folder, reason, keep)

        worker = Worker(job)
        # bound methods, not lambdas: a report arriving after the window is gone is dropped
        worker.signals.finished.connect(self._backed_up)
        worker.signals.failed.connect(self._backup_failed)
        self._backup_worker = start(worker)

    def _backed_up(self, out) -> None:
        self.statusBar().showMessage(f"Backed up to {out}", 5000)

    def _backup_failed(self, message: str) -> None:
        self.backup_error = message
        self.statusBar().showMessage(f"BACKUP FAILED: {message}", 60_000)
        self.statusBar().setStyleSheet("QStatusBar { color:#c0392b; font-weight:600; }")

    def _alert_close_results(self, changed: set[str]) -> None:
        """A newly declared or verified seat in recount range: say so, loudly but without
        a dialog that would block the desk."""
        fresh = []
        for code in changed:
            seat = self.night.seats[code]
            if seat.shown is None or not self.night.in_recount_range(code,
                                                                     self.prefs.thresholds):
                continue
            key = (code, seat.status, seat.outcome.majority if seat.outcome else None)
            if key not in self._alerted:
                self._alerted.add(key)
                fresh.append(seat)
        if not fresh or self._first_refresh:
            self._first_refresh = False
            return
        words = "; ".join(
            f"{s.name}: {'TIE' if s.outcome.tie else f'majority {s.outcome.majority:,}'} "
            f"({s.status.value})" for s in fresh)
        message = f"Recount range: {words}"
        self.recount_alert.setText(message)
        self.recount_alert.show()
        self.recount_dock.raise_()
        self.statusBar().showMessage(message, 30_000)
        self.statusBar().setStyleSheet("QStatusBar { color:#c0392b; font-weight:600; }")
        # with the window as context: the timer dies with it instead of firing on a ghost
        QTimer.singleShot(30_000, self, self._plain_status_bar)
        self.close_result_alert.emit(message)

    def _plain_status_bar(self) -> None:
        self.statusBar().setStyleSheet("")

    def _fill_nations(self, nations: list[str]) -> None:
        current = [self.nation_filter.itemData(i) for i in range(1, self.nation_filter.count())]
        if current == nations:
            return
        selected = self.nation_filter.currentData()
        self.nation_filter.blockSignals(True)
        self.nation_filter.clear()
        self.nation_filter.addItem("All nations", None)
        for nation in nations:
            self.nation_filter.addItem(nation, nation)
        index = self.nation_filter.findData(selected)
        self.nation_filter.setCurrentIndex(max(index, 0))
        self.nation_filter.blockSignals(False)

    # --- declarations --------------------------------------------------------------------

    def selected_code(self) -> str | None:
        """The seat Declaration actions work on: the selected row, or the only row left
        when a search or filter leaves one seat."""
        rows = self.table.selectionModel().selectedRows(cm.NAME)
        if rows:
            index = rows[0]
        elif self.proxy.rowCount() == 1:
            index = self.proxy.index(0, cm.NAME)
        else:
            return None
        row = self.proxy.data(index, cm.ROW_ROLE)
        return row.code if row else None

    def _require_selection(self) -> str | None:
        code = self.selected_code()
        if code is None:
            self.statusBar().showMessage("Choose a constituency first (Ctrl+F to find one).",
                                         5000)
        return code

    def select_code(self, code: str) -> None:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, cm.NAME)
            row = self.proxy.data(index, cm.ROW_ROLE)
            if row is not None and row.code == code:
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return

    def open_first_match(self) -> None:
        """Enter in Find: open the selected seat, which typing made the best match."""
        if self.proxy.rowCount() == 0:
            self.statusBar().showMessage("No constituency matches that search.", 5000)
            return
        if self.selected_code() is None:
            self.find.select_row(0)
        self.open_selected()

    def open_selected(self) -> None:
        """What Enter on a seat does: enter figures, verify someone else's, or show history."""
        code = self._require_selection()
        if code is None:
            return
        sheet = load_sheet(self.store, code)
        pending = sheet.pending
        if not self.account.allows(Permission.DECLARE):
            self.show_history()  # editors: figures and history, never a form
        elif pending is not None and not same_person(pending.entered_by, self.user):
            self.open_form(code, self._verify_mode())
        elif sheet.verified is not None and not sheet.recount_under_way and pending is None:
            self.show_history()
        else:
            self.open_form(code, Mode.ENTER)

    def _verify_mode(self) -> Mode:
        return Mode.CHECK if self.prefs.verification_mode == CHECK else Mode.REKEY

    def draft_file(self) -> Path:
        from ..paths import user_data_dir

        return draft_path(user_data_dir() / "drafts", self.db_path, self.user)

    def offer_draft(self) -> DeclarationDialog | None:
        """After a crash: offer to reopen the form with what was being typed."""
        draft = load_draft(self.draft_file())
        if draft is None:
            return None
        try:
            name = load_sheet(self.store, draft.code).name
        except DeskRefusal:
            clear_draft(self.draft_file())
            return None
        answer = QMessageBox.question(
            self, APP_NAME, f"{self.user} was typing figures for {name} when ResultsDesk "
            "closed unexpectedly. Restore them?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard)
        if answer != QMessageBox.StandardButton.Yes:
            clear_draft(self.draft_file())
            return None
        return self.open_form(draft.code, Mode(draft.mode), draft=draft)

    def open_form(self, code: str, mode: Mode,
                  draft: Draft | None = None) -> DeclarationDialog | None:
        refusal = form_refusal(self.store, self.account, code, mode)
        if refusal:
            QMessageBox.information(self, APP_NAME, refusal)
            return None
        try:
            dialog = DeclarationDialog(self.store, code, user=self.user, mode=mode,
                                       thresholds=self.prefs.thresholds,
                                       draft_file=self.draft_file(), draft=draft, parent=self)
        except DeskRefusal as exc:
            QMessageBox.warning(self, APP_NAME, str(exc))
            return None
        self.active_dialog = dialog
        dialog.finished.connect(lambda _: self._form_closed(dialog))
        dialog.open()
        return dialog

    def _form_closed(self, dialog: DeclarationDialog) -> None:
        self.active_dialog = None
        version = dialog.result_version
        self.refresh()
        if version is not None:
            self.statusBar().showMessage(
                f"{dialog.form.sheet.name}: version {version.version} is now {version.status}.",
                8000)
        self.activateWindow()  # back to the desk's window (a window manager may not do it)
        self.search.setFocus()
        self.search.selectAll()

    def enter_selected(self) -> None:
        code = self._require_selection()
        if code:
            self.open_form(code, Mode.ENTER)

    def verify_selected(self) -> None:
        code = self._require_selection()
        if code:
            self.open_form(code, self._verify_mode())

    def _open_from_recount(self, index) -> None:
        if index.isValid():
            self.select_code(self.recount_model.row_at(index.row()).code)
            self.open_selected()

    def _verify_from_queue(self, index) -> None:
        if not index.isValid():
            return
        item = self.queue_model.data(index, ITEM_ROLE)
        self.open_form(item.code, self._verify_mode())

    def correct_selected(self) -> None:
        code = self._require_selection()
        if code:
            self.open_form(code, Mode.CORRECT)

    def _run_desk(self, action) -> bool:
        try:
            action()
        except DeskRefusal as exc:
            QMessageBox.warning(self, APP_NAME, str(exc))
            return False
        self.refresh()
        return True

    def mark_recount(self, under_way: bool) -> None:
        code = self._require_selection()
        if code and self._run_desk(lambda: dk_mark_recount(self.store, code, user=self.user,
                                                            under_way=under_way)):
            sheet = load_sheet(self.store, code)
            self.statusBar().showMessage(
                f"{sheet.name}: RECOUNT UNDER WAY (next figures are recount "
                f"{sheet.current_count})." if under_way else f"{sheet.name}: recount ended.",
                8000)

    def decide_tie(self) -> None:
        code = self._require_selection()
        if code is None:
            return
        sheet = load_sheet(self.store, code)
        base = sheet.pending or sheet.verified
        tied = tally.tied_candidates(sheet.candidate_votes(base.votes)) if base else []
        if not tied:
            QMessageBox.information(self, APP_NAME, f"{sheet.name} has no tie to decide.")
            return
        names = [c.name for c in tied]
        name, ok = QInputDialog.getItem(self, "Decide tie by lot",
                                        "Candidate drawn by the returning officer:", names,
                                        0, False)
        if not ok:
            return
        note, ok = QInputDialog.getText(self, "Decide tie by lot", "How was the lot drawn?")
        if ok:
            winner = next(c.id for c in sheet.candidates if c.name == name)
            self._run_desk(lambda: dk_decide_tie(self.store, code, user=self.user,
                                                 winner_id=winner, note=note))

    def show_history(self) -> None:
        code = self._require_selection()
        if code:
            shown, hidden = blind_history(history(self.store, code), self.viewer())
            HistoryDialog(shown, history_trail(self.store, shown), self, hidden=hidden).exec()

    def export_audit(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export audit log", "audit-log.csv",
                                              "CSV (*.csv);;JSON (*.json)")
        if not name:
            return
        from ..domain.errors import KnownError

        try:
            count = export_audit(audit_log(self.store), name)
        except KnownError as exc:  # the place cannot be written, or a wrong extension
            QMessageBox.warning(self, APP_NAME, str(exc))
            return
        self.statusBar().showMessage(f"Wrote {count} audit entries to {name}.", 8000)

    def viewer(self) -> Viewer:
        """Desk staff see figures awaiting verification only where they keyed them."""
        return viewer_for(self.account)

    def switch_user(self) -> None:
        """File > Switch user: the next person signs in (with accounts) or types their
        name (open desk); the window then shows and allows what they may."""
        account = ask_identity(self, self.store, current=self.user)
        if account is not None:
            self.set_account(account)

    @property
    def user(self) -> str:
        """The name every change made from this window records: the signed-in account's."""
        return self.account.name

    @user.setter
    def user(self, name: str) -> None:
        # Scripts and tests hand the desk to someone already signed in (an open desk's
        # name, or an account of this database): no password here, roles still apply.
        self.account = account_for(self.store, name)
        apply_role(self._role_actions(), self.account)
        if hasattr(self, "night"):
            self.night.set_viewer(self.viewer())

    def set_account(self, account: Account) -> None:
        self.account = account
        apply_role(self._role_actions(), account)
        self.night.set_viewer(self.viewer())
        self.refresh()

    def _role_actions(self) -> dict:
        """The actions a role may lack, with what each needs (sign_in.apply_role)."""
        needs = {name: Permission.DECLARE for name in DECLARE_ACTIONS}
        needs.update({name: Permission.IMPORT for name in IMPORT_ACTIONS})
        needs["partyOrder"] = Permission.PARTIES
        needs["publishing"] = Permission.PUBLISH  # what feeds air: editors and admins
        return {name: (self.findChild(QAction, name), permission)
                for name, permission in needs.items()}

    def show_shortcuts(self) -> ShortcutsDialog:
        """Help > Keyboard shortcuts, read from the actions as they are now."""
        self.shortcuts_dialog = ShortcutsDialog(all_shortcuts(self), self)
        self.shortcuts_dialog.open()
        return self.shortcuts_dialog

    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.prefs, self)
        if dialog.exec():
            self.prefs = dialog.preferences()
            save_preferences(self.prefs)
            self._apply_backup_schedule()
            self.refresh()
            self._update_charts()

    def edit_party_order(self) -> None:
        """The hemicycle's left-right order, stored with the parties (so every desk and
        export shares it); parties that matter tonight are listed."""
        summary = self.night.summary(include_provisional=True)
        relevant = set(summary.seats) | set(list(summary.votes)[:12])
        for base in self.night.baseline.values():
            if base.winner_party:
                relevant.add(base.winner_party)
        parties = sorted((p for a, p in self.night.parties.items() if a in relevant),
                         key=lambda p: (p.political_order, p.abbreviation))
        dialog = PartyOrderDialog(parties, self)
        if dialog.exec():
            self._run_desk(lambda: set_political_order(self.store, dialog.order(),
                                                       user=self.user))

    # --- graphics and publishing ---------------------------------------------------------

    def export_graphic(self, kind: str | None = None) -> ExportDialog:
        codes = [(s.code, s.name) for s in sorted(self.night.seats.values(),
                                                  key=lambda s: s.name)]
        dialog = ExportDialog(self.db_path, codes, kind=kind,
                              constituency=self.selected_code(), parent=self)
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def edit_publishing(self) -> None:
        dialog = PublishDialog(load_publish_settings(), self)
        if dialog.exec():
            save_publish_settings(dialog.settings())
            if dialog.settings() is not None:
                self.publisher.enqueue(None)  # publish the night as it stands now

    def _publish_verified(self, changed: set[str]) -> None:
        """Every newly verified (or corrected-and-verified) seat goes to the watch folder."""
        publishing = not self._first_refresh and load_publish_settings() is not None
        for code in sorted(changed):
            seat = self.night.seats[code]
            newly_verified = seat.verified_at and seat.verified_at != self._verified_at.get(code)
            if publishing and newly_verified:
                self.publisher.enqueue(code)
            self._verified_at[code] = seat.verified_at

    def _published(self, folder: str, count: int) -> None:
        self.statusBar().showMessage(f"Published {count} files to {folder}", 8000)

    def _publish_failed(self, message: str) -> None:
        self.publish_error = message
        self.statusBar().showMessage(f"PUBLISHING FAILED: {message}", 15_000)
        self.statusBar().setStyleSheet("QStatusBar { color:#c0392b; font-weight:600; }")

    # --- actions -------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def choose_database(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open election database",
                                              str(self.db_path.parent),
                                              "ResultsDesk databases (*.db);;All files (*)")
        if name:
            self.open_database(Path(name))

    def open_database(self, path: Path) -> None:
        from ..domain.errors import KnownError

        try:
            store = Store(path)
        except KnownError as exc:
            QMessageBox.warning(self, "Cannot open database", str(exc))
            return
        account = identity_for_database(self, store, self.account)
        if account is None:  # not signed in to it: stay on the database already open
            store.close()
            return
        self.store.close()
        self.store, self.db_path, self._label = store, path, ""
        self.account = account
        apply_role(self._role_actions(), account)
        self.night = NightState(store, viewer=self.viewer())
        # Publishing follows the database now open; queued seats of the old one are dropped
        # (they belong to another election).
        self.publisher.db_path = path
        self.publisher.queue.clear()
        self._verified_at.clear()
        self._alerted.clear()
        self._first_refresh = True
        self.model.set_rows([], {})
        self.refresh()
        self.audit.start(path)

    def import_file(self, job, title: str) -> None:
        name, _ = QFileDialog.getOpenFileName(self, title.replace("&", "").rstrip("…"),
                                              "", "CSV files (*.csv);;All files (*)")
        if not name:
            return
        path, user = self.db_path, self.user

        def work(progress):
            with Store(path) as store:
                return job(store, name, user=user, progress=progress)

        ok, result = run_with_progress(self, f"Importing {Path(name).name}…", work)
        if ok:
            self.statusBar().showMessage(result.describe(), 10_000)
            self.refresh()
        else:
            QMessageBox.warning(self, "Import failed", f"{result}\n\nNothing was imported.")

    # --- settings ------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("mainWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 768)
        state = settings.value("mainWindow/state")
        if state is not None:
            self.restoreState(state)
        else:  # first run: the results table keeps most of the width
            self.resizeDocks([self.summary_dock], [470], Qt.Orientation.Horizontal)
            self.resizeDocks([self.summary_dock, self.recount_dock], [420, 260],
                             Qt.Orientation.Vertical)
        header = settings.value("mainWindow/tableHeader")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/state", self.saveState())
        settings.setValue("mainWindow/tableHeader", self.table.horizontalHeader().saveState())
        self._poll.stop()
        self._backup_timer.stop()
        self.store.close()
        super().closeEvent(event)
