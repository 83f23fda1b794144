"""The shape of a seat's History (the window's History dialog, `resultsdesk history SEAT`):
one seat's versions and audit trail are found by index, the same work at 200 seats as at
2,000, not by reading every entry of the night's audit log (~75,000 steps of SQLite's for
one seat at 50,000 seats, where it is ~1,000 at 650). Counted, never timed."""

from __future__ import annotations

import pytest
from helpers.sized_nights import half_verified, seat_code
from helpers.sqlite_steps import sqlite_steps

from resultsdesk.desk.audit_text import history_trail, seat_trail
from resultsdesk.desk.declarations import history
from resultsdesk.desk.session import open_desk

SMALL, LARGE = 200, 2_000


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    return {n: half_verified(tmp_path_factory.mktemp(f"history-{n}"), n) for n in (SMALL, LARGE)}


def _history_steps(db) -> tuple[int, int]:
    """SQLite's steps for the History dialog's reads of a verified seat, and for the
    command's trail of it."""
    with open_desk(db) as desk:
        code = seat_code(3)
        with sqlite_steps(desk) as dialog:
            trail = history_trail(desk, history(desk, code))
        with sqlite_steps(desk) as command:
            lines = seat_trail(desk, code)
        assert trail and lines  # the import's entry for the seat, at least
    return dialog.count, command.count


def test_a_seats_history_reads_the_same_at_200_and_2000_seats(nights):
    small, large = _history_steps(nights[SMALL]), _history_steps(nights[LARGE])
    for s, big in zip(small, large, strict=True):
        # An index one level deeper may cost a few steps more; a scan costs ten times as many.
        assert big <= 1.5 * s + 100, (small, large)
