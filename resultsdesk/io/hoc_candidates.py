"""The House of Commons Library results-by-candidate CSV (any year; `DC Person ID` optional)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..domain.parties import canonical_abbreviation
from .csvfile import ImportFailure, ProgressCallback, Row, read_rows

CODE = "ONS ID"
REQUIRED = (
    CODE, "Constituency name", "Region name", "Country name", "Party name",
    "Party abbreviation", "MNIS party ID", "Candidate first name", "Candidate surname",
)
VOTES = "Votes"
OPTIONAL = (
    "County name", "Constituency type", "Candidate gender", "Sitting MP", "Former MP",
    "Member MNIS ID", "DC Person ID",
)
GSS_CODE = re.compile(r"^[EWSN]\d{8}$")


@dataclass(frozen=True, slots=True)
class ConstituencyInfo:
    code: str
    name: str
    nation: str
    region: str
    county: str = ""
    kind: str = ""


@dataclass(frozen=True, slots=True)
class CandidateRecord:
    constituency: ConstituencyInfo
    party_abbreviation: str
    party_name: str
    party_mnis_id: int | None
    first_name: str
    surname: str
    gender: str
    sitting_mp: bool
    former_mp: bool
    member_mnis_id: int | None
    dc_person_id: int | None
    votes: int | None
    row: int
    line: int

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.surname}".strip()

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What makes a candidacy unique in a file: seat, name and party."""
        return (self.constituency.code, self.first_name.casefold(), self.surname.casefold(),
                self.party_abbreviation)


def gss_code(row: Row, column: str) -> str:
    code = row.text(column).upper()
    if not GSS_CODE.match(code):
        raise row.fail(column, f"'{code}' is not a GSS constituency code (like E14001063)")
    return code


def _yes(row: Row, column: str) -> bool:
    return row.values.get(column, "").strip().lower() in {"yes", "y", "true", "1"}


def _optional_int(row: Row, column: str) -> int | None:
    if column not in row.values:
        return None
    return row.whole_number(column, required=False, na=("NA",))


def read_candidates(path: str | Path, *, with_votes: bool,
                    progress: ProgressCallback | None = None) -> list[CandidateRecord]:
    """Every candidacy in the file, checked; raises ImportFailure on the first bad row."""
    required = REQUIRED + ((VOTES,) if with_votes else ())
    _, rows, total = read_rows(path, required, OPTIONAL + (() if with_votes else (VOTES,)))
    records: list[CandidateRecord] = []
    seats: dict[str, tuple[ConstituencyInfo, int]] = {}
    seen: dict[tuple[str, str, str, str], int] = {}
    for row in rows:
        code = gss_code(row, CODE)
        info = ConstituencyInfo(
            code=code,
            name=row.text("Constituency name"),
            nation=row.text("Country name"),
            region=row.text("Region name"),
            county=row.text("County name", required=False) if "County name" in row.values else "",
            kind=row.text("Constituency type", required=False)
            if "Constituency type" in row.values else "",
        )
        if code in seats and seats[code][0].name != info.name:
            first, at = seats[code]
            raise row.fail("Constituency name",
                           f"'{info.name}' but {code} is '{first.name}' on row {at}")
        seats.setdefault(code, (info, row.number))
        record = CandidateRecord(
            constituency=seats[code][0],
            party_abbreviation=canonical_abbreviation(row.text("Party abbreviation")),
            party_name=row.text("Party name"),
            party_mnis_id=_optional_int(row, "MNIS party ID"),
            first_name=row.text("Candidate first name", required=False),
            surname=row.text("Candidate surname"),
            gender=row.text("Candidate gender", required=False)
            if "Candidate gender" in row.values else "",
            sitting_mp=_yes(row, "Sitting MP"),
            former_mp=_yes(row, "Former MP"),
            member_mnis_id=_optional_int(row, "Member MNIS ID"),
            dc_person_id=_optional_int(row, "DC Person ID"),
            votes=row.whole_number(VOTES) if with_votes else None,
            row=row.number,
            line=row.line,
        )
        if record.key in seen:
            raise row.fail(
                "Candidate surname",
                f"duplicate candidate {record.full_name} ({record.party_abbreviation}) in "
                f"{info.name}, already on row {seen[record.key]}")
        seen[record.key] = row.number
        records.append(record)
        if progress and row.number % 500 == 0:
            progress(row.line, total)
    if not records:
        raise ImportFailure(path, "has a header but no candidates")
    return records
