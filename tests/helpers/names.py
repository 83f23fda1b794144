"""Spellings of one desk user's name that a person reading the screen takes for `carol`
(issue 10, point 5): shared by the identity, desk, CLI and GUI tests."""

from __future__ import annotations

import unicodedata
from functools import cache

from hypothesis import strategies as st

from resultsdesk.domain.identity import _prototypes

CAROL_VARIANTS = {
    "zero-width space": "carol\u200b",
    "zero-width joiner inside": "ca\u200drol",
    "word joiner": "\u2060carol",
    "byte-order mark": "\ufeffcarol",
    "right-to-left mark": "car\u200fol",
    "soft hyphen": "car\u00adol",
    "full-width": "ｃａｒｏｌ",
    "capitals": "CAROL",
    "spaces around": "  carol\t",
    "Cyrillic a": "c\u0430rol",
    "Cyrillic o and a": "c\u0430r\u043el",
    "Greek omicron": "car\u03bfl",
    "digit one for l": "caro1",
    "mathematical bold": "𝐜𝐚𝐫𝐨𝐥",
    "control character": "car\x07ol",
    "combining grapheme joiner": "car\u034fol",
    "variation selector": "carol\ufe0f",
}


# What review found, and what the systematic check over the confusables data found beside
# it: each was the same person as its ASCII twin neither alone nor inside a name, because
# the names were compared after NFKC, which changes the character into something else first
# (the lunate sigma into a final sigma, the long s into an s, the spacing accents into a
# space and a combining accent, the full-width brackets into square ones).
FORMERLY_MISSED = {
    "\u03f2": "c",  # GREEK LUNATE SIGMA SYMBOL
    "\u03f9": "C",  # GREEK CAPITAL LUNATE SIGMA SYMBOL
    "\u017f": "f",  # LATIN SMALL LETTER LONG S
    "\u037a": "i",  # GREEK YPOGEGRAMMENI (inside a name only)
    # ACUTE ACCENT, GREEK TONOS, GREEK OXIA (which NFD makes an acute accent)
    "\u00b4": "'", "\u0384": "'", "\u1ffd": "'",
    "\u1fbd": "'", "\u1fbf": "'", "\u1ffe": "'",  # GREEK KORONIS, PSILI, DASIA
    "\u02dd": "''",  # DOUBLE ACUTE ACCENT
    "\u00b8": ",",  # CEDILLA
    "\u02db": "i",  # OGONEK
    "\u02dc": "~", "\u1fc0": "~",  # SMALL TILDE, GREEK PERISPOMENI
    "\ufe30": ":",  # PRESENTATION FORM FOR VERTICAL TWO DOT LEADER
    "\ufe58": "-",  # SMALL EM DASH
    "\uff3b": "(", "\uff3d": ")",  # FULLWIDTH LEFT / RIGHT SQUARE BRACKET
    "\uffe8": "l",  # HALFWIDTH FORMS LIGHT VERTICAL
}


# Names of ASCII letters and digits, in which one character is replaced by a look-alike the
# confusables data lists for it.
_ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@cache
def look_alikes_of(char: str) -> list[str]:
    proto = _prototypes().get(char, char)
    return sorted(c for c, p in _prototypes().items()
                  if p == proto and c != char and len(c) == 1
                  and unicodedata.normalize("NFD", c) == c)


_SWAPPABLE = [c for c in _ASCII if look_alikes_of(c)]


@st.composite
def name_and_look_alike(draw) -> tuple[str, str]:
    name = draw(st.text(st.sampled_from(_ASCII), min_size=1, max_size=12))
    at = draw(st.integers(0, len(name) - 1))
    swapped = draw(st.sampled_from(_SWAPPABLE))
    name = name[:at] + swapped + name[at + 1:]
    twin = draw(st.sampled_from(look_alikes_of(swapped)))
    return name, name[:at] + twin + name[at + 1:]
