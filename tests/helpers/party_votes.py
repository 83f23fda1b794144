"""Declaring a seat by party for the graphics' tests: each candidate's votes looked up by
party (100 for a party not named), the warnings the figures raise accepted as overrides."""

from __future__ import annotations

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures


def declare_by_party(store, key: str, votes: dict[str, int], *, user: str = "alice",
                     verify: bool = True) -> None:
    """`key`'s declaration entered by `user` (50 invalid votes) and, with `verify`,
    verified by bob."""
    sheet = dk.load_sheet(store, key)
    figures = Figures([votes.get(c.party, 100) for c in sheet.candidates], 50)
    try:
        dk.declare(store, key, user=user, figures=figures)
    except dk.FiguresRefused as exc:
        dk.declare(store, key, user=user, figures=figures,
                   overrides=[p.code for p in exc.problems if not p.is_error])
    if verify:
        dk.verify(store, key, user="bob", votes=None)
