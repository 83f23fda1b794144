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



# Colours of the HoC file (and the Speaker's) under 3:1 on the strip's navy.
MELT_ON_STRIP = ("#0c3a6a", "#052e88", "#0a00a5", "#421c5f", "#3c3c3c", "#02665f")


@pytest.mark.parametrize("colour", MELT_ON_STRIP)
def test_a_dark_party_chip_in_the_summary_strip_shows_on_its_navy(qtbot, colour):
    """The strip across the top is navy in either theme. Its chips were given a #555 edge,
    2.1:1 on that navy had Qt drawn it, but Qt's rich text draws no border round a span:
    TUV's navy (1.4:1), Rejoin EU's, the Heritage Party's blue, Women's Equality purple,
    the Speaker's grey stood as a gap before their name. A chip's fill, or the pixels just
    round it, must read on the strip (WCAG 1.4.11, 3:1), as the table's chips do."""
    from resultsdesk.desk.live import StripData
    from resultsdesk.ui.summary_strip import SummaryStrip

    strip = SummaryStrip()
    qtbot.addWidget(strip)
    strip.resize(900, 40)
    strip.show()
    strip.set_data(StripData(1, 650, 0, (("TUV", 1, 1),), None, "No majority yet"),
                   {"TUV": colour})
    qtbot.waitUntil(lambda: "TUV" in strip.parties.text())
    image = strip.grab().toImage()
    ground = image.pixelColor(strip.width() // 2, 2).name()  # the strip's own
    assert contrast_ratio(colour, ground) < 3.0  # (the case this test is about)
    inside = [(x, y) for x in range(image.width()) for y in range(image.height())
              if image.pixelColor(x, y).name() == colour]
    assert inside, "the chip is drawn"
    x0, x1 = min(x for x, _ in inside), max(x for x, _ in inside)
    y0, y1 = min(y for _, y in inside), max(y for _, y in inside)
    ring = [image.pixelColor(x, y).name()
            for x in range(max(0, x0 - 2), min(image.width(), x1 + 3))
            for y in range(max(0, y0 - 2), min(image.height(), y1 + 3))
            if not (x0 <= x <= x1 and y0 <= y <= y1)]
    assert max(contrast_ratio(c, ground) for c in ring) >= 3.0, (colour, ground, set(ring))


def _every_colour() -> dict[str, str]:
    """Every colour of the bundled HoC file, the Speaker's and the independents'."""
    import csv

    from resultsdesk.domain.parties import known_colour
    from resultsdesk.paths import PARTY_COLOURS, data_file

    with open(data_file(PARTY_COLOURS), encoding="utf-8", newline="") as fh:
        out = {row["label_in_source"]: row["hex_colour"].lower() for row in csv.DictReader(fh)}
    return out | {"Speaker": known_colour("Spk"), "Independent": known_colour("Ind")}


@pytest.mark.parametrize("ui", [LIGHT_UI, DARK_UI], ids=lambda c: c.name)
def test_every_partys_chip_shows_on_every_row_it_sits_on(qapp, ui):
    """WCAG 1.4.11: 3:1 for the chip's fill or its edge against the row. Only the dark
    theme's plain rows were checked: a recount-range row's tint (the rows the desk
    watches) left Labour's chip at 2.2:1 on the dark red, the Speaker's 2.8, TUV's 2.7;
    on the light theme the faint line round SNP's yellow was 1.7:1 on white, the Loonies'
    1.6, UUP's sky blue 2.5, Alliance's gold 2.6 on a recount-range row."""
    was = colours()
    use_colours(ui)
    try:
        failures = []
        for name, colour in _every_colour().items():
            for row in (ui.base, ui.alternate_base, ui.recount_row):
                ratio = max(contrast_ratio(colour, row),
                            contrast_ratio(_edge(colour, row), row))
                if ratio < 3.0:
                    failures.append((name, colour, row, round(ratio, 2)))
        assert failures == []
    finally:
        use_colours(was)
