"""A majority's share reads the same wherever the desk writes it, and never rounds up onto
the recount line a seat is under.

Found in the eighteenth session: Alyn and Deeside 2019 (a majority of 0.4953% of the valid
votes, under the recount line of 0.5%) read "0.50%" on the recounts graphic, under its
subtitle "... or under 0.5%", and "0.49%" on the command line, which rounded the share to
three places for `summary --json` and then again to two."""

from __future__ import annotations

import re

import pytest
from helpers.agreement import agreement_night
from helpers.party_votes import declare_by_majority
from helpers.texts import drawn_texts
from hypothesis import given
from hypothesis import strategies as st

from resultsdesk.charts import RecountWatchChart
from resultsdesk.charts.export import at_size
from resultsdesk.cli.election import format_summary
from resultsdesk.desk import declarations as dk
from resultsdesk.desk import graphics
from resultsdesk.desk.graphic_data import graphic_json
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain import tally
from resultsdesk.domain.wording import majority_share
from resultsdesk.store import Store

SEAT = "S14000062"  # Aberdeenshire North and Moray East, on the agreement night
MAJORITY, VALID = 200, 40_380  # 0.49529% of the valid votes: under the line of 0.5%


def test_a_share_just_under_the_line_reads_under_it_everywhere(tmp_path):
    with Store(agreement_night(tmp_path)) as store:
        # the desk's warning as the seat is keyed
        with pytest.raises(dk.FiguresRefused) as refused:
            declare_by_majority(store, SEAT, MAJORITY, VALID, overrides=())
        assert "Majority of 200 (0.49%) is in recount range" in str(refused.value)
        declare_by_majority(store, SEAT, MAJORITY, VALID)
        thresholds = tally.DEFAULT_THRESHOLDS
        summary = national_summary(store)
        # the command line's table, from the summary's figure
        assert re.search(r"^\s+Aberdeenshire North and Moray East\s+\S+ over \S+\s+200\s+"
                         r"0\.49%$", format_summary(summary, thresholds), re.M)
        # summary --json keeps its three places
        assert summary.to_json_dict()["recount_watch"][0]["majority_pct"] == 0.495
        # the recounts graphic, on air
        night = graphics.night_state(store)
        chart = graphics.chart_for("recounts", night, store)
        with at_size(chart, "hd"):
            chart.figure.canvas.draw()
            texts = [t.get_text() for t in drawn_texts(chart.figure)]
        assert "0.49%" in texts and "0.50%" not in texts
        # the map's JSON: the same figure as every feed's (it gave the view's 0.49)
        seat = next(s for s in graphic_json("map", night, store)["seats"]
                    if s["code"] == SEAT)
        assert seat["majority_pct"] == 0.495 and seat["recount_range"]


def test_no_feed_rounds_a_share_up_onto_the_line(tmp_path):
    """200 of 40,030 valid votes is 0.49963%: to three places it rounded to 0.5 in
    `summary --json` and the card's and recounts' JSON, on the line the seat is under."""
    with Store(agreement_night(tmp_path)) as store:
        declare_by_majority(store, SEAT, 200, 40_030)
        assert national_summary(store).to_json_dict()["recount_watch"][0]["majority_pct"] \
            == 0.499
        night = graphics.night_state(store)
        card = graphic_json("card", night, store, constituency=SEAT)
        recounts = graphic_json("recounts", night, store)
        seat = next(s for s in graphic_json("map", night, store)["seats"]
                    if s["code"] == SEAT)
        assert card["majority_pct"] == recounts["seats"][0]["majority_pct"] == \
            seat["majority_pct"] == 0.499
        wider = tally.RecountThresholds(votes=100, pct=1.0)  # far under a line of 1%
        assert national_summary(store, thresholds=wider).to_json_dict()[
            "recount_watch"][0]["majority_pct"] == 0.5


def test_the_line_is_the_nights(tmp_path):
    """A desk whose recount line is 1%: 0.4953% is far under it, rounded as any share."""
    wider = tally.RecountThresholds(votes=100, pct=1.0)
    with Store(agreement_night(tmp_path)) as store:
        declare_by_majority(store, SEAT, MAJORITY, VALID)
        night = graphics.night_state(store)
        data = graphics.recount_data(night, wider)
        assert data.recount_line == 1.0
        chart = RecountWatchChart()
        chart.update(data)
        with at_size(chart, "hd"):
            chart.figure.canvas.draw()
            assert "0.50%" in [t.get_text() for t in drawn_texts(chart.figure)]


def test_shares_away_from_the_line_are_rounded_as_usual():
    assert majority_share(100 * 15 / 38_565) == "0.04%"  # Hendon 2024: 0.0389%
    assert majority_share(0.4953) == "0.49%"
    assert majority_share(0.4953, line=1.0) == "0.50%"
    assert majority_share(0.996, line=1.0) == "0.99%"
    assert majority_share(0.5) == "0.50%"  # on the line is not under it
    assert majority_share(0.29, line=0.295) == "0.29%"  # 100 * 0.29 is 28.999...


@given(st.floats(0, 100), st.sampled_from([0.1, 0.25, 0.5, 1.0, 2.0]))
def test_a_share_under_the_line_never_reads_as_on_it(pct, line):
    shown = float(majority_share(pct, line).rstrip("%"))
    assert abs(shown - pct) < 0.01 + 1e-9
    if pct < line:
        assert shown < line
