"""One key per candidate of a seat, where a single string must tell them apart: the votes
object of `history --json` and of `feed.json`'s declaration, its `tie_winner`, and a
`--vote KEY=N` (`desk.candidate_lookup`).

A candidate's name, as the ballot paper has it; where two candidates of the seat share a
name (Mid Buckinghamshire in 2024: Greg Smith, Green, and Greg Smith, Conservative), the
name and party, "Greg Smith (Con)"; where they share the party too, with their place on the
ballot paper as well, "John Smith (Ind, 3)". Keyed by name alone, the second Greg Smith's
votes replaced the first's: the feed a graphics system reads had six candidates' votes for
seven, 2,942 short of the seat's valid vote."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def folded(text: str) -> str:
    """How keys are compared: spacing evened out, case folded."""
    return " ".join(text.split()).casefold()


def candidate_keys(candidates: Sequence[tuple[str, str]]) -> list[str]:
    """Each (name, party) of a seat's candidates, in ballot order, as its key."""
    names = Counter(folded(name) for name, _party in candidates)
    if len(names) == len(candidates):  # the usual seat: every name its own key
        return [name for name, _party in candidates]
    pairs = Counter((folded(name), folded(party)) for name, party in candidates)
    keys = []
    for place, (name, party) in enumerate(candidates, start=1):
        if names[folded(name)] == 1:
            keys.append(name)
        elif pairs[folded(name), folded(party)] == 1:
            keys.append(f"{name} ({party})")
        else:
            keys.append(f"{name} ({party}, {place})")
    return keys
