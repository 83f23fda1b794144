"""The constituency list: a table model, and a proxy that searches and filters it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QFont

from ..desk.find import rank
from ..desk.overview import ConstituencyRow
from ..domain import tally
from ..domain.model import Status
from ..domain.signed import signed_decimal
from ..domain.wording import majority_share
from .style import NO_PARTY_COLOUR, colours, party_chip, solid_brush, status_colour
from .table_model import Index, RowsTableModel

COLUMNS = ("Constituency", "Code", "Nation", "Region", "Status", "Winner", "Majority",
           "Maj %", "Turnout", "Turnout ±", "Result", "Swing", "Declared")
(NAME, CODE, NATION, REGION, STATUS, WINNER, MAJORITY, MAJORITY_PCT, TURNOUT, TURNOUT_CHANGE,
 RESULT, SWING, DECLARED) = range(len(COLUMNS))
NUMERIC = {MAJORITY, MAJORITY_PCT, TURNOUT, TURNOUT_CHANGE, SWING}
RIGHT_ALIGNED = NUMERIC - {SWING}  # swing reads as text: "4.0 Con→Lab"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
IN_RANGE = "In recount range"  # a tinted row, as a screen reader hears each of its cells
_STATUS_ORDER = {Status.AWAITING: 0, Status.PROVISIONAL: 1, Status.VERIFIED: 2}


class ConstituencyTableModel(RowsTableModel):
    COLUMNS = COLUMNS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._colours: dict[str, str] = {}
        self._index: dict[str, int] = {}
        # The rows are kept A-Z by name, as the list opens (`set_rows`); each one's place in
        # the list it was given, which orders rows level on the column sorted by.
        self._given: list[int] = []
        self._thresholds = tally.DEFAULT_THRESHOLDS

    def set_thresholds(self, thresholds: tally.RecountThresholds) -> None:
        """Rows in recount range are highlighted."""
        if thresholds == self._thresholds:
            return
        self._thresholds = thresholds
        self.forget_answers()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(COLUMNS) - 1))

    def in_recount_range(self, row: ConstituencyRow) -> bool:
        if row.recount_under_way or row.tie:
            return True
        return row.majority is not None and self._thresholds.covers(row.majority,
                                                                    row.majority_pct)

    def set_colours(self, colours: dict[str, str]) -> None:
        """The parties' colours, for the winner's chip."""
        if colours != self._colours:
            self.forget_answers()
        self._colours = colours

    def update_rows(self, rows: list[ConstituencyRow]) -> None:
        """Replace the given seats' rows in place (a live update touches a handful)."""
        for row in rows:
            i = self._index.get(row.code)
            if i is None:
                continue
            if self._rows[i] != row:
                if row.name != self._rows[i].name:
                    # renamed: out of name order (never on a night), so placed again
                    given = self.given_rows()
                    given[self._given[i]] = row
                    self.set_rows(given, self._colours)
                    continue
                self._rows[i] = row
                self._emit_row_changed(i)

    def set_rows(self, rows: list[ConstituencyRow], colours: dict[str, str]) -> None:
        """Replace the data; rows that kept their place are updated in place, not reset,
        so selection and scroll position survive a refresh on the night.

        Kept A-Z by name as the Name column sorts them, level names in the order given:
        the order the list opens in, so its proxy, sorting by name, has nothing to compare
        (`ConstituencyFilter.sort`): ~3,500 comparisons asked of Python from C++ for 650
        seats, most of the first window's table. Where rows are level on another column,
        they keep the order they were given in (`given_place`), as when they were kept so."""
        self.set_colours(colours)
        order = sorted(range(len(rows)), key=lambda i: (self.sort_key(rows[i], NAME), i))
        named = [rows[i] for i in order]
        if order == self._given and [r.code for r in named] == [r.code for r in self._rows]:
            changed = [i for i, (a, b) in enumerate(zip(self._rows, named, strict=True))
                       if a != b]
            self._rows = named
            for i in changed:
                self._emit_row_changed(i)
            return
        self.beginResetModel()
        self._rows, self._given = named, order
        self._index = {r.code: i for i, r in enumerate(named)}
        self.endResetModel()

    def given_place(self, row: int) -> int:
        """Where the row at `row` was in the list `set_rows` was given."""
        return self._given[row]

    def given_rows(self) -> list[ConstituencyRow]:
        """The rows in the order `set_rows` was given them."""
        given: list[ConstituencyRow] = [None] * len(self._rows)  # type: ignore[list-item]
        for row, place in zip(self._rows, self._given, strict=True):
            given[place] = row
        return given

    def row_at(self, row: int) -> ConstituencyRow:
        return self._rows[row]

    def index_of(self, code: str, col: int) -> QModelIndex:
        """The cell of seat `code` in column `col` (invalid: no such seat)."""
        i = self._index.get(code)
        return QModelIndex() if i is None else self.index(i, col)

    @property
    def rows(self) -> list[ConstituencyRow]:
        """The rows in source order, A-Z by name (the model's own list: read, never change
        it)."""
        return self._rows

    def answer(self, row: ConstituencyRow, col: int, role: int) -> Any:
        answer = _ROLES.get(role)
        return None if answer is None else answer(self, row, col)

    # One method per role: what the view asks, for a row and a column.

    def _display(self, row: ConstituencyRow, col: int) -> str:
        if col == MAJORITY_PCT and row.majority_pct is not None:  # at the night's line
            return majority_share(row.majority_pct, self._thresholds.pct)
        return _text(row, col)

    def sort_key(self, row: ConstituencyRow, col: int) -> Any:
        """What column `col` sorts `row` by (SORT_ROLE); one type per column, None for a
        blank cell (a seat not declared, figures not shown), which the filter lists last
        whichever way the column points."""
        if col == STATUS:
            return _STATUS_ORDER[row.status]
        if col == DECLARED:  # by the moment, across midnight and offsets
            return row.declared_order
        if col in NUMERIC:
            return _NUMBER[col](row)
        return _text(row, col).casefold() or None

    def _alignment(self, row: ConstituencyRow, col: int) -> int | None:
        if col in RIGHT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _background(self, row: ConstituencyRow, col: int) -> QBrush | None:
        return solid_brush(colours().recount_row) if self.in_recount_range(row) else None

    def _in_range_said(self, row: ConstituencyRow, col: int) -> str | None:
        """The red tint in words, for a screen reader reading the row's cells."""
        return IN_RANGE if self.in_recount_range(row) else None

    def _row(self, row: ConstituencyRow, col: int) -> ConstituencyRow:
        return row

    def _decoration(self, row: ConstituencyRow, col: int) -> Any:
        if col == WINNER and row.winner_party:
            return party_chip(self._colours.get(row.winner_party, NO_PARTY_COLOUR))
        return None

    def _foreground(self, row: ConstituencyRow, col: int) -> QBrush | None:
        if col == STATUS:
            return solid_brush(status_colour(row.status, row.tie or row.recount_under_way))
        return None

    def _font(self, row: ConstituencyRow, col: int) -> QFont | None:
        if col == STATUS and status_in_bold(row):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _tooltip(self, row: ConstituencyRow, col: int) -> str | None:
        if col == WINNER and row.winner_name:
            return f"{row.winner_name} ({row.winner_party})"
        return self._display(row, col) or None  # full text where a column elides it


