"""The column a results export gives a seat's winner drawn by lot, so the lot re-imports.

A tie at the top is decided by lot (`resultsdesk lot`): the figures alone no longer say who
won, and the House of Commons Library's by-candidate columns have nowhere to say it. So an
export in which some seat was decided by lot has one column more, `LOT_COLUMN`, holding
`LOT_MARK` on the row of the candidate drawn and empty on every other row; `import
results` reads it back and records the seat's declaration with that winner. An export
with no lot has no such column (a live night's files keep the bytes graphics systems
expect), and a file without it imports as it always did. Whether a marked row may stand
(a tie at the top, one of the tied, one per seat) is the desk's rule
(`desk.import_lots`); the reader only finds the marks and refuses any other text in the
column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .columns import Table

LOT_COLUMN = "ResultsDesk elected by lot"
LOT_MARK = "Elected by lot"


def lot_flags(table: Table, order: int) -> list[bool]:
    """Whether each row is marked as its seat's winner drawn by lot (all False when the
    file has no such column). The mark is read trimmed and in any case; any other text in
    the column is a problem (a "yes" or an "x" is a guess at what was meant, and a lot
    decides who holds the seat). Whole-column: a Python call per distinct value, not per
    cell."""
    if not table.has(LOT_COLUMN):
        return [False] * len(table)
    cells = list(map(str.strip, table.cells[LOT_COLUMN]))
    mark = LOT_MARK.casefold()
    bad = {v for v in set(cells) if v and v.casefold() != mark}
    if bad:
        i = next(i for i, v in enumerate(cells) if v in bad)
        table.problem(i, order, table.fail(
            i, LOT_COLUMN, f"'{cells[i]}' is not the lot mark: the candidate drawn by lot "
            f"is marked '{LOT_MARK}', every other row left empty"))
    return list(map(bool, cells))
