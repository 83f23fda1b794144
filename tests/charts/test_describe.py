"""Each on-screen chart says what it shows in words (its accessible description), from the
data it draws: the 2024 night's figures as the House of Commons Library has them."""

from __future__ import annotations

from helpers.chart_nights import hemicycle_data, seat_data, share_data

from resultsdesk.charts.describe import describe
from resultsdesk.domain.signed import MINUS


def test_the_seat_chart_in_words_names_the_parties_it_draws_and_folds_the_rest():
    text = describe(seat_data(max_parties=8))
    assert text.startswith("Seats: 650 of 650 declared. Lab 411 (+")
    assert f"Con 121 ({MINUS}" in text
    assert "Others 14 (+7)" in text  # as the chart folds them: Green, PC, SDLP, ...
    assert text.endswith("326 for a majority.")


def test_provisional_seats_are_said_only_when_the_chart_shows_them():
    shown = describe(seat_data(0.5, provisional=0.2, show=True))
    hidden = describe(seat_data(0.5, provisional=0.2, show=False))
    assert " provisional" in shown and "provisional" not in hidden


def test_the_chamber_in_words_says_what_is_still_to_come():
    full = describe(hemicycle_data())
    assert full.startswith("The chamber: Lab 411, Con 121, LD 72")
    assert "to come" not in full
    half = describe(hemicycle_data(0.5))
    assert "to come" in half and half.endswith("326 for a majority.")


def test_the_vote_share_in_words_gives_each_share_and_its_change_in_points():
    text = describe(share_data())
    assert text.startswith("Vote share: Lab 33.7% (+1.6 pts), Con 23.7% "
                           f"({MINUS}19.9 pts)")
    assert "valid votes in 650 seats." in text


def test_data_no_chart_describes_is_said_as_nothing():
    assert describe(object()) == ""
