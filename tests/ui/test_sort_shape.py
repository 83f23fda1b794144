"""The shape of sorting the results table by a click on a column's header, and of a first
letter typed into Find, at two sizes of night: no Python function is called more often per
row added (Qt's sorted proxy called its lessThan from C++ per comparison, with the model's
rowCount and columnCount twice each: ~570,000 calls, 2.5-5 s, for a click at 50,000 seats,
and as many for a keystroke's ranking), each row's key for a column is worked out once, and
the seat selected stays selected. Calls counted by the profiler (Qt's calls of a Python
override from C++ pass no patch of the class), never timed."""

from __future__ import annotations

import cProfile
import pstats
from collections import Counter
from collections.abc import Callable

import pytest
from helpers.seats import CLEAN, HENDON
from helpers.sized_nights import half_verified
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import find
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store
from resultsdesk.ui import constituency_model as cm
from resultsdesk.ui.row_order import column_order

SMALL, LARGE = 200, 2_000
Calls = Counter  # (file, line, function) of Python code -> calls


@pytest.fixture(scope="module")
def nights(tmp_path_factory) -> dict[int, object]:
    return {n: half_verified(tmp_path_factory.mktemp(f"sort-{n}"), n) for n in (SMALL, LARGE)}


def _profiled(action: Callable[[], object]) -> Calls:
    """The calls of Python functions (not builtins) made while `action` runs."""
    profile = cProfile.Profile()
    profile.enable()
    action()
    profile.disable()
    return Counter({key: calls for key, (_, calls, *_rest) in pstats.Stats(profile).stats.items()
                    if key[0] != "~"})


def _named(calls: Calls, function: str) -> int:
    return sum(n for (_, _, name), n in calls.items() if name == function)


def _of(calls: Calls, fn: Callable) -> int:
    code = fn.__code__
    return sum(n for (path, line, _), n in calls.items()
               if (path, line) == (code.co_filename, code.co_firstlineno))


def _grows_by_at_most_a_call_a_row(small: Calls, large: Calls) -> list:
    """Functions called more than once more for each row the larger night has: a sort by
    comparisons made from Python grows by ~log2(n) calls a row."""
    return [(key, small[key], n) for key, n in large.items() if n - small[key] > LARGE - SMALL]


def _open(main_window, qtbot, db):
    window = main_window(db)
    qtbot.waitExposed(window)
    header = window.table.horizontalHeader()
    for col in range(len(cm.COLUMNS)):  # some are hidden as the window opens
        header.setSectionHidden(col, False)
    return window


def _click_header(window, column: int) -> None:
    """A click on `column`'s header, scrolled into sight first (as someone would)."""
    table, header = window.table, window.table.horizontalHeader()
    table.scrollTo(window.proxy.index(0, column))
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    assert 0 <= x < header.viewport().width()
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


def _shown(window) -> list:
    proxy = window.proxy
    return [proxy.index(r, 0).data(cm.ROW_ROLE) for r in range(proxy.rowCount())]


def _current_code(window) -> str:
    return window.proxy.index(window.table.currentIndex().row(), 0).data(cm.ROW_ROLE).code


def _select(window, row: int) -> str:
    window.table.setCurrentIndex(window.proxy.index(row, cm.NAME))
    return _current_code(window)


def _still_selected(window, code: str) -> bool:
    table = window.table
    return (_current_code(window) == code
            and table.selectionModel().isRowSelected(table.currentIndex().row()))


def _sorting(qtbot, main_window, db, seats: int) -> list[Calls]:
    """The calls of a click on each column's header, then of a second click (the other
    way), each checked for its order and for the seat selected kept."""
    window = _open(main_window, qtbot, db)
    selected = _select(window, 3)
    out = []
    for column in range(len(cm.COLUMNS)):
        for click in range(2):
            calls = _profiled(lambda column=column: _click_header(window, column))
            assert _named(calls, "lessThan") == 0  # no comparison asked from C++
            # Each row's key for a column worked out once (Name's as the list opened).
            fresh = click == 0 and column != cm.NAME
            assert _of(calls, cm.ConstituencyTableModel.sort_key) == (seats if fresh else 0)
            header = window.table.horizontalHeader()
            assert header.sortIndicatorSection() == column
            down = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            shown = _shown(window)
            keys = [window.model.sort_key(r, column) for r in shown]
            assert column_order(keys, down) == list(range(seats))  # in the column's order
            assert _still_selected(window, selected)
            out.append(calls)
    return out


