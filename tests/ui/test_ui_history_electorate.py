"""History shows the electorate each version was keyed with.

The returning officer restated Hendon's electorate (74,865 → 74,965: the turnout on air
moves with it) and alice corrected that alone; bob verified it. History's two versions
then read the same in every row, and the trail said "figures unchanged": nobody could
tell what the correction had changed. Its figures awaiting verification stay hidden."""

from __future__ import annotations

from helpers.history import on_history
from helpers.seats import CLEAN, HENDON, HENDON_ELECTORATE
from PySide6.QtWidgets import QTableWidget

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.session import open_desk
from resultsdesk.domain.model import Figures

RESTATED = HENDON_ELECTORATE + 100


def _rows(qtbot, window) -> list[tuple[str, list[str]]]:
    """(table, its row's cells) for every row of History's tables."""
    seen: list[tuple[str, list[str]]] = []

    def act(dialog) -> None:
        for table in dialog.findChildren(QTableWidget):
            for r in range(table.rowCount()):
                cells = [table.item(r, c).text() if table.item(r, c) else ""
                         for c in range(table.columnCount())]
                seen.append((table.objectName(), cells))

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.select_code(HENDON)
    on_history(qtbot, window, act)
    qtbot.waitUntil(lambda: bool(seen))
    return seen


def test_a_correction_of_the_electorate_alone_shows_in_history(qtbot, main_window,
                                                               nominations_db):
    with open_desk(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(CLEAN, 120), user="alice")
        dk.verify(desk, HENDON, user="bob", votes=CLEAN, invalid=120)
        dk.correct(desk, HENDON, Figures(CLEAN, 120, electorate=RESTATED), user="alice",
                   reason="RO restated the electorate")
    window = main_window(nominations_db, user="bob")
    hidden = _rows(qtbot, window)
    assert ("versionsTable", ["Electorate", f"{HENDON_ELECTORATE:,}", "hidden"]) in hidden

    with open_desk(nominations_db) as desk:
        dk.verify(desk, HENDON, user="bob", votes=CLEAN, invalid=120, electorate=RESTATED)
    window.refresh()
    shown = _rows(qtbot, window)
    assert ("versionsTable", ["Electorate", f"{HENDON_ELECTORATE:,}", f"{RESTATED:,}"]) \
        in shown
    trail = " ".join(" ".join(cells) for table, cells in shown if table == "auditTable")
    assert f"electorate {HENDON_ELECTORATE:,} → {RESTATED:,}" in trail
    assert "figures unchanged" not in trail
