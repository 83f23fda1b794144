"""The seat chosen in the results table, taken out of it by the Status filter as another
desk keys or verifies it, leaves no other seat chosen in its place: Qt chose the row after
it, unasked, and Enter, pressed for the seat in hand, opened that next seat's form."""

from __future__ import annotations

from helpers.desk_state import real_votes
from helpers.seats import BASILDON, HENDON
from PySide6.QtCore import Qt

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures, Status
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store
from resultsdesk.ui import constituency_model as cm

POOLE = "E14001429"
CTRL = Qt.KeyboardModifier.ControlModifier


def _shown(window) -> list[str]:
    return [window.proxy.index(r, cm.NAME).data() for r in range(window.proxy.rowCount())]


def _declare(db, code: str, *, verify: bool = False) -> None:
    with Store(db) as desk:
        votes = real_votes(desk, code)
        if not verify:
            dk.declare(desk, code, Figures(votes, 100), user="bob", overrides=WARNING_CODES)
        else:
            dk.verify(desk, code, user="carol", votes=votes, invalid=100)


def _choose_status(qtbot, window, status: Status | None) -> None:
    """The Status filter set by keyboard: Home (All statuses), then Down to `status`."""
    combo = window.status_filter
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == status:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"no {status} in the Status filter")


def _window(qtbot, main_window, db, status: Status):
    window = main_window(db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    _choose_status(qtbot, window, status)
    return window


def test_a_seat_keyed_elsewhere_leaves_no_awaiting_seat_chosen(qtbot, main_window,
                                                               nominations_db):
    """Awaiting filter, Hendon chosen, its sheet in hand: bob keys Hendon meanwhile. Enter
    opened Hereford and South Herefordshire's entry form (the row after Hendon's)."""
    window = _window(qtbot, main_window, nominations_db, Status.AWAITING)
    window.select_code(HENDON)
    window.table.setFocus()
    assert window.selected_code() == HENDON
    _declare(nominations_db, HENDON)
    with qtbot.waitSignal(window.refreshed):
        pass
    assert "Hendon" not in _shown(window)
    assert window.selected_code() is None
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.active_dialog is None  # no other seat's form
    assert window.statusBar().currentMessage() == (
        "Hendon is now provisional, which the Status filter hides: choose a seat again.")


def test_the_only_row_left_is_not_taken_for_the_seat_gone(qtbot, main_window,
                                                          nominations_db):
    """Provisional filter, two seats in it, Hendon chosen; carol verifies Hendon: Poole,
    the only row left, was the seat Ctrl+E and Enter worked on."""
    _declare(nominations_db, HENDON)
    _declare(nominations_db, POOLE)
    window = _window(qtbot, main_window, nominations_db, Status.PROVISIONAL)
    assert _shown(window) == ["Hendon", "Poole"]
    window.select_code(HENDON)
    window.table.setFocus()
    _declare(nominations_db, HENDON, verify=True)
    with qtbot.waitSignal(window.refreshed):
        pass
    assert _shown(window) == ["Poole"]
    assert window.selected_code() is None
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    qtbot.keyClick(window.table, Qt.Key.Key_E, CTRL)  # Declaration > Enter declaration
    assert window.active_dialog is None
    # Chosen again (a filter changed, a search typed, a row picked): as before.
    qtbot.keyClick(window.table, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClicks(window.search, "Poole")
    assert window.selected_code() == POOLE


def test_a_seat_still_shown_stays_chosen_as_others_change(qtbot, main_window, nominations_db):
    """Nothing taken away: a seat keyed elsewhere moves in a list sorted by Status, and
    the chosen one stays chosen."""
    _declare(nominations_db, POOLE)
    window = _window(qtbot, main_window, nominations_db, Status.PROVISIONAL)
    _choose_status(qtbot, window, None)
    window.table.sortByColumn(cm.STATUS, Qt.SortOrder.DescendingOrder)
    window.select_code(POOLE)
    for verify in (False, True):
        _declare(nominations_db, BASILDON, verify=verify)
        with qtbot.waitSignal(window.refreshed):
            pass
        assert window.selected_code() == POOLE