def status_in_bold(row: ConstituencyRow) -> bool:
    """Whether the row's status is drawn bold (a recount under way or a tie): the one rule
    for the font it is drawn in and the font its column is measured in (sizing)."""
    return row.recount_under_way or row.tie


def status_cells(rows: Iterable[ConstituencyRow]) -> set[tuple[str, bool]]:
    """Every status `rows` show, each with whether it is drawn bold."""
    return {(row.status_text, status_in_bold(row)) for row in rows}


def _text(row: ConstituencyRow, col: int) -> str:
    fmt = _TEXT.get(col)
    return fmt(row) if fmt else ""


def column_text(row: ConstituencyRow, col: int) -> str:
    """What column `col` shows for `row` (the table's widths are measured from it)."""
    return _text(row, col)


def column_texts(rows: Iterable[ConstituencyRow], col: int) -> set[str]:
    """Every text column `col` shows for `rows` (`column_text` of each, in one pass)."""
    fmt = _TEXT.get(col)
    return set(map(fmt, rows)) if fmt else {""}


def _or_blank(value: float | None, spec: str, suffix: str = "") -> str:
    return "" if value is None else f"{value:{spec}}{suffix}"


def _winner_text(row: ConstituencyRow) -> str:
    if row.tie:
        return "Tie: to be decided by lot"
    return f"{row.winner_party} · {row.winner_name}" if row.winner_party else ""


