"""Text on a party's colour, or in it, reads in every theme, for every colour the desk can
draw: each of the House of Commons colour file's, the Speaker's and the independents' greys,
the fallback grey, each theme's Others grey, and the lighter variants provisional seats are
drawn in. WCAG 2.x: 4.5:1 for text, 3:1 only for large text (24 px, or 18.66 px bold), and
the desk's docks and small exports draw the card's rows and the footer well under that.

The dark card tinted the elected candidate's row in a pale party's colour so strongly that
its grey words (the party's name, the change) stood at 3.1:1 on SNP yellow and on the
Loony's, 3.6:1 on Ashfield pink, 4.2:1 on Alliance gold; the light card's on Heritage blue
at 4.45:1. The broadcast theme's alert red, the colour of a rehearsal's REHEARSAL footer and
of a close majority, was 3.8:1 on its navy."""

from __future__ import annotations

import csv

import pytest
from helpers import rehearsal as helper
from helpers.chart_nights import DOCK, draw
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb

from resultsdesk.charts import ResultCardChart
from resultsdesk.charts.data import CardCandidate, ResultCardData
from resultsdesk.charts.export import at_size
from resultsdesk.charts.theme import THEMES, contrast_ratio, text_contrast, text_in
from resultsdesk.desk import graphics
from resultsdesk.domain.parties import FALLBACK_COLOUR, known_colour
from resultsdesk.paths import PARTY_COLOURS, data_file
from resultsdesk.store import Store

TEXT = 4.5  # normal text; 3:1 (large text) is not enough for type this small
_watch_2019, watch_db = helper._watch_2019, helper.watch_db  # a 2019 rehearsal's file


def wcag_ratio(a, b) -> float:
    """WCAG 2.x contrast ratio, written out here rather than taken from the app:
    (L1 + 0.05) / (L2 + 0.05), L the relative luminance 0.2126 R + 0.7152 G + 0.0722 B of
    the linearised sRGB channels (c / 12.92 up to 0.04045, else ((c + 0.055) / 1.055)^2.4),
    L1 the lighter."""
    def luminance(colour) -> float:
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                   for c in to_rgb(colour))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def csv_colours() -> dict[str, str]:
    """Every colour of the bundled HoC file, by the file's own label (the fallback row too)."""
    with open(data_file(PARTY_COLOURS), encoding="utf-8", newline="") as fh:
        return {f"{row['label_in_source']} {row['hex_colour']}": row["hex_colour"].lower()
                for row in csv.DictReader(fh)}


def every_colour(theme) -> dict[str, str]:
    colours = csv_colours()
    colours |= {"Speaker": known_colour("Spk"), "Independent": known_colour("Ind"),
                "fallback": FALLBACK_COLOUR, f"Others ({theme.name})": theme.others,
                # independents each get a grey between these (`independent_colour`)
                "darkest independent": "#707070", "lightest independent": "#bfbfbf"}
    return colours


def test_the_apps_ratio_is_wcags():
    for a, b in (("#000000", "#ffffff"), ("#d50000", "#ffffff"), ("#fff685", "#1d1f23"),
                 ("#0c3a6a", "#0a1230"), ("#777777", "#ffffff")):
        assert contrast_ratio(a, b) == pytest.approx(wcag_ratio(a, b), rel=1e-6)
    assert wcag_ratio("#000000", "#ffffff") == pytest.approx(21.0)


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda t: t.name)
def test_a_label_on_any_party_colour_reads(theme):
    """Seat counts on the race bar, chips in the summary and the card, the card's winner
    band, the chamber's key and centre chips: black or white on the colour
    (`text_contrast`), on a provisional seat's lighter colour too."""
    for name, colour in every_colour(theme).items():
        for face in (colour, theme.lighter(colour)[:3]):
            ink = text_contrast(face)
            assert wcag_ratio(ink, face) >= TEXT, (name, face, ink)


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda t: t.name)
def test_text_in_a_party_colour_reads_on_the_background(theme):
    """The timeline's end labels ("Lab 203"), in their party's colour or moved towards the
    text colour until they read."""
    for name, colour in every_colour(theme).items():
        ink = text_in(colour, theme)[:3]
        assert wcag_ratio(ink, theme.background) >= TEXT, (name, colour, ink)


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda t: t.name)
def test_the_themes_own_words_read_on_its_background(theme):
    """Titles, subtitles and footers; the alert colour is text too (a rehearsal's footer,
    "REHEARSAL · not live results", in 10-pixel type on a small export or a dock; a close
    majority on the card): #e4002b on the broadcast navy was 3.8:1."""
    for role in ("foreground", "muted", "alert", "majority"):
        colour = getattr(theme, role)
        assert wcag_ratio(colour, theme.background) >= TEXT, (role, colour)


def test_a_rehearsal_footer_reads_on_a_small_broadcast_graphic(watch_db):
    """640 x 360, for the web: the footer's type is about 10 pixels, bold."""
    with Store(watch_db) as store:
        night = graphics.night_state(store)
        chart = graphics.chart_for("seats", night, store, theme="broadcast")
        with at_size(chart, "640x360"):
            FigureCanvasAgg(chart.figure).draw()
    footer = chart.footer.source
    assert "REHEARSAL" in footer.get_text()
    ratio = wcag_ratio(footer.get_color(), chart.theme.background)
    assert ratio >= TEXT, round(ratio, 2)
    # a close majority's RECOUNT badge stands beside the winner's band: not Labour's red
    assert wcag_ratio(chart.theme.alert, "#d50000") >= 1.5


def _card(winner: str, colour: str) -> ResultCardData:
    rows = (CardCandidate("Ann Winner", winner, f"{winner} party", colour, 19_000, 59.7, 3.3,
                          elected=True),
            CardCandidate("Bob Second", "Lab", "Labour", "#d50000", 12_000, 37.7, -13.9),
            CardCandidate("Cy Third", "Con", "Conservative", "#0063ba", 900, 2.6, None,
                          new=True))
    return ResultCardData("Somewhere Central", rows, f"{winner} hold", colour, 7_000, 22.0,
                          60.1, -1.2, electorate=60_000, declared=10, seats_total=650)


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda t: t.name)
def test_the_winners_row_reads_on_its_tint_for_every_party(theme):
    """The elected candidate's row is tinted in the winner's colour: the name, the votes
    and share (text colour), the party and the change (muted) read on that tint at a
    dock's size, whatever the party."""
    chart = ResultCardChart(theme=theme)
    failures = []
    for name, colour in every_colour(theme).items():
        chart.update(_card("Win", colour))
        draw(chart, DOCK)
        i = next(i for i, c in enumerate(chart.rows) if c.elected)
        tint = chart.tints[i]
        assert tint.get_visible()
        ground = tint.get_facecolor()[:3]
        for t in (chart.names[i], chart.parties[i], chart.votes[i], chart.shares[i],
                  chart.changes[i]):
            if t.get_visible() and t.get_text():
                ratio = wcag_ratio(t.get_color(), ground)
                if ratio < TEXT:
                    failures.append((name, t.get_text(), round(ratio, 2)))
    assert failures == []
