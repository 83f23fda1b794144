"""The main window's remembered layout: the docks' first-run arrangement, and the geometry,
docks and results header saved when the window closes and brought back when it opens, with
what a damaged settings file or a monitor no longer there leaves (the first run's place).
A mixin of `WindowLayout` (kept apart to keep modules short).
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from . import constituency_model as cm
from .name_fill import winner_gives_way
from .sizing import first_geometry, fit_results_columns, tabs_width

log = logging.getLogger(__name__)
NO_AREA = Qt.DockWidgetArea.NoDockWidgetArea
SETTINGS = "mainWindow/"
# The first run's width of the docks beside the results (charts above, queues below).
FIRST_DOCK_WIDTH = 470
# The most of the window's width the docks are given, wider than that, so their tabs read
# whole in a large font: the results table keeps more than half the window.
DOCKS_MOST = 0.45
_COUNT = re.compile(r"\d+")  # a dock title's count: "Verification queue (3)"
# The results table's header (widths, order, hidden columns); renamed when the columns came to
# be measured (issue 13), so a header saved with the old fixed widths is not brought back.
HEADER_KEY = "resultsHeader"
WINNER_GIVES_WAY_KEY = "winnerGivesWay"  # whether the Winner column was left to give way
# The table's font the saved widths are in, and the columns the desk sized itself (by the
# mouse): in another font (the system's made larger, the app started again), the others
# are measured again, as pixels measured in 9 pt cut a 16-pt "RECOUNT · provisional".
HEADER_FONT_KEY = "resultsHeaderFont"
DESK_SIZED_KEY = "resultsSizedByDesk"


def _saved_name(name: str) -> bytes:
    """A dock's objectName as QMainWindow.saveState writes it (a QString: UTF-16, big-endian),
    to tell whether a saved state knows that dock."""
    return name.encode("utf-16-be")


def _saved_bytes(settings: QSettings, key: str) -> QByteArray | None:
    """Saved `key` as Qt wrote it; None if not bytes (a damaged file: restore* raised)."""
    value = settings.value(SETTINGS + key)
    return value if isinstance(value, QByteArray) else None


def _saved_flag(settings: QSettings, key: str) -> bool:
    """Saved `key` as a yes or no: QSettings' INI file gives "true" back as text; none
    saved (a layout from before it was kept), or a damaged value, is yes (as a first run)."""
    value = settings.value(SETTINGS + key, True)
    return value if isinstance(value, bool) else str(value).lower() != "false"


def _saved_columns(settings: QSettings) -> set[int]:
    """The columns saved as the desk's, "4,10" (none if damaged)."""
    value = settings.value(SETTINGS + DESK_SIZED_KEY, "")
    parts = value if isinstance(value, list) else str(value).split(",")  # (INI: a list)
    try:
        columns = {int(str(part)) for part in parts if str(part).strip()}
    except ValueError:
        return set()
    return {c for c in columns if 0 <= c < len(cm.COLUMNS)}


