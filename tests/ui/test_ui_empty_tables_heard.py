"""An empty side table says so to the keyboard's focus too: the queue, the recount watch and
the national summary show a line over an empty table ("Nothing awaiting verification"),
which nothing focuses, and Tab into the table gave a screen reader its name alone, no rows
and no word of why. The line is the table's description while it shows."""

from __future__ import annotations

from helpers.seats import BASILDON, HENDON, HENDON_2024
from PySide6.QtGui import QAccessible

from resultsdesk.charts._base import NO_SEATS
from resultsdesk.charts.data import NO_RECOUNT_SEATS
from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.window_layout import NO_ENTRIES_AWAITING


def _heard(widget) -> tuple[str, str]:
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name), face.text(QAccessible.Text.Description)


def test_an_empty_side_table_says_why_and_stops_once_it_has_rows(qtbot, main_window,
                                                                  nominations_db):
    window = main_window(nominations_db, user="bob")
    assert _heard(window.queue_table) == ("Verification queue", NO_ENTRIES_AWAITING)
    assert _heard(window.recount_table) == ("Recount watch", NO_RECOUNT_SEATS)
    assert _heard(window.seats_table) == ("National summary", NO_SEATS)
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])  # awaiting bob's re-key
        dk.mark_recount(store, BASILDON, user="alice")  # on everyone's watch
    with qtbot.waitSignal(window.refreshed):
        window.refresh_if_changed()
    assert window.queue_model.rowCount() == 1 and window.recount_model.rowCount() == 1
    assert _heard(window.queue_table) == ("Verification queue", "")
    assert _heard(window.recount_table) == ("Recount watch", "")
    with Store(nominations_db) as store:
        dk.withdraw(store, HENDON, user="alice")
        dk.mark_recount(store, BASILDON, user="alice", under_way=False)
    with qtbot.waitSignal(window.refreshed):
        window.refresh_if_changed()
    assert _heard(window.queue_table)[1] == NO_ENTRIES_AWAITING
    assert _heard(window.recount_table)[1] == NO_RECOUNT_SEATS
