"""A tie decided by lot reads as won in the results table. Once the lot was verified, the
Status column said "won by lot · verified" and the Winner column, beside it, still "Tie: to
be decided by lot" (with the winner's colour chip): two answers on one row at 3 a.m., while
the recount watch, the charts and the exports named the winner."""

from __future__ import annotations

from helpers.seats import CON, HENDON, TIED
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui import constituency_model as cm

CTRL = Qt.KeyboardModifier.ControlModifier


def _hendon_row(qtbot, window) -> dict[int, str]:
    """Hendon found by keys (Ctrl+F, its name, Down into the list): its cells as shown."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(window.search, "Hendon")
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table)
    index = window.table.currentIndex()
    return {col: index.siblingAtColumn(col).data() for col in (cm.NAME, cm.STATUS, cm.WINNER)}


def test_a_tie_won_by_lot_names_its_winner(qtbot, main_window, nominations_db):
    with Store(nominations_db) as store:
        jogia = dk.load_sheet(store, HENDON).candidates[CON]
        dk.declare(store, HENDON, user="alice", figures=Figures(TIED, 50), overrides=["tie"])
        dk.verify(store, HENDON, user="bob", votes=TIED, invalid=50)
    window = main_window(nominations_db, user="eve")
    assert _hendon_row(qtbot, window) == {cm.NAME: "Hendon", cm.STATUS: "tie · verified",
                                          cm.WINNER: "Tie: to be decided by lot"}
    with Store(nominations_db) as store:
        dk.decide_tie(store, HENDON, user="ann", winner_id=jogia.id, note="RO drew lots")
        dk.verify(store, HENDON, user="alice", votes=TIED, invalid=50, tie_winner=jogia.id)
    qtbot.waitUntil(lambda: "won by lot" in window.table.currentIndex().siblingAtColumn(
        cm.STATUS).data())  # the live feed heard it
    shown = window.table.currentIndex().siblingAtColumn(cm.WINNER).data()
    assert shown == f"Con · {jogia.name}"
