"""Declaration > Decide tie by lot, by keyboard: the candidate drawn is picked, then Enter in
the note's box with nothing typed (a tired hand, or the note still being written down).
The desk records no lot without a note, so the pick was thrown away: a warning, nothing
recorded, and the whole question to start again from the menu. Now the note is asked for
again, the pick kept; and each box names the seat, as several ties may await their lots."""

from __future__ import annotations

from collections.abc import Callable

from helpers.seats import CON, HENDON, TIED
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog, QLineEdit, QMessageBox

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store

ALT = Qt.KeyboardModifier.AltModifier


def _answer_in_turn(steps: list[tuple[type, Callable]], seen: list) -> None:
    """Each step's box, as it comes up in turn (each runs its own event loop): `seen` gets
    its title and text, then its answer is keyed."""
    context = QApplication.instance()

    def next_box() -> None:
        if not steps:  # all answered, or the test over
            return
        box = QApplication.activeModalWidget()
        kind, answer = steps[0]
        if not isinstance(box, kind) or any(box is b for b, *_ in seen):
            QTimer.singleShot(10, context, next_box)
            return
        text = box.labelText() if isinstance(box, QInputDialog) else box.text()
        seen.append((box, box.windowTitle(), text))
        steps.pop(0)
        answer(box)
        if steps:
            QTimer.singleShot(0, context, next_box)

    QTimer.singleShot(0, context, next_box)


def _pick_jogia(box: QInputDialog) -> None:
    combo = box.findChild(QComboBox)
    QTest.keyClick(combo, Qt.Key.Key_Down)  # past "choose the candidate drawn": Ameet Jogia
    QTest.keyClick(combo, Qt.Key.Key_Return)


def _note(text: str) -> Callable[[QInputDialog], None]:
    def key(box: QInputDialog) -> None:
        line = box.findChild(QLineEdit)
        QTest.keyClicks(line, text)
        QTest.keyClick(line, Qt.Key.Key_Return)
    return key


def test_a_blank_note_is_asked_for_again_and_the_pick_kept(qtbot, main_window,
                                                           nominations_db):
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(TIED, 50), overrides=["tie"])
        dk.verify(store, HENDON, user="bob", votes=TIED, invalid=50)
        jogia = dk.load_sheet(store, HENDON).candidates[CON]
    window = main_window(nominations_db, user="carol")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClicks(window.search, "Hendon")

    seen: list = []
    steps = [(QInputDialog, _pick_jogia), (QInputDialog, _note("")),
             (QMessageBox, lambda box: QTest.keyClick(box, Qt.Key.Key_Return)),
             (QInputDialog, _note("drawn from a hat by the RO"))]
    _answer_in_turn(steps, seen)
    try:
        qtbot.keyClick(window.search, Qt.Key.Key_D, ALT)  # Declaration
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
        # Decide tie by lot: back once its last box has gone (each ran its own loop)
        qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_T)
        assert [title for _, title, _ in seen] == ["Decide tie by lot: Hendon"] * 4
        assert not steps, f"never asked again after {seen[-1][2]!r}"
    finally:
        steps.clear()

    assert seen[2][2] == ("Add a note on how the lot was drawn: the desk records no lot "
                          "without one. Ameet Jogia (Con) stays chosen as drawn.")
    lot = dk.load_sheet(window.desk, HENDON).pending
    assert lot is not None and lot.kind.value == "lot"
    assert (lot.tie_winner_id, lot.note) == (jogia.id, "drawn from a hat by the RO")
