"""Declaring a seat for the graphics' tests: by party (each candidate's votes looked up by
party, 100 for a party not named, the warnings the figures raise accepted as overrides), or
by its majority."""

from __future__ import annotations

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES


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


def declare_by_majority(store, key: str, majority: int, valid: int, *,
                        overrides=WARNING_CODES, verify: bool = True) -> None:
    """`key` won by `majority` of `valid` votes (the others 100 each, 10 invalid), entered
    by alice with `overrides` accepted and, with `verify`, verified by bob."""
    sheet = dk.load_sheet(store, key)
    rest = [100] * (len(sheet.candidates) - 2)
    top = (valid - sum(rest) + majority) // 2
    votes = [top, top - majority, *rest]
    assert sum(votes) == valid
    dk.declare(store, key, Figures(votes, 10), user="alice", overrides=overrides)
    if verify:
        dk.verify(store, key, user="bob", votes=None)
