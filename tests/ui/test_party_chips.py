"""A party chip (the swatch beside a party in the tables and docks) reads on the theme's
rows: in dark, the Speaker's #3c3c3c, TUV's navy and Sinn Féin's green vanished on the
charcoal rows (a black outline does not show there), so "Spk" stood without its colour."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from resultsdesk.charts.theme import contrast_ratio
from resultsdesk.domain.model import Status
from resultsdesk.ui.style import (
    DARK_UI,
    LIGHT_UI,
    colours,
    party_chip,
    solid_brush,
    status_colour,
    use_colours,
)

LOW_ON_DARK = ("#3c3c3c", "#0c3a6a", "#02665f")  # Spk, TUV, SF on the 2024 night
SIZE = 12


def _edge(colour: str, background: str) -> str:
    """The chip's left edge, halfway down, as drawn on `background`."""
    image = party_chip(colour, SIZE).pixmap(SIZE, SIZE).toImage()
    px = image.pixelColor(0, SIZE // 2)
    bg = QColor(background)
    a = px.alphaF()
    mix = [round(c * a + b * (1 - a)) for c, b in zip(
        (px.red(), px.green(), px.blue()), (bg.red(), bg.green(), bg.blue()), strict=True)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


@pytest.fixture
def dark():
    was = colours()
    use_colours(DARK_UI)
    yield DARK_UI
    use_colours(was)


@pytest.mark.parametrize("colour", LOW_ON_DARK)
def test_a_dark_party_colour_is_outlined_so_it_reads_on_dark_rows(qapp, dark, colour):
    for row in (dark.base, dark.alternate_base):
        assert contrast_ratio(_edge(colour, row), row) >= 3.0, (colour, row)


def test_the_light_theme_keeps_its_chips(qapp):
    assert colours() is LIGHT_UI
    # SNP yellow on white keeps the dark outline it always had
    assert contrast_ratio(_edge("#fff685", LIGHT_UI.base), LIGHT_UI.base) >= 1.5


def test_a_solid_brush_is_the_one_qbrush_of_a_qcolor_makes(qtbot):
    """`style.solid_brush` (the tables' text and row colours) is the brush QBrush(QColor)
    makes, equal to it for every colour the tables use."""
    from PySide6.QtGui import QBrush

    for c in (LIGHT_UI, DARK_UI):
        for colour in (c.recount_row, c.caution, c.alert, status_colour(Status.VERIFIED),
                       status_colour(Status.PROVISIONAL, tie=True), "#d50000"):
            assert solid_brush(colour) == QBrush(QColor(colour))
            assert solid_brush(colour).style() == QBrush(QColor(colour)).style()
