"""The national summary (domain/summary.py) of a hand-computed night: seats, votes, gains,
losses and changes; ties and the recount watch with its thresholds; plain JSON."""

from __future__ import annotations

from helpers.seat_results import cv, seat

from resultsdesk.domain import tally
from resultsdesk.domain.model import BaselineSeat
from resultsdesk.domain.summary import RecountEntry, summarise

# --- summarise -------------------------------------------------------------------------------


def _night():
    """Five seats: two Lab gains from Con, a Con hold, an SNP seat with no baseline, a tie."""
    results = [
        seat("E1", cv("A1", "Lab", 500), cv("B1", "Con", 400), name="Alpha"),  # gain, 100
        seat("E2", cv("A2", "Lab", 1000), cv("B2", "Con", 10), name="Beta"),  # gain
        seat("E3", cv("A3", "Lab", 300), cv("B3", "Con", 350), cv("I3", "Ind", 5),
             cv("J3", "Ind", 7), name="Gamma"),  # hold, 50
        seat("S1", cv("A4", "SNP", 20_000), cv("B4", "Lab", 19_950), name="Delta"),  # 50 of 39950
        seat("E5", cv("A5", "Lab", 200), cv("B5", "Con", 200), name="Epsilon"),  # tie
    ]
    baseline = {
        "E1": BaselineSeat("E1", {"Con": 10, "Lab": 5}, "Con"),
        "E2": BaselineSeat("E2", {"Con": 10, "Lab": 5}, "Con"),
        "E3": BaselineSeat("E3", {"Con": 10, "Lab": 5}, "Con"),
        "E5": BaselineSeat("E5", {"Con": 10, "Lab": 5}, "Con"),
    }
    return results, baseline


def test_summarise_seats_votes_gains_losses_changes():
    results, baseline = _night()
    s = summarise("Test night", 7, results, baseline)
    assert s.election == "Test night"
    assert s.seats_total == 7
    assert s.majority_line == 4
    assert s.declared == 5
    assert s.seats == {"Lab": 2, "Con": 1, "SNP": 1}
    # most seats first, then most votes (SNP's 20,000 above Con's 960), as every table and
    # graphic ranks them; it was by name here alone
    assert list(s.seats) == ["Lab", "SNP", "Con"]
    assert s.votes == {"Lab": 500 + 1000 + 300 + 19_950 + 200, "SNP": 20_000,
                       "Con": 400 + 10 + 350 + 200, "Ind": 12}
    assert s.valid_votes == sum(s.votes.values()) == sum(r.valid_votes for r in results)
    assert s.gains == {"Lab": 2}
    assert s.losses == {"Con": 2}
    assert s.changes == [{"from": "Con", "to": "Lab", "seats": 2}]


def test_summarise_tie_counts_for_no_party_and_is_watched():
    results, baseline = _night()
    s = summarise("Test night", 7, results, baseline)
    assert s.ties == ["E5"]
    assert sum(s.seats.values()) == s.declared - 1
    tie_entry = next(e for e in s.recount_watch if e.code == "E5")
    # nobody first and nobody second: "Con" there read on air as the seat's loser
    assert tie_entry == RecountEntry("E5", "Epsilon", None, None, 0, 0.0, ("Lab", "Con"))
    # the tie is not a gain or a loss for anyone
    assert s.losses == {"Con": 2}


def test_summarise_recount_watch_smallest_first():
    results, baseline = _night()
    s = summarise("Test night", 7, results, baseline)
    # Alpha: 100 of 900 (inclusive votes threshold); Gamma 50 of 662; Delta 50 of 39950;
    # Beta (990) is outside.
    assert [e.code for e in s.recount_watch] == ["E5", "S1", "E3", "E1"]
    majorities = [e.majority for e in s.recount_watch]
    assert majorities == sorted(majorities)
    delta = next(e for e in s.recount_watch if e.code == "S1")
    assert delta.winner_party == "SNP" and delta.runner_up_party == "Lab"
    assert delta.majority_pct == 100 * 50 / 39_950  # unrounded: text is made from it
    watched = s.to_json_dict()["recount_watch"]
    assert next(e for e in watched if e["code"] == "S1")["majority_pct"] \
        == round(100 * 50 / 39_950, 3)  # summary --json: three places


