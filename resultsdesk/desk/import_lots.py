"""A results file's winners drawn by lot (`io.lot_mark`): checked by the desk's rule on a
lot before anything is written.

A lot decides a tie at the top, and only between the tied: the same rule the desk applies
to `decide_tie` (`declarations._check_tie_winner`) and the server to `import_results`.
A mark that breaks it, or two marks in one seat, stops the import naming the file, row
and column of the mark, so a file never half-imports and never elects anyone by a mark the
figures do not support.
"""

from __future__ import annotations

from itertools import compress
from operator import attrgetter
from pathlib import Path

from ..io.csvfile import ImportFailure
from ..io.hoc_candidates import CandidateRecord
from ..io.lot_mark import LOT_COLUMN, LOT_MARK

_MARKED = attrgetter("elected_by_lot")


def lot_winners(path: str | Path, records: list[CandidateRecord],
                seats: dict[str, list[CandidateRecord]]) -> dict[str, CandidateRecord]:
    """Each seat's record marked as drawn by lot, by seat code (empty for the usual file:
    one pass over the records in C finds no mark)."""
    marked = list(compress(records, map(_MARKED, records)))
    winners: dict[str, CandidateRecord] = {}
    for rec in marked:  # a handful at most: ties are rare
        code = rec.constituency.code
        seat = rec.constituency.name
        if code in winners:
            first = winners[code]
            raise _refused(path, rec, f"two candidates of {seat} are marked '{LOT_MARK}': "
                           f"{first.full_name} on row {first.row} and {rec.full_name}; a lot "
                           "elects one")
        top = max(r.votes or 0 for r in seats[code])
        tied = [r for r in seats[code] if (r.votes or 0) == top]
        if len(tied) < 2:
            raise _refused(path, rec, f"{rec.full_name} is marked '{LOT_MARK}', but {seat} "
                           f"is not a tie at the top ({tied[0].full_name} leads with "
                           f"{top:,} votes): only a tie is decided by lot")
        if (rec.votes or 0) != top:
            names = ", ".join(r.full_name for r in tied)
            raise _refused(path, rec, f"{rec.full_name} is marked '{LOT_MARK}', but is not "
                           f"one of the candidates tied at the top of {seat} ({names}, "
                           f"{top:,} votes each)")
        winners[code] = rec
    return winners


def _refused(path: str | Path, rec: CandidateRecord, message: str) -> ImportFailure:
    return ImportFailure(path, message, row=rec.row, column=LOT_COLUMN, line=rec.line)
