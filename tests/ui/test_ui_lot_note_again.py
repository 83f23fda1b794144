"""Declaration > Decide tie by lot, by keyboard: the candidate drawn is picked, then Enter in
the note's box with nothing typed (a tired hand, or the note still being written down).
The desk records no lot without a note, so the pick was thrown away: a warning, nothing
recorded, and the whole question to start again from the menu. Now the note is asked for
again, the pick kept; and each box names the seat, as several ties may await their lots.

Esc in the note's box (a stray key at 3 a.m.) threw the pick and the note typed away, without
a word: it asks first now, as the form does for typed figures, and "Keep typing" (Enter or
Esc) shows the note again as typed, the pick kept."""

from __future__ import annotations

from collections.abc import Callable

from helpers.seats import CON, HENDON, TIED
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog, QLineEdit, QMessageBox

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import CandidateVotes, Figures
from resultsdesk.store import Store
from resultsdesk.ui.lot_question import ask_lot

ALT = Qt.KeyboardModifier.AltModifier


def _answer_in_turn(steps: list[tuple[type, Callable]], seen: list) -> None:
    """Each step's box, as it comes up in turn (each runs its own event loop): `seen` gets
    its title and text, then its answer is keyed. A box may come up again, after one in
    front of it has gone (the note's, after "Keep typing")."""
    context = QApplication.instance()

    def next_box() -> None:
        if not steps:  # all answered, or the test over
            return
        box = QApplication.activeModalWidget()
        kind, answer = steps[0]
        if not isinstance(box, kind) or (seen and box is seen[-1][0]):
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


def _note(text: str, key: Qt.Key = Qt.Key.Key_Return) -> Callable[[QInputDialog], None]:
    def type_in(box: QInputDialog) -> None:
        line = box.findChild(QLineEdit)
        QTest.keyClicks(line, text)
        QTest.keyClick(line, key)
    return type_in


def _key(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
         ) -> Callable[[QMessageBox], None]:
    return lambda box: QTest.keyClick(box, key, modifier)


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


def test_esc_on_a_typed_note_asks_and_keep_typing_keeps_note_and_pick(qtbot, main_window,
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
    shown_again: list[str] = []

    def go_on(box: QInputDialog) -> None:  # typed on where the cursor is now
        line = box.findChild(QLineEdit)
        shown_again.append(line.text())
        assert box.focusWidget() is line and not line.hasSelectedText()
        _note(" a hat")(box)

    steps = [(QInputDialog, _pick_jogia), (QInputDialog, _note("drawn from", Qt.Key.Key_Escape)),
             (QMessageBox, _key(Qt.Key.Key_Escape)), (QInputDialog, go_on)]
    _answer_in_turn(steps, seen)
    try:
        qtbot.keyClick(window.search, Qt.Key.Key_D, ALT)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
        qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_T)
        assert not steps, f"never asked again after {seen[-1][2]!r}"
    finally:
        steps.clear()

    question = seen[2][0]
    assert (seen[2][1], seen[2][2]) == (
        "Discard the note?", "Throw away the note typed on how the lot was drawn for Hendon, and "
        "Ameet Jogia (Con) chosen as drawn?")
    assert sorted(b.text() for b in question.buttons()) == ["&Discard note", "&Keep typing"]
    assert question.defaultButton().text() == "&Keep typing"
    assert shown_again == ["drawn from"]
    lot = dk.load_sheet(window.desk, HENDON).pending
    assert lot is not None and lot.kind.value == "lot"
    assert (lot.tie_winner_id, lot.note) == (jogia.id, "drawn from a hat")


def test_discarding_a_typed_note_records_nothing(qtbot):
    seen: list = []
    steps = [(QInputDialog, _pick_jogia), (QInputDialog, _note("drawn", Qt.Key.Key_Escape)),
             (QMessageBox, _key(Qt.Key.Key_D, ALT))]
    _answer_in_turn(steps, seen)
    try:
        assert ask_lot(None, _tied(), "Hendon") is None
        assert not steps
    finally:
        steps.clear()


def test_esc_with_no_note_typed_cancels_without_asking(qtbot):
    seen: list = []
    # (a question, were one asked, discarded at once, so that the test ends)
    steps = [(QInputDialog, _pick_jogia), (QInputDialog, _note("  ", Qt.Key.Key_Escape)),
             (QMessageBox, _key(Qt.Key.Key_D, ALT))]
    _answer_in_turn(steps, seen)
    try:
        assert ask_lot(None, _tied(), "Hendon") is None
        assert len(seen) == 2 and not isinstance(seen[-1][0], QMessageBox)
    finally:
        steps.clear()


def _tied() -> list[CandidateVotes]:
    return [CandidateVotes("Ameet Jogia", "Con", 20000),
            CandidateVotes("David Pinto-Duschinsky", "Lab", 20000)]
