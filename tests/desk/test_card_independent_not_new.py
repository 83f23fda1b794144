"""The result card's NEW badge (desk/graphics.py) says a party did not stand here at the
baseline election. A lone independent is never compared with the independents then (they
were other people as like as not: `tally.share_then`), but neither is the badge theirs
where independents did stand: in Barnsley North 2024 an independent stood, and 188
independent votes are in the notional 2019 figures. Found by a mutation test: every
candidate with no change given NEW left every test passing."""

from __future__ import annotations

from resultsdesk.desk.graphics import card_data, night_state

BARNSLEY_NORTH = "E14001074"


def test_a_lone_independent_where_independents_stood_then_is_neither_compared_nor_new(
        night_store):
    night = night_state(night_store)
    assert "Ind" in night.baseline[BARNSLEY_NORTH].votes_by_party
    card = card_data(night, night_store, BARNSLEY_NORTH)
    independent = next(c for c in card.candidates if c.party == "Ind")
    assert (independent.change, independent.new) == (None, False)
    # a party that stood then is compared, and is no NEW
    labour = next(c for c in card.candidates if c.party == "Lab")
    assert labour.change is not None and not labour.new