def test_a_click_on_a_header_sorts_with_python_called_at_most_once_a_row(qtbot, main_window,
                                                                         nights):
    small = _sorting(qtbot, main_window, nights[SMALL], SMALL)
    large = _sorting(qtbot, main_window, nights[LARGE], LARGE)
    for a, b in zip(small, large, strict=True):
        assert _grows_by_at_most_a_call_a_row(a, b) == []


def _letters(qtbot, main_window, db) -> tuple[Calls, Calls]:
    """The calls of the first letter typed in Find ("S") and of the second ("y")."""
    window = _open(main_window, qtbot, db)
    window.focus_search()
    first = _profiled(lambda: QTest.keyClicks(window.search, "S"))
    qtbot.waitUntil(lambda: window.proxy.searching)
    second = _profiled(lambda: QTest.keyClicks(window.search, "y"))
    return first, second


def test_a_first_letter_looks_at_each_seat_once(qtbot, main_window, nights):
    """"S" finds every seat of a synthetic night ("Synthetic 00042"), ranked by name: each
    seat's name, prepared for Find at the first search of the rows and kept, is looked at
    once; the next letter normalises none again, and the rows are put in the search's
    order with nothing compared."""
    small, small_next = _letters(qtbot, main_window, nights[SMALL])
    large, large_next = _letters(qtbot, main_window, nights[LARGE])
    for first, second in ((small, large), (small_next, large_next)):
        assert _named(first, "lessThan") == _named(second, "lessThan") == 0
        assert _grows_by_at_most_a_call_a_row(first, second) == []
        assert (_of(first, find._tier), _of(second, find._tier)) == (SMALL, LARGE)
    assert _of(small, find.candidates) == _of(large, find.candidates) == 1  # prepared once
    for calls in (small_next, large_next):
        assert _of(calls, find.candidates) == 0  # kept
        assert _of(calls, find.normalise.__wrapped__) <= 1  # the text typed, at most


@pytest.mark.parametrize("which", ["model", "proxy"])
def test_sorts_searches_and_a_seat_moved_by_its_result_keep_the_models_right(
        qtbot, main_window, nominations_db, qtmodeltester, which):
    """Qt's model tester (the Python one: it fails the test where the C++ one only warns)
    watching the results model, or its proxy, through sorts, a search and a verification
    that moves its seat; the seat selected stays selected throughout."""
    window = _open(main_window, qtbot, nominations_db)
    qtmodeltester.check(getattr(window, which), force_py=True)

    def hendon() -> int:
        return window.proxy.mapFromSource(window.model.index_of(HENDON, cm.NAME)).row()

    assert _select(window, hendon()) == HENDON
    for column in (cm.MAJORITY, cm.STATUS, cm.CODE, cm.MAJORITY):  # Majority: then down
        _click_header(window, column)
        assert _still_selected(window, HENDON)
    QTest.keyClicks(window.search, "hen")
    assert HENDON in {r.code for r in _shown(window)}
    window.search.clear()
    assert window.proxy.rowCount() == window.model.rowCount() == 650
    _select(window, hendon())  # (the search selected its best match)
    before = hendon()  # not declared: a blank majority, among the last
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="carol", figures=Figures(CLEAN, 120),
                   overrides=WARNING_CODES)
        dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=120)
    with qtbot.waitSignal(window.refreshed, timeout=5000):
        window.refresh_if_changed()
    assert hendon() < before  # moved up by its majority
    assert _still_selected(window, HENDON)
    keys = [window.model.sort_key(r, cm.MAJORITY) for r in _shown(window)]
    assert column_order(keys, descending=True) == list(range(len(keys)))
