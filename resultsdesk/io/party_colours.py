"""Party colours as published with the HoC results (keyed by MNIS party ID)."""

from __future__ import annotations

import re
from pathlib import Path

from ..domain.records import factory, record
from .csvfile import read_rows

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


@record(frozen=False)
class PartyColours:
    by_mnis: dict[int, str] = factory(dict)
    by_abbreviation: dict[str, str] = factory(dict)

    def colour_for(self, mnis_id: int | None, abbreviation: str) -> str | None:
        if mnis_id is not None and mnis_id in self.by_mnis:
            return self.by_mnis[mnis_id]
        return self.by_abbreviation.get(abbreviation)


def read_party_colours(path: str | Path) -> PartyColours:
    _, rows, _ = read_rows(path, ("mnis_party_id", "hex_colour", "hoc_abbreviations_2019_2024"))
    colours = PartyColours()
    for row in rows:
        colour = row.text("hex_colour")
        if not HEX.match(colour):
            raise row.fail("hex_colour", f"'{colour}' is not a colour like #d50000")
        mnis = row.whole_number("mnis_party_id", required=False)
        if mnis is None:
            continue  # the fallback row: unknown parties get generated colours instead
        colours.by_mnis[mnis] = colour.lower()
        for abbreviation in row.text("hoc_abbreviations_2019_2024", required=False).split("|"):
            if abbreviation:
                colours.by_abbreviation.setdefault(abbreviation, colour.lower())
    return colours
