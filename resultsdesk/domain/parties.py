"""Party identity rules: independents, the Speaker, colours and left-right order."""

from __future__ import annotations

from collections.abc import Mapping

INDEPENDENT = "Ind"
SPEAKER = "Spk"
INDEPENDENT_MNIS_ID = 8
FALLBACK_COLOUR = "#909090"

# An earlier file's MNIS party id for a party a later file gives another: its result counts
# for the later id's party when that party stands, as the HoC Library's Change compares them
# (its 2024 file against the notional 2019 figures). Renamed parties, and one party under two
# ids: without these, Foyle's People Before Profit had no Change against its 1,251 votes.
SUCCESSOR_MNIS_IDS = {
    1006: 1036,  # The Brexit Party -> Reform UK (renamed January 2021)
    212: 1111,  # Young People's Party -> Shared Ground (the same party renamed)
    242: 177,  # People Before Profit (the notional file's id) -> People Before Profit Alliance
}

# Names other files use for parties the HoC files abbreviate differently.
ABBREVIATION_ALIASES = {
    "Commons Speaker": SPEAKER,
    "Speaker": SPEAKER,
    "Independent": INDEPENDENT,
}

# Left to right across the chamber, as UK broadcasters draw it; unknown parties go between
# the independents and the Speaker (the middle), so a new party never lands at an edge.
DEFAULT_POLITICAL_ORDER = [
    "PBPA", "SF", "SDLP", "Green", "Lab", "PC", "SNP", "Alba", "APNI", "LD",
    INDEPENDENT, SPEAKER, "UUP", "Con", "DUP", "TUV", "UKIP", "RUK",
]


def speaker_stood(*votes_by_party: Mapping[str, int]) -> bool:
    """Whether the Speaker stood in any of these results (votes by party): the Speaker's
    seat, where by convention the main parties do not stand, so a two-party swing there is
    meaningless and the HoC Library gives none (Chorley 2024; Buckingham 2019, after
    Bercow, would read "61.7 Spk→Con")."""
    return any(SPEAKER in votes for votes in votes_by_party)


def majority_leader(seats: Mapping[str, int]) -> tuple[str | None, int]:
    """The party nearest a majority, with its seats, from seats by party (most first): never
    the Speaker, who takes no side, nor the independents, who are no party. Early in a
    night with a seat each, "Spk need 325 more for a majority" was put on air. (None, 0)
    where no party has a seat."""
    return next(((party, n) for party, n in seats.items()
                 if party not in (SPEAKER, INDEPENDENT)), (None, 0))


def canonical_abbreviation(abbreviation: str) -> str:
    return ABBREVIATION_ALIASES.get(abbreviation.strip(), abbreviation.strip())


def political_rank(abbreviation: str) -> int:
    """Position in the chamber's left-right order (lower is further left)."""
    if abbreviation in DEFAULT_POLITICAL_ORDER:
        return DEFAULT_POLITICAL_ORDER.index(abbreviation) * 10
    return DEFAULT_POLITICAL_ORDER.index(INDEPENDENT) * 10 + 5


def generated_colour(key: str) -> str:
    """A stable, distinct colour for a party (or independent candidate) with none of its own.

    The hue comes from a hash of the key so the same party keeps its colour across runs
    and machines; saturation and lightness stay in a band that reads on light and dark.
    """
    import colorsys
    import hashlib  # here: OpenSSL loads when a colour is first made, not with the model

    digest = hashlib.sha1(key.encode("utf-8")).digest()
    hue = digest[0] / 255
    lightness = 0.40 + (digest[1] / 255) * 0.15
    saturation = 0.45 + (digest[2] / 255) * 0.35
    r, g, b = colorsys.hls_to_rgb(hue, lightness, saturation)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def independent_colour(candidate_key: str) -> str:
    """Independents are drawn in greys, one shade per candidate, so each reads as its own."""
    import hashlib

    digest = hashlib.sha1(candidate_key.encode("utf-8")).digest()
    level = 0x70 + digest[0] % 0x50
    return f"#{level:02x}{level:02x}{level:02x}"


# Parties the HoC colour file has no entry for, drawn as broadcasters do.
_KNOWN_COLOURS = {SPEAKER: "#3c3c3c", INDEPENDENT: "#a6a6a6"}


def known_colour(abbreviation: str) -> str | None:
    return _KNOWN_COLOURS.get(abbreviation)
