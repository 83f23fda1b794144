"""The shape of File > Switch user: another person's view of the night differs only in the
seats with an entry awaiting verification (its figures shown to its author, hidden from a
verifier), so only those are read again, the same at 200 seats as at 2,000, where the
whole night was read again (~3 s at 50,000 seats, at every hand-over to the verifier).
What each person sees stays as blind as ever. Counted, never timed."""

from __future__ import annotations

import pytest
from helpers.sized_nights import half_verified, seat_code
from helpers.sqlite_steps import sqlite_steps

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.session import open_desk
from resultsdesk.domain.model import Figures, Status
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.ui.sign_in import account_for

SMALL, LARGE = 200, 2_000


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    nights = {}
    for n in (SMALL, LARGE):
        db = half_verified(tmp_path_factory.mktemp(f"switch-{n}"), n)
        with open_desk(db) as desk:  # one entry awaiting verification, alice's
            code = seat_code(n - 1)
            votes = [1000 + 7 * i for i in range(len(dk.load_sheet(desk, code).candidates))]
            dk.declare(desk, code, user="alice", figures=Figures(votes, 10),
                       overrides=WARNING_CODES)
        nights[n] = db
    return nights


def _switching(main_window, db, seats: int) -> list[int]:
    """SQLite's steps for each hand-over: alice (the author) to bob (a verifier) and back;
    checks what each sees of alice's entry."""
    window = main_window(db, user="alice")
    code = seat_code(seats - 1)
    assert window.night.seats[code].status is Status.PROVISIONAL
    assert window.night.seats[code].shown is not None  # her own figures
    steps = []
    for name, sees in (("bob", False), ("alice", True)):
        with sqlite_steps(window.desk) as counted:
            window.set_account(account_for(window.desk, name))
        steps.append(counted.count)
        seat = window.night.seats[code]
        assert (seat.shown is not None) is sees, name
        assert seat.hidden_entry_by == (None if sees else "alice")
        row = window.model.rows[[r.code for r in window.model.rows].index(code)]
        assert (row.winner_party is not None) is sees, name  # the table says no more
    return steps


def test_switch_user_reads_the_same_at_200_and_2000_seats(main_window, nights):
    small = _switching(main_window, nights[SMALL], SMALL)
    large = _switching(main_window, nights[LARGE], LARGE)
    for s, big in zip(small, large, strict=True):
        assert big <= 1.5 * s + 100, (small, large)
