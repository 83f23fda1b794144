"""Which candidate of a seat a typed key names: `--vote KEY=N` of `declare` and `verify`,
and `--winner` of `lot` and `verify`. One reading for both, so a key one command takes the
other takes too, and both refuse the same keys for the same reason.

A key is the candidate's key (`domain.candidate_keys`: the full name, with the party where
two share the name, as `history --json` gives `tie_winner`), or the party abbreviation
where only one candidate of that party stands; spacing and case do not matter."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.candidate_keys import folded
from ..domain.validation import count_refusal, parse_count
from .errors import DeskRefusal
from .sheets import SeatSheet


class NotOneCandidate(DeskRefusal):
    """A key naming no candidate of the seat, or more than one. `hint`: what to type
    instead, for a caller that words the refusal its own way."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def candidate_index(sheet: SeatSheet, key: str) -> int:
    """The ballot position of the one candidate `key` names in `sheet` (NotOneCandidate
    if it names none, or several)."""
    keys = sheet.candidate_keys()
    wanted = folded(key)
    for i, candidate_key in enumerate(keys):
        if folded(candidate_key) == wanted:
            return i
    named = [i for i, c in enumerate(sheet.candidates) if folded(c.name) == wanted]
    if named:  # a name two candidates share (one alone is its own key)
        each = ", ".join(f"'{keys[i]}'" for i in named)
        hint = f"give each as {each}, or by party where only one of it stands"
        raise NotOneCandidate(f"'{key}' names {len(named)} candidates in {sheet.name}: "
                              f"{hint}.", hint)
    of_party = [i for i, c in enumerate(sheet.candidates) if folded(c.party) == wanted]
    if len(of_party) == 1:
        return of_party[0]
    if of_party:
        names = ", ".join(sheet.candidates[i].name for i in of_party)
        raise NotOneCandidate(f"'{key}' stands for {len(of_party)} candidates in "
                              f"{sheet.name} ({names}); use the candidate's full name.",
                              f"{names} stand for it; use the candidate's full name")
    every = ", ".join(f"{c.name} ({c.party})" for c in sheet.candidates)
    raise NotOneCandidate(f"'{key}' is not a candidate in {sheet.name}. Candidates: {every}",
                          f"its candidates are {every}")


def votes_from_keys(sheet: SeatSheet, pairs: Sequence[tuple[str, str]]) -> list[int]:
    """Figures in ballot order from KEY=VOTES pairs, as feeds and scripts give them. Every
    candidate must be given exactly once."""
    votes: list[int | None] = [None] * len(sheet.candidates)
    for key, text in pairs:
        index = candidate_index(sheet, key)
        why = count_refusal(text)  # as the form reads a typed figure
        if why is not None:
            raise DeskRefusal(f"'{text.strip()}' for {sheet.candidates[index].name} {why}.")
        count = parse_count(text) or 0
        if votes[index] is not None:
            raise DeskRefusal(f"{sheet.candidates[index].name} is given twice.")
        votes[index] = count
    missing = [c.name for c, v in zip(sheet.candidates, votes, strict=True) if v is None]
    if missing:
        raise DeskRefusal(f"No votes given for {', '.join(missing)} in {sheet.name}; every "
                          "candidate needs a figure (0 if none).")
    return [v for v in votes if v is not None]
