"""What the broadcast graphics say, drawn from a real night: title, subtitle and footer on
every kind, the result card (gain or hold, badges, before the seat declares), the recount
watch, the national summary, the screen's colours and names, updates in place.

Nights: the full 2024 night (`night_store`) and a 2024 night with a few seats declared, one
verified, one provisional, one recount under way, one undecided tie (`early_store`, from
the conftest).
"""

from __future__ import annotations

import re

import pytest
from helpers.seats import HENDON
from helpers.texts import drawn_texts
from matplotlib.colors import to_rgba

from resultsdesk.charts import (
    SOURCE,
    HemicycleChart,
    RecountWatchChart,
    ResultCardChart,
    SummaryChart,
)
from resultsdesk.charts.export import at_size
from resultsdesk.desk import declarations as dk
from resultsdesk.desk import graphics
from resultsdesk.desk.graphics import KINDS

AS_OF = re.compile(r"^As of \d\d:\d\d \u00b7 \d[\d,]* of [\d,]+ declared")


def texts_of(chart) -> list[str]:
    with at_size(chart, "hd"):
        chart.figure.canvas.draw()
        return [t.get_text() for t in drawn_texts(chart.figure)]


def test_every_graphic_has_title_subtitle_and_footer(night_store):
    night = graphics.night_state(night_store)
    for kind in KINDS:
        chart = graphics.chart_for(kind, night, night_store, constituency=HENDON)
        texts = texts_of(chart)
        assert chart.header.title.get_text() and chart.header.subtitle.get_text(), kind
        assert SOURCE in texts, kind
        assert SOURCE == ("Source: ResultsDesk \u00b7 House of Commons Library data, "
                          "Open Parliament Licence")
        status = chart.footer.status.get_text()
        assert AS_OF.match(status) and status.endswith("650 of 650 declared"), (kind, status)


def test_title_of_your_own(night_store):
    night = graphics.night_state(night_store)
    for kind in KINDS:
        chart = graphics.chart_for(kind, night, night_store, constituency=HENDON,
                                   title="Election 2024: the night")
        assert chart.header.title.get_text() == "Election 2024: the night"


def test_result_card_for_hendon(night_store):
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("card", night, night_store, constituency="Hendon")
    assert isinstance(chart, ResultCardChart)
    texts = texts_of(chart)
    assert chart.header.title.get_text() == "Hendon"
    assert "Lab gain from Con" in texts
    assert chart.badges == ["RECOUNT RANGE"]  # a majority of 15
    first = chart.rows[0]
    assert (first.party, first.votes, first.elected) == ("Lab", 15_855, True)
    assert [c.votes for c in chart.rows] == sorted((c.votes for c in chart.rows), reverse=True)
    assert "15,855" in texts and "38.4%" in texts and "15" in texts and "0.04%" in texts
    assert "new" in texts  # Reform did not stand in Hendon at the notional 2019 election
    for c in chart.rows:  # the screen's colours and names
        assert c.colour == night.parties[c.party].colour
        assert c.party_name == night.parties[c.party].name
    chips = {t.get_text(): to_rgba(b.get_facecolor())
             for t, b in zip(chart.chip_texts, chart.chips, strict=True)}
    assert chips["Lab"] == to_rgba(night.parties["Lab"].colour)
    assert to_rgba(chart.band.get_facecolor()) == to_rgba(night.parties["Lab"].colour)


def test_result_card_hold(night_store):
    night = graphics.night_state(night_store)
    hold = next(s for s in night.seats.values() if s.outcome.result == "Con hold")
    chart = graphics.chart_for("card", night, night_store, constituency=hold.code)
    assert "Con hold" in texts_of(chart)


def test_result_card_badges(early_store):
    night = graphics.night_state(early_store)
    badges = {key: graphics.chart_for("card", night, early_store, constituency=key).badges
              for key in ("Hendon", "Poole", "Bath", "Chingford and Woodford Green")}
    assert badges == {"Hendon": ["RECOUNT"], "Poole": ["RECOUNT RANGE", "PROVISIONAL"],
                      "Bath": ["TIE"],
                      "Chingford and Woodford Green": []}
    bath = graphics.chart_for("card", night, early_store, constituency="Bath")
    assert "Tie: no winner yet" in texts_of(bath) and "TIE" in texts_of(bath)
    poole = texts_of(graphics.chart_for("card", night, early_store, constituency="Poole"))
    assert "PROVISIONAL" in poole and "Lab gain from Con" in poole


def test_result_card_before_the_seat_declares(early_store):
    night = graphics.night_state(early_store)
    chart = graphics.chart_for("card", night, early_store, constituency="Aldershot")
    texts = texts_of(chart)
    assert "Awaiting declaration" in texts
    assert all(c.votes is None for c in chart.rows) and len(chart.rows) >= 3


