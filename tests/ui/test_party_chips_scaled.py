"""A party chip on a scaled screen (Windows' 200 % on a newsroom's 4K monitor, 125 % and 150 %
on laptops): the chip was one 12-pixel picture, stretched by the screen's ratio, so beside
the results table's, the recount watch's and the summary's crisp text each winner's colour
was a blurred square. It is drawn at the screen's ratio: as many device pixels as the
chip's size times the ratio, its edge as sharp as at 100 %."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor

from resultsdesk.ui import style
from resultsdesk.ui.style import party_chip

SIZE = 12


@pytest.fixture
def screens_at(monkeypatch):
    """Screens at these scales, as `screen_ratios` finds them on such a machine."""
    def at(*ratios: float) -> None:
        monkeypatch.setattr(style, "screen_ratios", lambda: tuple(sorted({1.0, *ratios})))
    return at


@pytest.mark.parametrize("ratio", [1.0, 1.25, 1.5, 2.0, 3.0])
def test_a_chip_is_drawn_at_the_screens_ratio(qapp, screens_at, ratio):
    screens_at(ratio)
    pixmap = party_chip("#d50000", SIZE).pixmap(QSize(SIZE, SIZE), ratio)
    assert pixmap.devicePixelRatio() == ratio
    assert pixmap.size() == QSize(round(SIZE * ratio), round(SIZE * ratio))


def test_a_chip_at_twice_the_pixels_has_a_solid_middle_and_a_sharp_edge(qapp, screens_at):
    screens_at(2.0)
    image = party_chip("#d50000", SIZE).pixmap(QSize(SIZE, SIZE), 2.0).toImage()
    middle = image.pixelColor(SIZE, SIZE)
    assert middle == QColor("#d50000")
    # Stretched from 12 pixels, the outline smeared over 4 device pixels, blending into
    # the fill; drawn at 2x, 2 pixels in from the edge the chip is its colour again.
    assert image.pixelColor(3, SIZE) == QColor("#d50000")


def test_on_screens_at_100_percent_a_chip_is_one_picture(qapp):
    """Each ratio more is a picture painted per colour, on the first window's path: only
    the machine's own screens' ratios are drawn (the offscreen screen's 1)."""
    assert style.screen_ratios() == (1.0,)
    assert len(party_chip("#0087dc", SIZE).availableSizes()) == 1
