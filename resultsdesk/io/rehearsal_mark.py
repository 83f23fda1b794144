"""The mark a rehearsal's results export carries, so that its figures never reach air.

A rehearsal replays a real past night: its export looks exactly like real results, and
imported into the live election it would put a rehearsal's figures on air. So a
rehearsal's export (both files, CSV or JSON) has one column more than the House of Commons
Library format, `REHEARSAL_COLUMN`, holding `REHEARSAL_MARK` on every row. A live
election's export has no such column (its bytes are what graphics systems expect), and the
readers ignore columns they do not know, so the mark costs a rehearsal nothing: its export
still re-imports into a rehearsal. Whether a marked file may be imported is the desk's
rule (`desk.imports`); the readers only find the mark and word the refusal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .csvfile import ImportFailure

if TYPE_CHECKING:
    from .columns import Table

REHEARSAL_COLUMN = "ResultsDesk rehearsal"
REHEARSAL_MARK = "REHEARSAL: not for air"


def refuse_marked(table: Table) -> None:
    """Refuse a file marked as a rehearsal's export, naming the first marked row (or just
    the column, if someone emptied its cells: the column alone is the mark, since a file
    half-edited is no more fit for air)."""
    if REHEARSAL_COLUMN not in table.header:
        return
    cells = table.cells.get(REHEARSAL_COLUMN, ())
    first = next((i for i, cell in enumerate(cells) if cell.strip()), None)
    message = ("this file is a rehearsal's export: a rehearsal's figures never go into a "
               "live election")
    if first is None:
        raise ImportFailure(table.file, message, column=REHEARSAL_COLUMN)
    raise table.fail(first, REHEARSAL_COLUMN, message)
