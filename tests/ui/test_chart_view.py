"""A chart on screen (the real FigureCanvasQTAgg, offscreen) redraws only what moved: one
verification draws a few texts and shapes, not the chart; a resize or a new theme draws the
whole frame once; an export after many updates is the export of a fresh chart."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from helpers.dots import dots_drawn
from helpers.verifications import night
from matplotlib.image import imread

from resultsdesk.charts import DARK, HemicycleChart, SeatChart, VoteShareChart
from resultsdesk.charts._recording import Call
from resultsdesk.charts.export import render
from resultsdesk.ui.chart_view import ChartView

KINDS = {"seats": SeatChart, "chamber": HemicycleChart, "shares": VoteShareChart}


def shown(qtbot, kind: str, data) -> ChartView:
    view = ChartView(KINDS[kind](), kind)
    qtbot.addWidget(view)
    view.resize(700, 460)
    view.show()
    qtbot.waitExposed(view)
    frame(qtbot, view, lambda: view.show_data(data))
    return view


def frame(qtbot, view: ChartView, action) -> None:
    """Do `action` and wait for the canvas's next frame."""
    before = view.canvas.frames.stats
    action()
    qtbot.waitUntil(lambda: view.canvas.frames.stats is not before)


def counting(monkeypatch) -> Counter:
    """Counts the drawing calls replayed onto the canvas from now on, by kind (a text
    drawn from its kept glyphs counts as a text drawn)."""
    calls: Counter = Counter()
    real = Call.replay

    def replay(call, *args, **kwargs):
        calls[call.name] += 1
        return real(call, *args, **kwargs)

    monkeypatch.setattr(Call, "replay", replay)
    return calls


@pytest.mark.parametrize("kind", KINDS)
def test_a_verification_draws_only_what_changed(qtbot, monkeypatch, kind):
    steps = night(650, steps=3)
    view = shown(qtbot, kind, steps[0].of(kind))
    assert view.canvas.frames.stats.full
    full = counting(monkeypatch)
    frame(qtbot, view, lambda: (view.canvas.frames.invalidate(), view.canvas.draw_idle()))
    assert view.canvas.frames.stats.full and full["draw_text"] >= 10
    for step in steps[1:]:
        calls = counting(monkeypatch)
        frame(qtbot, view, lambda s=step: view.show_data(s.of(kind)))
        stats = view.canvas.frames.stats
        assert not stats.full
        # A regression to full redraws draws every text again: fail it here.
        assert calls["draw_text"] <= full["draw_text"] // 2, (calls, full)
        assert sum(calls.values()) < sum(full.values()), (calls, full)
    drawn = {a.get_text() for a in stats.redrawn if hasattr(a, "get_text")}
    assert f"{steps[-1].seats.declared} of 650 declared" in " ".join(drawn) or kind == "shares"
    assert not {"Seats", "The chamber", "Vote share"} & drawn  # titles are left alone


def test_the_chamber_redraws_a_few_dots(qtbot):
    steps = night(5_000, steps=1)
    view = shown(qtbot, "chamber", steps[0].chamber)
    with dots_drawn(view.canvas.renderer) as dots:
        frame(qtbot, view, lambda: view.show_data(steps[1].chamber))
    assert 0 < sum(dots) < 500


def test_a_resize_and_a_theme_draw_the_whole_frame_once(qtbot):
    steps = night(650, steps=3)
    view = shown(qtbot, "seats", steps[0].seats)
    frames = view.canvas.frames
    frame(qtbot, view, lambda: view.show_data(steps[1].seats))
    assert not frames.stats.full
    count = frames.full_frames
    frame(qtbot, view, lambda: view.resize(820, 500))
    assert frames.stats.full and frames.full_frames == count + 1
    frame(qtbot, view, lambda: view.show_data(steps[2].seats))
    assert not frames.stats.full
    count = frames.full_frames
    frame(qtbot, view, lambda: (view.chart.set_theme(DARK), view.canvas.draw_idle()))
    assert frames.stats.full and frames.full_frames == count + 1
    frame(qtbot, view, lambda: view.show_data(steps[3].seats))
    assert not frames.stats.full and frames.full_frames == count + 1


@pytest.mark.parametrize("kind", KINDS)
def test_an_export_after_many_updates_is_a_fresh_charts(qtbot, tmp_path, kind):
    steps = night(650, steps=8)
    view = shown(qtbot, kind, steps[0].of(kind))
    for step in steps[1:]:
        frame(qtbot, view, lambda s=step: view.show_data(s.of(kind)))
    assert not view.canvas.frames.stats.full
    render(view.chart, tmp_path / "screen.png", "hd")
    fresh = KINDS[kind]()
    fresh.update(steps[-1].of(kind))
    render(fresh, tmp_path / "fresh.png", "hd")
    assert np.array_equal(imread(tmp_path / "screen.png"), imread(tmp_path / "fresh.png"))
    # the export drew over the canvas's buffer: the screen's next frame is whole
    frame(qtbot, view, view.canvas.draw_idle)
    assert view.canvas.frames.stats.full


