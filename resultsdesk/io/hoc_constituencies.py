"""The House of Commons Library results-by-constituency CSV: electorate, invalid votes, times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.declaration_time import uk_iso
from .csvfile import ImportFailure, ProgressCallback, Row, read_rows
from .hoc_candidates import CODE, gss_code

ELECTORATE = "Electorate"
INVALID = "Invalid votes"
VALID = "Valid votes"
DECLARED = "Declaration time"


@dataclass(frozen=True, slots=True)
class ConstituencyFigures:
    code: str
    name: str
    electorate: int
    invalid_votes: int | None
    valid_votes: int | None
    declared_at: str | None  # ISO 8601 with the UK offset then (2019-12-13T05:05:00+00:00)
    row: int


def _declared_at(row: Row) -> str | None:
    raw = row.values.get(DECLARED, "").strip()
    if not raw:
        return None
    for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"):
        try:
            return uk_iso(datetime.strptime(raw, fmt))  # UK local time, as at the count
        except ValueError:
            continue
    try:  # ISO 8601 with an offset, as ResultsDesk stores it
        aware = datetime.fromisoformat(raw)
    except ValueError:
        aware = None
    if aware is not None and aware.tzinfo is not None:
        return uk_iso(aware)
    raise row.fail(DECLARED, f"'{raw}' is not a time like 05/07/2024 04:58")


def read_constituency_figures(path: str | Path,
                              progress: ProgressCallback | None = None
                              ) -> dict[str, ConstituencyFigures]:
    _, rows, total = read_rows(path, (CODE, "Constituency name", ELECTORATE),
                               (INVALID, VALID, DECLARED))
    out: dict[str, ConstituencyFigures] = {}
    for row in rows:
        code = gss_code(row, CODE)
        if code in out:
            raise row.fail(CODE, f"{code} appears twice (first on row {out[code].row})")
        out[code] = ConstituencyFigures(
            code=code,
            name=row.text("Constituency name"),
            electorate=row.whole_number(ELECTORATE),
            invalid_votes=row.whole_number(INVALID, required=False) if INVALID in row.values
            else None,
            valid_votes=row.whole_number(VALID, required=False) if VALID in row.values else None,
            declared_at=_declared_at(row),
            row=row.number,
        )
        if progress and row.number % 200 == 0:
            progress(row.line, total)
    if not out:
        raise ImportFailure(path, "has a header but no constituencies")
    return out
