"""A practise rehearsal's report as a file: CSV (one row per person) for spreadsheets, JSON
(the people and every read-out) for scripts. Written whole or not at all."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, fields
from pathlib import Path

from ..domain.errors import Cause, FileProblem
from ..domain.replay import PersonReport, PractisedSeat
from .safe_csv import write_csv, write_json

log = logging.getLogger(__name__)
PERSON_COLUMNS = tuple(f.name for f in fields(PersonReport))


def write_practise_report(path: str | Path, people: Sequence[PersonReport],
                          seats: Sequence[PractisedSeat] = ()) -> Path:
    """Write the report; the format follows the extension (.csv: the people; .json: the
    people and the read-outs, with every caught mismatch)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        write_json(path, {"rehearsal": True, "people": [asdict(p) for p in people],
                          "readouts": [{**asdict(s), "mismatches": [
                              {"entered_by": a, "rekeyed_by": b, "entry_as_read_out": right}
                              for a, b, right in s.mismatches]}
                              for s in seats]})
    elif suffix == ".csv":
        write_csv(path, PERSON_COLUMNS, ([getattr(p, c) for c in PERSON_COLUMNS]
                                         for p in people))
    else:
        raise FileProblem(path, f"{path.name}: the practise report is .csv or .json",
                          cause=Cause.BAD_INPUT)
    log.info("wrote the practise report of %d people to %s", len(people), path)
    return path
