"""The shape of Find (Ctrl+F): a keystroke ranks the night's names, but asks the results
model's data() only for the rows on screen, and works out a typo's closeness only when
nothing matches as typed; clearing the search puts the list back in the header's order
with nothing compared. Calls counted (by the profiler: Qt's calls of a Python override
from C++ pass no patch of the class) at two sizes of night, never timed."""

from __future__ import annotations

import cProfile
import pstats
from collections import Counter

import pytest
from helpers.sized_nights import half_verified
from PySide6.QtTest import QTest

from resultsdesk.desk import find
from resultsdesk.ui import constituency_model as cm
from resultsdesk.ui.table_model import RowsTableModel

SMALL, LARGE = 120, 1_200
COUNTED = {"data": RowsTableModel.data, "closeness": find.closeness,
           "sort_key": cm.ConstituencyTableModel.sort_key}
# Find's one call a seat, as the text is compared with each name as typed.
AS_TYPED = find._tier.__code__


@pytest.fixture(scope="module")
def nights(tmp_path_factory) -> dict[int, object]:
    return {n: half_verified(tmp_path_factory.mktemp(f"find-{n}"), n) for n in (SMALL, LARGE)}


def _calls(profile: cProfile.Profile) -> Counter:
    codes = {fn.__code__: name for name, fn in COUNTED.items()}
    calls: Counter = Counter()
    for (path, line, function), (_, total, *_rest) in pstats.Stats(profile).stats.items():
        for code, name in codes.items():
            if (path, line) == (code.co_filename, code.co_firstlineno):
                calls[name] += total
        if function == "lessThan":  # any proxy's comparison of two rows, called from C++
            calls["lessThan"] += total
        if path == AS_TYPED.co_filename and line != AS_TYPED.co_firstlineno:
            calls["find"] += total  # any other of Find's functions (lambdas too)
    return calls


def _typing(qtbot, main_window, db, text: str) -> Counter:
    """Calls made while the last letter of `text` is typed into Find, then while it is
    cleared."""
    window = main_window(db)
    qtbot.waitExposed(window)
    window.focus_search()
    QTest.keyClicks(window.search, text[:-1])
    qtbot.waitUntil(lambda: window.proxy.searching)
    typing = cProfile.Profile()
    typing.enable()
    QTest.keyClicks(window.search, text[-1])
    typing.disable()
    qtbot.waitUntil(lambda: window.search.text() == text and window.proxy.searching)
    clearing = cProfile.Profile()
    clearing.enable()
    window.search.clear()
    clearing.disable()
    qtbot.waitUntil(lambda: not window.proxy.searching and window.proxy.rowCount() > 0)
    return Counter({f"typed {k}": v for k, v in _calls(typing).items()}
                   | {f"cleared {k}": v for k, v in _calls(clearing).items()})


def test_a_keystroke_matching_every_seat_reads_only_the_rows_on_screen(qtbot, main_window,
                                                                      nights):
    """"Sy" matches every seat of a synthetic night ("Synthetic 00042"): the filter, the
    rank-order sort and the search itself took each seat's row through data() (~18 calls
    a seat at 10,000 seats, and closeness for each), ~0.9 s a keystroke at 10,000 seats
    and ~5 s at 50,000."""
    small = _typing(qtbot, main_window, nights[SMALL], "Sy")
    large = _typing(qtbot, main_window, nights[LARGE], "Sy")
    assert small["typed closeness"] == large["typed closeness"] == 0
    # No row's data asked through Qt by the search, its filter or its sort.
    assert small["typed data"] == large["typed data"] == 0
    assert small["cleared lessThan"] == large["cleared lessThan"] == 0
    assert small["cleared sort_key"] == large["cleared sort_key"] == 0  # keys kept


def test_clearing_a_search_that_found_nothing_compares_no_rows(qtbot, main_window, nights):
    """Every row the search hid comes back in the model's own order: each came back by a
    binary search of lessThan calls by name (~1 s at 10,000 seats)."""
    small = _typing(qtbot, main_window, nights[SMALL], "Sq")
    large = _typing(qtbot, main_window, nights[LARGE], "Sq")
    assert small["cleared lessThan"] == large["cleared lessThan"] == 0


def test_a_typo_is_forgiven_without_a_call_from_python_for_each_seat(qtbot, main_window,
                                                                     nights):
    """A letter that leaves no name matching as typed ("Synthetic 00012x") has every name's
    closeness worked out, to forgive the typo: each was five calls of rapidfuzz from Python
    (~50,000 closeness calls, 0.4-0.6 s of the GUI thread a keystroke at 50,000 seats
    against 0.15 s for one that matches). Scored by rapidfuzz over the whole list at once,
    the calls from Python are the same few at any size of night."""
    small = _typing(qtbot, main_window, nights[SMALL], "Synthetic 00012x")
    large = _typing(qtbot, main_window, nights[LARGE], "Synthetic 00012x")
    assert small["typed closeness"] == large["typed closeness"], (small, large)
    # (a Match made for each seat kept: at most FUZZY_LIMIT, fewer on a small night)
    assert large["typed find"] <= small["typed find"] + find.FUZZY_LIMIT < SMALL, (small,
                                                                                   large)
