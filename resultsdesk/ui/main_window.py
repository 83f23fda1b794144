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
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..desk import imports
from ..desk.overview import constituency_rows, election_title, party_colours
from ..desk.summary import national_summary
from ..domain.model import Status
from ..store import Store
from . import constituency_model as cm
from .about import show_about
from .seats_model import SeatsTableModel
from .tasks import run_with_progress

POLL_MS = 1500  # how often to look for other desks' writes (PRAGMA data_version: cheap)


class MainWindow(QMainWindow):
    refreshed = Signal()

    def __init__(self, db_path: Path, *, label: str = "") -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.db_path = Path(db_path)
        self.store = Store(self.db_path)
        self._label = label
        self._data_version = -1

        self.model = cm.ConstituencyTableModel(self)
        self.proxy = cm.ConstituencyFilter(self)
        self.proxy.setSourceModel(self.model)
        self.seats_model = SeatsTableModel(self)

        self._build_central()
        self._build_docks()
        self._build_menus()
        self._build_status_bar()
        self.refresh()
        self._restore_settings()

        self._poll = QTimer(self)
        self._poll.setObjectName("pollTimer")
        self._poll.timeout.connect(self.refresh_if_changed)
        self._poll.start(POLL_MS)

    # --- layout --------------------------------------------------------------------------

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        bar = QHBoxLayout()
        self.search = QLineEdit(central)
        self.search.setObjectName("searchEdit")
        self.search.setPlaceholderText("Find a constituency by name or code (Ctrl+F)…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
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
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(cm.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(cm.WINNER, QHeaderView.ResizeMode.Stretch)
        for col, width in ((cm.CODE, 96), (cm.NATION, 96), (cm.REGION, 170),
                           (cm.STATUS, 100)):
            header.resizeSection(col, width)
        layout.addWidget(self.table)
        self.setCentralWidget(central)

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
        self.seats_table = QTableView(panel)
        self.seats_table.setObjectName("seatsTable")
        self.seats_table.setModel(self.seats_model)
        self.seats_table.verticalHeader().setVisible(False)
        self.seats_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.seats_table.verticalHeader().setDefaultSectionSize(22)
        seats_header = self.seats_table.horizontalHeader()
        seats_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        seats_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.seats_table)
        self.summary_dock.setWidget(panel)
        self.summary_dock.setMinimumWidth(400)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.summary_dock)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        open_action = QAction("&Open database…", self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.choose_database)
        file_menu.addAction(open_action)
        import_menu = file_menu.addMenu("&Import")
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
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self.summary_dock.toggleViewAction())
        find = QAction("&Find constituency", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.focus_search)
        view_menu.addAction(find)
        refresh = QAction("&Refresh", self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.refresh)
        view_menu.addAction(refresh)

        help_menu = self.menuBar().addMenu("&Help")
        about = QAction(f"&About {APP_NAME}", self)
        about.setObjectName("aboutAction")
        about.triggered.connect(lambda: show_about(self))
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        self.declared_label = QLabel(self)
        self.declared_label.setObjectName("declaredLabel")
        self.statusBar().addPermanentWidget(self.declared_label)

    # --- data ----------------------------------------------------------------------------

    def refresh_if_changed(self) -> None:
        if self.store.data_version() != self._data_version:
            self.refresh()

    def refresh(self) -> None:
        self._data_version = self.store.data_version()
        rows = constituency_rows(self.store)
        colours = party_colours(self.store)
        self.model.set_rows(rows, colours)
        self._fill_nations(sorted({r.nation for r in rows}))
        summary = national_summary(self.store)
        self.seats_model.set_summary(summary, colours)
        provisional = sum(r.status == Status.PROVISIONAL for r in rows)
        text = f"{summary.declared} of {summary.seats_total} declared"
        if provisional:
            text += f" · {provisional} provisional awaiting verification"
        self.declared_label.setText(text)
        self.summary_headline.setText(
            f"<b>{summary.declared} of {summary.seats_total}</b> declared · "
            f"{summary.majority_line} for a majority")
        title = election_title(self.store)
        self.setWindowTitle(f"{title}{f' ({self._label})' if self._label else ''} — {APP_NAME}")
        self.refreshed.emit()

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
        from ..store import StoreError

        try:
            store = Store(path)
        except StoreError as exc:
            QMessageBox.warning(self, "Cannot open database", str(exc))
            return
        self.store.close()
        self.store, self.db_path, self._label = store, path, ""
        self.refresh()

    def import_file(self, job, title: str) -> None:
        name, _ = QFileDialog.getOpenFileName(self, title.replace("&", "").rstrip("…"),
                                              "", "CSV files (*.csv);;All files (*)")
        if not name:
            return
        path = self.db_path

        def work(progress):
            with Store(path) as store:
                return job(store, name, user="desk", progress=progress)

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
        header = settings.value("mainWindow/tableHeader")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/state", self.saveState())
        settings.setValue("mainWindow/tableHeader", self.table.horizontalHeader().saveState())
        self._poll.stop()
        self.store.close()
        super().closeEvent(event)
