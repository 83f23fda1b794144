"""The name columns of the window's tables (the results table, the recount watch, the
verification queue): a seat's name whole, the column taking the room the others leave and
never less than its longest name needs (the table scrolls sideways instead); and the results
table's winner column giving way to it, down to WINNER_LEAST_CHARS. Split from sizing.py,
whose measures they use."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from operator import attrgetter

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

from . import constituency_model as cm
from .queue_model import NAME as QUEUE_NAME
from .sizing import LONGEST, bold, cell_width, header_width, viewport_of

KEPT_WIDTHS = 5_000  # names' widths the recount watch keeps (`WatchNameFill`)
NAME_MIN_CHARS = 26  # the name column's least width with no names in (average characters)
WINNER_LEAST_CHARS = 16  # the narrowest the winner gives way to ("Lab · Stephen K…")


def winner_gives_way(fill: NameFill, measured: int) -> None:
    """The results table's winner column gives way (`NameFill.give_way`), down to
    WINNER_LEAST_CHARS, by what Majority and Maj % lack to be in sight: at 16 pt on 1920 x
    1080 the names, statuses and winners in full filled the table and the recount margins
    were behind its sideways scroll. The party leads the winner's text ("Lab · Stephen
    Kinn…"), its whole text on hover (the model's tooltip); the names stay whole.
    `measured`: the column's width for its texts (`fit_results_columns`)."""
    table = fill.parent()
    least = max(QFontMetrics(table.font()).averageCharWidth() * WINNER_LEAST_CHARS,
                header_width(table, cm.WINNER))
    fill.give_way(cm.WINNER, least, cm.MAJORITY_PCT, measured)


_NAME = attrgetter("name")


class NameFill(QObject):
    """The results table's name column takes the width the other columns leave, but never
    less than its longest name needs (the table scrolls sideways instead: a desk finds seats
    by name, and "Altrincham and Sale W…" is not one): refitted when the table or a column
    is resized, a column is shown or hidden, or another night's seats are loaded."""

    column = cm.NAME
    floor_chars = NAME_MIN_CHARS

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table
        self._busy = False
        self._in_layout = False  # the model's rows moving (`_rows_moving`)
        self._least = 0
        # (column, its measured width, the least it narrows to, the last column to bring
        # into sight), while a column gives way (`give_way`); the width it was last given
        self._giving: tuple[int, int, int, int] | None = None
        self._given: int | None = None
        viewport_of(table).installEventFilter(self)
        header = table.horizontalHeader()
        header.sectionResized.connect(self._section_resized)
        header.sectionCountChanged.connect(lambda *_: self.fit())
        model = table.model()
        # Connected after the header: ours run once it has laid its sections out again.
        # (Methods, not lambdas: Qt lets go of them with this object, the model may not.)
        model.layoutAboutToBeChanged.connect(self._rows_moving)
        model.layoutChanged.connect(self._rows_moved)
        self._model = model.sourceModel() if hasattr(model, "sourceModel") else model
        self._model.modelReset.connect(self._names_changed)  # another night's seats
        self._names_changed()

    def _names(self) -> set[str]:
        return set(map(_NAME, self._model.rows))  # (50,000 names read in C, as a night opens)

    def _font(self) -> QFont | None:
        return None  # the table's

    def _names_changed(self, *_args) -> None:
        table = self._table
        # The widest is among the longest (as for the other columns): a start measures few.
        longest = heapq.nlargest(LONGEST, self._names(), key=len)
        floor = QFontMetrics(table.font()).averageCharWidth() * self.floor_chars
        self._least = max(floor, cell_width(table, longest, font=self._font()),
                          header_width(table, self.column))
        self.fit()

    @property
    def least(self) -> int:
        """The narrowest the name column gets: its longest name in full."""
        return self._least

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _section_resized(self, index: int, _old: int, _new: int) -> None:
        if index != self.column:
            self.fit()

    def _rows_moving(self, *_args) -> None:
        """Not fitted while the rows move (a search typed, a sort, a filter): Qt hides the
        hidden columns again one by one meanwhile, every other section at its default 100
        px, and the winner column read as sized by the desk: it never gave way again all
        night. Fitted once the header has its sections back (`_rows_moved`)."""
        self._in_layout = True

    def _rows_moved(self, *_args) -> None:
        self._in_layout = False
        self.fit()

    def give_way(self, column: int, least: int, upto: int, measured: int) -> None:
        """Let `column` narrow from its `measured` width down to `least`, by what the
        columns up to `upto` lack to be in sight beside names at their least (the table
        would scroll them away), and widen back as room comes; until it is sized otherwise
        (dragged): its width is then the desk's."""
        self._giving = (column, measured, least, upto)
        self._given = None
        self.fit()

    @property
    def giving_way(self) -> bool:
        """Whether a column is still left to give way (not sized by the desk since)."""
        return self._giving is not None

    def _give_way(self, header: QHeaderView, viewport: int) -> None:
        column, measured, least, upto = self._giving
        now = header.sectionSize(column)
        if not now or header.isSectionHidden(column):  # hidden (0 as it is being hidden)
            return
        if self._given is not None and now != self._given:
            self._giving = None  # sized by the desk since: its width is theirs
            return
        wanted = self._least + measured + sum(
            header.sectionSize(c) for c in range(upto + 1)
            if c not in (self.column, column) and not header.isSectionHidden(c))
        width = max(min(measured, least), measured - max(wanted - viewport, 0))
        self._given = width
        if width != now:
            self._busy = True
            try:
                header.resizeSection(column, width)
            finally:
                self._busy = False

    def fit(self) -> None:
        if self._busy or self._in_layout:
            return
        table, header, column = self._table, self._table.horizontalHeader(), self.column
        if self._giving is not None:
            self._give_way(header, table.viewport().width())
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c != column and not header.isSectionHidden(c))
        width = max(self._least, table.viewport().width() - others)
        if header.sectionSize(column) != width:
            self._busy = True
            try:
                header.resizeSection(column, width)
            finally:
                self._busy = False


