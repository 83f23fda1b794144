"""The charts' tests, drawn headless (MPLBACKEND=Agg, set in the top conftest). What the
clipping checks look at is helpers.texts.drawn_texts.

`early_store` is the 2024 night a few seats in, for the broadcast graphics' tests
(test_graphics_*.py): one verified, one provisional, one recount under way, one undecided
tie."""

from __future__ import annotations

import pytest

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures


def _declare(store, key, votes, *, verify=True):
    sheet = dk.load_sheet(store, key)
    figures = [votes.get(c.party, 100) for c in sheet.candidates]
    try:
        dk.declare(store, key, user="alice", figures=Figures(figures, 50))
    except dk.FiguresRefused as exc:
        dk.declare(store, key, user="alice", figures=Figures(figures, 50),
                   overrides=[p.code for p in exc.problems if not p.is_error])
    if verify:
        dk.verify(store, key, user="bob", votes=None)


@pytest.fixture
def early_store(nominations_store):
    """The 2024 election with four seats in: Hendon verified then a recount called, Poole
    provisional, Chingford and Woodford Green verified, Bath an undecided tie."""
    s = nominations_store
    _declare(s, "Hendon", {"Lab": 15_855, "Con": 15_840, "RUK": 3_038, "Green": 2_667})
    dk.mark_recount(s, "Hendon", user="carol")
    _declare(s, "Poole", {"Lab": 14_168, "Con": 14_150, "RUK": 7_429}, verify=False)
    _declare(s, "Chingford and Woodford Green", {"Lab": 20_000, "Con": 15_000})
    _declare(s, "Bath", {"LD": 19_000, "Con": 19_000})
    return s
