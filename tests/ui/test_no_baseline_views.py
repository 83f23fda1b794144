"""A night with no baseline imported: the summary strip read "Lab 2 (±0)" and the National
summary dock's +/− column "±0" for every party, as if nothing had changed hands, where
there is nothing to compare with. Both now say nothing of a change, as the results table's
Swing says nothing for a seat with no baseline; with a baseline, the change is back."""

from __future__ import annotations

from helpers.no_baseline import add_baseline, five_seats_no_baseline

from resultsdesk.ui.seats_model import COLUMNS

CHANGE = COLUMNS.index("+/−")


def _dock_changes(window) -> dict[str, str]:
    model = window.seats_model
    return {model.index(r, 0).data(): model.index(r, CHANGE).data()
            for r in range(model.rowCount())}


def test_the_strip_and_the_dock_say_nothing_of_a_change_with_no_baseline(
        qtbot, main_window, tmp_path):
    db = five_seats_no_baseline(tmp_path)
    window = main_window(db)
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: "<b>Lab</b>" in window.strip.parties.text())
    strip = window.strip.parties.text()
    assert "\u00b10" not in strip and "(" not in strip, strip
    assert "\u00b10" not in window.strip.toolTip(), window.strip.toolTip()
    changes = _dock_changes(window)
    assert "Lab" in changes and set(changes.values()) == {""}, changes

    add_baseline(db, tmp_path)
    window.refresh_if_changed()
    qtbot.waitUntil(lambda: "(+1)" in window.strip.parties.text())
    assert "Lab 2 (+1)" in window.strip.toolTip(), window.strip.toolTip()
    changes = _dock_changes(window)
    assert changes["Lab"] == "+1" and changes["Con"] == "\u22121", changes
