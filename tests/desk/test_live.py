"""The live night state: incremental refresh, per-seat figures, chart data, recount watch."""

from __future__ import annotations

import pytest
from helpers.seats import TIED

from resultsdesk.charts.card_parts import card_stats
from resultsdesk.desk import declarations as dk
from resultsdesk.desk import graphics
from resultsdesk.desk.election import init_election
from resultsdesk.desk.live import NightState, SeatState, _swing
from resultsdesk.desk.overview import row_for
from resultsdesk.domain import tally
from resultsdesk.domain.hemicycle import Undeclared, deal_seats
from resultsdesk.domain.model import BaselineSeat, CandidateVotes, Figures, SeatResult
from resultsdesk.domain.summary import seat_outcome
from resultsdesk.domain.validation import WARNING_CODES

HENDON, POOLE, BASILDON = "E14001279", "E14001429", "E14001077"
CHORLEY = "E14001170"  # the Speaker's seat


def test_full_night_against_the_notional_baseline(night_store):
    night = NightState(night_store)
    assert len(night.refresh()) == 650
    summary = night.summary()
    assert sum(c["seats"] for c in summary.changes) == 303
    assert [r.code for r in night.recount_watch()[:3]] == [HENDON, POOLE, BASILDON]
    hendon = night.seats[HENDON]
    assert hendon.outcome.result == "Lab gain from Con"
    assert (hendon.swing_from, hendon.swing_to) == ("Con", "Lab")
    strip = night.strip_data()
    assert strip.declared == 650 and strip.leaders[0][:2] == ("Lab", 411)
    assert strip.majority_text.startswith("Lab majority reached")
    shares = {b.party: b for b in night.vote_share_data().bars}
    assert shares["Lab"].share == pytest.approx(33.7, abs=0.05)
    assert shares["Con"].change == pytest.approx(-19.9, abs=0.05)
    assert shares["RUK"].change == pytest.approx(12.3, abs=0.05)  # vs the Brexit Party, 2019


def test_a_new_election_says_it_has_no_seats_yet(tmp_path):
    """Before its nominations: "1 seats for a majority" (half of none, plus one) was said."""
    with init_election(tmp_path / "new.db", "GE2029") as store:
        night = NightState(store)
        night.refresh()
        assert night.strip_data().majority_text == "No seats yet: import the nominations"


def test_refresh_reloads_only_what_changed(nominations_store):
    night = NightState(nominations_store)
    night.refresh()
    assert night.refresh() == set()
    sheet = dk.load_sheet(nominations_store, HENDON)
    votes = [100 * (i + 1) for i in range(len(sheet.candidates))]
    dk.declare(nominations_store, HENDON, user="a", figures=Figures(votes, 5),
               overrides=["low_turnout", "recount_range"])
    assert night.refresh() == {HENDON}
    assert night.seats[HENDON].status.value == "provisional"
    assert night.summary().declared == 0
    assert night.summary(include_provisional=True).declared == 1
    dk.verify(nominations_store, HENDON, user="b", votes=votes, invalid=5)
    assert night.refresh() == {HENDON}
    assert night.summary().declared == 1
    dk.mark_recount(nominations_store, POOLE, user="a")
    assert night.refresh() == {POOLE}
    watch = night.recount_watch()
    assert watch[0].code == POOLE and watch[0].recount_under_way


def test_seat_chart_bars_come_in_the_chambers_order(night_store):
    """Not in a set's order, which depends on how the set was filled: a night kept seat by
    seat and the same night read afresh listed the bars differently (and the graphics'
    data with them)."""
    night = NightState(night_store)
    night.refresh()
    parties = [b.party for b in night.seat_chart_data().bars]
    assert len(parties) > 10
    assert parties == sorted(parties, key=night.political_order)


def test_chart_data_follows_the_night(night_store):
    night = NightState(night_store)
    night.refresh()
    bars = {b.party: b for b in night.seat_chart_data().bars}
    assert bars["Lab"].seats == 411 and bars["Lab"].change == 211
    data = night.hemicycle_data()
    assert sum(len(b.constituencies) for b in data.blocks) == 650
    order = [b.party for b in data.blocks]
    assert order.index("Lab") < order.index("LD") < order.index("Con") < order.index("RUK")


