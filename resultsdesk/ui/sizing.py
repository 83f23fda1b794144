"""How big the window opens, and how wide the tables' columns are: measured in the fonts the
views draw with, from the texts each column shows, so names and statuses read in full and
short figures take little room.

Widths are measured once (ResizeToContents would measure every row again on every live
update, which costs more than the update itself); `GrowToFit` then widens a column when an
updated row shows something wider, measuring just the rows that changed. The name columns,
which take the room the others leave, are name_fill.py's.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QStyle,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)

from ..desk.overview import ConstituencyRow
from ..domain.model import DeclarationKind, Status
from . import constituency_model as cm

FIRST_SHARE = 0.9  # of the screen's available area, the first time the window opens
# Below this (a 1366 x 768 laptop) 90 % is cramped: the window opens maximised instead.
FIRST_MIN = QSize(1280, 720)
SLACK = 6  # pixels beyond the measured text, so a bold or wider glyph never elides
MAX_CHARS = 34  # a column sized from data is never wider than this many average characters
LONGEST = 24  # of a column's texts, the longest (in characters) are measured


def first_geometry(available: QRect, least: QSize | None = None) -> QRect | None:
    """Where the window opens when nothing is remembered: 90 % of the screen's available
    area (or the window's `least` size, if larger), centred; None (open maximised) when 90 %
    would be smaller than FIRST_MIN."""
    width = round(available.width() * FIRST_SHARE)
    height = round(available.height() * FIRST_SHARE)
    if width < FIRST_MIN.width() or height < FIRST_MIN.height():
        return None
    rect = QRect(0, 0, width, height)
    if least is not None:
        rect.setSize(rect.size().expandedTo(least))
    rect.moveCenter(available.center())
    return rect


# Qt's name for the widget a scroll area shows its contents in (QAbstractScrollArea's own).
VIEWPORT_NAME = "qt_scrollarea_viewport"


def window_frame(window: QWidget) -> int:
    """The window manager's frame above and below a window, which a screen's available
    geometry does not count (before it is shown, a title bar's height and a little)."""
    framed = window.frameGeometry().height() - window.height()  # 0 until it is framed
    return framed if framed > 0 else \
        window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight) + 8


def fitting_height(window: QWidget, wanted: int) -> int:
    """`wanted`, or less where the screen the window opens on (its parent's) is shorter."""
    screen = (window.parentWidget() or window).screen()
    return min(wanted, screen.availableGeometry().height() - window_frame(window))


def fitting_size(window: QWidget, width: int, height: int) -> QSize:
    """`width` × `height`, or less where the screen the window opens on is smaller: a
    dialog opened at a fixed 1100 pixels hung past a 1024-pixel laptop's edge, its Close
    button out of reach (its tables scroll instead)."""
    screen = (window.parentWidget() or window).screen()
    sides = window.frameGeometry().width() - window.width()  # 0 until it is framed
    room = screen.availableGeometry().width() - (sides if sides > 0 else 8)
    return QSize(min(width, room), fitting_height(window, height))


def viewport_of(area: QAbstractScrollArea) -> QWidget:
    """`area.viewport()`, the first time without PySide's search for its class: a QWidget
    that Python has no object for yet, returned as a QWidget, is matched against every
    QWidget subclass PySide knows, each of which (QWizard, QMdiArea, QCalendarWidget…) is
    built with its enums on the way: ~15 ms of the first window, for a plain QWidget.
    Found as a child (typed by its QMetaObject, ~0.1 ms), it then has its Python object,
    which `viewport()` returns at once; a Qt without that child name still gets the right
    widget, only by the slow way."""
    area.findChild(QWidget, VIEWPORT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return area.viewport()


# The attribute of a view that holds its header views' Python objects (keep_headers).
_KEPT = "_kept_headers"


def keep_headers(view: QTableView | QTreeView) -> tuple[QHeaderView, ...]:
    """Keeps Python objects of `view`'s header views for as long as the view's own lives,
    and returns them. The headers are reached from Python (sized, connected, saved), and
    an earlier session saw a full night's window segfault after Switch user once the cyclic
    collector ran (a window without the app's first-paint `gc.freeze`), the header views'
    wrappers collected; held by their view they are never collected before it. Every
    table and tree in the UI is made through this."""
    if isinstance(view, QTableView):
        headers: tuple[QHeaderView, ...] = (view.horizontalHeader(), view.verticalHeader())
    else:
        headers = (view.header(),)
    setattr(view, _KEPT, headers)
    return headers


def kept_headers(view: QTableView | QTreeView) -> tuple[QHeaderView, ...]:
    """The header views `keep_headers` holds for `view` (none if it was never asked)."""
    return getattr(view, _KEPT, ())


def _text_margin(view: QAbstractItemView) -> int:
    """What an item view puts either side of a cell's text (as its delegate measures)."""
    style = view.style()
    return style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1


def cell_width(view: QAbstractItemView, texts: Iterable[str], *, font: QFont | None = None,
               icon: bool = False) -> int:
    """The width a column needs to show each of `texts` in full, in `font` (the view's
    by default), after a decoration (the party chip) if `icon`."""
    metrics = QFontMetrics(font or view.font())
    widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
    extra = 2 * _text_margin(view) + SLACK
    if icon:
        extra += view.iconSize().width() if view.iconSize().isValid() else 16
        extra += 2 * _text_margin(view)
    return widest + extra


def tabs_width(titles: Iterable[str], font: QFont) -> int:
    """The width a tab bar needs to show each of `titles` whole, in `font`: Qt's own measure
    of each tab (the text, the style's padding and frame), on a bar made to measure."""
    bar = QTabBar()
    bar.setFont(font)
    for title in titles:
        bar.addTab(title)
    bar.ensurePolished()  # (the style sheet's tabs, if it sizes them)
    return sum(bar.tabSizeHint(i).width() for i in range(bar.count()))


def header_width(view: QTableView, column: int) -> int:
    """The width a column's title needs (Qt's own measure: with the sort arrow when the
    table sorts)."""
    return view.horizontalHeader().sectionSizeFromContents(column).width()


def bold(view: QTableView) -> QFont:
    font = QFont(view.font())
    font.setBold(True)
    return font


def set_columns(view: QTableView, samples: Iterable[str | None], *,
                icons: Iterable[int] = (), bold_text: bool = False) -> None:
    """Each column in order: None stretches; a text is a sample the column must show in full
    (and its title too), after a party chip in the `icons` columns, bold if `bold_text`."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    font = bold(view) if bold_text else None
    for col, sample in enumerate(samples):
        if sample is None:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
            continue
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        width = cell_width(view, [sample], font=font, icon=col in set(icons))
        header.resizeSection(col, max(width, header_width(view, col)))


def _usual(status: Status, *, tie: bool = False, winner_party: str | None = None,
           **more) -> ConstituencyRow:
    """A row as a seat in one of the usual states shows it (only what its status reads)."""
    return ConstituencyRow(code="", name="", nation="", region="", status=status,
                           winner_party=winner_party, winner_name=None, tie=tie, **more)


# The usual statuses, each with whether it is drawn bold (a recount under way or a tie), in
# the words the table shows (`status_text`, not copies: "RECOUNT · tie" outlived the tie's
# status saying which): the column is this wide from the start; rarer, longer ones
# ("RECOUNT · verified · correction pending") widen it when a seat shows one (GrowToFit).
USUAL_STATUSES = frozenset(cm.status_cells((
    _usual(Status.PROVISIONAL, recount_under_way=True),
    _usual(Status.VERIFIED, recount_under_way=True),
    _usual(Status.VERIFIED, correction_pending=True),
    # a tie as it goes: keyed, verified (a recount called on it), its lot keyed, verified
    _usual(Status.PROVISIONAL, tie=True),
    _usual(Status.VERIFIED, tie=True),
    _usual(Status.VERIFIED, tie=True, recount_under_way=True),
    _usual(Status.VERIFIED, tie=True, pending_over_verified=DeclarationKind.LOT),
    _usual(Status.VERIFIED, tie=True, winner_party="Con"),
)))
# Typical of the longest in each column, for a night with no results in yet.
SAMPLES = {
    cm.CODE: ["E14001077"], cm.NATION: ["Northern Ireland"],
    cm.REGION: ["Yorkshire and The Humber"], cm.MAJORITY: ["99,999"],
    cm.MAJORITY_PCT: ["99.99%"], cm.TURNOUT: ["99.9%"], cm.TURNOUT_CHANGE: ["+99.9"],
    cm.RESULT: ["Green gain from Con"], cm.SWING: ["16.6 Lab→Green"], cm.DECLARED: ["05:05"],
    cm.WINNER: ["Tie: to be decided by lot", "Con · Geoffrey Clifton-Brown"],
}


def fit_results_columns(table: QTableView) -> dict[int, int]:
    """The results table: the constituency name takes the room left; every other column is
    as wide as its widest text (samples, and every seat's row), at most MAX_CHARS. Returns
    each of those columns' width (a hidden one's too, which the header reads as 0)."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    # Not Stretch: a stretched section shrinks to nothing when the table is narrow (a dock
    # beside it), cutting every name to "Gla…". NameFill gives it the room left, at least
    # NAME_MIN_CHARS; the table scrolls sideways below that.
    header.setSectionResizeMode(cm.NAME, QHeaderView.ResizeMode.Interactive)
    model = table.model()
    model = model.sourceModel() if hasattr(model, "sourceModel") else model  # all rows, fast
    rows = model.rows  # (its list, not a call of row_at for each of 50,000 rows)
    cap = QFontMetrics(table.font()).averageCharWidth() * MAX_CHARS
    widths = {}
    for col in range(len(cm.COLUMNS)):
        if col == cm.NAME:
            continue
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        if col == cm.STATUS:
            width = status_width(table, {*USUAL_STATUSES, *cm.status_cells(rows)})
        else:
            texts = {*SAMPLES[col], *cm.column_texts(rows, col)}
            # The widest is among the longest: measuring 650 rows' texts would slow the start.
            longest = heapq.nlargest(LONGEST, texts, key=len)
            width = min(cell_width(table, longest, icon=col == cm.WINNER), cap)
        widths[col] = max(width, header_width(table, col))
        header.resizeSection(col, widths[col])
    return widths


def status_width(table: QTableView, cells: Iterable[tuple[str, bool]]) -> int:
    """What the status column needs for `cells`, (text, bold) pairs: each text measured in
    the font its row draws it in. Told by the row, not the text: a text looked up among
    those known to be bold ("RECOUNT · verified · recount 1 pending" was not) was measured
    plain, and cut short in bold."""
    cells = set(cells)
    plain = [text for text, in_bold in cells if not in_bold]
    heavy = [text for text, in_bold in cells if in_bold]
    return max(cell_width(table, plain), cell_width(table, heavy, font=bold(table)))


class GrowToFit(QObject):
    """Widens the results table's status column when a row comes to show a status wider
    than it (never narrows it: a width the user chose stays)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table
        # The rows themselves (a search or a filter only hides some: nothing new to measure).
        self._model = model = table.model().sourceModel()
        model.dataChanged.connect(self._changed)
        model.modelReset.connect(self._reset)

    def _reset(self) -> None:
        self._measure(self._model.rows)

    def _changed(self, top, bottom, _roles=()) -> None:
        if top.column() <= cm.STATUS <= bottom.column():
            self._check(range(top.row(), bottom.row() + 1))

    def _check(self, rows: Iterable[int]) -> None:
        self._measure([self._model.row_at(r) for r in rows])

    def _measure(self, rows: list[ConstituencyRow]) -> None:
        cells = cm.status_cells(rows)
        if not cells:
            return
        header = self._table.horizontalHeader()
        needed = status_width(self._table, cells)
        if needed > header.sectionSize(cm.STATUS):
            header.resizeSection(cm.STATUS, needed)


class DeskSized(QObject):
    """The columns of a table the desk sized itself, by the mouse on its header (an edge
    dragged or double-clicked), as against those sized by measuring what they show: a width
    measured in one font is measured again in another (`RememberedLayout`), the desk's own
    is theirs. Of the sections resized while the mouse is down, the first is the one under
    it: the others are refitted by it (made before `NameFill`, its slot is called first)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.columns: set[int] = set()
        self._grabbed: int | None = None
        self._down = False
        header = table.horizontalHeader()
        viewport_of(header).installEventFilter(self)
        header.sectionResized.connect(self._resized)

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        # The left button only: a right click opens the header's menu of columns, whose
        # release never comes back here (a column shown from it is not sized by the desk).
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self._down = event.button() == Qt.MouseButton.LeftButton
            self._grabbed = None
        elif kind == QEvent.Type.MouseButtonRelease:
            self._down = False
        return False

    def _resized(self, column: int, _old: int, new: int) -> None:
        if self._down and self._grabbed is None and new > 0:
            self._grabbed = column
            self.columns.add(column)
