"""The ONS codes of the UK's twelve regions (nine English regions and the three other
nations), by the region names the House of Commons Library files use. An election keeps a
seat's region by name; the results export writes the code beside it, as the Library's
files do. (The same pairs in the GE2017, GE2019 and GE2024 files; tests/domain checks.)"""

from __future__ import annotations

ONS_REGION_IDS: dict[str, str] = {
    "North East": "E12000001",
    "North West": "E12000002",
    "Yorkshire and The Humber": "E12000003",
    "East Midlands": "E12000004",
    "West Midlands": "E12000005",
    "East of England": "E12000006",
    "London": "E12000007",
    "South East": "E12000008",
    "South West": "E12000009",
    "Wales": "W92000004",
    "Scotland": "S92000003",
    "Northern Ireland": "N92000002",
}


def ons_region_id(region: str) -> str:
    """The region's ONS code; empty for a name outside the twelve (an invented region)."""
    return ONS_REGION_IDS.get(region.strip(), "")
