"""The map names who "Others" are over its footer, as the chamber does. Found in the
forty-ninth session: its key's grey "Others 6" named nobody on air (the SDLP's,
Alliance's, the Speaker's seats), where README has a line over the footer say who they are
on every chart. No line where the key has no Others; a small picture whose key needs the
line's height for its column beside the map leaves the line out
(`test_map_legibility`)."""

from __future__ import annotations

from helpers.chart_nights import draw

from resultsdesk.desk import graphics


def _map(store, parties: int):
    night = graphics.night_state(store)
    chart = graphics.chart_for("map", night, store, parties=parties)
    draw(chart)
    return chart


def test_the_map_says_who_others_are(night_store):
    chart = _map(night_store, 10)
    assert any(e.label.startswith("Others") for e in chart.legend_entries)
    assert chart.footer.note.get_visible()
    assert chart.footer.note.get_text().startswith("Others: SDLP 2, APNI 1, UUP 1"), \
        chart.footer.note.get_text()


def test_no_line_where_the_key_has_no_others(night_store):
    chart = _map(night_store, 30)  # every party with a seat named
    assert not any(e.label.startswith("Others") for e in chart.legend_entries)
    assert not chart.footer.note.get_visible()
