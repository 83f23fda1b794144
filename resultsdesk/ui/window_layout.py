"""The main window's layout: the results table with its search and filters, the docks beside it
(national summary, verification queue, recount watch, charts) and the status bar; the docks'
first arrangement and the window's remembered geometry are `window_settings`'. A mixin of
`MainWindow` (kept apart to keep modules short).
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..charts import HemicycleChart, SeatChart, TimelineChart, VoteShareChart
from ..charts._base import NO_SEATS
from ..charts.data import NO_RECOUNT_SEATS
from ..domain.model import Status
from . import constituency_model as cm
from .audit_banner import AuditBanner, AuditHeadLabel
from .chart_view import ChartView, chart_action
from .connection_bar import ConnectionBar
from .context_key import TableMenuKey
from .dismissable import DismissableAlert
from .filter_row import FilterRow
from .find_box import FindController
from .focus_ring import FocusInSight, InsetFocusRing, RowOnArrival
from .keys import MenuKeysFirst
from .live_label import LabelHolder
from .map_view import MapView
from .name_fill import NameFill, QueueNameFill, WatchNameFill
from .recount_model import MAJORITY as WATCH_MAJORITY
from .sizing import DeskSized, GrowToFit, keep_headers, set_columns
from .status_bar import ElidingStatusBar
from .style import ALERT_BANNER
from .summary_strip import SummaryStrip
from .window_settings import FIRST_DOCK_WIDTH as FIRST_DOCK_WIDTH  # (tests size by it)
from .window_settings import RememberedLayout

# Shown on request (right-click a column header): the region is in the filter, the rest detail.
RESULTS_TABLE_NAME = "Constituency results"  # the main list, to a screen reader
DEFAULT_HIDDEN = (cm.CODE, cm.NATION, cm.REGION, cm.TURNOUT_CHANGE)
# (chart view attribute, dock title, dock object name, graphic kind)
CHART_DOCKS = (("seat_view", "Seats", "seatChartDock", "seats"),
               ("hemicycle_view", "Chamber", "hemicycleDock", "hemicycle"),
               ("shares_view", "Vote share", "voteShareDock", "shares"),
               ("timeline_view", "Timeline", "timelineDock", "timeline"),
               ("map_view", "Map", "mapDock", "map"))

NO_ENTRIES_AWAITING = "Nothing awaiting verification"  # the queue, empty


def side_table(dock: QDockWidget, parent: QWidget, name: str, model,
               samples: tuple[str | None, ...], *, select_rows: bool = True,
               **measure) -> QTableView:
    """A compact read-only table for a dock: no row numbers, 22 px rows, columns as wide as
    their sample texts (None stretches; `measure`: sizing.set_columns's icons, bold_text).
    A screen reader names it by its dock's title ("Recount watch"), not a bare "table"."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(dock.windowTitle())
    table.setModel(model)
    keep_headers(table)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(22)
    if select_rows:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves for the next widget; arrows move inside
    set_columns(table, samples, **measure)
    return table


def _order_words(order: Qt.SortOrder) -> str:
    return "ascending" if order == Qt.SortOrder.AscendingOrder else "descending"


def _say_empty(line: QLabel, table: QTableView) -> None:
    """`line` shown while `table` has no rows, and its words the table's description: Tab
    stops on the table, never on the line, and a screen reader heard an empty table's name
    alone ("Verification queue"), not why it was empty."""
    empty = table.model().rowCount() == 0
    line.setVisible(empty)
    table.setAccessibleDescription(line.text() if empty else "")


def _empty_line(text: str, name: str, parent: QWidget) -> QLabel:
    """What an empty side table says instead of bare headers."""
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


def _combo(parent: QWidget, name: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    return combo


def _label_for(widget: QWidget, text: str, parent: QWidget) -> QLabel:
    """A label beside `widget` and its buddy: what a screen reader names the widget by (on
    Windows its name; on Linux a "labelled by" relation, the name being the item shown)."""
    label = QLabel(text, parent)
    label.setBuddy(widget)
    return label


class WindowLayout(RememberedLayout):
    """Builds the widgets of `MainWindow`; needs its models (`proxy`, `seats_model`,
    `queue_model`, `recount_model`), `prefs`, and the slots the widgets call."""

    # --- the results table ------------------------------------------------------------

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        self.connection_bar = ConnectionBar(central)  # a server lost: first thing seen
        layout.addWidget(self.connection_bar)
        self.audit_banner = AuditBanner(central)
        layout.addWidget(self.audit_banner)
        self.strip = SummaryStrip(central)
        layout.addWidget(self.strip)
        layout.addWidget(self._build_filters(central))
        self.table = self._build_table(central)
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        # Typing selects the best match; Enter opens it; Down goes into the list.
        self.find = FindController(self.search, self.table, self.proxy, self)
        self.find.open_requested.connect(self.open_first_match)
        # (methods: gone with the window)
        self.table.selectionModel().selectionChanged.connect(self._row_chosen)
        for signal in (self.search.textChanged, self.status_filter.currentIndexChanged,
                       self.nation_filter.currentIndexChanged):
            signal.connect(self._choice_made)

    def _build_filters(self, parent: QWidget) -> FilterRow:
        self.search = QLineEdit(parent)
        self.search.setObjectName("searchEdit")
        self.search.setPlaceholderText("Find a constituency by name or code (Ctrl+F)…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find a constituency")  # a placeholder is not a name
        self.search.installEventFilter(MenuKeysFirst(self.search))  # Ctrl+E opens, on X11 too
        self.status_filter = _combo(parent, "statusFilter")
        self.status_filter.addItem("All statuses", None)
        for status in Status:
            self.status_filter.addItem(status.value.capitalize(), status)
        self.status_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_status(self.status_filter.currentData()))
        self.nation_filter = _combo(parent, "nationFilter")
        # Its items come with the night's seats, which a new election gets only from its
        # first import, after the window first showed: measured once (Qt's default) for no
        # item, it read "All natio" from then on. Measured again whenever they change.
        self.nation_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.nation_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_nation(self.nation_filter.currentData()))
        return FilterRow(parent, self.search, [
            _label_for(self.status_filter, "Status:", parent), self.status_filter,
            _label_for(self.nation_filter, "Nation:", parent), self.nation_filter])

    def _build_table(self, parent: QWidget) -> QTableView:
        table = QTableView(parent)
        table.setObjectName("constituencyTable")
        table.setAccessibleName(RESULTS_TABLE_NAME)
        table.setModel(self.proxy)
        keep_headers(table)
        table.setSortingEnabled(True)
        table.sortByColumn(cm.NAME, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab (and Ctrl+Tab) leave the table for the queue, the recount watch and the docks
        # beyond, as everywhere else; the arrow keys move between rows and cells. Qt's
        # default kept Tab inside, from cell to cell, and nothing after it was reachable.
        table.setTabKeyNavigation(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(24)
        # activated: Enter on a row, or a double-click
        table.activated.connect(lambda _: self.open_selected())
        table.setWordWrap(False)
        header = table.horizontalHeader()
        self.desk_sized = DeskSized(table)  # (first: told of a drag before what it refits)
        self.status_column_fit = GrowToFit(table)  # a rare, longer status widens it
        self.name_column_fit = NameFill(table)  # names take the room left, never cut to "Gla…"
        for col in DEFAULT_HIDDEN:
            header.setSectionHidden(col, True)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        table.addAction(chart_action(self, "&Export result card…",
                                     lambda: self.export_graphic("card"), "exportCard"))
        TableMenuKey(table)  # Shift+F10: that menu, by keyboard
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        return table

    def _column_menu(self, pos) -> None:
        """Right-click a column header: show or hide columns (remembered with the window)."""
        menu = QMenu(self)
        self.fill_column_menu(menu)
        try:
            menu.exec(self.table.horizontalHeader().mapToGlobal(pos))
        finally:  # the window's child: each right-click left a menu and its actions behind
            menu.deleteLater()

    def fill_column_menu(self, menu: QMenu) -> None:
        """`menu` made the results table's columns, each ticked while shown: the header's
        right-click menu, and View > Columns (the keyboard's way: Tab never reaches the
        header)."""
        header = self.table.horizontalHeader()
        menu.clear()
        for col, title in enumerate(cm.COLUMNS):
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(col))
            action.setEnabled(col != cm.NAME)
            action.toggled.connect(lambda on, c=col: header.setSectionHidden(c, not on))

    def fill_sort_menu(self, menu: QMenu) -> None:
        """`menu` made the results table's columns shown, the one sorted on ticked with its
        direction: View > Sort by, the keyboard's header click (Tab never reaches the
        header). Choosing the one sorted on turns it round, as a second click does."""
        header = self.table.horizontalHeader()
        menu.clear()
        for col, title in enumerate(cm.COLUMNS):
            if header.isSectionHidden(col):
                continue
            current = header.sortIndicatorSection() == col
            action = menu.addAction(f"{title} ({_order_words(header.sortIndicatorOrder())})"
                                    if current else title)
            action.setCheckable(True)
            action.setChecked(current)
            action.triggered.connect(lambda _=False, c=col: self._sort_on(c))

    def _sort_on(self, col: int) -> None:
        header = self.table.horizontalHeader()
        order = Qt.SortOrder.AscendingOrder  # a new column, as a click on its header sorts
        if header.sortIndicatorSection() == col:
            order = (Qt.SortOrder.DescendingOrder
                     if header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
                     else Qt.SortOrder.AscendingOrder)
        header.setSortIndicator(col, order)  # the table sorts as on a click
        # a header shown as a sign ("Maj %") said in its words, as the header is heard
        heard = self.model.headerData(col, Qt.Orientation.Horizontal,
                                      Qt.ItemDataRole.AccessibleTextRole) or cm.COLUMNS[col]
        self.say(f"Results sorted by {heard} ({_order_words(order)})", 5000)

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

    # --- docks ------------------------------------------------------------------------

    def _dock(self, title: str, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        return dock

    def _build_docks(self) -> None:
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.summary_dock = self._dock("National summary", "summaryDock")
        panel = QWidget(self.summary_dock)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(6, 6, 6, 6)
        self.summary_headline = QLabel(panel)
        self.summary_headline.setObjectName("summaryHeadline")
        self.summary_headline.setWordWrap(True)
        layout.addWidget(LabelHolder(self.summary_headline))
        # Before the first seat an empty table under its headers read as broken: say so, as
        # the charts and the recount watch do.
        self.summary_empty = QLabel(NO_SEATS, panel)
        self.summary_empty.setObjectName("summaryEmpty")
        self.summary_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary_empty.setWordWrap(True)
        layout.addWidget(self.summary_empty)
        for signal in (self.seats_model.rowsInserted, self.seats_model.rowsRemoved,
                       self.seats_model.modelReset):
            signal.connect(self._show_summary_empty)
        self.seats_table = side_table(self.summary_dock, panel, "seatsTable",
                                      self.seats_model,
                                      (None, "650", "\u2212251", "99,999,999", "100.0%"),
                                      select_rows=False, icons=(0,))
        layout.addWidget(self.seats_table)
        self._show_summary_empty()
        self.summary_dock.setWidget(panel)
        self.summary_dock.setMinimumWidth(360)
        self.addDockWidget(right, self.summary_dock)

        self.queue_dock = self._dock("Verification queue", "queueDock")
        panel = QWidget(self.queue_dock)
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 0, 0)
        # Bare headers read as broken, or as a queue not yet read: say it is empty.
        self.queue_empty = _empty_line(NO_ENTRIES_AWAITING, "queueEmpty", panel)
        box.addWidget(self.queue_empty)
        self.queue_table = side_table(self.queue_dock, panel, "queueTable", self.queue_model,
                                      ("00:00", None, "Jo Bloggs-Smith",
                                       "Declaration (recount 2)"))
        self.queue_name_fit = QueueNameFill(self.queue_table)  # whole names, as the watch's
        self.queue_table.activated.connect(self._verify_from_queue)
        box.addWidget(self.queue_table)
        for signal in (self.queue_model.rowsInserted, self.queue_model.rowsRemoved,
                       self.queue_model.modelReset):
            signal.connect(self._show_queue_empty)
        self._show_queue_empty()
        self.queue_dock.setWidget(panel)
        self.addDockWidget(right, self.queue_dock)

        self._build_recount_dock()
        self.addDockWidget(right, self.recount_dock)
        self._build_chart_docks()
        # Arranged (tabbed, split) once the saved layout is known: _restore_settings.

    def _build_recount_dock(self) -> None:
        self.recount_dock = self._dock("Recount watch", "recountDock")
        panel = QWidget(self.recount_dock)
        box = QVBoxLayout(panel)
        box.setContentsMargins(4, 4, 4, 4)
        # Its words are announced by the status bar, which says them too (`alarm`).
        self.recount_alert = DismissableAlert("Recount alert", panel, speaks=False)
        self.recount_alert.setObjectName("recountAlert")
        self.recount_alert.dismiss_button.setObjectName("recountAlertDismiss")
        self.recount_alert.dismissed.connect(self.dismiss_recount_alert)  # window_live
        self.recount_alert.setWordWrap(True)
        self.recount_alert.setStyleSheet(ALERT_BANNER)
        self.recount_alert.hide()
        box.addWidget(self.recount_alert)
        # An empty table reads as broken: say there is nothing to watch (as the graphic does).
        self.recount_empty = _empty_line(NO_RECOUNT_SEATS, "recountEmpty", panel)
        box.addWidget(self.recount_empty)
        for signal in (self.recount_model.rowsInserted, self.recount_model.rowsRemoved,
                       self.recount_model.modelReset):
            signal.connect(self._show_recount_empty)
        self.recount_table = side_table(self.recount_dock, panel, "recountTable",
                                        self.recount_model,
                                        (None, "99,999", "0.50%", "Green (tied)",
                                         "Green (tied)"),  # a tie says so, never cut
                                        icons=(3, 4), bold_text=True)
        # names whole beside their majority, the dock scrolling sideways where it is narrow
        self.recount_name_fit = WatchNameFill(self.recount_table)
        # The majority first, where the sideways scroll never takes it: after the names, a
        # large font on a laptop's dock cut 15, 18 and 118 to a lone "1" at the edge.
        self.recount_table.horizontalHeader().moveSection(WATCH_MAJORITY, 0)
        self.recount_table.activated.connect(self._open_from_recount)
        self.recount_table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.recount_table.addAction(chart_action(self, "&Export recount watch…",
                                                  lambda: self.export_graphic("recounts"),
                                                  "exportRecounts"))
        TableMenuKey(self.recount_table)
        box.addWidget(self.recount_table)
        self._show_recount_empty()
        self.recount_dock.setWidget(panel)

    def _show_summary_empty(self, *_args) -> None:
        _say_empty(self.summary_empty, self.seats_table)

    def _show_recount_empty(self, *_args) -> None:
        _say_empty(self.recount_empty, self.recount_table)

    def _show_queue_empty(self, *_args) -> None:
        _say_empty(self.queue_empty, self.queue_table)

    def _build_chart_docks(self) -> None:
        self.provisional_action = chart_action(
            self, "Show &provisional seats on charts", self._toggle_provisional,
            "showProvisionalAction", checkable=True, checked=self.prefs.show_provisional)
        self.seat_view = ChartView(SeatChart(), "seatChart")
        self.hemicycle_view = ChartView(HemicycleChart(), "hemicycle")
        self.shares_view = ChartView(VoteShareChart(), "voteShare")
        self.timeline_view = ChartView(TimelineChart(), "timeline")
        self.map_view = MapView()
        self.map_view.seat_clicked.connect(self.select_from_map)
        # The seat the Declaration actions work on, ringed on the map, wherever it was
        # chosen from: the row selected, or the one a search or filter leaves.
        for signal in (self.table.selectionModel().selectionChanged, self.proxy.modelReset,
                       self.proxy.layoutChanged, self.proxy.rowsInserted,
                       self.proxy.rowsRemoved):
            signal.connect(self._pick_on_map)  # (a method: gone with the window)
        self.chart_docks = []
        for attribute, title, name, kind in CHART_DOCKS:
            view = getattr(self, attribute)
            view.add_menu_action(self.provisional_action)
            view.add_menu_action(chart_action(self, "&Export…", lambda k=kind:
                                              self.export_graphic(k), f"export_{kind}"))
            dock = self._dock(title, name)
            dock.setWidget(view)
            dock.visibilityChanged.connect(view.visibility_changed)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.chart_docks.append(dock)

    def _build_keyboard_focus(self) -> None:
        """Tab goes as the eye does: a rehearsal's toolbar (Jump to, Speed), the find box,
        the filters, the table, then the docks on the right from the top (the charts and
        the read-outs, tabs of one group, their tab bar; then the queue, the recount watch
        (its banner's Dismiss first), the summary and theirs:
        focus_ring.bars_after_their_docks, as Qt makes the bars later). Widgets behind
        another tab are passed over (MainWindow.focusNextPrevChild). A dock tab bar with
        the focus is ringed (the style's own mark is a faint tint of one tab); a table
        reached with no row chosen chooses the one it is on (RowOnArrival)."""
        self.tab_focus_ring: InsetFocusRing | None = None  # made when first needed
        QApplication.instance().focusChanged.connect(self._ring_dock_tabs)
        charts = [view.canvas for view in (self.seat_view, self.hemicycle_view,
                                           self.shares_view, self.timeline_view)]
        # (a practise rehearsal's read-outs come after the map: RehearsalViews.readout_panel)
        chain = [self.rehearsal_jump, self.rehearsal_speed,  # (hidden on a live night)
                 self.search, self.status_filter, self.nation_filter, self.table,
                 *charts, self.map_view.zoom, self.map_view.canvas,
                 self.queue_table, self.recount_alert.dismiss_button, self.recount_table,
                 self.seats_table]  # (the banner's Dismiss: passed over while it is hidden)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        # The window's first focus, as a live night's: the chain's head is a rehearsal's
        # Jump to box (so it comes round just before the find box), which Qt gave the
        # keyboard on opening, a seat's name typed there as a time.
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.row_on_arrival = RowOnArrival(self)
        for table in (self.table, self.queue_table, self.recount_table, self.seats_table):
            table.installEventFilter(self.row_on_arrival)
        self.focus_in_sight = FocusInSight(self)  # never in a dock behind another's tab

    def _ring_dock_tabs(self, _old, new) -> None:
        """The focus ring follows the keyboard onto (and off) the docks' tab bars."""
        bar = new if isinstance(new, QTabBar) and new.parent() is self else None
        if self.tab_focus_ring is None:
            if bar is None:
                return
            self.tab_focus_ring = InsetFocusRing(self)  # (when Tab first goes there)
        self.tab_focus_ring.setWidget(bar)

    def chart_canvases(self) -> list:
        return [v.canvas for v in (self.seat_view, self.hemicycle_view, self.shares_view,
                                   self.timeline_view, self.map_view)]

    def _pick_on_map(self, *_args) -> None:
        self.map_view.pick(self.selected_code())

    def select_from_map(self, code: str) -> None:
        """A seat clicked on the map: selected in the results table, the search and
        filters cleared first if they hide it, and the keyboard there if it was in a list of
        seats (the watch, the queue, the read-outs): the canvas takes no focus, and a
        Declaration shortcut then acted on that list's row, not the seat clicked."""
        self.reveal_code(code)
        if self._focused_list() is not None:
            self.table.setFocus(Qt.FocusReason.MouseFocusReason)

    # --- status bar ----------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        self._alarm_text = ""  # the status bar's red message, while it shows (MainWindow.alarm)
        self.setStatusBar(ElidingStatusBar(self))  # a long alert ends in "…", not mid-word
        self.statusBar().messageChanged.connect(self._status_changed)
        self.user_label = QLabel(self)
        self.user_label.setObjectName("userLabel")
        self.statusBar().addPermanentWidget(self.user_label)
        self.declared_label = QLabel(self)
        self.declared_label.setObjectName("declaredLabel")
        self.statusBar().addPermanentWidget(LabelHolder(self.declared_label))
        self.audit_label = AuditHeadLabel(self)
        self.statusBar().addPermanentWidget(self.audit_label)
