"""The House of Commons Library results-by-candidate CSV (any year; `DC Person ID` optional)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import NamedTuple

from ..domain.parties import canonical_abbreviation
from ..domain.place_names import same_place_name
from .columns import Table, mapped, read_table
from .csvfile import ImportFailure, ProgressCallback, Row
from .lot_mark import LOT_COLUMN, lot_flags

CODE = "ONS ID"
REQUIRED = (
    CODE, "Constituency name", "Region name", "Country name", "Party name",
    "Party abbreviation", "MNIS party ID", "Candidate first name", "Candidate surname",
)
VOTES = "Votes"
OPTIONAL = (
    "County name", "Constituency type", "Candidate gender", "Sitting MP", "Former MP",
    "Member MNIS ID", "DC Person ID", "Electoral Commission party ID",
    "Electoral Commission adjunct party ID",
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


class CandidateRecord(NamedTuple):
    """One candidacy as read (a named tuple: an import makes thousands, and a tuple is
    made four times faster than a frozen dataclass)."""

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
    # The Electoral Commission's register numbers ("PP53"; the adjunct "PP119" a Labour
    # and Co-operative candidate's), "" where the file gives none: kept to export again.
    ec_party_id: str
    ec_adjunct_party_id: str
    votes: int | None
    row: int
    line: int
    # What makes a candidacy unique in a file: seat code, first name and surname
    # (casefolded), party abbreviation. Worked out once, as the record is read.
    key: tuple[str, str, str, str]
    full_name: str  # "first surname" (just the surname when there is no first name)
    elected_by_lot: bool = False  # marked as the seat's winner drawn by lot (`lot_mark`)


def gss_code(row: Row, column: str) -> str:
    code = _code(row.text(column))
    if not GSS_CODE.match(code):
        raise row.fail(column, f"'{code}' is not a GSS constituency code (like E14001063)")
    return code


YES = frozenset({"yes", "y", "true", "1"})


def _code(cell: str) -> str:
    """A code as meant: upper case, without the apostrophe a spreadsheet puts before text
    ("'e14001063")."""
    return (cell[1:] if cell.startswith("'") and len(cell) > 1 else cell).upper()


def gss_codes(table: Table, column: str, order: int) -> list[str]:
    """`gss_code` of every row, checked by column: the first empty or malformed code is
    the table's problem."""
    cells = table.text(column, order)
    codes = mapped(str.upper, cells)  # a seat's code on each of its rows
    if all(map(GSS_CODE.match, set(codes))):
        return codes
    codes = mapped(_code, cells)  # only now looked for: "'E14001063"
    bad = next((i for i, c in enumerate(codes) if not GSS_CODE.match(c)), None) \
        if not all(map(GSS_CODE.match, set(codes))) else None
    if bad is not None and codes[bad]:
        table.problem(bad, order, table.fail(
            bad, column, f"'{codes[bad]}' is not a GSS constituency code (like E14001063)"))
    return codes


def read_candidates(path: str | Path, *, with_votes: bool,
                    progress: ProgressCallback | None = None,
                    refuse_rehearsal: bool = False,
                    notes: list[str] | None = None) -> list[CandidateRecord]:
    """Every candidacy in the file, checked; raises ImportFailure on the first bad row
    (and, with `refuse_rehearsal`, on a rehearsal's export: `rehearsal_mark`). How the
    file was read, if not as UTF-8 with commas, goes into `notes` (`read_table`).

    Checked column by column (`columns.Table`); the numbers below are each check's place
    in a row's order, so the problem reported is the first in the file as read."""
    required = REQUIRED + ((VOTES,) if with_votes else ())
    t = read_table(path, required, OPTIONAL + ((LOT_COLUMN,) if with_votes else (VOTES,)),
                   refuse_rehearsal=refuse_rehearsal, notes=notes)
    codes = gss_codes(t, CODE, 0)
    names = t.text("Constituency name", 1)
    nations = t.text("Country name", 2)
    regions = t.text("Region name", 3)
    counties = t.optional_text("County name", 4)
    kinds = t.optional_text("Constituency type", 5)
    # 6: one name per code, below
    abbreviations = mapped(canonical_abbreviation, t.text("Party abbreviation", 7))
    party_names = t.text("Party name", 8)
    party_ids = t.optional_whole_numbers("MNIS party ID", 9, na=("NA",))
    first_names = t.text("Candidate first name", 10, required=False)
    surnames = t.text("Candidate surname", 11)
    genders = t.optional_text("Candidate gender", 12)
    sitting, former = t.flags("Sitting MP", YES), t.flags("Former MP", YES)
    members = t.optional_whole_numbers("Member MNIS ID", 15, na=("NA",))
    people = t.optional_whole_numbers("DC Person ID", 16, na=("NA",))
    ec_ids = t.optional_text("Electoral Commission party ID", 16)
    ec_adjuncts = t.optional_text("Electoral Commission adjunct party ID", 16)
    votes = t.whole_numbers(VOTES, 17) if with_votes else [None] * len(t)
    # 18: each candidacy once, below
    lots = lot_flags(t, 19)  # all False without the column (nominations ignore it)
    keys = list(zip(codes, map(str.casefold, first_names), map(str.casefold, surnames),
                    abbreviations, strict=True))
    full_names = list(map(str.strip, map("{} {}".format, first_names, surnames)))
    seat_columns = (names, nations, regions, counties, kinds)  # ConstituencyInfo's, after code
    # CandidateRecord's, after the constituency
    values = (abbreviations, party_names, party_ids, first_names, surnames, genders, sitting,
              former, members, people, ec_ids, ec_adjuncts, votes)
    conflict = _party_id_conflict(party_ids, abbreviations, party_names)
    if t.clean and len(set(keys)) == len(keys) and conflict is None \
            and len(set(zip(codes, *seat_columns, strict=True))) == len(set(codes)):
        # The usual file, every check passed: the records made column-wise, in C.
        first = dict(zip(reversed(codes), range(len(codes) - 1, -1, -1), strict=True))
        seats = {code: ConstituencyInfo(code, *(c[i] for c in seat_columns))
                 for code, i in first.items()}
        records = list(map(_new_record, zip(map(seats.__getitem__, codes), *values,
                                            range(1, len(t) + 1), t.lines, keys, full_names,
                                            lots, strict=True)))
    else:  # row by row, to find (and word) the first problem
        records = _checked_records(t, codes, seat_columns, values, keys, full_names, lots)
        if conflict is not None and conflict[0] < t.rows_to_check():
            t.problem(conflict[0], 9, t.fail(conflict[0], "MNIS party ID", conflict[1]))
    t.check()
    if progress:
        progress(t.total, t.total)
    if not records:
        raise ImportFailure(path, "has a header but no candidates")
    return records


