"""The blind re-key's Reject to desk (Alt+R): the comment for the keyer ("check the Green
figure") half typed, a stray Esc in its box threw the comment away without a word, and the
entry was not sent back: the verifier had to begin again from Alt+R, the comment from
memory. Now Esc (or the close button) asks first once a comment is typed, as the lot's note
does: "Keep typing" (Enter or Esc) shows the comment again as typed, the cursor at its end;
"Discard comment" (Alt+D) sends nothing back. With nothing typed Esc cancels at once."""

from __future__ import annotations

from collections.abc import Callable

from helpers.form_dialogs import two_awaiting_verification
from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox
from shiboken6 import isValid

from resultsdesk.desk import declarations as dk
from resultsdesk.store import Store
from resultsdesk.store import declarations as sql
from resultsdesk.ui.form_checks import Mode

ALT = Qt.KeyboardModifier.AltModifier


def _answer_in_turn(steps: list[tuple[type, Callable]], seen: list) -> None:
    """Each step's box, as it comes up in turn (each runs its own event loop, or is
    window-modal): `seen` gets it, its title and its text, then its answer is keyed. The
    comment's box may come up again, after the question in front of it has gone."""
    context = QApplication.instance()

    def next_box() -> None:
        if not steps:  # all answered, or the test over
            return
        box = QApplication.activeModalWidget()
        kind, answer = steps[0]
        if not isinstance(box, kind) or (seen and box is seen[-1][0]) \
                or QApplication.activeWindow() is not box:
            if isinstance(box, kind):
                box.activateWindow()  # as a window manager does (offscreen Qt does not)
            QTimer.singleShot(10, context, next_box)
            return
        text = box.labelText() if isinstance(box, QInputDialog) else box.text()
        seen.append((box, box.windowTitle(), text))
        steps.pop(0)
        answer(box)
        if steps:
            QTimer.singleShot(0, context, next_box)

    QTimer.singleShot(0, context, next_box)


def _answered_or_gone(steps: list, seen: list) -> bool:
    """Every step answered, or the comment's box gone with some still to come (the
    question never asked)."""
    if not steps:
        return True
    return bool(seen) and (not isValid(seen[0][0]) or not seen[0][0].isVisible())


def _comment(text: str, key: Qt.Key) -> Callable[[QInputDialog], None]:
    def type_in(box: QInputDialog) -> None:
        line = box.findChild(QLineEdit)
        QTest.keyClicks(line, text)
        QTest.keyClick(line, key)
    return type_in


def _key(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
         ) -> Callable[[QMessageBox], None]:
    return lambda box: QTest.keyClick(box, key, modifier)


def _rekey_form(qtbot, main_window, db):
    two_awaiting_verification(db, CLEAN, "E14001077", user="carol")
    window = main_window(db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClicks(window.search, "Hendon")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.active_dialog is not None)
    dialog = window.active_dialog
    assert dialog.form.mode is Mode.REKEY
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.vote_edits[0])
    qtbot.keyClicks(dialog.form.vote_edits[0], "2667")  # the re-key begun, then stopped
    return window, dialog


def _rejection_comments(db) -> list[str]:
    with Store(db) as store:
        return [e["details"]["comment"] for e in sql.audit_entries(store, HENDON)
                if e["action"] == "reject"]


def test_esc_on_a_typed_comment_asks_and_keep_typing_sends_it_whole(qtbot, main_window,
                                                                    nominations_db):
    _window, dialog = _rekey_form(qtbot, main_window, nominations_db)
    seen: list = []
    shown_again: list[str] = []

    def go_on(box: QInputDialog) -> None:  # typed on where the cursor is now
        line = box.findChild(QLineEdit)
        shown_again.append(line.text())
        assert box.focusWidget() is line and not line.hasSelectedText()
        _comment(" figure", Qt.Key.Key_Return)(box)

    steps = [(QInputDialog, _comment("check the Green", Qt.Key.Key_Escape)),
             (QMessageBox, _key(Qt.Key.Key_Escape)), (QInputDialog, go_on)]
    _answer_in_turn(steps, seen)
    try:
        qtbot.keyClick(dialog.form.vote_edits[0], Qt.Key.Key_R, ALT)  # Reject to desk…
        qtbot.waitUntil(lambda: _answered_or_gone(steps, seen))
        assert not steps, f"never asked after {seen[-1][2]!r}"
        assert not steps, f"never asked after {seen[-1][2]!r}"
    finally:
        steps.clear()

    question = seen[1][0]
    assert (seen[1][1], seen[1][2]) == (
        "Discard the comment?", "Throw away the comment typed for the desk on Hendon, and "
        "send nothing back?")
    assert sorted(b.text() for b in question.buttons()) == ["&Discard comment",
                                                           "&Keep typing"]
    assert question.defaultButton().text() == "&Keep typing"
    assert shown_again == ["check the Green"]
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert _rejection_comments(nominations_db) == ["check the Green figure"]
    with Store(nominations_db) as store:
        assert dk.load_sheet(store, HENDON).pending is None


def test_discarding_a_typed_comment_sends_nothing_back(qtbot, main_window, nominations_db):
    _window, dialog = _rekey_form(qtbot, main_window, nominations_db)
    seen: list = []
    steps = [(QInputDialog, _comment("check", Qt.Key.Key_Escape)),
             (QMessageBox, _key(Qt.Key.Key_D, ALT))]
    _answer_in_turn(steps, seen)
    try:
        qtbot.keyClick(dialog.form.vote_edits[0], Qt.Key.Key_R, ALT)
        qtbot.waitUntil(lambda: _answered_or_gone(steps, seen))
        assert not steps, f"never asked after {seen[-1][2]!r}"
    finally:
        steps.clear()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    assert dialog.isVisible() and _rejection_comments(nominations_db) == []
    # back in the re-key, as after Esc with nothing typed (test_ui_reject_focus_back)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.vote_edits[0])
    dialog.discard()


def test_esc_with_no_comment_typed_cancels_without_asking(qtbot, main_window,
                                                          nominations_db):
    _window, dialog = _rekey_form(qtbot, main_window, nominations_db)
    seen: list = []
    # (a question, were one asked, answered at once, so that the test ends)
    steps = [(QInputDialog, _comment("  ", Qt.Key.Key_Escape)),
             (QMessageBox, _key(Qt.Key.Key_D, ALT))]
    _answer_in_turn(steps, seen)
    try:
        qtbot.keyClick(dialog.form.vote_edits[0], Qt.Key.Key_R, ALT)
        qtbot.waitUntil(lambda: _answered_or_gone(steps, seen))
        assert len(seen) == 1
    finally:
        steps.clear()
    assert _rejection_comments(nominations_db) == []
    dialog.discard()
