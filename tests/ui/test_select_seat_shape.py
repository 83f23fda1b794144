"""The shape of selecting a seat named elsewhere (a click on the map, Enter on the recount
watch or a rehearsal's read-out): found by the results model's index of codes, not by
asking every listed row for its record (~300 ms at 50,000 seats for a click on the map).
Calls counted by the profiler at two sizes of night, never timed."""

from __future__ import annotations

import cProfile
import pstats

import pytest
from helpers.sized_nights import half_verified, seat_code

from resultsdesk.ui.table_model import RowsTableModel

SMALL, LARGE = 120, 1_200


@pytest.fixture(scope="module")
def nights(tmp_path_factory) -> dict[int, object]:
    return {n: half_verified(tmp_path_factory.mktemp(f"select-{n}"), n) for n in (SMALL, LARGE)}


def _rows_asked(main_window, db, seats: int) -> int:
    """How many answers the results model gave while the map's click on the last seat
    selected it."""
    window = main_window(db)
    code = seat_code(seats - 1)  # last in name order: a search from the top sees every row
    profile = cProfile.Profile()
    profile.enable()
    window.select_from_map(code)
    profile.disable()
    assert window.selected_code() == code
    data = RowsTableModel.data.__code__
    return sum(total for (path, line, _), (_, total, *_r) in pstats.Stats(profile).stats.items()
               if (path, line) == (data.co_filename, data.co_firstlineno))


def test_a_seat_clicked_on_the_map_is_selected_without_a_look_at_every_row(main_window,
                                                                           nights):
    small = _rows_asked(main_window, nights[SMALL], SMALL)
    large = _rows_asked(main_window, nights[LARGE], LARGE)
    assert large <= small + 20 < SMALL, (small, large)