def test_summarise_recount_thresholds_are_parameters():
    results, baseline = _night()
    s = summarise("Test night", 7, results, baseline, tally.RecountThresholds(50, 0))
    assert [e.code for e in s.recount_watch] == ["E5", "S1", "E3"]
    s = summarise("Test night", 7, results, baseline, tally.RecountThresholds(0, 0))
    assert [e.code for e in s.recount_watch] == ["E5"]  # ties are always watched
    s = summarise("Test night", 7, results, baseline, tally.RecountThresholds(0, 12.0))
    assert [e.code for e in s.recount_watch] == ["E5", "S1", "E3", "E1"]


def test_summarise_tie_decided_by_lot_counts_for_the_drawn_party():
    results, baseline = _night()
    results[-1] = seat("E5", cv("A5", "Lab", 200), cv("B5", "Con", 200), name="Epsilon",
                       tie_winner="A5")
    s = summarise("Test night", 7, results, baseline)
    assert s.seats == {"Lab": 3, "Con": 1, "SNP": 1}
    assert sum(s.seats.values()) == s.declared
    assert s.ties == []  # nothing is awaiting a lot
    assert s.gains == {"Lab": 3}
    entry = next(e for e in s.recount_watch if e.code == "E5")
    assert entry.winner_party == "Lab" and entry.runner_up_party == "Con"
    assert entry.majority == 0


def test_summarise_without_baseline_has_no_gains():
    results, _ = _night()
    s = summarise("Test night", 650, results)
    assert s.gains == {} and s.losses == {} and s.changes == []
    assert s.majority_line == 326


def test_summarise_nothing_declared():
    s = summarise("Empty", 650, [])
    assert s.declared == 0
    assert s.seats == {} and s.votes == {} and s.recount_watch == [] and s.ties == []
    assert s.valid_votes == 0
    assert s.majority_line == 326


def test_summarise_changes_most_first():
    results = [seat(f"E{i}", cv(f"W{i}", "Lab", 100), cv(f"L{i}", "Con", 10)) for i in range(3)]
    results += [seat("E9", cv("W9", "LD", 100), cv("L9", "Con", 10))]
    results += [seat("S1", cv("WS", "Lab", 100), cv("LS", "SNP", 10))]
    baseline = {f"E{i}": BaselineSeat(f"E{i}", {}, "Con") for i in (0, 1, 2, 9)}
    baseline["S1"] = BaselineSeat("S1", {}, "SNP")
    s = summarise("x", 5, results, baseline)
    assert s.changes == [
        {"from": "Con", "to": "Lab", "seats": 3},
        {"from": "Con", "to": "LD", "seats": 1},
        {"from": "SNP", "to": "Lab", "seats": 1},
    ]
    assert s.gains == {"Lab": 4, "LD": 1}
    assert s.losses == {"Con": 4, "SNP": 1}


def test_to_json_dict_has_plain_types():
    results, baseline = _night()
    d = summarise("Test night", 7, results, baseline).to_json_dict()
    assert isinstance(d["recount_watch"][0], dict)
    assert set(d["recount_watch"][0]) == {"code", "constituency", "winner_party",
                                          "runner_up_party", "majority", "majority_pct"}
    assert d["ties"] == ["E5"]


def test_a_seat_returned_unopposed_is_not_on_the_recount_watch():
    """One candidate and no poll (0 votes): no runner-up, so no majority to recount. It
    was on the watch at a majority of 0, badged RECOUNT RANGE, beside the real close seats."""
    unopposed = seat("E9", cv("A9", "Lab", 0), name="Unopposed")
    close = seat("E1", cv("A1", "Lab", 500), cv("B1", "Con", 490), name="Alpha")
    s = summarise("Test night", 7, [unopposed, close], {}, tally.RecountThresholds(100, 1.0))
    assert [e.code for e in s.recount_watch] == ["E1"]
    assert s.seats == {"Lab": 2}


def test_the_default_recount_watch_is_readmes_100_votes_or_under_half_a_percent():
    """README: without --recount-votes/--recount-pct the watch holds every seat whose
    majority is at most 100 votes or under 0.5 % of valid votes; spelt out here, as the
    defaults are read through `tally`'s own constants everywhere else."""
    results = [
        seat("W1", cv("A1", "Lab", 10_050), cv("B1", "Con", 9_950), name="On 100"),  # 0.5 %
        seat("W2", cv("A2", "Lab", 10_051), cv("B2", "Con", 9_950), name="Off 101"),  # 0.505 %
        seat("W3", cv("A3", "Lab", 15_570), cv("B3", "Con", 15_430), name="On 0.45"),
        seat("W4", cv("A4", "Lab", 15_075), cv("B4", "Con", 14_925), name="Off 0.5"),
    ]
    s = summarise("Test night", 4, results)
    assert sorted(e.code for e in s.recount_watch) == ["W1", "W3"]
