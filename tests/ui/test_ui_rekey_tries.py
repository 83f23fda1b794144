"""The re-key form says how many tries at this version the verifier has left after a miss
(desk/rekeys.py: three), then that it was the last, and after that says the desk's refusal:
keyed as a verifier keys it, with real key presses."""

from __future__ import annotations

from helpers.form_dialogs import shown_form
from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.declaration_form import DeclarationDialog, Mode

CTRL = Qt.KeyboardModifier.ControlModifier


def _open(qtbot, store) -> DeclarationDialog:
    return shown_form(qtbot, store, HENDON, "bob", Mode.REKEY)


def _key_wrong_figures(qtbot, form, first: int) -> None:
    """Every figure keyed afresh (over what the field holds), the first one wrong."""
    for i, value in enumerate(CLEAN):
        edit = form.vote_edits[i]
        edit.setFocus()
        qtbot.waitUntil(edit.hasFocus)
        qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(edit, str(first if i == 0 else value))
    qtbot.keyClick(form.invalid_edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(form.invalid_edit, "120")


def test_the_form_counts_down_the_tries_then_says_the_refusal(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 120))
        dialog = _open(qtbot, store)  # kept: the form is its child
        form = dialog.form
        said = []
        for guess in (1, 2, 3):
            _key_wrong_figures(qtbot, form, CLEAN[0] + guess)
            before = form.message_label.text()
            qtbot.keyClick(form.invalid_edit, Qt.Key.Key_S, CTRL)
            qtbot.waitUntil(lambda b=before: form.message_label.text() not in ("", b))
            said.append(form.message_label.text())
        assert said[0].endswith("or reject it (2 tries left).")
        assert said[1].endswith("or reject it (1 try left).")
        assert said[2].endswith("That was your last try at this version: another person "
                                "verifies it, or it is rejected and keyed again.")
        # the right figures now: the desk refuses, and the form says why
        _key_wrong_figures(qtbot, form, CLEAN[0])
        qtbot.keyClick(form.invalid_edit, Qt.Key.Key_S, CTRL)
        qtbot.waitUntil(lambda: "cannot try again" in form.message_label.text())
        assert dk.load_sheet(store, HENDON).verified is None


def test_the_form_is_not_opened_for_a_verifier_whose_tries_are_used_up(nominations_db):
    """Said before a whole sheet is keyed again (Verification queue > Enter), not after."""
    from resultsdesk.desk.accounts import open_desk_user
    from resultsdesk.ui.sign_in import form_refusal

    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 120))
        bob = open_desk_user("bob")
        for guess in (1, 2, 3):
            assert form_refusal(store, bob, HENDON, Mode.REKEY) is None
            dk.verify(store, HENDON, user="bob", votes=[CLEAN[0] + guess, *CLEAN[1:]],
                      invalid=120)
        said = form_refusal(store, bob, HENDON, Mode.REKEY)
        assert said is not None and "cannot try again" in said
        assert form_refusal(store, open_desk_user("carol"), HENDON, Mode.REKEY) is None


def _misses(store) -> int:
    return store.scalar("SELECT count(*) FROM audit_log WHERE action = 'verify mismatch'")


def test_the_same_figures_sent_again_use_no_try(qtbot, nominations_db):
    """Ctrl+S pressed three times on one missed re-key, or Verify clicked twice, spent all
    three tries on nothing re-keyed (found by an attack on the form in the twenty-eighth
    session): the verifier, the slip then fixed, was refused the version."""
    from PySide6.QtTest import QTest

    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 120))
        dialog = _open(qtbot, store)
        form = dialog.form
        _key_wrong_figures(qtbot, form, CLEAN[0] + 100)
        qtbot.keyClick(form.invalid_edit, Qt.Key.Key_S, CTRL)
        qtbot.waitUntil(lambda: "(2 tries left)" in form.message_label.text())
        for _ in range(2):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)
            QTest.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
        assert form.message_label.text().startswith("Nothing re-keyed since your last try")
        assert _misses(store) == 1
        assert QApplication.focusWidget() is form.vote_edits[0]  # where it differed
        _key_wrong_figures(qtbot, form, CLEAN[0])  # the slip fixed
        qtbot.keyClick(form.invalid_edit, Qt.Key.Key_S, CTRL)
        qtbot.waitUntil(lambda: dk.load_sheet(store, HENDON).verified is not None)
        assert _misses(store) == 1


def test_an_emptied_electorate_is_the_one_the_form_started_from(qtbot, nominations_db):
    """Emptied, the form said no turnout while the save recorded the seat's electorate
    (found by an attack on the form in the twenty-eighth session): the form now counts the
    turnout on the electorate it records, and its placeholder says which."""
    from resultsdesk.domain import tally

    with Store(nominations_db) as store:
        application()
        dialog = DeclarationDialog(store, HENDON, user="alice", mode=Mode.ENTER)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        form = dialog.form
        qtbot.waitUntil(lambda: QApplication.focusWidget() is form.vote_edits[0])
        seats = dk.load_sheet(store, HENDON).prefilled_electorate()
        form.electorate_edit.setFocus()
        qtbot.waitUntil(form.electorate_edit.hasFocus)
        qtbot.keyClick(form.electorate_edit, Qt.Key.Key_A, CTRL)
        qtbot.keyClick(form.electorate_edit, Qt.Key.Key_Delete)
        assert form.electorate_edit.placeholderText() == f"{seats:,}"
        assert form.electorate_edit.toolTip().startswith(f"Left empty: {seats:,}")
        _key_wrong_figures(qtbot, form, CLEAN[0])  # (the right figures)
        turnout = tally.turnout_pct(sum(CLEAN), seats)
        assert f"turnout <b>{turnout:.1f}%</b>" in form.live_label.text()
        qtbot.keyClick(form.invalid_edit, Qt.Key.Key_S, CTRL)
        qtbot.waitUntil(lambda: dk.load_sheet(store, HENDON).pending is not None)
        assert dk.load_sheet(store, HENDON).pending.electorate == seats
