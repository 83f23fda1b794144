"""A lot drawn on a verified tie, awaiting someone else's check, as its author meets it
(found driving the window by keyboard in the twenty-sixth session): recording it said
nothing in the status bar, and Enter on the seat then opened "Correct verified result"
with the lot's box on "Not drawn yet", whose save would have put a correction with no lot
over it. Now the lot says so when recorded, and Enter says what awaits and offers the one
thing its author may do: withdraw it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui import lot_question
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow

HENDON = "E14001279"
TIED = [100, 200, 300, 20000, 400, 500, 20000, 600]  # Jogia (Con) and Pinto-Duschinsky (Lab)


def _forms() -> set[int]:
    """The declaration forms on screen (other tests' may linger: only new ones count)."""
    return {id(w) for w in QApplication.topLevelWidgets()
            if w.isVisible() and w.objectName() == "declarationDialog"}


def _window(qtbot, db, user: str) -> MainWindow:
    application()
    win = MainWindow(db, user=user)
    qtbot.addWidget(win)
    win.show()
    return win


def test_the_author_of_a_lot_awaiting_a_check_is_offered_to_withdraw_it(
        qtbot, nominations_db, monkeypatch):
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(TIED, 50), overrides=["tie"])
        dk.verify(desk, HENDON, user="bob", votes=None)
    monkeypatch.setattr(QInputDialog, "getItem", lambda _p, _t, _l, names, *a: (names[1], True))
    monkeypatch.setattr(lot_question, "ask_note", lambda *a, **k: "drawn from a hat")
    alice = _window(qtbot, nominations_db, "alice")
    alice.select_code(HENDON)
    alice.findChild(QAction, "lotAction").trigger()
    assert alice.statusBar().currentMessage() == (
        "Hendon: version 2 (lot: Ameet Jogia drawn) is now provisional; someone else "
        "verifies it.")

    forms_before = _forms()
    alice.open_selected()  # Enter on the seat
    box = alice.findChild(QMessageBox, "ownLotBox")
    assert box is not None and box.isVisible()
    assert box.text() == ("Hendon: your lot (version 2: Ameet Jogia drawn) awaits "
                          "verification by someone else. Withdraw it?")
    assert _forms() == forms_before  # no form opened ("Correct verified result")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box)
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc keeps it
    qtbot.waitUntil(lambda: not box.isVisible())
    with Store(nominations_db) as desk:
        assert dk.load_sheet(desk, HENDON).pending.kind == "lot"

    alice.open_selected()
    box = next(b for b in alice.findChildren(QMessageBox, "ownLotBox") if b.isVisible())
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box)
    qtbot.keyClick(box, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not box.isVisible())
    with Store(nominations_db) as desk:
        sheet = dk.load_sheet(desk, HENDON)
    assert sheet.pending is None and sheet.verified is not None
