"""Results in the House of Commons Library formats, so an export re-imports as it is."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..domain.errors import Cause, FileProblem
from ..files import check_output, held_renames
from .lot_mark import LOT_COLUMN
from .rehearsal_mark import REHEARSAL_COLUMN, REHEARSAL_MARK
from .safe_csv import write_csv, write_json

CANDIDATE_COLUMNS = (
    "ONS ID", "ONS region ID", "Constituency name", "County name", "Region name",
    "Country name", "Constituency type", "Party name", "Party abbreviation",
    "Electoral Commission party ID", "MNIS party ID", "Electoral Commission adjunct party ID",
    "Candidate first name", "Candidate surname", "Candidate gender", "Sitting MP", "Former MP",
    "Member MNIS ID", "Votes", "Share", "Change", "DC Person ID",
)
PARTY_COLUMNS = ("Con", "Lab", "LD", "RUK", "Green", "SNP", "PC", "DUP", "SF", "SDLP", "UUP",
                 "APNI")
# Whose votes the Library's "RUK" column holds: Reform UK's, on a night it did not stand the
# Brexit Party's (the same party before its renaming: the 2019 file), on one neither did
# UKIP's (the 2017 file); the first of these standing anywhere that night, for every seat.
RUK_COLUMN_PARTIES = ("RUK", "BRX", "UKIP")
CONSTITUENCY_COLUMNS = (
    "ONS ID", "ONS region ID", "Constituency name", "County name", "Region name",
    "Country name", "Constituency type", "Declaration time", "Member first name",
    "Member surname", "Member gender", "Result", "First party", "Second party", "Electorate",
    "Valid votes", "Invalid votes", "Majority", *PARTY_COLUMNS, "All other candidates",
    "Of which other winner",
)


def constituencies_path(path: str | Path) -> Path:
    """Where the by-constituency companion of a by-candidate export goes."""
    path = Path(path)
    return path.with_name(f"{path.stem}-constituencies{path.suffix}")


def write_results(path: str | Path, candidates: Sequence[dict],
                  constituencies: Sequence[dict], *,
                  rehearsal: bool = False, by_lot: bool = False) -> tuple[Path, Path]:
    """Write both files; the format follows the extension (.csv, or .json: a list of rows
    with the same keys). CSV text cells are neutralised against spreadsheet formulas; JSON
    is data for programs and keeps every value as it is (a name "=x" stays "=x").

    A `rehearsal`'s files carry one column more, last, on every row: `REHEARSAL_COLUMN`
    holding `REHEARSAL_MARK`, which a live election's import refuses. A live election's
    files are the HoC columns alone, exactly (graphics systems read them).

    With `by_lot` (some seat was decided by lot), the by-candidate file has `LOT_COLUMN`
    after the HoC columns (before any rehearsal's), which the candidate rows fill on the
    winner drawn (`lot_mark`): the figures alone cannot say who won a tie, and the lot
    re-imports from it. Without one, nothing changes."""
    path = Path(path)
    mark = {REHEARSAL_COLUMN: REHEARSAL_MARK} if rehearsal else {}
    lot = (LOT_COLUMN,) if by_lot else ()
    candidate_columns, constituency_columns = (
        (*CANDIDATE_COLUMNS, *lot, *mark), (*CONSTITUENCY_COLUMNS, *mark))
    if mark:
        candidates = [{**row, **mark} for row in candidates]
        constituencies = [{**row, **mark} for row in constituencies]
    companion = constituencies_path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json"):
        raise FileProblem(path, f"{path.name}: results export is .csv or .json",
                          cause=Cause.BAD_INPUT)
    check_output(path)
    check_output(companion)
    # The pair goes into place together or not at all: a disk that filled while the
    # companion was written had left a new results.csv of 650 seats beside an old
    # results-constituencies.csv of one, and said "nothing was written".
    with held_renames([]):
        if suffix == ".csv":
            write_csv(path, candidate_columns, ([row.get(c, "") for c in candidate_columns]
                                                for row in candidates))
            write_csv(companion, constituency_columns,
                      ([row.get(c, "") for c in constituency_columns]
                       for row in constituencies))
        else:
            write_json(path, [{c: row.get(c, "") for c in candidate_columns}
                              for row in candidates])
            write_json(companion, [{c: row.get(c, "") for c in constituency_columns}
                                   for row in constituencies])
    return path, companion
