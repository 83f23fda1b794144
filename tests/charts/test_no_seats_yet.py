"""A new election, before its seats are imported: the majority line of no seats is 1 (half of
none, plus one), and "1 for a majority" was drawn at the right end of the National picture's
empty bar and read out with the chamber; a desk shows no majority line until it has seats."""

from __future__ import annotations

from helpers.texts import drawn_texts

from resultsdesk.charts.describe import describe
from resultsdesk.charts.export import at_size
from resultsdesk.desk import graphics
from resultsdesk.desk.election import init_election


def test_no_majority_line_is_drawn_or_said_before_there_are_seats(tmp_path):
    with init_election(tmp_path / "new.db", "GE2029") as store:
        night = graphics.night_state(store)
        summary = graphics.chart_for("summary", night, store)
        chamber = graphics.chart_for("hemicycle", night, store)
    with at_size(summary, "hd"):
        summary.figure.canvas.draw()
        texts = [t.get_text() for t in drawn_texts(summary.figure)]
    assert not any("for a majority" in t for t in texts), texts
    assert "No seats yet: import the nominations" in texts
    assert not summary.tick.get_visible()
    assert "for a majority" not in describe(chamber.data)
