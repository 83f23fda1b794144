"""The night in time: when a seat declared, when a party reached the majority line, the
half-hour bins and running totals, the `timeline` graphic, and REHEARSAL on every graphic
of a rehearsal (and on none of the live night's)."""

from __future__ import annotations

from datetime import UTC, timedelta
from itertools import pairwise

import pytest
from helpers import rehearsal as helper
from helpers.rehearsal import MAJORITY_2019, WALL, replay
from helpers.texts import drawn_texts
from PIL import Image

from resultsdesk.charts import TimelineChart
from resultsdesk.charts.export import render
from resultsdesk.charts.story_data import TimelineData, TimelineParty
from resultsdesk.charts.theme import BROADCAST
from resultsdesk.desk import declarations as dk
from resultsdesk.desk import graphics
from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.live import NightState
from resultsdesk.desk.timeline import majority_reached
from resultsdesk.domain.declaration_time import moment
from resultsdesk.domain.model import Figures
from resultsdesk.domain.timeline import DeclaredSeat, VersionTimes, declared_at, timeline_points
from resultsdesk.domain.timeline import majority_reached as reached_by

_watch_2019, watch_db, watch_desk = helper._watch_2019, helper.watch_db, helper.watch_desk
T1, T2 = "2019-12-13T01:00:00+00:00", "2019-12-13T02:30:00+00:00"


def v(version, status, *, count=0, declared=None, verified=None, source="desk"):
    return VersionTimes(version, count, status, declared, verified, source)


def test_when_a_seat_declared():
    assert declared_at([]) is None
    assert declared_at([v(1, "provisional", declared=T1)]) is None  # nothing counts yet
    assert declared_at([v(1, "verified", declared=T1, source="import")]) == T1
    # a correction restates the figures, not the moment
    assert declared_at([v(1, "superseded", declared=T1, verified="x"),
                        v(2, "verified", verified="y")]) == T1
    # a recount is declared anew
    assert declared_at([v(1, "superseded", declared=T1, verified="x"),
                        v(2, "verified", count=1, declared=T2, verified="y")]) == T2
    # keyed at the desk with no time: when it first went on air
    assert declared_at([v(1, "superseded", verified=T1),
                        v(2, "verified", verified=T2)]) == T1
    # an import without times says nothing about when
    assert declared_at([v(1, "verified", verified=T2, source="import")]) is None


def test_when_a_party_reached_the_line():
    seats = [DeclaredSeat(f"S{i}", f"Seat {i}", party, at) for i, (party, at) in enumerate([
        ("A", "2019-12-13T03:00:00+00:00"), ("B", "2019-12-13T01:00:00+00:00"),
        ("A", "2019-12-13T01:30:00+00:00"), ("A", "2019-12-13T02:00:00+00:00")])]
    assert reached_by(seats, 3).at == "2019-12-13T03:00:00+00:00"
    assert reached_by(seats, 2).at == "2019-12-13T02:00:00+00:00"  # A's 2nd by time
    assert reached_by(seats[:3], 2).at == "2019-12-13T03:00:00+00:00"
    assert reached_by(seats, 4) is None  # nobody has 4
    unknown = [*seats, DeclaredSeat("S9", "Seat 9", "A", None)]
    assert reached_by(unknown, 3) is None  # the untimed one could have come first
    # a UTC time (a desk's verification) is given in UK time, with the offset then
    summer = [DeclaredSeat("S1", "x", "A", "2024-07-05T03:58:00+00:00")]
    assert reached_by(summer, 1).at == "2024-07-05T04:58:00+01:00"


def test_bins_and_running_totals():
    seats = [DeclaredSeat("a", "a", "A", "2019-12-12T23:27:00+00:00"),
             DeclaredSeat("b", "b", "B", "2019-12-13T01:05:00+00:00"),
             DeclaredSeat("c", "c", "A", "2019-12-13T01:10:00+00:00"),
             DeclaredSeat("d", "d", None, "2019-12-13T01:20:00+00:00"),  # a tie: no one's
             DeclaredSeat("e", "e", "A", None)]
    points = timeline_points(seats)
    assert [(t.strftime("%H:%M"), n) for t, n in points.bins] == [
        ("23:00", 1), ("23:30", 0), ("00:00", 0), ("00:30", 0), ("01:00", 3)]
    assert [n for _, n in points.totals["A"]] == [1, 2] and points.untimed == 1
    # across the autumn clock change every bin is still half an hour long
    autumn = [DeclaredSeat("x", "x", "A", "2023-10-29T00:40:00+01:00"),
              DeclaredSeat("y", "y", "A", "2023-10-29T01:40:00+00:00")]
    starts = [t.astimezone(UTC) for t, _ in timeline_points(autumn).bins]
    assert all(b - a == timedelta(minutes=30) for a, b in pairwise(starts))
    assert len(starts) == 5 and timeline_points([]).bins == ()