_TEXT = {
    NAME: lambda r: r.name,
    CODE: lambda r: r.code,
    NATION: lambda r: r.nation,
    REGION: lambda r: r.region,
    STATUS: lambda r: r.status_text,
    WINNER: _winner_text,
    MAJORITY: lambda r: _or_blank(r.majority, ","),
    MAJORITY_PCT: lambda r: "" if r.majority_pct is None else majority_share(r.majority_pct),
    TURNOUT: lambda r: _or_blank(r.turnout, ".1f", "%"),
    TURNOUT_CHANGE: lambda r: "" if r.turnout_change is None else signed_decimal(r.turnout_change),
    RESULT: lambda r: r.result,
    SWING: lambda r: r.swing_text,
    DECLARED: lambda r: r.declared_text,  # the declaration time, when known
}
_NUMBER = {MAJORITY: lambda r: r.majority, MAJORITY_PCT: lambda r: r.majority_pct,
           TURNOUT: lambda r: r.turnout, TURNOUT_CHANGE: lambda r: r.turnout_change,
           SWING: lambda r: r.swing}
_M = ConstituencyTableModel
_ROLES = {
    Qt.ItemDataRole.DisplayRole: _M._display,
    SORT_ROLE: _M.sort_key,
    Qt.ItemDataRole.TextAlignmentRole: _M._alignment,
    Qt.ItemDataRole.BackgroundRole: _M._background,
    Qt.ItemDataRole.AccessibleDescriptionRole: _M._in_range_said,
    ROW_ROLE: _M._row,
    Qt.ItemDataRole.DecorationRole: _M._decoration,
    Qt.ItemDataRole.ForegroundRole: _M._foreground,
    Qt.ItemDataRole.FontRole: _M._font,
    Qt.ItemDataRole.ToolTipRole: _M._tooltip,
}


