"""The order the results table lists its rows in: worked out in Python, one sort a click.

Sorted by Qt's proxy (QSortFilterProxyModel), a click on a column's header at 50,000 seats
asked ~570,000 comparisons of the proxy's `lessThan`, each a call from C++ into Python (and
two of the model's rowCount/columnCount with it): 2.5-5 s with the window frozen, and as long
again for the search's ranking at each keystroke. Here each row's key for a column is worked
out once, kept while its row is the same record (rows are immutable records, replaced when
they change), and the rows are put in order by one `sorted()` over plain values; a row a
verification changed goes to its new place by a binary search of a few comparisons.

Rows are named by their place in the list the model was given (`places`); an order is the
list of places, first row shown first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

Key = Any  # a row's key for one column: one type per column, None for a blank cell


class Row(Protocol):
    @property
    def code(self) -> str: ...


class Keyed(Protocol):
    def sort_key(self, row: Any, col: int) -> Key: ...


def column_order(keys: Sequence[Key], descending: bool) -> list[int]:
    """The places by their keys, blank cells (None) last whichever way the column points,
    rows level on the column in the order of their places either way (a stable sort: with
    `reverse` too, level rows keep their order).

    Blanks last: sorted by Declared (Majority, Turnout) largest first, the hundreds of seats
    not declared came first, and the latest result a page or more below. Level rows (hundreds
    share a status) by place: a total order, so that a row updated in place goes where a
    whole sort would put it (`RowOrder.moved_to`) and a window open all night lists the rows
    as one opened now does."""
    keyed = [place for place, key in enumerate(keys) if key is not None]
    keyed.sort(key=keys.__getitem__, reverse=descending)
    keyed += [place for place, key in enumerate(keys) if key is None]
    return keyed


def search_order(rows: Sequence[Row], rank: Mapping[str, int]) -> list[int]:
    """The rows a search found in its order (`rank`: code -> place in it, 0 up), then the
    rest (hidden by the filter) in the order of their places. Nothing sorted: each row
    found goes straight to its place in the search."""
    found: list[int | None] = [None] * len(rank)
    rest: list[int] = []
    for place, row in enumerate(rows):
        at = rank.get(row.code)
        if at is None:
            rest.append(place)
        else:
            found[at] = place
    # (a search of other rows, before their proxy searched the new ones again: gaps)
    return [place for place in found if place is not None] + rest


class RowOrder:
    """How the rows are ordered: by a column, one way or the other (column -1: as given), or
    by a search's ranking while there is one; and the keys of the columns sorted by so far,
    each worked out by `model.sort_key(row, column)`."""

    def __init__(self, model: Keyed, column: int) -> None:
        self._model = model
        self.column = column
        self.descending = False
        self.rank: Mapping[str, int] | None = None  # code -> place in the search's order
        # By column, per place: (the row record the key is for, the key).
        self._keys: dict[int, list[tuple[Any, Key]]] = {}

    def forget(self) -> None:
        """New rows were given: no key kept is for their places."""
        self._keys.clear()

    def order(self, rows: Sequence[Any]) -> list[int]:
        """The places of `rows` (as given) in the order they are shown in."""
        if self.rank is not None:
            return search_order(rows, self.rank)
        if self.column < 0:
            return list(range(len(rows)))
        return column_order(self.keys(rows, self.column), self.descending)

    def keys(self, rows: Sequence[Any], column: int) -> list[Key]:
        """Every row's key for `column`, worked out only for rows not seen before."""
        kept = self._kept_for(column, len(rows))
        out: list[Key] = []
        sort_key = self._model.sort_key  # looked up once, not per row (50,000 at most)
        for place, row in enumerate(rows):
            was, key = kept[place]
            if was is not row:
                key = sort_key(row, column)
                kept[place] = (row, key)
            out.append(key)
        return out

    def moved_to(self, order: Sequence[int], rows: Sequence[Any], row: int) -> int | None:
        """Where the row shown at `row` (its record just replaced, every other row in order)
        is shown now: its row once taken out and put back where a whole sort would put it,
        by a binary search; None where it stays. None too in a search's order or the order
        given: they depend on names and places, which an update in place leaves alone."""
        if self.rank is not None or self.column < 0:
            return None
        place = order[row]
        low, high = 0, len(order) - 1  # over the order without `row`
        while low < high:  # the first row that `place` goes before
            middle = (low + high) // 2
            if self._before(rows, order[middle if middle < row else middle + 1], place):
                low = middle + 1
            else:
                high = middle
        return None if low == row else low

    def _before(self, rows: Sequence[Any], a: int, b: int) -> bool:
        """Whether the row at place `a` is listed before the one at `b` (`column_order`'s
        order, one comparison of it)."""
        key_a, key_b = self._kept(rows, a), self._kept(rows, b)
        if key_a is None or key_b is None:
            return a < b if key_a is key_b else key_b is None
        if key_a != key_b:
            return key_b < key_a if self.descending else key_a < key_b
        return a < b

    def _kept(self, rows: Sequence[Any], place: int) -> Key:
        kept = self._kept_for(self.column, len(rows))
        was, key = kept[place]
        if was is not rows[place]:
            key = self._model.sort_key(rows[place], self.column)
            kept[place] = (rows[place], key)
        return key

    def _kept_for(self, column: int, rows: int) -> list[tuple[Any, Key]]:
        kept = self._keys.get(column)
        if kept is None or len(kept) != rows:
            kept = self._keys[column] = [(None, None)] * rows
        return kept
