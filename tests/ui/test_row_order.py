"""The results table's order, worked out in Python (resultsdesk.ui.row_order): a row that a
verification changed goes where a whole sort of the list would put it, whichever way the
column points, with blank cells last and level rows in the order given."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest

from resultsdesk.ui.row_order import RowOrder, column_order, search_order


@dataclass(frozen=True)
class Row:
    code: str
    key: int | None


class Keyed:
    """A model whose column 0 sorts by each row's `key`; counts the keys worked out."""

    def __init__(self) -> None:
        self.asked = 0

    def sort_key(self, row: Row, col: int) -> int | None:
        self.asked += 1
        return row.key


def _rows(rng: random.Random, n: int) -> list[Row]:
    # few distinct keys and some blanks: long runs of level rows, as a night has
    return [Row(f"S{i}", rng.choice([None, 1, 2, 3, 5, 8])) for i in range(n)]


@pytest.mark.parametrize("descending", [False, True])
def test_a_changed_row_moves_to_where_a_whole_sort_puts_it(descending):
    rng = random.Random(7)
    model = Keyed()
    order = RowOrder(model, 0)
    order.descending = descending
    for _ in range(200):
        rows = _rows(rng, rng.randint(1, 30))
        order.forget()
        shown = order.order(rows)
        row = rng.randrange(len(rows))
        place = shown[row]
        rows[place] = Row(rows[place].code, rng.choice([None, 1, 2, 3, 5, 8]))
        model.asked = 0
        to = order.moved_to(shown, rows, row)
        assert model.asked <= 1  # the changed row's key alone worked out again
        moved = list(shown)
        if to is not None:
            moved.insert(to, moved.pop(row))
        assert moved == column_order([r.key for r in rows], descending)


def test_level_rows_keep_their_places_and_blanks_go_last_either_way():
    keys = [None, 2, 1, 2, None, 1]
    assert column_order(keys, descending=False) == [2, 5, 1, 3, 0, 4]
    assert column_order(keys, descending=True) == [1, 3, 2, 5, 0, 4]


def test_a_search_lists_its_rows_first_in_its_order_and_moves_none():
    rows = [Row(f"S{i}", i) for i in range(5)]
    order = RowOrder(Keyed(), 0)
    order.rank = {"S3": 0, "S1": 1}
    shown = order.order(rows)
    assert shown == search_order(rows, order.rank) == [3, 1, 0, 2, 4]
    assert order.moved_to(shown, rows, 0) is None  # a figure changed: the search's order
