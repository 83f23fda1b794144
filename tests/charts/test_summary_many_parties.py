"""The national picture naming more parties than its table has room for (Preferences >
Charts and exports allow up to 30; `--parties N` more): the table is left out whole, as on a
canvas too narrow for a row, and the figures under it (seats declared, turnout, votes
counted) stay, as they do there. They went with the table: an HD broadcast summary naming
20 parties was the majority band and the race bar over an empty picture."""

from __future__ import annotations

import pytest
from helpers.texts import drawn_texts, layout_problems

from resultsdesk.charts.export import at_size
from resultsdesk.desk import graphics

FIGURES = {"Declared", "650 of 650", "Turnout", "59.7%", "Votes counted", "28,809,340"}


@pytest.mark.parametrize(("theme", "parties", "size"), [
    ("broadcast", 20, (1920, 1080)), ("light", 30, (1920, 1080)), ("dark", 30, (1280, 720)),
    ("broadcast", 30, (1080, 1080))])
def test_a_summary_too_long_for_its_table_keeps_its_figures(night_store, theme, parties,
                                                            size):
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("summary", night, night_store, theme=theme, parties=parties)
    with at_size(chart, size):
        chart.figure.canvas.draw()
        renderer = chart.figure.canvas.get_renderer()
        assert layout_problems(chart.figure, renderer, "the picture") == []
        shown = {t.get_text() for t in drawn_texts(chart.figure)}
        rows = [t.get_visible() for t in chart.seats[:len(chart.parties)]]
    assert shown >= FIGURES, shown
    assert not any(rows)  # the table whole or not at all: here, not at all


def test_a_summary_whose_table_fits_is_drawn_as_before(night_store):
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("summary", night, night_store, theme="broadcast", parties=10)
    with at_size(chart, (1920, 1080)):
        chart.figure.canvas.draw()
        shown = {t.get_text() for t in drawn_texts(chart.figure)}
        rows = [t.get_visible() for t in chart.seats[:len(chart.parties)]]
    assert shown >= FIGURES and all(rows) and len(rows) == 11
