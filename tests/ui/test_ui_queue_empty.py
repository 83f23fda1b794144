"""An empty verification queue says so, as the recount watch does: bare headers read as a
queue broken or not yet read (found by a review of the real window)."""

from __future__ import annotations

from helpers.form_dialogs import queue_in_sight
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.window_layout import NO_ENTRIES_AWAITING


def test_the_queue_says_when_nothing_awaits_and_not_when_something_does(qtbot, main_window,
                                                                        nominations_db):
    window = main_window(nominations_db, user="bob")
    queue_in_sight(qtbot, window, 0)
    empty = window.queue_empty
    assert empty.text() == NO_ENTRIES_AWAITING and empty.isVisible()
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 50),
                   overrides=["recount_range", "low_turnout"])
    with qtbot.waitSignal(window.refreshed):
        window.refresh_if_changed()
    assert window.queue_model.rowCount() == 1 and not empty.isVisible()
    with Store(nominations_db) as store:
        dk.withdraw(store, HENDON, user="alice")
    with qtbot.waitSignal(window.refreshed):
        window.refresh_if_changed()
    assert window.queue_model.rowCount() == 0 and empty.isVisible()