class RememberedLayout:
    """Needs the docks (`chart_docks`, `queue_dock`, `recount_dock`, `summary_dock`,
    `readout_dock`), `table`, `name_column_fit` and `desk_sized` (`WindowLayout` builds
    them)."""

    def _arrange_docks(self) -> None:
        """The first-run layout: the charts as tabs (the seat chart in front) above the
        desk's lists, the verification queue, the recount watch (in front) and the national
        summary, the results table keeping most of the width. Two bars, so every tab is in
        sight at the first-run width: six on one bar hid the map and the timeline behind
        its scroll arrows. A practise rehearsal's read-outs are one more tab beside the
        charts (tabbed, not a column of their own: a column beside the table cut its names
        and pushed Declared out of sight)."""
        charts = self.chart_docks[0]
        self.splitDockWidget(charts, self.queue_dock, Qt.Orientation.Vertical)
        for dock in (self.recount_dock, self.summary_dock):
            self.tabifyDockWidget(self.queue_dock, dock)
        for dock in (*self.chart_docks[1:], self.readout_dock):
            self.tabifyDockWidget(charts, dock)
        self.recount_dock.raise_()
        charts.raise_()
        self.resizeDocks([charts], [self._first_dock_width()], Qt.Orientation.Horizontal)
        self.resizeDocks([charts, self.recount_dock], [420, 260], Qt.Orientation.Vertical)

    def _first_dock_width(self) -> int:
        """FIRST_DOCK_WIDTH; or, where a tab bar's titles need more in the window's font (a
        desk's large font, set for the eyes at 3 a.m.: 16 pt cut "Verification q…" at
        1920 × 1080), that width, if it is no more than DOCKS_MOST of the window. Else (16 pt
        at 1366 × 768) FIRST_DOCK_WIDTH still: a dock wider but its tabs still cut would cost
        the results table for nothing; the tabs are shortened with "…" and whole on hover
        (app_style_sheet). Measured with each count as two digits at least, so the queue
        growing from (0) to (12) cuts nothing."""
        bars = ([*self.chart_docks, self.readout_dock],  # (a practise night's read-outs)
                [self.queue_dock, self.recount_dock, self.summary_dock])
        needed = max(tabs_width([_COUNT.sub(lambda m: "9" * max(2, len(m[0])), d.windowTitle())
                                 for d in bar], self.font()) for bar in bars)
        if needed <= FIRST_DOCK_WIDTH or needed > self.width() * DOCKS_MOST:
            return FIRST_DOCK_WIDTH
        return needed

    def _restore_docks(self, state: QByteArray) -> bool:
        """The docks where they were saved (False: a state Qt cannot read). A dock the state
        does not know (saved by an earlier version, before the Timeline, the Map or the
        read-outs had a tab, or under another name) goes in among its own kind: a chart or
        the read-outs beside the charts, a list beside the lists. Qt gives each a strip of
        its own down the right, and each strip's least height added to the window's: on a
        laptop the window came up taller than the screen, its status bar below it."""
        if not self.restoreState(state):
            return False
        saved = bytes(state.data())

        def known(dock) -> bool:
            return _saved_name(dock.objectName()) in saved

        lists = (self.queue_dock, self.recount_dock, self.summary_dock)
        kinds = (((*self.chart_docks, self.readout_dock),
                  (self.chart_docks[0], self.summary_dock, *self.chart_docks, *lists)),
                 (lists, (*lists, *self.chart_docks)))
        for docks, places in kinds:
            for dock in docks:
                if known(dock):
                    continue
                # Moved by tabbing (which Qt makes safe while a restored state is pending,
                # as it is for a maximised window not shown yet), not by
                # restoreDockWidget: that crashed.
                beside = next((d for d in places if known(d) and not d.isFloating()
                               and self.dockWidgetArea(d) != NO_AREA), None)
                if beside is not None:
                    self.tabifyDockWidget(beside, dock)
        return True

    def _fits_screen(self, state: QByteArray) -> bool:
        """Whether the window, its docks arranged as `state` has them, fits the screen it
        opens on: tried on stand-ins (`_StandIns`), not on the docks themselves, which Qt
        cannot arrange again once a state is restored (it crashed)."""
        stand_ins = _StandIns(self)
        try:
            if not stand_ins._restore_docks(state):
                return True  # (refused by the window's own restore too)
            stand_ins.layout().activate()
            least = stand_ins.minimumSizeHint()
        finally:
            stand_ins.deleteLater()
        # the window's menu and status bars, which the stand-ins have not
        least.setHeight(least.height() + self.menuBar().sizeHint().height()
                        + self.statusBar().sizeHint().height())
        room = self.screen().availableGeometry()
        return least.width() <= room.width() and least.height() <= room.height()

    def _restore_settings(self) -> None:
        settings = QSettings()
        # Refused (garbage, a monitor now unplugged): first-run place, not Qt's default size.
        geometry, place = _saved_bytes(settings, "geometry"), None
        if geometry is None or not self.restoreGeometry(geometry):
            geometry = None  # the first time: most of the screen
            place = first_geometry(self.screen().availableGeometry())
            if place is None:
                # At the size it will have, so the docks below are arranged for it: laid
                # out in the small window of before, they kept their least width once
                # maximised (360 px, cutting the recount watch's figures on a laptop).
                self.resize(self.screen().availableGeometry().size())
                self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
            else:
                self.setGeometry(place)
        # One layout for every night, live or rehearsal: a desk rehearses in the arrangement
        # it will use live. What only a rehearsal has (its toolbar, the read-outs) is shown
        # or hidden by the database open, never by the saved state (RehearsalViews).
        state = _saved_bytes(settings, "state")
        if state is not None and not self._fits_screen(state):
            # Made on a larger screen (docks side by side, or one above another, that a
            # laptop's 768 px cannot hold): restored, the window came up taller than the
            # screen, its status bar and the foot of the table and docks out of reach.
            room = self.screen().availableGeometry()
            log.warning("the docks' arrangement saved does not fit this screen (%s x %s): "
                        "arranged as on a first run", room.width(), room.height())
            self.statusBar().showMessage(
                "The docks' arrangement saved does not fit this screen: they are arranged "
                "as on a first run.", 30_000)
            state = None
        # The docks are arranged with the layout off: Qt (6.11) asked for a second tab bar
        # while laying out builds one twice and leaves the spare on the window, a stray
        # "Nati…" tab showing beside the table and taking the keyboard focus. For the same
        # reason the saved state is restored over docks not yet tabbed: the tab bars of the
        # default arrangement were left behind when a state replaced them.
        self.layout().setEnabled(False)
        try:
            if state is None or not self._restore_docks(state):
                self._arrange_docks()
        finally:
            self.layout().setEnabled(True)
            self.layout().activate()  # laid out now, as it was when the docks were arranged live
        if geometry is None and place is not None:
            # the docks' least size is known now: centred still if it is more than 90 %
            self.setGeometry(first_geometry(self.screen().availableGeometry(),
                                            self.minimumSize()))
        widths = fit_results_columns(self.table)  # the rows are in: measured from them
        measured = widths[cm.WINNER]
        header = _saved_bytes(settings, HEADER_KEY)
        restored = header is not None and self.table.horizontalHeader().restoreState(header)
        if restored:
            self._measured_again(settings, widths)
        # The Winner column gives way to the majorities unless the desk sized it (saved
        # with the layout): a width given way on a laptop is not kept for a larger screen.
        # A header Qt refused brings no width of the desk's back: it gives way then too.
        if not restored or _saved_flag(settings, WINNER_GIVES_WAY_KEY):
            winner_gives_way(self.name_column_fit, measured)  # (and fits the names)
        else:
            self.name_column_fit.fit()

    def _measured_again(self, settings: QSettings, widths: dict[int, int]) -> None:
        """Saved in another font than the table's now, the widths measured then are measured
        again (`widths`, as a first run measures them); the desk's own stay, the Status
        column at least as wide as its statuses need (as GrowToFit widens it). Saved in the
        same font (or before the font was kept), every saved width is back as it was."""
        self.desk_sized.columns |= _saved_columns(settings)
        font = settings.value(SETTINGS + HEADER_FONT_KEY)
        if not isinstance(font, str) or font == self.table.font().toString():
            return
        header = self.table.horizontalHeader()
        for col, width in widths.items():
            if col == cm.WINNER:  # (gives way from `widths`, or is the desk's: the flag's)
                continue
            if col not in self.desk_sized.columns:
                header.resizeSection(col, width)
            elif col == cm.STATUS and not header.isSectionHidden(col):
                header.resizeSection(col, max(width, header.sectionSize(col)))

    def _save_settings(self) -> None:
        settings = QSettings()
        settings.setValue(SETTINGS + "geometry", self.saveGeometry())
        settings.setValue(SETTINGS + "state", self.saveState())
        settings.setValue(SETTINGS + HEADER_KEY, self.table.horizontalHeader().saveState())
        settings.setValue(SETTINGS + WINNER_GIVES_WAY_KEY, self.name_column_fit.giving_way)
        settings.setValue(SETTINGS + HEADER_FONT_KEY, self.table.font().toString())
        settings.setValue(SETTINGS + DESK_SIZED_KEY,
                          ",".join(map(str, sorted(self.desk_sized.columns))))


