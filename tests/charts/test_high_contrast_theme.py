"""The charts' high-contrast theme (View > Theme > High contrast): text 7:1 or more on its
black, every rule and outline 3:1 or more, and the dark party colours kept as they are yet
set apart from the black by an outline: Labour's red (3.8:1 alone), the Conservatives' blue
(3.5:1) and Sinn Féin's green (3.1:1) passed WCAG's 3:1 for a graphic and went unoutlined,
hard to tell from black for the eyes that ask for more contrast. It is a screen's theme,
not an export's: exports and publishing offer the themes they had."""

from __future__ import annotations

import pytest
from helpers.chart_nights import draw
from matplotlib.colors import to_rgba

from resultsdesk.charts.theme import (
    HIGH_CONTRAST,
    THEMES,
    contrast_ratio,
    needs_outline,
    outline_for,
)
from resultsdesk.desk import graphics

HC = HIGH_CONTRAST
TEXT, GRAPHIC = 7.0, 3.0  # WCAG AAA for text; 1.4.11 for a graphic


@pytest.fixture
def night(night_store):
    return night_store, graphics.night_state(night_store)


def test_its_text_and_rules_read_on_black():
    for field in ("foreground", "muted", "alert", "caution", "majority"):  # all drawn as text
        assert contrast_ratio(getattr(HC, field), HC.background) >= TEXT, field
    for field in ("grid", "outline", "undeclared", "others"):
        assert contrast_ratio(getattr(HC, field), HC.background) >= GRAPHIC, field
    assert HC.min_text >= TEXT and HC.min_graphic > contrast_ratio("#d50000", HC.background)


@pytest.mark.parametrize("party", ["Lab", "Con", "SF", "SNP"])
def test_a_party_colour_is_kept_and_set_apart_from_black(night, party):
    store, live = night
    colour = live.colour(party)
    rim = outline_for(colour, HC)
    if party == "SNP":  # yellow reads on black alone
        assert rim is None and not needs_outline(colour, HC.background, HC.min_graphic)
        return
    assert contrast_ratio(colour, HC.background) >= GRAPHIC  # no outline on the dark theme
    assert rim is not None and contrast_ratio(rim[:3], HC.background) >= HC.min_graphic
    chamber = graphics.chart_for("hemicycle", live, store, theme=HC)
    draw(chamber)
    i = chamber.seat_owners.index(party)
    faces, edges = chamber.dots.get_facecolors(), chamber.dots.get_edgecolors()
    assert tuple(faces[i]) == to_rgba(colour)  # the party's own colour
    assert contrast_ratio(edges[i][:3], HC.background) >= HC.min_graphic
    assert chamber.dots.get_linewidths()[i] > 0


def test_bars_are_outlined_in_white_and_the_majority_line_is_yellow(night):
    store, live = night
    seats = graphics.chart_for("seats", live, store, theme=HC)
    draw(seats)
    assert seats.bar_patches
    for bar in seats.bar_patches:
        assert contrast_ratio(bar.get_edgecolor()[:3], HC.background) == 21.0
    assert HC.majority in {line.get_color() for line in seats.ax.get_lines()}


def test_not_an_export_theme():
    """Exports and publishing draw for air and print: their themes are as they were."""
    assert HC.name not in THEMES and set(THEMES) == {"light", "dark", "broadcast"}


@pytest.mark.parametrize("colour", ["#fff685", "#ffff00"])  # SNP, the Monster Raving Loony
def test_the_cards_winner_row_reads_at_seven_to_one(colour):
    """The result card's elected row, tinted in the winner's colour: its muted words (the
    party, the change) stood at 6.6:1 on SNP's tint, washed for WCAG's 4.5:1 alone."""
    from resultsdesk.charts.card_parts import winner_tint

    tint = winner_tint(colour, HC)[:3]
    assert contrast_ratio(HC.muted, tint) >= TEXT
    assert contrast_ratio(HC.foreground, tint) >= TEXT