def test_charts_off_screen_do_not_draw_at_start_up(qtbot, main_window, night_db):
    """The default layout shows the seat chart; the charts in the tabs behind it (and a
    closed dock) draw nothing at start-up, on a resize or on an update, and draw when
    brought to the front."""
    from PySide6.QtWidgets import QApplication

    window = main_window(night_db, user="editor")
    shown = window.seat_view.canvas
    qtbot.waitUntil(lambda: shown.frames.full_frames >= 1)
    behind = [window.hemicycle_view, window.shares_view, window.timeline_view,
              window.map_view]
    docks = {d.widget(): d for d in window.chart_docks}
    docks[window.timeline_view].close()
    drawn = []
    for view in behind:
        view.canvas.mpl_connect("draw_event", lambda _e, v=view: drawn.append(v))
    window.resize(window.width() + 40, window.height() + 30)
    window.refresh()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not shown.frames.stats.full or shown.frames.full_frames >= 2)
    QApplication.processEvents()
    assert [v.canvas.frames.full_frames for v in behind] == [0, 0, 0, 0]
    assert drawn == []
    docks[window.shares_view].raise_()
    qtbot.waitUntil(lambda: window.shares_view.canvas.frames.full_frames == 1)
    assert window.shares_view.chart.bars  # its data came with it
    assert [v.canvas.frames.full_frames for v in behind[2:]] == [0, 0]


def test_the_changed_places_are_painted_each_on_its_own_with_the_frames_pixels(qtbot):
    """A paint of several separate places copies each from the buffer (not the box
    around them all); what reaches the screen is the frame's pixels there."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QImage, QRegion

    steps = night(650, steps=1)
    view = shown(qtbot, "seats", steps[0].seats)
    frame(qtbot, view, lambda: view.show_data(steps[1].seats))
    canvas = view.canvas
    places = [QRect(5, 7, 40, 30), QRect(300, 200, 60, 25)]
    region = QRegion(places[0]).united(QRegion(places[1]))
    target = QImage(canvas.width(), canvas.height(), QImage.Format.Format_RGBA8888)
    target.fill(0)
    copied = []
    real = type(canvas).copy_from_bbox

    def copy(self, bbox):
        copied.append(bbox.width * bbox.height)
        return real(self, bbox)

    type(canvas).copy_from_bbox = copy
    try:
        canvas.render(target, QPoint(), region)
    finally:
        type(canvas).copy_from_bbox = real
    assert sorted(copied) == sorted(r.width() * r.height() for r in places)
    shown_px = np.frombuffer(target.constBits(), np.uint8).reshape(canvas.height(), -1, 4)
    buffer = np.asarray(canvas.renderer.buffer_rgba())
    corner = region.boundingRect().topLeft()  # render() puts it at the target's origin
    for r in places:
        rows, cols = slice(r.top(), r.bottom() + 1), slice(r.left(), r.right() + 1)
        at = (slice(r.top() - corner.y(), r.bottom() + 1 - corner.y()),
              slice(r.left() - corner.x(), r.right() + 1 - corner.x()))
        assert np.array_equal(shown_px[at], buffer[rows, cols])


def test_hovering_a_seat_of_the_chamber_names_it(qtbot, monkeypatch):
    """The chamber's plot is no Axes (`charts._stage`): the view asks the chart which
    data point is under the pointer, and the tooltip names the seat's party."""
    from matplotlib.backend_bases import MouseEvent

    from resultsdesk.ui import chart_view

    view = shown(qtbot, "chamber", night(650, steps=1)[0].chamber)
    chart = view.chart
    tips: list[str] = []

    class Tips:
        @staticmethod
        def showText(_pos, text, _widget):  # Qt's names
            tips.append(text)

        @staticmethod
        def hideText():
            tips.append("")

    monkeypatch.setattr(chart_view, "QToolTip", Tips)
    seat = next(i for i, p in enumerate(chart.seat_owners) if p is not None)
    x, y = chart.stage.transData.transform(chart.geometry.xy[seat])
    MouseEvent("motion_notify_event", view.canvas, x, y)._process()
    assert tips[-1].startswith(f"{chart.seat_owners[seat]}: ")
    MouseEvent("motion_notify_event", view.canvas, 2, 2)._process()  # a corner: nothing
    assert tips[-1] == ""
