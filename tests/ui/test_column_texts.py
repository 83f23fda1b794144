"""The results table's texts for its widths are made once for each kind of row
(`constituency_model._MADE_FROM`): rows alike in what a column's text is made from show the
same text, so the texts of a night are those of each of its rows."""

from __future__ import annotations

from itertools import product

import pytest

from resultsdesk.desk.overview import ConstituencyRow
from resultsdesk.domain.model import DeclarationKind, Status
from resultsdesk.domain.records import FIELDS, replace
from resultsdesk.ui import constituency_model as cm

# For each field of a row, two values it may take (a row differing in one field).
OTHER = {
    "code": ("E14000001", "E14000002"), "name": ("Hendon", "Ynys Môn"),
    "nation": ("England", "Wales"), "region": ("London", "Wales"),
    "status": (Status.VERIFIED, Status.PROVISIONAL), "winner_party": ("Lab", None),
    "winner_name": ("A B", "Geoffrey Clifton-Brown"), "tie": (False, True),
    "recount_under_way": (False, True), "correction_pending": (False, True),
    "majority": (15, 12_345), "majority_pct": (0.03, 25.5), "turnout": (60.1, 71.0),
    "turnout_change": (-2.3, 1.0), "result": ("Lab hold", "Lab gain from Con"),
    "swing": (1.5, 12.25), "swing_to": ("Lab", "Con"), "swing_from": ("Con", "Lab"),
    "declared_at": ("2024-07-05T01:05:00+01:00", "2024-07-05T04:58:00+01:00"),
    "pending_over_verified": (None, DeclarationKind.LOT), "current_count": (0, 2),
    "unopposed": (False, True),
}


def _rows() -> list[ConstituencyRow]:
    """Rows in every state the status column tells apart, with figures."""
    states = product(Status, (False, True), (None, "Lab"), (None, *DeclarationKind),
                     (False, True), (0, 1), (False, True))
    return [ConstituencyRow(code=f"E1400{i:04d}", name=f"Seat {i}", nation="England",
                            region="London", status=status, winner_party=party,
                            winner_name="A B" if party else None, tie=tie,
                            recount_under_way=recount, correction_pending=correction,
                            majority=i % 7 * 1000 or None, declared_at=None if i % 3 else
                            f"2024-07-05T0{i % 9}:{i % 60:02d}:00+01:00",
                            pending_over_verified=pending, current_count=count)
            for i, (status, tie, party, pending, correction, count, recount)
            in enumerate(states)]


def test_every_fields_assumed_exists():
    fields = set(getattr(ConstituencyRow, FIELDS))
    assert set(OTHER) == fields
    for made_from in cm._MADE_FROM.values():
        made_from(_rows()[0])  # every field it reads is a row's


@pytest.mark.parametrize("col", sorted(cm._MADE_FROM), ids=lambda c: cm.COLUMNS[c])
def test_a_columns_text_depends_on_nothing_else_of_the_row(col):
    """Any field left out of what the text is made from changes nothing of the text (nor,
    for the status, of its being bold): else a night's widths would miss a text."""
    made_from = cm._MADE_FROM[col]
    for row in _rows():
        for field, values in OTHER.items():
            for value in values:
                other = replace(row, **{field: value})
                if made_from(other) == made_from(row):
                    assert cm.column_text(other, col) == cm.column_text(row, col), field
                    assert cm.status_in_bold(other) == cm.status_in_bold(row) \
                        or col != cm.STATUS, field


def test_the_texts_are_every_rows():
    rows = _rows()
    for col in range(len(cm.COLUMNS)):
        assert cm.column_texts(rows, col) == {cm.column_text(r, col) for r in rows}
        assert cm.column_texts(iter(rows), col) == {cm.column_text(r, col) for r in rows}
    assert cm.status_cells(rows) == {(r.status_text, cm.status_in_bold(r)) for r in rows}
    assert len(cm.status_cells(iter(rows))) > 10  # a generator's rows too
