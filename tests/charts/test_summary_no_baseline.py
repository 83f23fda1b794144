"""The summary graphic of a night with no baseline imported (a rehearsal of the 2017 night
alone): no party has a seat or share change to say, yet the table's two "Change" headings
stood over empty columns, which on air read as figures gone missing. A heading is drawn only
over a column that says something."""

from __future__ import annotations

import pytest
from helpers.csv_tables import read_table, write_table
from helpers.texts import drawn_texts, layout_problems

from resultsdesk.charts.export import at_size
from resultsdesk.desk import graphics
from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_baseline, import_results
from resultsdesk.paths import CONSTITUENCIES_2019, ELECTION_2017, ELECTION_2019, data_file


def _night(folder, baseline: bool):
    """Three 2019 seats declared, with 2017 as the baseline or none."""
    header, rows = read_table(data_file(CONSTITUENCIES_2019))
    codes = {r[header.index("ONS ID")] for r in rows[:3]}
    cand_header, cand_rows = read_table(data_file(ELECTION_2019))
    code = cand_header.index("ONS ID")
    cands = write_table(folder / "three.csv", cand_header,
                        [r for r in cand_rows if r[code] in codes])
    store = init_election(folder / "night.db", "UK general election 2019")
    import_results(store, cands, add_seats=True)
    if baseline:
        base_header, base_rows = read_table(data_file(ELECTION_2017))
        at = base_header.index("ONS ID")
        base = write_table(folder / "three-2017.csv", base_header,
                           [r for r in base_rows if r[at] in codes])
        import_baseline(store, base, name="GE2017")
    return store


@pytest.mark.parametrize("baseline", [False, True])
@pytest.mark.parametrize("size", [(1920, 1080), (640, 360)])
def test_change_is_headed_only_where_a_change_is_said(tmp_path, baseline, size):
    store = _night(tmp_path, baseline)
    try:
        night = graphics.night_state(store)
        chart = graphics.chart_for("summary", night, store, theme="broadcast")
        with at_size(chart, size):
            chart.figure.canvas.draw()
            renderer = chart.figure.canvas.get_renderer()
            assert layout_problems(chart.figure, renderer, "the picture") == []
            shown = [t.get_text() for t in drawn_texts(chart.figure)]
    finally:
        store.close()
    assert "Seats" in shown and "Vote share" in shown
    assert shown.count("Change") == (2 if baseline else 0), shown


@pytest.mark.parametrize("baseline", [False, True])
def test_the_card_heads_change_only_where_a_change_is_said(tmp_path, baseline):
    """The result card's "Change" heading the same way, over its candidates' figures."""
    store = _night(tmp_path, baseline)
    try:
        night = graphics.night_state(store)
        chart = graphics.chart_for("card", night, store, theme="broadcast",
                                   constituency=_first_code())
        with at_size(chart, (1920, 1080)):
            chart.figure.canvas.draw()
            renderer = chart.figure.canvas.get_renderer()
            assert layout_problems(chart.figure, renderer, "the picture") == []
            shown = [t.get_text() for t in drawn_texts(chart.figure)]
    finally:
        store.close()
    assert "Votes" in shown and "Share" in shown
    assert shown.count("Change") == (1 if baseline else 0), shown


def _first_code() -> str:
    header, rows = read_table(data_file(CONSTITUENCIES_2019))
    return rows[0][header.index("ONS ID")]
