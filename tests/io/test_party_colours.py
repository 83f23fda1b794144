"""The bundled party colours file (`read_party_colours`): a colour for every party, by
abbreviation and by MNIS id.
"""

from __future__ import annotations

from resultsdesk.io.party_colours import read_party_colours
from resultsdesk.paths import PARTY_COLOURS, data_file


def test_party_colours_file():
    colours = read_party_colours(data_file(PARTY_COLOURS))
    assert colours.by_abbreviation["Lab"].startswith("#")
    assert colours.colour_for(None, "Con") == colours.by_abbreviation["Con"]
    assert all(len(c) == 7 for c in colours.by_mnis.values())
