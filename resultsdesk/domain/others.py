"""Who a graphic names and who is "Others": one rule for every chart and every export.

The parties are ranked by seats, then votes (then abbreviation, so the order is stable);
the first `n` are named and the rest fold into "Others". Ranking by seats first means a
party is never folded while a party with fewer seats is named (Reform UK's five seats and
four million votes are never hidden behind the DUP's five), and a party with votes but no
seats comes after every party with a seat. An "Others" of one party is that party, named.

The desk works the named set out once per refresh and hands it to every chart, so the seat
chart, the chamber, the vote share, the summary and the gains say the same thing (the gains
name the two parties of a seat changing hands between two folded ones: "Others → Others"
would say no seat changed hands).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .records import record

DEFAULT_NAMED = 10  # the 2024 night: every party with four seats or more
# The most a graphic names (Preferences' range, and `--parties`): past ~40 the vote share's
# rows ran into each other on an HD picture (97, every party of 2024: labels over labels)
MAX_NAMED = 30
OTHERS = "Others"
OTHERS_NAME = "Other parties"


@record
class Standing:
    """A party's seats and votes, as the rule ranks them."""

    party: str
    seats: int = 0
    votes: int = 0


@record
class NamedParties:
    """The outcome of the rule: the named parties and the members of "Others", each most
    seats (then votes) first."""

    named: tuple[Standing, ...] = ()
    others: tuple[Standing, ...] = ()

    def is_named(self, party: str) -> bool:
        return any(s.party == party for s in self.named)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.party for s in self.named)

    @property
    def other_names(self) -> tuple[str, ...]:
        return tuple(s.party for s in self.others)

    def label(self, party: str) -> str:
        """The party's abbreviation if it is named, else "Others"."""
        return party if self.is_named(party) else OTHERS


def rank_key(s: Standing) -> tuple[int, int, str]:
    return (-s.seats, -s.votes, s.party)


def name_parties(standings: Iterable[Standing] | Mapping[str, tuple[int, int]],
                 n: int = DEFAULT_NAMED) -> NamedParties:
    """The `n` largest parties by seats, then votes, named; the rest are "Others".

    Entries for the same party add up; a party with neither seats nor votes is left out
    (it is on no graphic). `n` below 1 counts as 1.
    """
    if isinstance(standings, Mapping):
        standings = (Standing(p, sv[0], sv[1]) for p, sv in standings.items())
    totals: dict[str, tuple[int, int]] = {}
    for s in standings:
        seats, votes = totals.get(s.party, (0, 0))
        totals[s.party] = (seats + max(0, s.seats), votes + max(0, s.votes))
    ranked = sorted((Standing(p, seats, votes) for p, (seats, votes) in totals.items()
                     if seats or votes), key=rank_key)
    n = max(1, int(n))
    if len(ranked) <= n + 1:  # "Others" of one party: the party itself
        return NamedParties(tuple(ranked), ())
    return NamedParties(tuple(ranked[:n]), tuple(ranked[n:]))
