"""The results table's Status column is as wide from the start as a tie's statuses need: its
usual statuses are the words the table shows. Its sample for a tie was "RECOUNT · tie", a
status no seat shows since a tie's says which ("tie · verified · lot pending", "won by lot ·
verified"): the column opened narrower than the app's own measure of the tie's lot, bold,
and widened under the editor's eyes when one came."""

from __future__ import annotations

from helpers.seats import CON, HENDON, TIED
from PySide6.QtCore import Qt

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui import constituency_model as cm
from resultsdesk.ui import sizing


def _shown(table, code: str) -> tuple[str, bool]:
    """The seat's status as the table shows it, and whether in bold."""
    model = table.model()
    row = next(r for r in range(model.rowCount())
               if model.index(r, cm.CODE).data() == code)
    index = model.index(row, cm.STATUS)
    font = index.data(Qt.ItemDataRole.FontRole)
    return index.data(), bool(font is not None and font.bold())


def test_a_ties_statuses_are_usual_and_fit_from_the_start(qtbot, main_window,
                                                          nominations_db):
    window = main_window(nominations_db, user="alice")
    table = window.table
    opened_with = table.horizontalHeader().sectionSize(cm.STATUS)  # no result in yet

    def step(text: str) -> None:
        qtbot.waitUntil(lambda: _shown(table, HENDON)[0] == text)  # the live feed heard it
        cell = _shown(table, HENDON)
        assert cell == (text, True)  # a tie is drawn bold
        assert cell in sizing.USUAL_STATUSES
        assert sizing.status_width(table, [cell]) <= opened_with, text

    with Store(nominations_db) as store:
        jogia = dk.load_sheet(store, HENDON).candidates[CON]
        dk.declare(store, HENDON, user="alice", figures=Figures(TIED, 50), overrides=["tie"])
    step("tie · provisional")
    with Store(nominations_db) as store:
        dk.verify(store, HENDON, user="bob", votes=TIED, invalid=50)
    step("tie · verified")
    with Store(nominations_db) as store:
        dk.decide_tie(store, HENDON, user="ann", winner_id=jogia.id, note="RO drew lots")
    step("tie · verified · lot pending")
    with Store(nominations_db) as store:
        dk.verify(store, HENDON, user="alice", votes=TIED, invalid=50, tie_winner=jogia.id)
    step("won by lot · verified")
