"""Previous or notional results, for gains and swing.

Reads either the HoC by-candidate CSV of an earlier election or the notional-results CSV
(Rallings & Thrasher et al.), told apart by their headers.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import NamedTuple

from ..domain.parties import canonical_abbreviation
from ..domain.validation import MAX_FIGURE, TOO_LARGE
from .columns import Table, mapped, read_table
from .csvfile import ImportFailure, ProgressCallback, check_header
from .hoc_candidates import gss_codes, read_candidates
from .hoc_constituencies import ConstituencyFigures, read_constituency_figures

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


class BaselineRecord(NamedTuple):
    """One seat's votes for one party (a named tuple: made by the thousand)."""

    code: str
    party_abbreviation: str
    party_name: str
    party_mnis_id: int | None
    candidate: str
    votes: int
    electorate: int | None
    row: int
    line: int | None = None  # where the row starts in the file, for messages


NOTIONAL_REQUIRED = ("ONS ID", "Party code", "Votes", "Party abbreviation", "Party name",
                     "MNIS party ID")


def read_baseline(path: str | Path, progress: ProgressCallback | None = None, *,
                  refuse_rehearsal: bool = False, notes: list[str] | None = None,
                  constituencies: str | Path | None = None) -> list[BaselineRecord]:
    """The baseline's rows (a notional file, or a HoC by-candidate file); with
    `refuse_rehearsal`, a rehearsal's export is refused (`rehearsal_mark`). How the file
    was read, if not as UTF-8 with commas, goes into `notes` (`read_table`).
    `constituencies`: the HoC by-constituency file of a by-candidate baseline's election,
    whose electorates it lacks (without them no seat's turnout change can be said)."""
    table = read_table(path, (), (*NOTIONAL_REQUIRED, "Electorate"),
                       refuse_rehearsal=refuse_rehearsal, notes=notes)
    if NOTIONAL_MARKER in table.header:
        if constituencies is not None:
            raise ImportFailure(constituencies, "gives a HoC by-candidate baseline its "
                                f"electorates; {Path(path).name} is a notional file, which "
                                "gives its own")
        return _read_notional(table, progress)
    records = read_candidates(path, with_votes=True, progress=progress)
    seats: dict[str, tuple[str, int]] = {}  # {code: (name, its candidates' votes)}
    for c in records:
        name, votes = seats.get(c.constituency.code, (c.constituency.name, 0))
        seats[c.constituency.code] = (name, votes + (c.votes or 0))
    electorates = {} if constituencies is None else _electorates(
        path, constituencies, seats, refuse_rehearsal=refuse_rehearsal, notes=notes)
    return [
        BaselineRecord(
            code=c.constituency.code, party_abbreviation=c.party_abbreviation,
            party_name=c.party_name, party_mnis_id=c.party_mnis_id, candidate=c.full_name,
            votes=c.votes or 0, electorate=electorates.get(c.constituency.code), row=c.row,
            line=c.line,
        )
        for c in records
    ]


def _electorates(path: str | Path, constituencies: str | Path,
                 seats: dict[str, tuple[str, int]], *, refuse_rehearsal: bool,
                 notes: list[str] | None) -> dict[str, int]:
    """Each seat of the baseline's electorate, from its election's constituencies file,
    which must give every one of them (a seat left out would have no turnout change while
    its neighbours had one, for no reason anyone could see), and the valid votes its
    candidates add up to, as a results import's must: another election's file on the same
    boundaries (2019's beside 2017's baseline) has a row for every seat, and its
    electorates made every seat's turnout change wrong."""
    seat_notes: list[str] = []
    figures = read_constituency_figures(constituencies, refuse_rehearsal=refuse_rehearsal,
                                        notes=seat_notes)
    if notes is not None:  # said of the file it is about, as `imports._read_files` says them
        notes += [f"{Path(constituencies).name} {note}" for note in seat_notes]
    missing = next((code for code in seats if code not in figures), None)
    if missing is not None:
        raise ImportFailure(constituencies, f"has no row for {missing} ({seats[missing][0]}), "
                            f"a seat of {Path(path).name}: it is not that election's file",
                            column="ONS ID")
    for code, fig in figures.items():  # (in the file's order: its first wrong row named)
        votes = seats[code][1] if code in seats else None
        if votes is not None and fig.valid_votes is not None and fig.valid_votes != votes:
            raise ImportFailure(constituencies, f"valid votes {fig.valid_votes:,} for "
                                f"{fig.name}, but its candidates in {Path(path).name} add "
                                f"up to {votes:,}", row=fig.row, column="Valid votes",
                                line=fig.line)
        if votes is not None:
            _check_electorate(path, constituencies, fig, votes)
    return {code: figures[code].electorate for code in seats}


