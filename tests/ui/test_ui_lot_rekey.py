"""A winner drawn by lot is re-keyed blind in the form, as every figure is: the second
person says who won the draw, from the returning officer's word, not from the entry."""

from __future__ import annotations

from helpers.seats import HENDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.declaration_form import DeclarationForm, Mode

# Hendon in ballot order: Jogia (Con, 4th) and Pinto-Duschinsky (Lab, 7th) tie on 20,000.
TIE = ["100", "200", "300", "20000", "400", "500", "20000", "600"]
CTRL = Qt.KeyboardModifier.ControlModifier


def _form(qtbot, store, user: str, mode: Mode) -> DeclarationForm:
    application()
    form = DeclarationForm(store, HENDON, user=user, mode=mode)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.vote_edits[0])
    return form


def _type(qtbot, form: DeclarationForm) -> None:
    for edit, value in zip(form.vote_edits, TIE, strict=True):
        qtbot.keyClicks(edit, value)
        qtbot.keyClick(edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.invalid_edit, "120")


def _entered_with_its_lot(qtbot, store) -> None:
    alice = _form(qtbot, store, "alice", Mode.ENTER)
    _type(qtbot, alice)
    alice.override_boxes["tie"].setChecked(True)
    alice.tie_combo.setCurrentIndex(alice.tie_combo.findText("Ameet Jogia"))
    qtbot.keyClicks(alice.tie_note, "Drawn from a hat by the returning officer")
    with qtbot.waitSignal(alice.saved):
        alice.submit()
    alice.close()


def test_the_verifier_re_keys_the_winner_drawn_by_lot(qtbot, nominations_db):
    """bob re-keyed the tied figures and pressed Ctrl+S: verified, the winner the entry
    named going on air though bob never said who won the draw (the form had no place for
    it on a re-key). Now the re-key shows the draw's row, blank; leaving it blank, or
    naming the other candidate, verifies nothing and points at it; the right name verifies."""
    with Store(nominations_db) as store:
        _entered_with_its_lot(qtbot, store)
        bob = _form(qtbot, store, "bob", Mode.REKEY)
        _type(qtbot, bob)
        assert bob.tie_row.isVisible() and not bob.tie_note.isVisible()
        assert bob.tie_combo.currentData() is None  # "Not drawn yet": nothing of the entry's

        qtbot.keyClick(bob.invalid_edit, Qt.Key.Key_S, CTRL)
        # sent to the lot's box before anything is compared: no try spent on a box the
        # keys had not reached (it comes after the last field)
        assert "Your figures tie: key the winner drawn by lot" in bob.message_label.text()
        assert QApplication.focusWidget() is bob.tie_combo
        assert dk.load_sheet(store, HENDON).verified is None
        qtbot.keyClick(bob.tie_combo, Qt.Key.Key_S, CTRL)  # "Not drawn yet", as keyed
        assert "the winner by lot" in bob.message_label.text()
        assert "2 tries left" in bob.message_label.text()

        lab = bob.tie_combo.findText("David Pinto-Duschinsky")
        while bob.tie_combo.currentIndex() != lab:  # the wrong one, by keyboard
            qtbot.keyClick(bob.tie_combo, Qt.Key.Key_Down)
        qtbot.keyClick(bob.tie_combo, Qt.Key.Key_S, CTRL)
        assert "the winner by lot" in bob.message_label.text()
        assert dk.load_sheet(store, HENDON).verified is None

        con = bob.tie_combo.findText("Ameet Jogia")
        while bob.tie_combo.currentIndex() != con:
            qtbot.keyClick(bob.tie_combo, Qt.Key.Key_Up)
        with qtbot.waitSignal(bob.saved):
            qtbot.keyClick(bob.tie_combo, Qt.Key.Key_S, CTRL)
        verified = dk.load_sheet(store, HENDON).verified
        assert verified is not None and verified.verified_by == "bob"
        assert verified.tie_winner_id == bob.tie_combo.itemData(con)


def test_enter_in_the_last_field_of_a_tie_goes_to_the_lot_and_spends_no_try(
        qtbot, nominations_db):
    """bob re-keyed the tie as the keys say, Enter after each field: Enter in the last one
    verified with the lot's box, after it, never reached ("your figures differ for the
    winner by lot", a try of three spent, every time). Now it goes to the box; Enter there
    verifies."""
    with Store(nominations_db) as store:
        _entered_with_its_lot(qtbot, store)
        bob = _form(qtbot, store, "bob", Mode.REKEY)
        for value in [*TIE, "120"]:
            edit = QApplication.focusWidget()
            qtbot.keyClicks(edit, value)
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        assert QApplication.focusWidget() is bob.total_edit
        qtbot.keyClick(bob.total_edit, Qt.Key.Key_Return)
        assert QApplication.focusWidget() is bob.tie_combo
        assert "tries left" not in bob.message_label.text()
        assert dk.load_sheet(store, HENDON).verified is None
        con = bob.tie_combo.findText("Ameet Jogia")
        while bob.tie_combo.currentIndex() != con:
            qtbot.keyClick(bob.tie_combo, Qt.Key.Key_Down)
        with qtbot.waitSignal(bob.saved):
            qtbot.keyClick(bob.tie_combo, Qt.Key.Key_Return)
        verified = dk.load_sheet(store, HENDON).verified
        assert verified is not None and verified.tie_winner_id == bob.tie_combo.itemData(con)