class WatchNameFill(NameFill):
    """The recount watch's constituency column, as the results table's: the room the figures
    leave, never less than its longest name (the dock scrolls sideways instead). On a
    laptop's dock a stretched column cut "Basildon and Billericay" to "Basildon a…" beside
    its majority of 20: the seat to watch could not be read without hovering. Measured bold
    (a recount under way is drawn bold), again as seats come into and leave the watch."""

    column = 0
    floor_chars = 0  # the title's width and the names' decide

    def __init__(self, table: QTableView) -> None:
        table.horizontalHeader().setSectionResizeMode(
            self.column, QHeaderView.ResizeMode.Interactive)
        self._widths: dict[str, int] = {}  # each name's width as last measured, by name
        self._widths_font = ""  # the font they were measured in (its key)
        self._shown: list[str] = []  # the names on it, row by row, as last read (`_names`)
        super().__init__(table)
        model = self._model
        model.rowsInserted.connect(self._rows_inserted)
        model.rowsRemoved.connect(self._rows_removed)
        model.dataChanged.connect(self._data_changed)
        for signal in (model.layoutChanged, model.rowsMoved):  # rows in another order
            signal.connect(self._names_changed)

    def _names_changed(self, *_args) -> None:
        # Every name on it, each measured once (tens of seats; hundreds on a big night).
        self._least = max(self._need(self._names()), header_width(self._table, self.column))
        self.fit()

    def _refit(self) -> None:
        """The column fitted again to the names as kept (`_shown`), their widths as kept:
        none read from the model again. A close result changed in place or leaving the
        watch read and measured every name on it (1.1 ms with 200 seats on it)."""
        if len(self._shown) != self._model.rowCount():  # (not as kept: read them all)
            self._names_changed()
            return
        self._least = max(self._need(set(self._shown)), header_width(self._table, self.column))
        self.fit()

    def _rows_removed(self, _parent, first: int, last: int) -> None:
        del self._shown[first:last + 1]
        self._refit()

    def _data_changed(self, top_left, bottom_right, *_roles) -> None:
        """A row repainted: its name read again only if its name's column is among those
        changed (a recount's figures change beside a name that stays)."""
        if not top_left.column() <= self.column <= bottom_right.column():
            return
        model, shown = self._model, self._shown
        if bottom_right.row() >= len(shown):
            self._names_changed()
            return
        for r in range(top_left.row(), bottom_right.row() + 1):
            shown[r] = model.index(r, self.column).data() or ""
        self._refit()

    def _rows_inserted(self, _parent, first: int, last: int) -> None:
        """A seat into the watch widens the column if its name needs more, the others'
        widths standing: each close result read and measured every name on the watch
        again (1 ms with 200 seats on it, on the verifications already slowest to show)."""
        if (self._font() or self._table.font()).key() != self._widths_font:
            self._names_changed()  # another font: all measured again
            return
        model = self._model
        new = [model.index(r, self.column).data() or "" for r in range(first, last + 1)]
        self._shown[first:first] = new
        self._least = max(self._least, self._need(new))
        self.fit()

    def _need(self, names: Iterable[str]) -> int:
        """The width the widest of `names` needs, in the column's font."""
        font = self._font() or self._table.font()
        if font.key() != self._widths_font or len(self._widths) > KEPT_WIDTHS:
            self._widths, self._widths_font = {}, font.key()
        metrics, widths = QFontMetrics(font), self._widths
        widest = 0
        for name in names:
            width = widths.get(name)
            if width is None:
                width = widths[name] = metrics.horizontalAdvance(name)
            widest = max(widest, width)
        return widest + cell_width(self._table, (), font=font)  # (its margins alone)

    def _names(self) -> set[str]:
        model = self._model
        self._shown = [model.index(r, self.column).data() or "" for r in range(model.rowCount())]
        return set(self._shown)

    def _font(self) -> QFont | None:
        return bold(self._table)


class QueueNameFill(WatchNameFill):
    """The verification queue's constituency column, as the recount watch's: whole names,
    the dock scrolling sideways where it is narrow. Stretched, a laptop's dock cut
    "Newcastle upon Tyne Central and West" and "… East and Wallsend" both to "Newcastle
    upon Ty…": the verifier could not tell which seat's entry was next without hovering."""

    column = QUEUE_NAME

    def _font(self) -> QFont | None:
        return None  # the table's: nothing in the queue is drawn bold
