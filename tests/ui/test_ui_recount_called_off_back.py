"""Calling off a recount from the menu says where the seat is left: back into the recount
before it, still under way, where recount 2 was called over recount 1's unverified count."""

from __future__ import annotations

from helpers.seats import HENDON, HENDON_2024
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store

FIRST = (2667, 1966, 139, 15825, 1518, 3038, 15870, 233)  # Lab by 45 on the night's first count


def test_recount_2_called_off_says_recount_1_is_under_way_again(qtbot, main_window,
                                                                 nominations_db):
    """Poole, 2024-style: verified by 45, recount 1 called, its figures keyed by alice, then
    the returning officer calls another count before they were verified (recount 2) and,
    minutes later, thinks better of it. carol finds Hendon and presses Alt+D, N
    (Declaration > End recount (called off)): the seat goes back into recount 1, under
    way, its figures keyed next as "Recount 1", as the table's RECOUNT says, but the
    status bar (and the screen reader) said "Hendon: recount called off.", so the desk
    took the seat's recount to be over. The command line says "RECOUNT UNDER WAY; the
    next figures entered are recount 1"; the window says so too."""
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(list(FIRST), 190),
                   overrides=["recount_range"])
        dk.verify(desk, HENDON, user="bob", votes=list(FIRST), invalid=190)
        dk.mark_recount(desk, HENDON, user="carol", under_way=True)
        dk.declare(desk, HENDON, user="alice", figures=Figures(list(HENDON_2024), 190),
                   overrides=["recount_range"])
        dk.mark_recount(desk, HENDON, user="carol", under_way=True)  # recount 2
    carol = main_window(nominations_db, user="carol")
    carol.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is carol)
    carol.focus_search()
    qtbot.keyClicks(carol.search, "Hendon")
    qtbot.keyClick(carol.search, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    with qtbot.waitSignal(carol.refreshed):
        qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_N)  # E&nd recount
    with Store(nominations_db) as desk:
        sheet = dk.load_sheet(desk, HENDON)
    assert sheet.recount_under_way and sheet.current_count == 1  # back into recount 1
    said = carol.statusBar().currentMessage()
    assert "recount 2 called off" in said and "recount 1" in said and "under way" in said, said
    assert said != "Hendon: recount called off."


def test_a_recount_called_off_back_to_the_first_count_still_says_so(qtbot, main_window,
                                                                    nominations_db):
    """The usual call-off (recount 1, nothing keyed) keeps its words."""
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(list(FIRST), 190),
                   overrides=["recount_range"])
        dk.verify(desk, HENDON, user="bob", votes=list(FIRST), invalid=190)
        dk.mark_recount(desk, HENDON, user="carol", under_way=True)
    carol = main_window(nominations_db, user="carol")
    carol.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is carol)
    carol.focus_search()
    qtbot.keyClicks(carol.search, "Hendon")
    qtbot.keyClick(carol.search, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    with qtbot.waitSignal(carol.refreshed):
        qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_N)
    assert carol.statusBar().currentMessage() == "Hendon: recount called off."
