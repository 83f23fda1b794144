"""The recount alert an editor watches for: a close seat whose verified result changes
hands by the same majority (a correction of transposed figures), or comes back to a
majority alerted earlier in the night, raises it again. It stayed silent: the window
remembered every (seat, status, majority) it had ever alerted."""

from __future__ import annotations

import pytest
from helpers.seats import CON, HENDON, HENDON_2024, LAB

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store

INVALID = 187


def _swapped(votes: tuple[int, ...]) -> tuple[int, ...]:
    """Labour's and the Conservatives' votes the other way round: Con by 15."""
    out = list(votes)
    out[CON], out[LAB] = out[LAB], out[CON]
    return tuple(out)


@pytest.fixture
def hendon_verified(nominations_db):
    """Hendon as declared in 2024: Lab by 15, verified before the editor's window opens."""
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, Figures(HENDON_2024, INVALID), user="alice",
                   overrides=WARNING_CODES)
        dk.verify(store, HENDON, user="bob", votes=HENDON_2024, invalid=INVALID)
    return nominations_db


def _corrected_and_verified(db, votes: tuple[int, ...]) -> None:
    """Another desk corrects Hendon and a second person verifies it."""
    with Store(db) as store:
        dk.correct(store, HENDON, Figures(votes, INVALID), user="alice",
                   reason="RO restated the figures", overrides=WARNING_CODES)
        dk.verify(store, HENDON, user="bob", votes=votes, invalid=INVALID)


def _refreshed(qtbot, window) -> None:
    with qtbot.waitSignal(window.refreshed, timeout=5000):
        window.refresh_if_changed()


def _winner(window) -> str | None:
    return window.model.row_at(window.model._index[HENDON]).winner_party


def test_a_close_seat_changing_hands_by_the_same_majority_is_alerted(qtbot, main_window,
                                                                     hendon_verified):
    window = main_window(hendon_verified, user="eve")
    assert not window.recount_alert.isVisible()  # known when the window opened
    with qtbot.waitSignal(window.close_result_alert, timeout=5000) as alert:
        _corrected_and_verified(hendon_verified, _swapped(HENDON_2024))
        _refreshed(qtbot, window)
    assert _winner(window) == "Con"
    assert alert.args == ["Recount range: Hendon: Con majority 15 (verified)"]
    assert window.recount_alert.isVisible()


def test_a_close_seat_back_to_a_result_alerted_earlier_is_alerted(qtbot, main_window,
                                                                  hendon_verified):
    window = main_window(hendon_verified, user="eve")
    by_five = list(HENDON_2024)
    by_five[CON] += 20  # Con by 5
    with qtbot.waitSignal(window.close_result_alert, timeout=5000):
        _corrected_and_verified(hendon_verified, tuple(by_five))
        _refreshed(qtbot, window)
    window.take_down_alerts()  # read; the banner then says something else, or nothing
    with qtbot.waitSignal(window.close_result_alert, timeout=5000) as alert:
        _corrected_and_verified(hendon_verified, HENDON_2024)  # Lab by 15 again
        _refreshed(qtbot, window)
    assert _winner(window) == "Lab"
    assert alert.args == ["Recount range: Hendon: Lab majority 15 (verified)"]
    assert window.recount_alert.isVisible()