class _StandIns(RememberedLayout, QMainWindow):
    """Stand-ins of `window`'s docks (their names and titles, as closed or not, at least as
    large as each needs) and of its table, to try a saved state on (`_fits_screen`) before
    the window's own docks are given it."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__()
        middle = QWidget(self)
        middle.setMinimumSize(window.centralWidget().minimumSizeHint())
        self.setCentralWidget(middle)
        self.setFont(window.font())
        self.resize(window.size())
        right = Qt.DockWidgetArea.RightDockWidgetArea

        def stand_in(dock: QDockWidget) -> QDockWidget:
            twin = QDockWidget(dock.windowTitle(), self)
            twin.setObjectName(dock.objectName())
            inside, widget = QWidget(twin), dock.widget()  # (none yet: the read-outs)
            if widget is not None:
                inside.setMinimumSize(widget.minimumSizeHint().expandedTo(
                    widget.minimumSize()))
            twin.setWidget(inside)
            twin.setMinimumSize(dock.minimumSize())
            self.addDockWidget(right, twin)
            twin.setHidden(dock.isHidden())
            return twin

        self.summary_dock, self.queue_dock, self.recount_dock = map(
            stand_in, (window.summary_dock, window.queue_dock, window.recount_dock))
        self.chart_docks = [stand_in(d) for d in window.chart_docks]
        self.readout_dock = stand_in(window.readout_dock)