_new_record = partial(tuple.__new__, CandidateRecord)


def _checked_records(t: Table, codes: list[str], seat_columns: tuple[list, ...],
                     values: tuple[list, ...], keys: list[tuple], full_names: list[str],
                     lots: list[bool]) -> list[CandidateRecord]:
    """The records up to the first problem, found comparing rows (a seat under two names,
    a candidacy twice) or already found in a column; the problem goes to `t`."""
    records: list[CandidateRecord] = []
    seats: dict[str, tuple[ConstituencyInfo, int]] = {}
    seen: dict[tuple[str, str, str, str], int] = {}
    for i in range(t.rows_to_check()):  # rows after a problem need no checking
        code = codes[i]
        if code not in seats:
            seats[code] = (ConstituencyInfo(code, *(c[i] for c in seat_columns)), i + 1)
        elif (differs := _seat_differs(seats[code], seat_columns, i)) is not None:
            t.problem(i, 6, t.fail(i, *differs))
            break
        key = keys[i]
        record = _new_record((seats[code][0], *(v[i] for v in values), i + 1, t.lines[i], key,
                              full_names[i], lots[i]))
        if key in seen:
            t.problem(i, 18, t.fail(
                i, "Candidate surname",
                f"duplicate candidate {record.full_name} ({record.party_abbreviation}) in "
                f"{record.constituency.name}, already on row {seen[key]}"))
            break
        seen[key] = i + 1
        records.append(record)
    return records


# A seat's columns after its code, as ConstituencyInfo holds them, and as a row names them.
_SEAT_COLUMNS = ("Constituency name", "Country name", "Region name", "County name",
                 "Constituency type")


def _seat_differs(first: tuple[ConstituencyInfo, int], seat_columns: tuple[list, ...],
                  i: int) -> tuple[str, str] | None:
    """(column, problem) where row `i` describes its seat otherwise than the seat's first
    row: a seat in two countries was recorded in the first one's, unnoticed."""
    seat, at = first
    kept_values = (seat.name, seat.nation, seat.region, seat.county, seat.kind)
    for column, value, kept in zip(_SEAT_COLUMNS, (c[i] for c in seat_columns), kept_values,
                                   strict=True):
        if value != kept and (value is None or kept is None
                              or not same_place_name(value, kept)):
            verb = "is" if column == "Constituency name" else "has"
            return column, f"'{value}' but {seat.code} {verb} '{kept}' on row {at}"
    return None


def _party_id_conflict(party_ids: list[int | None], abbreviations: list[str],
                       party_names: list[str]) -> tuple[int, str] | None:
    """(row index, problem) of the first row carrying another party's MNIS party ID: the ID
    is on rows of two abbreviations, and this row's abbreviation and party name are those
    of rows of another ID, not those of the ID's own. The ID matches a party before its
    abbreviation does (`desk.parties`), so a Labour row carrying the Conservatives' ID was
    recorded as a second Conservative candidate, with its votes. Not refused: an
    abbreviation spelt otherwise ("Labour" with Labour's ID); one abbreviation with two IDs
    of its own (the Scottish Greens' and the Greens'); a party's rows under another label
    ("GPNI" for the Green Party Northern Ireland, which shares the Greens' ID 44)."""
    first: dict[tuple[int, str], int] = {}
    names: dict[tuple[int, str], set[str]] = {}
    for i, (mnis, abbreviation, name) in enumerate(zip(party_ids, abbreviations, party_names,
                                                       strict=True)):
        if mnis is not None:
            first.setdefault((mnis, abbreviation), i)
            names.setdefault((mnis, abbreviation), set()).add(name.strip().casefold())
    ids_of: dict[str, set[int]] = {}
    labels_of: dict[int, list[str]] = {}
    for mnis, abbreviation in first:
        ids_of.setdefault(abbreviation, set()).add(mnis)
        labels_of.setdefault(mnis, []).append(abbreviation)
    found = []
    for (mnis, abbreviation), i in first.items():
        others = ids_of[abbreviation] - {mnis}
        if len(labels_of[mnis]) < 2 or not others:
            continue
        owners = [a for a in labels_of[mnis] if a != abbreviation]
        mine = names[(mnis, abbreviation)]
        if any(mine & names[(mnis, a)] for a in owners) or \
                not any(mine & names[(other, abbreviation)] for other in others):
            continue  # the ID's own party, or no other party's name: the registry's to join
        at = first[(mnis, owners[0])] + 1
        found.append((i, f"{mnis} is {owners[0]}'s ID on row {at}, but this row's party is "
                         f"{abbreviation}, whose ID is {min(others)} on other rows"))
    return min(found, default=None)
