"""The recount banner keeps only what is still close by the thresholds now set: Hendon (15
votes, 0.04 %) stayed on the banner after Preferences narrowed the watch to 10 votes and
0.01 %, where the watch beside it no longer listed it."""

from __future__ import annotations

from helpers.party_votes import declare_by_party

from resultsdesk.domain.records import replace
from resultsdesk.store import Store


def test_a_seat_out_of_range_by_new_thresholds_leaves_the_banner(qtbot, main_window,
                                                                 nominations_db):
    window = main_window(nominations_db, user="editor")
    window.refresh()
    with Store(nominations_db) as store:
        declare_by_party(store, "Hendon", {"Lab": 15_855, "Con": 15_840})
    with qtbot.waitSignal(window.refreshed):
        window.refresh_if_changed()
    assert "Hendon" in window.recount_alert.text() and window.recount_alert.isVisible()
    window.prefs = replace(window.prefs, recount_votes=10, recount_pct=0.01)
    with qtbot.waitSignal(window.refreshed):
        window.refresh_asked()  # as Preferences' OK does
    assert window.recount_model.rowCount() == 0
    assert not window.recount_alert.isVisible() and window.alerted_now == []
