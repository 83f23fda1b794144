"""Finding a constituency from what a desk types: the best match first.

An exact name or GSS code comes first, then names or codes that start with the text, then names
with a word starting with it, then names containing it; only when nothing contains the text are
typos forgiven, and those fuzzy matches are ordered by how close they are, not by the alphabet
(a whole name one typo away first).
Names are compared without case, accents, punctuation or the difference between "&" and "and",
so `Basildon & Bilericay` finds Basildon and Billericay first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from enum import IntEnum
from functools import lru_cache

from ..domain.records import record


class Tier(IntEnum):
    """How a seat matched; a lower tier always ranks first."""

    EXACT = 0  # the whole name or the whole code
    PREFIX = 1  # the name or the code starts with the text
    WORD = 2  # a word of the name starts with the text ("billericay")
    CONTAINS = 3  # the text is somewhere in the name or code
    FUZZY = 4  # close enough to forgive a typo


FUZZY_CUTOFF = 75.0  # below this, a "match" is noise (tried on the 650 seats of 2024)
FUZZY_LIMIT = 10
MIN_FUZZY_LENGTH = 3  # two letters are too few to guess a typo from

_APOSTROPHES = re.compile(r"['\u2018\u2019`]")
_NOT_WORD = re.compile(r"[\W_]+")


@record
class Match:
    code: str
    name: str
    tier: Tier
    # 0-100: how close the name is to the text, for a fuzzy match (they are ranked by it);
    # a match as typed (exact, prefix, word, contains) is ranked by name, and scores 100.
    score: float


AS_TYPED = 100.0  # the score of a match as typed: `closeness` is worked out for typos only
# Names normalised once, not at every keystroke: Find ranks every seat's name at each key
# (~50,000 at the largest nights), and normalising each again was most of that work.
NORMALISED_KEPT = 1 << 17


@lru_cache(maxsize=NORMALISED_KEPT)
def normalise(text: str) -> str:
    """The form names are compared in: no accents, case or punctuation; "&" is "and"."""
    if not text.isascii():  # ASCII has no accents to take off (most names: half the work)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text.casefold().replace("&", " and "))  # King's = Kings
    return " ".join(_NOT_WORD.sub(" ", text).split())


def closeness(query: str, name: str) -> float:
    """How close a normalised name is to normalised typed text, 0-100.

    The best of: the whole name with one edit per typo (a swapped pair of letters counts
    once); the start of the name, for text typed part-way; the best-aligned stretch of the
    name, for a word from its middle; the words in any order. The last three are scaled
    down a little so a near-complete name beats a partial one. (Find works the same out
    for every name at once, `_fuzzy`: change both; tests/desk/test_find.py compares them.)
    """
    # Imported here: rapidfuzz loads when someone first types a search, not with the window.
    from rapidfuzz import fuzz
    from rapidfuzz.distance import OSA

    whole = OSA.normalized_similarity(query, name) * 100
    start = OSA.normalized_similarity(query, name[:len(query)]) * 97
    inner = fuzz.partial_ratio(query, name) * 0.9
    words = fuzz.token_sort_ratio(query, name) * 0.95
    return max(whole, start, inner, words)


def _tier(query: str, compact: str, name: str, code: str) -> Tier | None:
    if query == name or compact == code:
        return Tier.EXACT
    if name.startswith(query) or code.startswith(compact):
        return Tier.PREFIX
    if f" {query}" in f" {name}":
        return Tier.WORD
    if query in name or compact in code:
        return Tier.CONTAINS
    return None


# A seat as Find compares it: (the normalised name, the code, the code casefolded, name).
Candidate = tuple[str, str, str, str]


def candidates(seats: Iterable[tuple[str, str]]) -> list[Candidate]:
    """The seats (code, name) prepared for `rank`, once for as long as their names stay
    the same: each name normalised, and all in the order a match lists them in (by name,
    then code), so that a keystroke sorts nothing. A first letter finds most seats of a
    night: sorting them, ~50,000 at the largest, was most of a keystroke's work."""
    return sorted((normalise(name), code, code.casefold(), name) for code, name in seats)


def rank(query: str, seats: Iterable[tuple[str, str]], *,
         cutoff: float = FUZZY_CUTOFF, fuzzy_limit: int = FUZZY_LIMIT) -> list[Match]:
    """The seats (code, name) that `query` finds, best first; empty text finds nothing.

    Within the exact, prefix, word and contains tiers seats are in name order (a list a desk
    can scan); fuzzy matches, offered only when nothing contains the text, are by closeness.
    """
    return rank_prepared(query, candidates(seats), cutoff=cutoff, fuzzy_limit=fuzzy_limit)


