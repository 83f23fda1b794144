"""A question before something that cannot be taken back is answered by a click, by Enter or
Space on a button, or by Alt with the underlined letter; a letter typed alone answers
nothing (`ui.questions`). Qt's message box pressed the button whose letter was typed with no
modifier: typing on after a slip of Esc ("d" of "drawn by lot") threw the figures away, and
a "y" withdrew an entry."""

from __future__ import annotations

import string

from helpers.seats import BASILDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.declaration_form import DeclarationDialog
from resultsdesk.ui.form_keys import ask_first

ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
VOTES = [373, 11354, 2123, 12885, 12905, 192, 2292]  # Basildon and Billericay 2024


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def pressed(box) -> list[str]:
    """The box's buttons a key has pressed. Qt's box clicks a button its letter names a
    moment later (an animated click), but holds the button down at once: seen here with no
    wait."""
    return [button.text() for button in box.buttons() if button.isDown()]


def _dialog(qtbot, store) -> DeclarationDialog:
    application()
    dialog = DeclarationDialog(store, BASILDON, user="alice")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused() is dialog.form.vote_edits[0])
    return dialog


def test_no_letter_alone_answers_a_question(qtbot):
    """Every letter and digit, with or without Shift, typed into the box where the keyboard
    is (its focused button): nothing done, the box still up. Alt with the letter does it."""
    application()
    parent = QWidget()
    qtbot.addWidget(parent)
    field = QLineEdit(parent)
    parent.show()
    parent.activateWindow()
    field.setFocus()
    done: list[bool] = []
    box = ask_first(parent, "testBox", "Throw them away?", "Throw the figures away?",
                    ("&Discard figures", "&Keep typing"), lambda: done.append(True))
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box)
    for char in string.ascii_lowercase + string.digits:
        key = Qt.Key(ord(char.upper()))
        qtbot.keyClick(focused() or box, key)
        qtbot.keyClick(focused() or box, key, SHIFT)
        assert pressed(box) == [], char
    assert box.isVisible() and done == []
    qtbot.keyClick(focused() or box, Qt.Key.Key_D, ALT)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert done == [True]


def test_typing_on_into_the_discard_question_keeps_the_figures(qtbot, nominations_db):
    """Esc slipped in mid-note, and the typing went on into the question."""
    with Store(nominations_db) as store:
        dialog = _dialog(qtbot, store)
        form = dialog.form
        qtbot.keyClicks(form.vote_edits[0], "373")
        qtbot.keyClick(form.vote_edits[0], Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: getattr(dialog, "discard_box", None) is not None
                        and QApplication.activeWindow() is dialog.discard_box)
        box = dialog.discard_box
        qtbot.keyClicks(focused() or box, "drawn")
        assert pressed(box) == []
        assert box.isVisible() and dialog.isVisible()
        assert form.vote_edits[0].text() == "373"
        qtbot.keyClick(focused() or box, Qt.Key.Key_Escape)  # Esc: keep typing
        qtbot.waitUntil(lambda: focused() is form.vote_edits[0])
        assert dialog.isVisible() and form.vote_edits[0].text() == "373"


def test_y_alone_withdraws_no_entry(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dk.declare(store, BASILDON, user="alice", overrides=["recount_range"],
                   figures=Figures(VOTES, 176))
        dialog = _dialog(qtbot, store)
        form = dialog.form
        qtbot.keyClick(form.vote_edits[0], Qt.Key.Key_W, ALT)
        qtbot.waitUntil(lambda: getattr(form, "withdraw_box", None) is not None
                        and QApplication.activeWindow() is form.withdraw_box)
        qtbot.keyClick(focused() or form.withdraw_box, Qt.Key.Key_Y)
        qtbot.keyClick(focused() or form.withdraw_box, Qt.Key.Key_Y, SHIFT)
        assert pressed(form.withdraw_box) == [] and form.withdraw_box.isVisible()
        assert dk.load_sheet(store, BASILDON).pending.version == 1  # not withdrawn
        qtbot.keyClick(focused() or form.withdraw_box, Qt.Key.Key_Y, ALT)  # on purpose
        qtbot.waitUntil(lambda: not dialog.isVisible())
        assert dk.load_sheet(store, BASILDON).latest.status == "withdrawn"

