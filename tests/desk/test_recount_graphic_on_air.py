"""The recount watch graphic goes to air (desk/graphics.py `recount_data`), so it lists
what is verified and what is under recount: never a close seat that only a provisional
entry says is close, and always a seat whose recount is under way, however safe its
verified majority. Found by a mutation test: the graphic's rows by the figures the desk
shows (provisional ones too), or without the recounts under way, left every test passing."""

from __future__ import annotations

from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.graphics import night_state, recount_data
from resultsdesk.domain.model import Figures

# Hendon as CLEAN, but Labour 18,000 to the Conservatives' 17,950: a majority of 50
CLOSE = tuple(17_950 if v == 12_000 else v for v in CLEAN)


def _rows(store) -> list[tuple[str, bool]]:
    return [(s.code, s.recount) for s in recount_data(night_state(store)).seats]


def test_a_close_provisional_entry_is_not_on_the_graphic(nominations_store):
    store = nominations_store
    dk.declare(store, HENDON, Figures(CLOSE, 50), user="alice", overrides=["recount_range"])
    assert [s.code for s in night_state(store).recount_watch()] == [HENDON]  # the desk's
    assert _rows(store) == []  # not air's: nobody verified it
    assert dk.verify(store, HENDON, user="bob", votes=list(CLOSE), invalid=50).verified
    assert _rows(store) == [(HENDON, False)]


def test_a_recount_under_way_is_on_the_graphic_whatever_its_majority(nominations_store):
    store = nominations_store
    dk.declare(store, HENDON, Figures(CLEAN, 50), user="alice")
    assert dk.verify(store, HENDON, user="bob", votes=list(CLEAN), invalid=50).verified
    assert _rows(store) == []  # a majority of 6,000
    dk.mark_recount(store, HENDON, user="carol")
    assert _rows(store) == [(HENDON, True)]
