"""Previous or notional results, for gains and swing.

Reads either the HoC by-candidate CSV of an earlier election or the notional-results CSV
(Rallings & Thrasher et al.), told apart by their headers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.parties import canonical_abbreviation
from .csvfile import ImportFailure, ProgressCallback, read_rows
from .hoc_candidates import gss_code, read_candidates

NOTIONAL_MARKER = "Party code"
AGGREGATE_CODES = {"TOTOTHV", "MAXOTHV"}  # totals of "others", not candidates
NA = ("NA",)

# ONS re-coded five Scottish seats in February 2024; the notional file still uses the old codes.
SUPERSEDED_CODES = {
    "S14000006": "S14000107",  # Ayr, Carrick and Cumnock
    "S14000008": "S14000108",  # Berwickshire, Roxburgh and Selkirk
    "S14000010": "S14000109",  # Central Ayrshire
    "S14000040": "S14000110",  # Kilmarnock and Loudoun
    "S14000058": "S14000111",  # West Aberdeenshire and Kincardine
}


@dataclass(frozen=True, slots=True)
class BaselineRecord:
    code: str
    party_abbreviation: str
    party_name: str
    party_mnis_id: int | None
    candidate: str
    votes: int
    electorate: int | None
    row: int


def is_notional(path: str | Path) -> bool:
    header, _, _ = read_rows(path, ())
    return NOTIONAL_MARKER in header


def read_baseline(path: str | Path,
                  progress: ProgressCallback | None = None) -> list[BaselineRecord]:
    if is_notional(path):
        return _read_notional(path, progress)
    return [
        BaselineRecord(
            code=c.constituency.code, party_abbreviation=c.party_abbreviation,
            party_name=c.party_name, party_mnis_id=c.party_mnis_id, candidate=c.full_name,
            votes=c.votes or 0, electorate=None, row=c.row,
        )
        for c in read_candidates(path, with_votes=True, progress=progress)
    ]


def _read_notional(path: str | Path, progress: ProgressCallback | None) -> list[BaselineRecord]:
    required = ("ONS ID", "Party code", "Votes", "Party abbreviation", "Party name",
                "MNIS party ID")
    _, rows, total = read_rows(path, required, ("Electorate",))
    out: list[BaselineRecord] = []
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        party_code = row.text("Party code")
        if party_code in AGGREGATE_CODES:
            continue
        code = gss_code(row, "ONS ID")
        code = SUPERSEDED_CODES.get(code, code)
        if (code, party_code) in seen:
            raise row.fail("Party code", f"{party_code} appears twice for {code} "
                                         f"(first on row {seen[code, party_code]})")
        seen[code, party_code] = row.number
        abbreviation = row.text("Party abbreviation", required=False, na=NA) or party_code
        out.append(BaselineRecord(
            code=code,
            party_abbreviation=canonical_abbreviation(abbreviation),
            party_name=row.text("Party name", required=False, na=NA) or abbreviation,
            party_mnis_id=row.whole_number("MNIS party ID", required=False, na=NA),
            candidate=party_code,
            votes=row.whole_number("Votes"),
            electorate=row.whole_number("Electorate", required=False, na=NA)
            if "Electorate" in row.values else None,
            row=row.number,
        ))
        if progress and row.number % 500 == 0:
            progress(row.line, total)
    if not out:
        raise ImportFailure(path, "has no baseline results (only aggregate rows, or none)")
    return out
