"""The electorate in the blind re-key, keyed as a verifier keys it: the re-key form shows
it, started where the entry form starts (the seat's, from the nominations: public, so it
tells nothing of the entry), and compares it. Before, the form hid it and the desk never
compared it: the keyer's electorate, typo or not, went on air with its turnout."""

from __future__ import annotations

from helpers.form_dialogs import shown_form
from helpers.seats import CLEAN, HENDON, HENDON_ELECTORATE
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.live import NightState
from resultsdesk.domain import tally
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import DeclarationDialog, Mode
from resultsdesk.ui.form_actions import DIFFERS

CTRL = Qt.KeyboardModifier.ControlModifier
RO = "71,234"  # the returning officer's electorate, read out with the result


def _open(qtbot, store, user: str, mode: Mode) -> DeclarationDialog:
    return shown_form(qtbot, store, HENDON, user, mode)


def _key_electorate(qtbot, form, text: str) -> None:
    """Into the electorate field (Shift+Tab from the first candidate: it is above the
    ballot paper), over what it holds, and back to the ballot paper with Enter."""
    qtbot.keyClick(form.vote_edits[0], Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(form.electorate_edit.hasFocus)
    qtbot.keyClick(form.electorate_edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(form.electorate_edit, text)
    qtbot.keyClick(form.electorate_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(form.vote_edits[0].hasFocus)


def _key_figures(qtbot, form, invalid: str = "50") -> None:
    for value in CLEAN:
        qtbot.keyClicks(QApplication.focusWidget(), f"{value:,}")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert QApplication.focusWidget() is form.invalid_edit
    qtbot.keyClicks(form.invalid_edit, invalid)


def test_the_verifier_rekeys_the_electorate_and_a_difference_verifies_nothing(
        qtbot, nominations_db):
    with Store(nominations_db) as store:
        entering = _open(qtbot, store, "alice", Mode.ENTER)
        entry = entering.form
        assert entry.electorate_edit.text() == str(HENDON_ELECTORATE)
        _key_electorate(qtbot, entry, RO)
        _key_figures(qtbot, entry)
        with qtbot.waitSignal(entry.saved) as saved:
            qtbot.keyClick(entry.invalid_edit, Qt.Key.Key_S, CTRL)
        assert saved.args[0].electorate == 71_234

        # bob's form shows the electorate, started where alice's was: he leaves it so.
        rekey = _open(qtbot, store, "bob", Mode.REKEY)
        form = rekey.form
        assert form.electorate_edit.isVisibleTo(form)
        assert form.electorate_edit.text() == str(HENDON_ELECTORATE)
        _key_figures(qtbot, form)
        qtbot.keyClick(form.invalid_edit, Qt.Key.Key_S, CTRL)
        qtbot.waitUntil(lambda: "Not verified" in form.message_label.text())
        assert "the electorate" in form.message_label.text()
        assert form.electorate_edit.accessibleDescription() == DIFFERS
        assert all(e.accessibleDescription() == "" for e in form.fields)
        assert form.electorate_edit.hasFocus()  # where the difference is
        (mismatch,) = [a for a in dk.history(store, HENDON).audit
                       if a["action"] == "verify mismatch"]
        assert (mismatch["user"], mismatch["details"]["fields"]) == ("bob", ["electorate"])
        assert dk.load_sheet(store, HENDON).verified is None

        # The returning officer's sheet says 71,234: keyed, it verifies.
        qtbot.keyClick(form.electorate_edit, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(form.electorate_edit, RO)
        assert form.electorate_edit.accessibleDescription() == ""  # re-keyed: no longer red
        with qtbot.waitSignal(form.saved) as verified:
            qtbot.keyClick(form.electorate_edit, Qt.Key.Key_S, CTRL)
        version = verified.args[0]
        assert (version.status, version.verified_by, version.electorate) == \
            ("verified", "bob", 71_234)
        night = NightState(store)
        night.refresh()
        on_air = night.seats[HENDON]
        assert on_air.turnout == tally.turnout_pct(sum(CLEAN), 71_234)
        assert round(on_air.turnout, 1) == 55.5