def rank_prepared(query: str, prepared: Iterable[Candidate], *,
                  cutoff: float = FUZZY_CUTOFF, fuzzy_limit: int = FUZZY_LIMIT) -> list[Match]:
    """`rank` of seats already prepared (`candidates`)."""
    text, tiers, misses = _as_typed(query, prepared)
    if any(tiers):
        return [Match(code, name, tier, AS_TYPED)
                for tier, found in zip(Tier, tiers, strict=True) for _, code, _, name in found]
    return _fuzzy(text, misses, cutoff, fuzzy_limit)


def ranked_codes(query: str, prepared: Iterable[Candidate]) -> list[str]:
    """The codes of the seats `rank_prepared` finds, in its order, without a `Match` made
    for each: a first letter finds most seats of a night (~50,000 at the largest), and
    making them was half the ranking of a keystroke."""
    text, tiers, misses = _as_typed(query, prepared)
    if any(tiers):
        return [code for found in tiers for _, code, _, _ in found]
    return [m.code for m in _fuzzy(text, misses, FUZZY_CUTOFF, FUZZY_LIMIT)]


def exact_codes(query: str, prepared: Iterable[Candidate]) -> list[str]:
    """The codes of the seats `query` names whole (its name or its code, as `rank`
    compares them), in the candidates' order: what Enter must open, whatever else is
    listed."""
    text = normalise(query)
    compact = text.replace(" ", "")
    return [code for name, code, folded, _ in prepared
            if text and (name == text or folded == compact)]


def _as_typed(query: str, prepared: Iterable[Candidate]
              ) -> tuple[str, list[list[Candidate]], list[Candidate]]:
    """The normalised text, the seats it finds as typed by tier, and the seats it misses."""
    text = normalise(query)
    tiers: list[list[Candidate]] = [[] for _ in Tier]
    misses: list[Candidate] = []
    if not text:
        return text, tiers, misses
    compact = text.replace(" ", "")
    # Each tier filled in the candidates' order (name, then code): joined, they are the
    # matches by tier then name with nothing sorted. Ranked by tier, then name: closeness
    # would order nothing here, and working it out for every seat found (a first letter
    # finds thousands) was a keystroke's main cost.
    for seat in prepared:
        tier = _tier(text, compact, seat[0], seat[2])
        if tier is None:
            misses.append(seat)
        else:
            tiers[tier].append(seat)
    return text, tiers, misses


def _fuzzy(text: str, misses: list[Candidate], cutoff: float, limit: int) -> list[Match]:
    """Typos forgiven, when nothing matched as typed: the closest of `misses` first.

    A whole name one typo away (a letter wrong, missing, doubled, or two swapped) comes
    before any name only part of which is close: "poolr" is Poole, though "pool" ends
    Hartlepool (both scored 80, and Hartlepool came first by the alphabet), "wokinghm" is
    Wokingham, though it holds all of Woking (90 against 89.4); then the closest, then by
    name and code (the order `misses` are in, as candidates are).

    Every name scored at once by rapidfuzz (`closeness`, the same figures), and a Match
    made for the `limit` kept: a seat at a time from Python, a keystroke after a typo was
    0.4-0.6 s of the GUI thread at 50,000 seats, each keystroke more of the typo as long."""
    if len(text.replace(" ", "")) < MIN_FUZZY_LENGTH or not misses:  # (no text at all, too)
        return []
    # Loaded here, as rapidfuzz: when someone first types a typo, not with the CLI.
    import numpy as np
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import OSA

    keys = [key for key, *_ in misses]

    def scores(scorer, choices: list[str], **kwargs) -> np.ndarray:
        return process.cdist([text], choices, scorer=scorer, dtype=np.float64, **kwargs)[0]

    score = np.maximum.reduce([  # as `closeness` works it out for each name
        scores(OSA.normalized_similarity, keys) * 100,
        scores(OSA.normalized_similarity, [key[:len(text)] for key in keys]) * 97,
        scores(fuzz.partial_ratio, keys) * 0.9,
        scores(fuzz.token_sort_ratio, keys) * 0.95])
    one_typo = scores(OSA.distance, keys, score_cutoff=1) <= 1
    # One typo first, then the closest, then the order of `misses` (lexsort: last key first).
    order = np.lexsort((np.arange(len(keys)), -score, ~one_typo))
    kept = order[((score >= cutoff) | one_typo)[order]][:limit]
    return [Match(misses[i][1], misses[i][3], Tier.FUZZY, float(score[i])) for i in kept]


def best(query: str, seats: Iterable[tuple[str, str]]) -> Match | None:
    """The single seat Enter should open for `query`, or None."""
    matches = rank(query, seats)
    return matches[0] if matches else None