# The night BST ends (29 Oct 2023): 01:00-02:00 comes twice, first BST (+01:00), then GMT.
AUTUMN = [DeclaredSeat("w", "w", "A", "2023-10-29T00:45:00+01:00"),
          DeclaredSeat("x", "x", "A", "2023-10-29T01:15:00+01:00"),
          DeclaredSeat("y", "y", "B", "2023-10-29T01:10:00+00:00"),
          DeclaredSeat("z", "z", "A", "2023-10-29T01:45:00+00:00")]


def test_the_night_bst_ends_counts_each_seat_once_in_its_own_half_hour():
    """The two 01:00s are two half hours an hour apart: Python compares two times of one
    zone by their wall clocks, so the BST and GMT 01:00 bins were one key and every seat in
    either was counted in both (7 declarations for 4 seats), and the night looked an hour
    shorter than it was."""
    points = timeline_points(AUTUMN)
    assert [(t.isoformat(), n) for t, n in points.bins] == [
        ("2023-10-29T00:30:00+01:00", 1), ("2023-10-29T01:00:00+01:00", 1),
        ("2023-10-29T01:30:00+01:00", 0), ("2023-10-29T01:00:00+00:00", 1),
        ("2023-10-29T01:30:00+00:00", 1)]
    assert sum(n for _, n in points.bins) == len(AUTUMN)
    assert points.last - points.first == timedelta(hours=2)
    assert [(t.strftime("%H:%M"), n) for t, n in points.totals["A"]] == [
        ("00:45", 1), ("01:15", 2), ("01:45", 3)]
    assert reached_by(AUTUMN, 3).at == "2023-10-29T01:45:00+00:00"


def test_the_timeline_chart_across_the_end_of_bst_places_each_seat_by_the_moment():
    """A's third seat (01:45 GMT) is two hours after its first (00:45 BST): drawn an hour
    early before, on top of the BST 01:45, because the chart subtracted times of one zone
    by their wall clocks."""
    data = TimelineData(bins=timeline_points(AUTUMN).bins,
                        parties=(TimelineParty("A", "A", "#d50000",
                                               timeline_points(AUTUMN).totals["A"]),),
                        seats_total=4, majority_line=3, declared=4, untimed=0)
    chart = TimelineChart()
    chart.update(data)
    assert list(chart.lines[0].get_xdata())[1:4] == [0.25, 0.75, 2.25]
    chart.figure.canvas.draw()
    # the clock as it read at each half hour: 01:00 and 01:30 twice
    assert list(chart.bars_ax.get_xticks()) == [0.0, 0.5, 1.0, 1.5, 2.0, 2.5]
    assert [t.get_text() for t in chart.bars_ax.get_xticklabels()] == [
        "00:30", "01:00", "01:30", "01:00", "01:30", "02:00"]


def test_desk_keyed_seats_count_from_when_they_went_on_air(nominations_store):
    code = "E14001279"
    sheet = dk.load_sheet(nominations_store, code)
    votes = [100 * (i + 1) for i in range(len(sheet.candidates))]
    dk.declare(nominations_store, code, Figures(votes, 5), user="a",
               overrides=["low_turnout", "recount_range"])
    dk.verify(nominations_store, code, user="b", votes=votes, invalid=5)
    night = NightState(nominations_store)
    night.refresh()
    seat = night.seats[code]
    assert seat.declared_at == seat.verified_at is not None
    assert majority_reached(nominations_store) is None  # one seat: no majority


