"""A lot elects one of the candidates tied at the top, told apart by who they are, not by
their name: Mid Buckinghamshire 2024 has two Greg Smiths (Green, Con). With the
Conservative tied with Labour, a lot recorded for the Green Greg Smith (`lot --winner
"Greg Smith (Green)"`, a slip of one word) was taken on a file as "one of the tied
candidates", because a tied candidate had his name, then verified; the seat read "Tie: no
winner yet" for good under a verified lot. A server refuses it (`rd_check_tie_winner`,
by the candidate's own votes), and now so does a file. A correction keeps a drawn winner
only while that same candidate still ties."""

from __future__ import annotations

import pytest

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.errors import DeskRefusal
from resultsdesk.desk.live import NightState
from resultsdesk.domain.model import Figures

MID_BUCKS = "E14001360"


def _ids(store) -> dict[str, int]:
    return {f"{c.name} ({c.party})": c.id for c in dk.load_sheet(store, MID_BUCKS).candidates}


def _figures(store, tied_with_lab: str) -> list[int]:
    ids = _ids(store)
    top = {ids["Carissma Griffiths (Lab)"]: 20_000, ids[tied_with_lab]: 20_000}
    return [top.get(c.id, 1_000) for c in dk.load_sheet(store, MID_BUCKS).candidates]


def test_a_lot_for_the_namesake_of_a_tied_candidate_is_refused(nominations_store):
    store = nominations_store
    ids = _ids(store)
    green, con = ids["Greg Smith (Green)"], ids["Greg Smith (Con)"]
    votes = _figures(store, "Greg Smith (Con)")
    dk.declare(store, MID_BUCKS, Figures(votes, 100), user="alice", overrides=["tie"])
    with pytest.raises(DeskRefusal, match="must be one of the tied candidates"):
        dk.decide_tie(store, MID_BUCKS, user="alice", winner_id=green, note="hat")
    with pytest.raises(DeskRefusal, match="must be one of the tied candidates"):
        dk.declare(store, MID_BUCKS, Figures(votes, 100), user="alice", overrides=["tie"],
                   tie_winner=green)
    dk.decide_tie(store, MID_BUCKS, user="alice", winner_id=con, note="hat")
    assert dk.verify(store, MID_BUCKS, user="bob", votes=votes, invalid=100,
                     tie_winner=con).verified
    night = NightState(store)
    night.refresh()
    outcome = night.seats[MID_BUCKS].outcome
    assert (outcome.winner_party, outcome.winner_name, outcome.by_lot) == \
        ("Con", "Greg Smith", True)


def test_a_correction_keeps_the_lot_only_while_its_own_winner_still_ties(nominations_store):
    store = nominations_store
    ids = _ids(store)
    con = ids["Greg Smith (Con)"]
    votes = _figures(store, "Greg Smith (Con)")
    dk.declare(store, MID_BUCKS, Figures(votes, 100), user="alice", overrides=["tie"],
               tie_winner=con)
    assert dk.verify(store, MID_BUCKS, user="bob", votes=votes, invalid=100,
                     tie_winner=con).verified
    # corrected: it was the Green Greg Smith who tied with Labour
    fixed = _figures(store, "Greg Smith (Green)")
    v = dk.correct(store, MID_BUCKS, Figures(fixed, 100), user="alice", reason="rows swapped",
                   overrides=["tie"])
    assert v.tie_winner_id is None  # no lot drawn between these two yet
