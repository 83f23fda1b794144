"""When two files name one place alike: a seat's name (or its country, region, county, type)
as one file writes it and as the election or another file does.

Alike means the same letters, whatever their case, spacing or Unicode composition ("ŵ" as one
character or as "w" and a circumflex, as text from a Mac can be), "&" read as "and" (as the
find box reads it): the House of Commons Library wrote "Na h-Eileanan An Iar" in 2019 and "Na
h-Eileanan an Iar" in 2024, and other feeds write "Basildon & Billericay". A "?" stands for a
character Windows-1252 cannot hold, as Excel writes one saving a file as "CSV (Comma
delimited)": "Montgomeryshire and Glynd?r" is "Montgomeryshire and Glyndŵr".
"""

from __future__ import annotations

import unicodedata


def _plain(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).replace("&", " and ").split()).casefold()


def _unwritable(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return True
    return False


def same_place_name(a: str, b: str) -> bool:
    """Whether `a` and `b` name one place (see the module's note)."""
    if a == b:
        return True
    a, b = _plain(a), _plain(b)
    if a == b:
        return True
    if len(a) != len(b) or "?" not in a + b:
        return False
    return all(x == y or (x == "?" and _unwritable(y)) or (y == "?" and _unwritable(x))
               for x, y in zip(a, b, strict=True))