def _check_electorate(path: str | Path, constituencies: str | Path, fig: ConstituencyFigures,
                      votes: int) -> None:
    """A seat's electorate that cannot be, refused at its row of `constituencies`, as a
    results import refuses it: checked later, with the baseline's records, it was named at
    a row of the by-candidate file (`path`), which has no electorate to correct."""
    if fig.electorate > MAX_FIGURE:
        reason = f"electorate {fig.electorate:,} {TOO_LARGE}"
    elif fig.electorate == 0:
        reason = "an electorate of 0: every seat has electors; give the seat's electorate"
    elif votes > fig.electorate:
        reason = (f"its candidates in {Path(path).name} have {votes:,} votes, more than "
                  f"the electorate of {fig.electorate:,}")
    else:
        return
    raise ImportFailure(constituencies, f"{fig.name}: {reason}", row=fig.row,
                        column="Electorate", line=fig.line)


def check_seats(file: str | Path, records: list[BaselineRecord]) -> None:
    """What no row shows alone but a seat's rows together do, each of which put nonsense
    on air (a turnout change of -4,442,250 points from an electorate of 1): a seat given
    two electorates, votes adding up to more than its electorate, or no vote at all.
    Called by the import once each figure has passed on its own (a figure too large is
    named at its row, before it is added up here)."""
    electorate: dict[str, BaselineRecord] = {}
    total: dict[str, int] = {}
    last: dict[str, BaselineRecord] = {}
    for r in records:
        total[r.code] = total.get(r.code, 0) + r.votes
        last[r.code] = r
        if r.electorate is None:
            continue
        first = electorate.setdefault(r.code, r)
        if first.electorate != r.electorate:
            raise ImportFailure(file, f"{r.electorate:,} electors for {r.code}, where row "
                                f"{first.row} gives {first.electorate:,}", row=r.row,
                                column="Electorate", line=r.line)
    for code, votes in total.items():
        r = last[code]
        if not votes:
            raise ImportFailure(file, f"no party has a vote in {code} (every row of it 0)",
                                row=r.row, column="Votes", line=r.line)
        if votes > MAX_FIGURE:  # (as a results file's seat is refused)
            raise ImportFailure(file, f"the votes in {code} add up to {votes:,}, more than "
                                f"{MAX_FIGURE:,}, the largest figure a count may hold",
                                row=r.row, column="Votes", line=r.line)
        given = electorate.get(code)
        if given is not None and votes > (given.electorate or 0):
            raise ImportFailure(file, f"the votes in {code} add up to {votes:,}, more than "
                                f"its {given.electorate:,} electors (row {given.row})",
                                row=r.row, column="Votes", line=r.line)


def _read_notional(table: Table, progress: ProgressCallback | None) -> list[BaselineRecord]:
    """The notional file checked by column (`columns.Table`; the numbers are each check's
    place in a row's order). Aggregate rows ("others" totals) are skipped unchecked."""
    check_header(Path(table.file), table.header, NOTIONAL_REQUIRED, ("Electorate",))
    party_codes = table.text("Party code", 0)
    t = table.subset([i for i, p in enumerate(party_codes) if p not in AGGREGATE_CODES])
    party_codes = [p for p in party_codes if p not in AGGREGATE_CODES]
    codes = [SUPERSEDED_CODES.get(c, c) for c in gss_codes(t, "ONS ID", 1)]
    # 2: each party once per seat, below
    abbreviations = [a or p for a, p in zip(t.text("Party abbreviation", 3, required=False,
                                                   na=NA), party_codes, strict=True)]
    names = [n or a for n, a in zip(t.text("Party name", 4, required=False, na=NA),
                                    abbreviations, strict=True)]
    party_ids = t.whole_numbers("MNIS party ID", 5, required=False, na=NA)
    votes = t.whole_numbers("Votes", 6)
    electorates = t.optional_whole_numbers("Electorate", 7, na=NA)
    if t.clean and len(set(zip(codes, party_codes, strict=True))) == len(codes):
        # The usual file, every check passed: the records made column-wise, in C.
        out = list(map(_new_record, zip(
            codes, mapped(canonical_abbreviation, abbreviations), names, party_ids, party_codes,
            votes, electorates, t.numbers or range(1, len(t) + 1), t.lines, strict=True)))
    else:  # row by row, to find (and word) the first problem
        out = _checked_records(t, codes, party_codes, abbreviations, names, party_ids, votes,
                               electorates)
    table.check()
    if progress:
        progress(table.total, table.total)
    if not out:
        raise ImportFailure(table.file, "has no baseline results (only aggregate rows, or none)")
    return out


_new_record = partial(tuple.__new__, BaselineRecord)


def _checked_records(t: Table, codes: list[str], party_codes: list[str], *values: list
                     ) -> list[BaselineRecord]:
    """The records up to the first problem: found here (a party twice in a seat) or
    already in a column; the problem goes to `t`."""
    abbreviations, names, party_ids, votes, electorates = values
    out: list[BaselineRecord] = []
    seen: dict[tuple[str, str], int] = {}
    for i, code in enumerate(codes):
        if t.past_problem(i):
            break
        party_code = party_codes[i]
        if (code, party_code) in seen:
            t.problem(i, 2, t.fail(i, "Party code", f"{party_code} appears twice for {code} "
                                                    f"(first on row {seen[code, party_code]})"))
            break
        seen[code, party_code] = t.number(i)
        out.append(BaselineRecord(code, canonical_abbreviation(abbreviations[i]), names[i],
                                  party_ids[i], party_code, votes[i], electorates[i],
                                  t.number(i), t.lines[i]))
    return out
