"""The constituency list: a table model, and a proxy that searches and filters it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QFont

from ..desk.find import Candidate, candidates, ranked_codes
from ..desk.overview import ConstituencyRow
from ..domain import tally
from ..domain.model import Status
from ..domain.signed import signed_decimal
from ..domain.wording import majority_share
from .row_order import RowOrder
from .style import (
    NO_PARTY_COLOUR,
    as_written,
    colours,
    party_chip,
    solid_brush,
    status_colour,
)
from .table_model import MAJORITY_SHARE_HEARD, Index, RowsTableModel

COLUMNS = ("Constituency", "Code", "Nation", "Region", "Status", "Winner", "Majority",
           "Maj %", "Turnout", "Turnout ±", "Result", "Swing", "Declared")
HEARD = {"Maj %": MAJORITY_SHARE_HEARD,  # the headers a screen reader says in words
         "Turnout ±": "Turnout change from the baseline, in points"}
(NAME, CODE, NATION, REGION, STATUS, WINNER, MAJORITY, MAJORITY_PCT, TURNOUT, TURNOUT_CHANGE,
 RESULT, SWING, DECLARED) = range(len(COLUMNS))
NUMERIC = {MAJORITY, MAJORITY_PCT, TURNOUT, TURNOUT_CHANGE, SWING}
RIGHT_ALIGNED = NUMERIC - {SWING}  # swing reads as text: "4.0 Con→Lab"
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
IN_RANGE = "In recount range"  # a tinted row, as a screen reader hears each of its cells
_STATUS_ORDER = {Status.AWAITING: 0, Status.PROVISIONAL: 1, Status.VERIFIED: 2}
# The layout signals with a hint (PySide names the overload; emitted bare, the hint is lost).
_LAYOUT_ARGS = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")


class ConstituencyTableModel(RowsTableModel):
    COLUMNS = COLUMNS
    HEARD = HEARD

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._colours: dict[str, str] = {}
        # The rows as `set_rows` was given them; `_rows` is them in the order shown, and
        # `_given` each shown row's place in `_placed` (the order level rows keep).
        self._placed: list[ConstituencyRow] = []
        self._given: list[int] = []
        self._index: dict[str, int] = {}  # code -> row shown
        # A-Z by name until the list's header says otherwise (its proxy's `sort`).
        self._order = RowOrder(self, NAME)
        self._candidates: list[Candidate] | None = None  # the seats as Find compares them
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
        if row.unopposed:  # no runner-up: nothing to recount (the watch leaves it out)
            return False
        return row.majority is not None and self._thresholds.covers(row.majority,
                                                                    row.majority_pct)

    def set_colours(self, colours: dict[str, str]) -> None:
        """The parties' colours, for the winner's chip."""
        if colours != self._colours:
            self.forget_answers()
        self._colours = colours

    def update_rows(self, rows: list[ConstituencyRow]) -> None:
        """Replace the given seats' rows in place (a live update touches a handful), each
        then moved to where the list's order puts it now."""
        changed: list[int] = []  # rows shown
        for row in rows:
            i = self._index.get(row.code)
            if i is None:
                continue
            if self._rows[i] != row:
                place = self._given[i]
                if row.name != self._rows[i].name:
                    # renamed (never on a night): Find's names with it, so given again
                    given = list(self._placed)
                    given[place] = row
                    self.set_rows(given, self._colours)
                    continue
                self._rows[i] = self._placed[place] = row
                self._emit_row_changed(i)
                changed.append(i)
        if len(changed) == 1:  # a verification: one row moved, if any
            to = self._order.moved_to(self._given, self._placed, changed[0])
            if to is not None:
                self._move(changed[0], to)
        elif changed:  # (a burst: one sort, each key but theirs kept, not a move each)
            order = self._order.order(self._placed)
            if order != self._given:
                self._show(order)

    def _move(self, row: int, to: int) -> None:
        """Move the row at `row` to `to` (its row once moved), persistent indexes with it
        (Qt's own, for a move)."""
        # Qt names the row the moved one goes before, as rows are numbered before the move.
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), to if to < row else to + 1)
        self._rows.insert(to, self._rows.pop(row))
        self._given.insert(to, self._given.pop(row))
        low, high = min(row, to), max(row, to) + 1  # the rows between moved by one
        self._index.update(zip([r.code for r in self._rows[low:high]], range(low, high),
                               strict=True))
        self.endMoveRows()

    def set_rows(self, rows: list[ConstituencyRow], colours: dict[str, str]) -> None:
        """Replace the data; the same seats under the same names are updated in place, not
        reset, so selection and scroll position survive a refresh on the night. Listed in
        the order the list is in (`arrange`); rows level on its column in the order given."""
        self.set_colours(colours)
        if rows and [(r.code, r.name) for r in rows] == [(r.code, r.name)
                                                           for r in self._placed]:
            self.update_rows(rows)
            return
        self.beginResetModel()
        self._placed = list(rows)
        # Prepared at the first search of these rows, then kept: at every keystroke they
        # were ~0.1 s of it at 50,000 seats (and not with the rows: the first window's
        # paint waits for them, and most windows never search). A live update changes a
        # seat's figures, never its name (a renamed seat gives the rows again,
        # `update_rows`), so they hold until the next rows.
        self._candidates = None
        self._order.forget()
        self._given = self._order.order(self._placed)
        self._rows = [self._placed[place] for place in self._given]
        self._index = {r.code: i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def arrange(self, column: int, descending: bool, rank: Mapping[str, int] | None,
                changing: Callable[[], None] | None = None) -> None:
        """List the rows by `column` (-1: as given), `descending` or not, or in the order
        of a search (`rank`: code -> place in it) while there is one: one sort in Python,
        each key worked out once a row. `changing`: what changes with the order (its
        proxy's filter), done once views were told the layout is changing, before it is."""
        kept = self._order
        if changing is None and (column, descending) == (kept.column, kept.descending) \
                and rank is kept.rank:
            return  # listed so already (`set_rows` and `update_rows` keep the order)
        kept.column, kept.descending, kept.rank = column, descending, rank
        order = kept.order(self._placed)
        if changing is not None or order != self._given:
            self._show(order, changing)

    def _show(self, order: list[int], changing: Callable[[], None] | None = None) -> None:
        """Show the rows in `order` (places): one layout change, every persistent index (a
        view's selection and current row, through its proxy) moved with its row."""
        hint = QAbstractItemModel.LayoutChangeHint.VerticalSortHint  # rows moved, not columns
        self.layoutAboutToBeChanged[_LAYOUT_ARGS].emit([], hint)
        if changing is not None:
            changing()
        shown_at = [0] * len(order)
        for i, place in enumerate(order):
            shown_at[place] = i
        before = self.persistentIndexList()
        after = [self.index(shown_at[self._given[index.row()]], index.column())
                 if index.isValid() else index for index in before]
        self._given = order
        self._rows = [self._placed[place] for place in order]
        self._index = {r.code: i for i, r in enumerate(self._rows)}
        self.changePersistentIndexList(before, after)
        self.layoutChanged[_LAYOUT_ARGS].emit([], hint)

    def find_candidates(self) -> list[Candidate]:
        """The seats as Find compares them (`desk.find.candidates`), prepared once for
        these rows."""
        if self._candidates is None:
            self._candidates = candidates((r.code, r.name) for r in self._placed)
        return self._candidates

    def row_at(self, row: int) -> ConstituencyRow:
        return self._rows[row]

    def index_of(self, code: str, col: int) -> QModelIndex:
        """The cell of seat `code` in column `col` (invalid: no such seat)."""
        i = self._index.get(code)
        return QModelIndex() if i is None else self.index(i, col)

    @property
    def rows(self) -> list[ConstituencyRow]:
        """The rows in the order shown (the model's own list: read, never change it)."""
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
        """What column `col` sorts `row` by (`row_order`); one type per column, None for a
        blank cell (a seat not declared, figures not shown), listed last whichever way the
        column points (`row_order.column_order`)."""
        if col == STATUS:  # awaiting, provisional, verified; in each, by what it shows:
            # the seats with a recount under way (or a correction pending) together, not
            # among hundreds of "verified" A-Z, where the sorted column showed them unsorted
            return _STATUS_ORDER[row.status], row.status_text.casefold()
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
        # A close seat's majority bold too: the selection's highlight paints over the
        # recount tint, and Hendon's 15, the row gone to, read like any safe seat's. (A
        # recount under way is in range whatever its majority: a bold five-figure one fits
        # as the column is never narrower than its "Majority" title, wider than "99,999".)
        if (col == STATUS and status_in_bold(row)) or (
                col == MAJORITY and row.majority is not None and self.in_recount_range(row)):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _tooltip(self, row: ConstituencyRow, col: int) -> str | None:
        # Names as written, never read as markup (`as_written`).
        if col == WINNER and row.winner_name:
            return as_written(f"{row.winner_name} ({row.winner_party})")
        return as_written(self._display(row, col)) or None  # full text where a column elides it


def status_in_bold(row: ConstituencyRow) -> bool:
    """Whether the row's status is drawn bold (a recount under way or a tie): the one rule
    for the font it is drawn in and the font its column is measured in (sizing)."""
    return row.recount_under_way or row.tie


def status_cells(rows: Iterable[ConstituencyRow]) -> set[tuple[str, bool]]:
    """Every status `rows` show, each with whether it is drawn bold."""
    return {(row.status_text, status_in_bold(row)) for row in _one_of_each(rows, STATUS)}


# What each column's text is made from, where many rows share it: rows alike in these show
# the same text (tests/ui/test_column_texts.py changes every other field), so a night's
# texts are made once for each kind of row, not for each row (the status: a handful of
# kinds among 50,000 rows, its text a property of several branches, made for every row
# twice as a big night's window opened). Not the shares and turnouts: nearly every
# declared seat's differs, and 0.0 and -0.0, one key, are two texts.
_MADE_FROM = {
    STATUS: attrgetter("status", "tie", "winner_party", "pending_over_verified",
                       "correction_pending", "current_count", "recount_under_way"),
    MAJORITY: attrgetter("majority"),
    DECLARED: attrgetter("declared_at"),
}


def _one_of_each(rows: Iterable[ConstituencyRow], col: int) -> Iterable[ConstituencyRow]:
    """`rows`, or of those alike in what column `col`'s text is made from, one each."""
    alike = _MADE_FROM.get(col)
    if alike is None:
        return rows
    rows = rows if isinstance(rows, (list, tuple)) else list(rows)
    return dict(zip(map(alike, rows), rows, strict=True)).values()  # (looped over in C)


def _text(row: ConstituencyRow, col: int) -> str:
    fmt = _TEXT.get(col)
    return fmt(row) if fmt else ""


def column_text(row: ConstituencyRow, col: int) -> str:
    """What column `col` shows for `row` (the table's widths are measured from it)."""
    return _text(row, col)


def column_texts(rows: Iterable[ConstituencyRow], col: int) -> set[str]:
    """Every text column `col` shows for `rows` (`column_text` of each, in one pass)."""
    fmt = _TEXT.get(col)
    return set(map(fmt, _one_of_each(rows, col))) if fmt else {""}


def _or_blank(value: float | None, spec: str, suffix: str = "") -> str:
    return "" if value is None else f"{value:{spec}}{suffix}"


def _winner_text(row: ConstituencyRow) -> str:
    # Only a tie still awaiting its lot: once drawn (and verified) the seat has its winner,
    # and the Status column beside it says "won by lot"
    if row.tie and not row.winner_party:
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
    list is sorted by, so the first row is always the seat Enter opens.

    It only filters: its model lists the rows in the order asked (`sort`, the header's
    choice; `ConstituencyTableModel.arrange`), and Qt's own sort, kept off (sort column -1),
    is never asked to compare two rows (each comparison a call of `lessThan` from C++ into
    Python: ~570,000 of them, 2.5-5 s, to sort 50,000 seats)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._model: ConstituencyTableModel | None = None
        self._text = ""
        self._rank: dict[str, int] | None = None  # code -> place in the search; None: no search
        self._status: Status | None = None
        self._nation: str | None = None
        # The list's header's choice (A-Z by name as the list opens), as the model is asked
        # to list its rows; a search's order comes before it while there is one.
        self._column, self._descending = NAME, False

    def setSourceModel(self, model) -> None:
        super().setSourceModel(model)
        self._model = model  # read in filterAcceptsRow without a call to Qt
        model.arrange(self._column, self._descending, self._rank)
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
        """Filter to the seats `text` finds, listed best first; no text: every seat, back in
        the header's order."""
        rank = None
        model = self._model
        if text.strip() and model is not None:
            # The model's seats as prepared once for Find, not a data() call from Python
            # through Qt, nor each name normalised again, per seat at every keystroke.
            found = ranked_codes(text, model.find_candidates())
            rank = {code: place for place, code in enumerate(found)}

        def change() -> None:
            self._text, self._rank = text, rank
        if model is None or (rank is None and self._rank is None):
            change()  # no search before or now: nothing to filter or order again
            return
        # One layout change: the rows in the search's order (or the header's again) and the
        # filter with it. Qt filtering first (a row removed or inserted at a time) and then
        # sorting by rank (a call of lessThan per comparison) took ~4 s at 50,000 seats.
        model.arrange(self._column, self._descending, rank, change)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort as the header asks: the model lists its rows so, with one sort in Python
        (while searching, in the search's order still, so that the first row is the best
        match whichever way the column points)."""
        self._column, self._descending = column, order == Qt.SortOrder.DescendingOrder
        if self._model is not None:
            self._model.arrange(column, self._descending, self._rank)

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
        rows = self._model.rows if self._model is not None else []
        if source_parent.isValid() or not 0 <= source_row < len(rows):
            return False
        row = rows[source_row]
        if self._status is not None and row.status != self._status:
            return False
        if self._nation is not None and row.nation != self._nation:
            return False
        return self._rank is None or row.code in self._rank