def test_hold_and_gain_swing_hand_computed():
    # Con 50 -> 40 %, Lab 30 -> 45 %: Lab gain, swing ((45-30) - (40-50)) / 2 = 12.5 Con->Lab.
    seat = SeatResult("X1", "X", (CandidateVotes("A", "Con", 400), CandidateVotes("B", "Lab", 450),
                                  CandidateVotes("C", "LD", 150)))
    base = BaselineSeat("X1", {"Con": 500, "Lab": 300, "LD": 200}, "Con")
    state = SeatState("X1", "X", "England", "R", 1000, shown=seat,
                      outcome=seat_outcome(seat, base))
    _swing(state, base, tally.party_votes(seat.candidates), (1000, 1000))
    assert state.outcome.result == "Lab gain from Con"
    assert (state.swing_from, state.swing_to) == ("Con", "Lab")
    assert state.swing == pytest.approx(12.5)


def test_the_night_derives_each_seat_as_the_rules_do(night_store):
    """Each seat's figures as `NightState` works them out (its swing from the two parties'
    shares only, counts made once) are, to the last bit, those of the rules applied afresh:
    every party's shares, the outcome's own majority share, the result's valid votes."""
    night = NightState(night_store)
    night.refresh()
    swings = 0
    for seat in night.seats.values():
        base = night.baseline[seat.code]
        assert seat.outcome == seat_outcome(seat.shown, base)
        count = tally.standing(seat.shown.candidates)
        assert seat.outcome.majority_pct == tally.standing_majority_pct(count)
        assert seat.turnout == tally.turnout_pct(seat.shown.valid_votes, seat.shown.electorate)
        o = seat.outcome
        if seat.code == CHORLEY:  # the Speaker's seat: no swing
            assert seat.swing is None
            continue
        other = o.baseline_winner if o.gain else o.runner_up_party
        now = tally.party_shares(tally.party_votes(seat.shown.candidates))
        then = tally.party_shares(base.votes_by_party)
        expected = tally.butler_swing(now, then, o.winner_party, other)
        assert (seat.swing, seat.swing_to, seat.swing_from) == (
            (expected, o.winner_party, other) if expected >= 0
            else (-expected, other, o.winner_party))
        swings += 1
    assert swings == 649


def test_the_speakers_seat_has_no_swing(night_store):
    """Chorley, the Speaker's seat (Spk in 2024 and in the notional 2019): the main parties
    do not stand against him, so the HoC Library gives it no swing. The table read
    "1.2 Green→Spk" and the result card "Swing 1.2 pts, Green to Spk"; now they, and the
    card's JSON, say what they say of a seat with no baseline: nothing."""
    night = NightState(night_store)
    night.refresh()
    chorley = night.seats[CHORLEY]
    assert chorley.outcome.result == "Spk hold"
    assert (chorley.swing, chorley.swing_from, chorley.swing_to) == (None, None, None)
    assert row_for(chorley).swing_text == ""
    card = graphics.card_data(night, night_store, CHORLEY)
    assert {k: card.to_json()[k] for k in ("swing", "swing_from", "swing_to")} == {
        "swing": None, "swing_from": None, "swing_to": None}
    assert "Swing" not in [caption for caption, _, _ in card_stats(card, declared=True)]
    assert chorley.turnout_change is not None  # its other figures against the baseline stand
    assert row_for(night.seats[HENDON]).swing_text  # and every other seat keeps its swing


@pytest.mark.parametrize(("now", "then", "then_winner"), [
    # Chorley 2019 against 2017: the new Speaker's first election as Speaker ("61.3 Lab→Spk")
    ({"Spk": 26831, "Green": 3600, "Ind": 9439},
     {"Lab": 30745, "Con": 23233, "LD": 1126, "Green": 530}, "Lab"),
    # Buckingham 2019 against 2017: the Speaker stood down ("61.7 Spk→Con")
    ({"Con": 37035, "LD": 16624, "Lab": 7638, "Green": 1286},
     {"Spk": 34299, "Green": 8574, "Ind": 5638, "UKIP": 4168}, "Spk"),
])
def test_no_swing_where_the_speaker_stood_at_either_election(now, then, then_winner):
    """The seat is the Speaker's if he stood in the result or in the baseline: either way
    the main parties' shares on one side are missing, and a swing of 61 points reads as
    news where there is none."""
    seat = SeatResult("X1", "X", tuple(CandidateVotes(p, p, v) for p, v in now.items()))
    base = BaselineSeat("X1", then, then_winner)
    state = SeatState("X1", "X", "England", "R", 80_000, shown=seat,
                      outcome=seat_outcome(seat, base))
    _swing(state, base, tally.party_votes(seat.candidates),
           (sum(now.values()), sum(then.values())))
    assert state.outcome.gain
    assert (state.swing, state.swing_from, state.swing_to) == (None, None, None)