class ConstituencyFilter(QSortFilterProxyModel):
    """Search by name or GSS code, best match first and typos forgiven (`desk.find.rank`:
    "Basildon & Bilericay" finds Basildon and Billericay), plus status and nation filters.
    While a search is active the rows are in the order of the match, whatever column the
    list is sorted by, so the first row is always the seat Enter opens."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._text = ""
        self._rank: dict[str, int] | None = None  # code -> place in the search; None: no search
        self._status: Status | None = None
        self._nation: str | None = None
        self._wanted_sort: tuple[int, Qt.SortOrder] | None = None  # the list's header's choice
        self._ascending = True  # the order the proxy sorts in (lessThan's tie-break)
        # Sort keys by column, per source row: (the row record they are for, the key). Rows
        # are immutable records, replaced when they change, so a key is good while its row
        # is the same object. Sorting 650 rows asks ~3,500 comparisons; through Qt's own
        # lessThan each took two calls of the model's data() from C++ (most of the first
        # window's table); here each is two list look-ups.
        self._keys: dict[int, list[tuple[ConstituencyRow | None, Any]]] = {}
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def setSourceModel(self, model) -> None:
        super().setSourceModel(model)
        self._model: ConstituencyTableModel = model  # asked in lessThan without a call to Qt
        self._keys.clear()
        # A new database's rows: the search still typed must be run on them (none typed:
        # nothing to run, and the rows were just filtered).
        model.modelReset.connect(lambda: self.searching and self.set_search(self._text))

    def _refilter(self, change) -> None:
        # Qt 6.10 replaced invalidateFilter() with begin/endFilterChange().
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:
            change()
            self.invalidateFilter()

    def set_search(self, text: str) -> None:
        if not text.strip() and self._wanted_sort == (NAME, Qt.SortOrder.AscendingOrder):
            # Cleared, back to the list as it opens: put in the model's own order before the
            # rows the search hid come back, else each comes back by a binary search of
            # lessThan calls from C++ by name (~1 s at 10,000 seats after a search that
            # matched nothing). Nothing is compared here either (`sort`).
            self._rank = None
            super().sort(-1, Qt.SortOrder.AscendingOrder)

        def change() -> None:
            self._text = text
            self._rank = None
            if text.strip():
                # The model's own list, not a data() call from Python through Qt per seat.
                found = rank(text, [(r.code, r.name) for r in self._model.rows])
                self._rank = {m.code: place for place, m in enumerate(found)}
        self._refilter(change)
        if self._wanted_sort is None:
            return
        # Search order, or (cleared) the column's again. Qt's proxy does not sort again
        # when asked for the column and order it has (the list as it opens, A-Z by name,
        # is also how a search is sorted): it keeps the rows where they were, name order
        # for a search ("Bury": Aylesbury first, the seat Enter would open) and rank order
        # with the rest put back for a cleared one. Then every row is sorted afresh.
        column, order = self._wanted_sort
        if self._rank is None and (column, order) == (NAME, Qt.SortOrder.AscendingOrder):
            # Cleared, back to the list as it opens: the model's own order (`sort`), with
            # nothing to compare (invalidate() sorted every row of the night by name again,
            # a call of lessThan from C++ per comparison: ~2 s at 50,000 seats).
            self.sort(column, order)
        elif (self.sortColumn(), self.sortOrder()) == (column, self._order_for(order)):
            self.invalidate()
        else:
            self.sort(column, order)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort as the header asks; while searching, always ascending so that `lessThan`
        (by rank) puts the best match first whichever way the column points."""
        self._wanted_sort = (column, order)
        self._ascending = self._order_for(order) == Qt.SortOrder.AscendingOrder
        if (column, order) == (NAME, Qt.SortOrder.AscendingOrder) and self._rank is None:
            # The model keeps its rows in this order (ConstituencyTableModel.set_rows): shown
            # as they are, with nothing to compare, whenever new rows come in as well.
            super().sort(-1, Qt.SortOrder.AscendingOrder)
            return
        super().sort(column, self._order_for(order))

    def _order_for(self, order: Qt.SortOrder) -> Qt.SortOrder:
        return Qt.SortOrder.AscendingOrder if self._rank is not None else order

    @property
    def searching(self) -> bool:
        return self._rank is not None

    def set_status(self, status: Status | None) -> None:
        self._refilter(lambda: setattr(self, "_status", status))

    def set_nation(self, nation: str | None) -> None:
        self._refilter(lambda: setattr(self, "_nation", nation or None))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._rank is None and self._status is None and self._nation is None:
            return True  # no search, no filter: no need to look at the row
        # Asked for every row of the night at each keystroke and filter change: the row
        # read from the model's list, not through data() (whose answers memory, bounded
        # at KEPT_ROWS, a whole night's rows asked through it emptied, for the rows on
        # screen to be worked out again).
        rows = self._model.rows
        if source_parent.isValid() or not 0 <= source_row < len(rows):
            return False
        row = rows[source_row]
        if self._status is not None and row.status != self._status:
            return False
        if self._nation is not None and row.nation != self._nation:
            return False
        return self._rank is None or row.code in self._rank

    def lessThan(self, left: Index, right: Index) -> bool:
        # Called from C++ thousands of times a sort: the keys are looked up here, inline,
        # each worked out again only when its row's record was replaced.
        if self._rank is None:
            col = left.column()
            model = self._model
            rows = model.rows
            keys = self._keys.get(col)
            if keys is None or len(keys) != len(rows):
                keys = self._keys[col] = [(None, None)] * len(rows)
            a, b = left.row(), right.row()
            row_a, row_b = rows[a], rows[b]
            kept, key_a = keys[a]
            if kept is not row_a:
                key_a = model.sort_key(row_a, col)
                keys[a] = (row_a, key_a)
            kept, key_b = keys[b]
            if kept is not row_b:
                key_b = model.sort_key(row_b, col)
                keys[b] = (row_b, key_b)
            if key_a is None or key_b is None:
                # A blank cell goes last whichever way the column points: sorted by
                # Declared (Majority, Turnout) largest first, the hundreds of seats not
                # declared came first, and the latest result a page or more below.
                if key_a is not key_b:
                    return key_b is None if self._ascending else key_a is None
            elif key_a < key_b:
                return True
            elif key_b < key_a:
                return False
            # Level (hundreds of seats share a status): in the order the rows were given
            # (A-Z by name), whichever way the column points. A total order puts a row
            # updated in place back where a full sort would (Qt re-inserts a changed row by
            # binary search, at one end of its level run otherwise), so a window open all
            # night lists them as one opened now does.
            a, b = model.given_place(a), model.given_place(b)
            return a < b if self._ascending else a > b
        rows = self._model.rows  # (two data() calls through Qt a comparison, before)
        return self._rank[rows[left.row()].code] < self._rank[rows[right.row()].code]
