"""The House of Commons Library results-by-constituency CSV: electorate, invalid votes, times."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.declaration_time import (
    FIRST_YEAR,
    LAST_YEAR,
    LONGEST_NIGHT,
    uk_clock_problem,
    uk_iso,
    with_offset_hint,
)
from .columns import Table, read_table
from .csvfile import ImportFailure, ProgressCallback, Row, clean_text
from .hoc_candidates import CODE, gss_codes

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
    line: int | None = None  # where the row starts in the file, for messages


def _declared_at(row: Row) -> str | None:
    raw = row.values.get(DECLARED, "").strip()
    if not raw.isascii():  # "05/07/2024\u00a004:58" pasted from a web page, as every cell
        raw = clean_text(raw)
    if not raw:
        return None
    parsed = None
    # Day first with dots too: Excel on a German, Polish or Turkish PC (whose files have
    # semicolons, read as any) writes 05.07.2024 04:58, which no one reads another way.
    for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S",
                "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"):
        try:
            parsed = datetime.strptime(raw, fmt)  # UK local time, as at the count
            break
        except ValueError:
            continue
    else:
        try:  # ISO 8601: with an offset, as ResultsDesk stores it; without, as a
            # spreadsheet, a database or pandas writes it ("2024-07-05 04:58:00"), UK local
            parsed = datetime.fromisoformat(raw) if ":" in raw else None  # a date alone: no
        except ValueError:
            parsed = None
    if parsed is None:
        raise row.fail(DECLARED, f"'{raw}' is not a time like 05/07/2024 04:58")
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:  # (checked before the UK offset is)
        raise row.fail(DECLARED, f"'{raw}' is not the time of a count: the year should be "
                                 f"from {FIRST_YEAR} to {LAST_YEAR}")
    problem = uk_clock_problem(parsed)
    if problem:  # what could be read two ways (or no way) is refused
        raise row.fail(DECLARED, f"'{raw}' {problem}: {with_offset_hint(parsed)}")
    stored = uk_iso(parsed)
    # The year again on the UK clock, as it is stored and exported: an offset carried
    # 2100-12-31T23:59:59-05:00 into 2101, and `export results` then wrote a time its own
    # import refused.
    if not FIRST_YEAR <= int(stored[:4]) <= LAST_YEAR:
        raise row.fail(DECLARED, f"'{raw}' is {stored} on the UK clock, where the year "
                                 f"should be from {FIRST_YEAR} to {LAST_YEAR}")
    return stored


def read_constituency_figures(path: str | Path,
                              progress: ProgressCallback | None = None, *,
                              refuse_rehearsal: bool = False,
                              notes: list[str] | None = None
                              ) -> dict[str, ConstituencyFigures]:
    """Every seat's figures, checked by column (`columns.Table`; the numbers are each
    check's place in a row's order, so the problem reported is the first in the file).
    With `refuse_rehearsal`, a rehearsal's export is refused (`rehearsal_mark`); how the
    file was read, if not as UTF-8 with commas, goes into `notes` (`read_table`)."""
    t = read_table(path, (CODE, "Constituency name", ELECTORATE), (INVALID, VALID, DECLARED),
                   refuse_rehearsal=refuse_rehearsal, notes=notes)
    codes = gss_codes(t, CODE, 0)
    # 1: each code once, below
    names = t.text("Constituency name", 2)
    electorates = t.whole_numbers(ELECTORATE, 3)
    invalid = t.optional_whole_numbers(INVALID, 4)
    valid = t.optional_whole_numbers(VALID, 5)
    declared = t.cells.get(DECLARED)
    out: dict[str, ConstituencyFigures] = {}
    for i, code in enumerate(codes):
        if t.past_problem(i):
            break
        if code in out:
            t.problem(i, 1, t.fail(i, CODE, f"{code} appears twice (first on row "
                                            f"{out[code].row})"))
            break
        when = None
        if declared is not None and declared[i].strip():
            try:
                when = _declared_at(t.row(i))
            except ImportFailure as failure:
                t.problem(i, 6, failure)
                break
        out[code] = ConstituencyFigures(code, names[i], electorates[i], invalid[i], valid[i],
                                        when, i + 1, t.lines[i])
    t.check()
    if declared is not None:
        _one_night(t, declared, out)
    if progress:
        progress(t.total, t.total)
    if not out:
        raise ImportFailure(path, "has a header but no constituencies")
    return out


def _one_night(t: Table, declared: Sequence[str], out: dict[str, ConstituencyFigures]) -> None:
    """Refuse times spread over more than LONGEST_NIGHT, naming the row furthest from the
    file's middle declaration (the mistyped one, when the rest are one night)."""
    timed = sorted((datetime.fromisoformat(f.declared_at), f.row - 1) for f in out.values()
                   if f.declared_at)
    if not timed or timed[-1][0] - timed[0][0] <= LONGEST_NIGHT:
        return
    middle, m = timed[len(timed) // 2]
    when, i = max(timed[0], timed[-1], key=lambda w: abs(w[0] - middle))
    days = abs(when - middle).days
    raise t.fail(i, DECLARED, f"'{declared[i].strip()}' is {days:,} days "
                              f"{'after' if when > middle else 'before'} the file's middle "
                              f"declaration ('{declared[m].strip()}', row {m + 1}): a night's "
                              f"declarations fall within {LONGEST_NIGHT.days} days; a "
                              "mistyped date?")
