"""A chart on a screen scaled by a fraction (Windows' 125 % and 150 %, a presenter's laptop, a
newsroom's 4K monitor): the places a frame repaints reach the screen with the frame's pixels
where a whole paint puts them, not a device pixel beside them."""

from __future__ import annotations

import numpy as np
import pytest
from helpers.verifications import night
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QRegion, QResizeEvent

from resultsdesk.charts import SeatChart
from resultsdesk.ui.chart_view import ChartView


def _scaled(qtbot, ratio: float, data) -> ChartView:
    """A seat chart shown as on a screen of device pixel ratio `ratio` (the canvas told so as
    a move to such a screen tells it), its first frame drawn."""
    view = ChartView(SeatChart(), "seats")
    qtbot.addWidget(view)
    view.resize(700, 460)
    view.show()
    qtbot.waitExposed(view)
    canvas = view.canvas
    if canvas._set_device_pixel_ratio(ratio):  # as matplotlib's _update_pixel_ratio does
        canvas.resizeEvent(QResizeEvent(canvas.size(), canvas.size()))
    before = canvas.frames.stats
    view.show_data(data)
    qtbot.waitUntil(lambda: canvas.frames.stats is not before
                    and canvas.figure.dpi == 100 * ratio)
    return view


def _painted(canvas, ratio: float, region: QRegion | None = None) -> np.ndarray:
    """What a paint of `region` (the whole canvas without one) puts on a screen of `ratio`,
    in device pixels; what it leaves unpainted is magenta."""
    image = QImage(round(canvas.width() * ratio), round(canvas.height() * ratio),
                   QImage.Format.Format_RGBA8888)
    image.setDevicePixelRatio(ratio)
    image.fill(0xFFFF00FF)
    if region is None:
        canvas.render(image)
    else:
        # at its own place, as on screen (render() alone puts the region's corner at 0, 0)
        canvas.render(image, region.boundingRect().topLeft(), region)
    return np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine() // 4, 4)[:, :image.width()].copy()


def _after_a_frame(qtbot, ratio: float) -> ChartView:
    """A seat chart at `ratio` with its first frame drawn, then one live update's frame
    (the view returned: its canvas goes with it)."""
    steps = night(650, steps=1)
    view = _scaled(qtbot, ratio, steps[0].seats)
    canvas = view.canvas
    before = canvas.frames.stats
    view.show_data(steps[1].seats)
    qtbot.waitUntil(lambda: canvas.frames.stats is not before)
    return view


def _assert_same_inside(parts: np.ndarray, whole: np.ndarray, r: QRect, ratio: float) -> None:
    """Inside place `r`, a device pixel clear of its edges, the part painted is the whole's."""
    rows = slice(int(r.top() * ratio) + 1, int((r.bottom() + 1) * ratio) - 1)
    cols = slice(int(r.left() * ratio) + 1, int((r.right() + 1) * ratio) - 1)
    wrong = np.any(parts[rows, cols] != whole[rows, cols], axis=2)
    assert not wrong.any(), f"{int(wrong.sum())} device pixels differ in {r}"


@pytest.mark.parametrize("ratio", [1.0, 1.25, 1.5, 1.75, 2.0])
def test_a_frames_places_are_painted_where_a_whole_paint_puts_them(qtbot, ratio):
    view = _after_a_frame(qtbot, ratio)
    canvas = view.canvas
    assert not canvas.frames.stats.full
    whole = _painted(canvas, ratio)
    # Two places apart (a bar's label and the footer's count, say), at odd logical pixels:
    # a fraction of a device pixel from a whole one at these ratios.
    places = [QRect(41, 57, 121, 83), QRect(301, 203, 157, 95)]
    region = QRegion(places[0]).united(QRegion(places[1]))
    assert region.rectCount() == 2  # each place copied on its own (FrameCanvas.paintEvent)
    parts = _painted(canvas, ratio, region)
    for r in places:
        _assert_same_inside(parts, whole, r, ratio)


@pytest.mark.parametrize("ratio", [1.25, 1.5, 1.75])
def test_a_frames_one_place_is_painted_where_a_whole_paint_puts_it(qtbot, ratio):
    """The same for a frame that changed one place only (a single label or bar end): its
    region is one rectangle, not two, and was still copied by matplotlib's paintEvent,
    a device pixel beside the picture around it."""
    view = _after_a_frame(qtbot, ratio)
    canvas = view.canvas
    whole = _painted(canvas, ratio)
    r = QRect(41, 57, 121, 83)
    region = QRegion(r)
    assert region.rectCount() == 1
    _assert_same_inside(_painted(canvas, ratio, region), whole, r, ratio)