@pytest.mark.parametrize("total", [1, 2, 9, 650, 10_000])
@pytest.mark.parametrize("where", list(Undeclared))
def test_seat_dealing(total, where):
    parties = ["SF", "Lab", "LD", "Con", "RUK"]
    counts = [total // 7, total // 3, total // 9, total // 5, total // 11]
    seats = deal_seats(list(zip(parties, counts, strict=True)), total, where)
    assert len(seats) == total
    for p, n in zip(parties, counts, strict=True):
        assert seats.count(p) == n
    runs = [s for i, s in enumerate(seats) if i == 0 or seats[i - 1] != s]
    assert len(runs) == len(set(runs))  # every party (and the undeclared) contiguous
    assert [r for r in runs if r is not None] == [p for p, n in zip(parties, counts,
                                                                    strict=True) if n]
    undeclared = [i for i, s in enumerate(seats) if s is None]
    if undeclared and where is Undeclared.END:
        assert undeclared[-1] == total - 1
    if undeclared and where is Undeclared.MIDDLE:
        left = sum(counts[: len(parties) // 2])
        assert undeclared[0] == left


def test_seat_dealing_refuses_too_many_seats():
    with pytest.raises(ValueError):
        deal_seats([("Lab", 3)], 2)


def test_a_tie_awaiting_the_lot_is_declared_in_the_chamber_as_everywhere(nominations_store):
    night = NightState(nominations_store)
    night.refresh()
    sheet = dk.load_sheet(nominations_store, HENDON)
    tied = list(TIED)  # Con and Lab level
    dk.declare(nominations_store, HENDON, user="a", figures=Figures(tied, 50),
               overrides=WARNING_CODES)
    dk.verify(nominations_store, HENDON, user="b", votes=tied, invalid=50)
    night.refresh()
    chamber = night.hemicycle_data()
    assert chamber.ties == ("Hendon",) and chamber.blocks == ()
    assert chamber.declared == night.summary().declared == night.strip_data().declared == 1
    dk.decide_tie(nominations_store, HENDON, user="a", winner_id=sheet.candidates[3].id,
                  note="drawn")
    dk.verify(nominations_store, HENDON, user="b", votes=None)
    night.refresh()
    chamber = night.hemicycle_data()
    assert chamber.ties == () and chamber.declared == 1
    assert [(b.party, b.constituencies) for b in chamber.blocks] == [("Con", ("Hendon",))]


def test_a_recount_called_before_its_seat_declared_reaches_the_chamber(nominations_store):
    """The count centre calls a recount in Hendon before any figures: the chamber's data
    carries it (its picture rings an undeclared place; its JSON names it apart), as the
    recount watch lists it; once the recount's count is verified the seat is its dot."""
    night = NightState(nominations_store)
    night.refresh()
    dk.mark_recount(nominations_store, HENDON, user="carol")
    night.refresh()
    chamber = night.hemicycle_data()
    assert chamber.blocks == () and chamber.recounts == {"Hendon"}
    assert chamber.to_json()["recounts_under_way"] == ["Hendon"]
    assert chamber.undeclared_recounts == ("Hendon",)
    assert [r.code for r in night.recount_watch()] == [HENDON]
    votes = [100, 200, 300, 400, 500, 600, 700, 800][:len(
        dk.load_sheet(nominations_store, HENDON).candidates)]
    dk.declare(nominations_store, HENDON, user="a", figures=Figures(votes, 5),
               overrides=WARNING_CODES)
    dk.verify(nominations_store, HENDON, user="b", votes=None)
    night.refresh()
    chamber = night.hemicycle_data()
    assert chamber.recounts == frozenset() and chamber.to_json()["recounts_under_way"] == []