def test_the_2017_baseline_file_alone_is_hung(tmp_path):
    results_2017 = rh.bundled_night()[2]
    from resultsdesk.desk.election import init_election
    from resultsdesk.desk.imports import import_results
    from resultsdesk.paths import CONSTITUENCIES_2017, data_file

    with init_election(tmp_path / "2017.db", "2017") as store:
        import_results(store, results_2017, constituencies=data_file(CONSTITUENCIES_2017))
        assert majority_reached(store) is None
        night = NightState(store)
        night.refresh()
        assert night.majority_text().startswith("Hung parliament")


def test_the_timeline_of_2019(watch_desk, tmp_path):
    rh.start(watch_desk, WALL)
    replay(watch_desk, WALL)
    night = graphics.night_state(watch_desk)
    chart = graphics.chart_for("timeline", night, watch_desk, theme="broadcast")
    assert isinstance(chart, TimelineChart)
    data = chart.data
    assert sum(n for _, n in data.bins) == 650 and data.untimed == 0
    # the parties every graphic names (domain.others), those with a seat, most first
    assert [p.party for p in data.parties] == [
        p for p in night.named_parties().names if any(p == s.winner for s in
                                                       night.declared_seats())]
    assert [p.party for p in data.parties][:4] == ["Con", "Lab", "SNP", "LD"]
    assert data.parties[0].points[-1][1] == 365
    assert data.majority_at == moment(MAJORITY_2019["at"])
    assert chart.marker_text.get_text() == "Con majority 05:05"
    assert chart.crossing_rule.get_visible()
    x = chart.crossing_rule.get_xdata()[0]
    assert chart.origin + timedelta(hours=x) == moment(MAJORITY_2019["at"])
    assert chart.origin.strftime("%H:%M") == "23:00"
    labels = [t.get_text() for t in chart.bars_ax.get_xticklabels()]
    assert labels[0] == "00:00" and "04:00" in labels and "14:00" in labels
    path = render(chart, tmp_path / "timeline-2019.png", "hd")
    with Image.open(path) as im:
        assert im.size == (1920, 1080)
        # the crossing is drawn in the theme's alert colour (its one definition)
        colours = {c for _, c in im.convert("RGB").getcolors(1_000_000)}
        alert = BROADCAST.alert.lstrip("#")
        assert tuple(int(alert[i:i + 2], 16) for i in (0, 2, 4)) in colours


def test_every_graphic_of_a_rehearsal_says_rehearsal(watch_desk, night_store):
    rh.start(watch_desk, WALL)
    replay(watch_desk, WALL, limit=30)
    night = graphics.night_state(watch_desk)
    assert night.rehearsal
    code = graphics.latest_verified_seat(night, watch_desk)
    for kind in graphics.KINDS:
        chart = graphics.chart_for(kind, night, watch_desk, constituency=code)
        texts = [t.get_text() for t in drawn_texts(chart.figure)]
        assert chart.header.subtitle.get_text().startswith("REHEARSAL"), kind
        assert chart.footer.source.get_text().startswith("REHEARSAL"), kind
        # the as-of time is the night's clock, not the wall clock's
        assert f"As of {rh.rehearsal_state(watch_desk).night_text}" in " ".join(texts)
    live = graphics.night_state(night_store)
    for kind in graphics.KINDS:
        chart = graphics.chart_for(kind, live, night_store, constituency="Hendon")
        assert not any("REHEARSAL" in t.get_text() for t in drawn_texts(chart.figure)), kind


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_timeline_with_no_times(night_store, theme):
    night = graphics.night_state(night_store)
    chart = graphics.chart_for("timeline", night, night_store, theme=theme)
    assert chart.empty.get_text() == "Declaration times not recorded for this night"
    assert chart.data.untimed == 650 and not chart.crossing_rule.get_visible()


def test_a_narrow_timeline_labels_fewer_times_none_overlapping(watch_desk):
    """In a narrow dock the clock labels thin out rather than run into each other."""
    rh.start(watch_desk, WALL)
    replay(watch_desk, WALL)
    night = graphics.night_state(watch_desk)
    chart = graphics.chart_for("timeline", night, watch_desk, theme="light")
    chart.figure.set_size_inches(4.0, 4.0)
    chart.update(chart.data)  # the window calls this as data arrives, at the dock's size
    chart.figure.canvas.draw()
    boxes = [t.get_window_extent() for t in chart.bars_ax.get_xticklabels() if t.get_text()]
    assert 2 <= len(boxes) <= 6
    assert all(a.x1 < b.x0 for a, b in pairwise(boxes))
