"""The charts' tests, drawn headless (MPLBACKEND=Agg, set in the top conftest). What the
clipping checks look at is helpers.texts.drawn_texts.

`early_store` is the 2024 night a few seats in, for the broadcast graphics' tests
(test_graphics_*.py): one verified, one provisional, one recount under way, one undecided
tie."""

from __future__ import annotations

import pytest
from helpers.party_votes import declare_by_party

from resultsdesk.desk import declarations as dk


@pytest.fixture
def early_store(nominations_store):
    """The 2024 election with four seats in: Hendon verified then a recount called, Poole
    provisional, Chingford and Woodford Green verified, Bath an undecided tie."""
    s = nominations_store
    declare_by_party(s, "Hendon", {"Lab": 15_855, "Con": 15_840, "RUK": 3_038, "Green": 2_667})
    dk.mark_recount(s, "Hendon", user="carol")
    declare_by_party(s, "Poole", {"Lab": 14_168, "Con": 14_150, "RUK": 7_429}, verify=False)
    declare_by_party(s, "Chingford and Woodford Green", {"Lab": 20_000, "Con": 15_000})
    declare_by_party(s, "Bath", {"LD": 19_000, "Con": 19_000})
    return s
