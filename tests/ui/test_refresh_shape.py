"""The shape of the main window's refresh after another desk's verification, in SQLite's
own work on the window's connection: the same at 200 seats as at 2,000. The backups'
schedule counted the night's verifications at every change by reading the whole audit log
(~75,000 steps of SQLite's at 50,000 seats against ~1,000 at 650); it now reads the entries
since the last it counted. Counted, never timed."""

from __future__ import annotations

import pytest
from helpers.sized_nights import half_verified, seat_code
from helpers.sqlite_steps import sqlite_steps

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.session import open_desk
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES

SMALL, LARGE = 200, 2_000


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    return {n: half_verified(tmp_path_factory.mktemp(f"refresh-{n}"), n) for n in (SMALL, LARGE)}


def _refresh_steps(qtbot, main_window, db, seats: int) -> int:
    window = main_window(db, user="carol")
    code = seat_code(seats - 1)  # not declared yet
    with open_desk(db) as other:
        votes = [1000 + 7 * i for i in range(len(dk.load_sheet(other, code).candidates))]
        dk.declare(other, code, user="alice", figures=Figures(votes, 10),
                   overrides=WARNING_CODES)
        window.refresh_if_changed()  # the entry: seen, not what is measured
        dk.verify(other, code, user="bob", votes=None)
    with sqlite_steps(window.desk) as steps:
        window.refresh_if_changed()
    assert window.night.seats[code].verified is not None
    return steps.count


def test_a_refresh_after_one_verification_reads_the_same_at_200_and_2000_seats(
        qtbot, main_window, nights):
    small = _refresh_steps(qtbot, main_window, nights[SMALL], SMALL)
    large = _refresh_steps(qtbot, main_window, nights[LARGE], LARGE)
    assert large <= 1.5 * small + 100, (small, large)