def test_card_needs_a_known_constituency(night_store):
    night = graphics.night_state(night_store)
    for missing in (None, "", "  "):
        with pytest.raises(ValueError, match="needs a constituency"):
            graphics.chart_for("card", night, night_store, constituency=missing)
    with pytest.raises(dk.DeskRefusal, match="No constituency 'Atlantis'"):
        graphics.chart_for("card", night, night_store, constituency="Atlantis")
    with pytest.raises(graphics.GraphicsRefusal, match="no graphic 'pie'"):
        graphics.chart_for("pie", night, night_store)
    with pytest.raises(graphics.GraphicsRefusal, match="no theme 'neon'"):
        graphics.chart_for("seats", night, night_store, theme="neon")


def test_recount_watch(early_store, night_store):
    night = graphics.night_state(early_store)
    chart = graphics.chart_for("recounts", night, early_store)
    assert isinstance(chart, RecountWatchChart)
    names = [s.constituency for s in chart.rows]
    assert names[0] == "Hendon" and chart.rows[0].recount  # recounts under way first
    # then the smallest verified majority: the tie. Poole's 18 is a provisional entry's,
    # on the desk's own watch, never on a graphic for air until a second person re-keys it.
    assert names[1:] == ["Bath"]
    assert "Poole" in [r.constituency for r in night.recount_watch()]
    bath = chart.rows[1]
    assert bath.tie and {bath.winner, bath.runner_up} == {"LD", "Con"}
    texts = texts_of(chart)
    assert {"RECOUNT", "TIE"} <= set(texts) and "PROVISIONAL" not in texts
    assert not any("Poole" in t or t == "18" for t in texts)
    dk.verify(early_store, "Poole", user="bob", votes=None)  # re-keyed alike
    verified = graphics.recount_data(graphics.night_state(early_store))
    assert [(w.constituency, w.majority) for w in verified.seats[1:]] == \
        [("Bath", 0), ("Poole", 18)]

    full = graphics.chart_for("recounts", graphics.night_state(night_store), night_store)
    majorities = [s.majority for s in full.rows]
    assert majorities == sorted(majorities) and full.rows[0].constituency == "Hendon"
    texts = texts_of(full)
    assert 0 < full.shown < len(full.rows)
    assert f"and {len(full.rows) - full.shown:,} more within recount range" in texts


def test_national_summary(night_store, early_store):
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("summary", night, night_store)
    assert isinstance(chart, SummaryChart)
    texts = texts_of(chart)
    # the 2024 file has no declaration times: no time is made up (not the import's)
    assert chart.band_text.get_text() == "Lab majority reached"
    assert [p.party for p in chart.parties][:3] == ["Lab", "Con", "LD"]
    assert "RUK" in [p.party for p in chart.parties]  # many votes, few seats: shown
    assert chart.parties[-1].party == "Others"
    assert sum(p.seats for p in chart.parties) == 650
    assert {"411", "+211", "33.7%", "650 of 650", "326 for a majority"} <= set(texts)
    # every seat in: the turnout is the night's, not "59.7% so far"
    assert "59.7%" in texts and "so far" not in texts
    assert to_rgba(chart.band.get_facecolor()) == to_rgba(night.parties["Lab"].colour)

    early = graphics.chart_for("summary", graphics.night_state(early_store), early_store)
    assert early.band_text.get_text() == "Lab need 324 more for a majority"
    # Bath, a verified tie awaiting the lot: declared, and said beside the count
    assert {"1 tied, awaiting the lot · + 1 provisional", "so far"} <= set(texts_of(early))


def test_screen_colours_in_national_charts(night_store):
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("hemicycle", night, night_store)
    assert isinstance(chart, HemicycleChart)
    lab = chart.seat_owners.index("Lab")
    assert tuple(chart.seat_colours()[lab]) == to_rgba(night.parties["Lab"].colour)
    seats = graphics.chart_for("seats", night, night_store)
    assert to_rgba(seats.bar_patches[0].get_facecolor()) == \
        to_rgba(night.parties["Lab"].colour)


def test_charts_update_in_place(early_store, night_store):
    early = graphics.night_state(early_store)
    full = graphics.night_state(night_store)
    for kind, key in (("card", "Hendon"), ("recounts", None)):
        chart = graphics.chart_for(kind, early, early_store, constituency=key)
        texts_of(chart)
        rebuilds, ax = chart.rebuilds, chart.ax
        data = (graphics.card_data(full, night_store, "Hendon") if kind == "card"
                else graphics.recount_data(full))
        chart.update(data)
        assert chart.rebuilds == rebuilds and chart.ax is ax, kind
        texts_of(chart)
