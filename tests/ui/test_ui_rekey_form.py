"""The blind re-key form as a verifier at 3 a.m. uses it: what it checks is only what the
verifier typed, so an entry keyed correctly can always be verified by keying it again."""

from __future__ import annotations

from helpers.seats import HENDON, HENDON_ELECTORATE
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.declaration_form import DeclarationDialog, Mode

CTRL = Qt.KeyboardModifier.ControlModifier
# More ballots than the 74,865 electors the nominations recorded for Hendon, fewer than the
# 100,000 the returning officer gave and the desk keyed with them.
VOTES = (2667, 1966, 139, 40000, 1518, 3038, 30000, 233)


def _rekey(qtbot, store, user: str) -> DeclarationDialog:
    application()
    dialog = DeclarationDialog(store, HENDON, user=user, mode=Mode.REKEY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.vote_edits[0])
    return dialog


def test_an_entry_with_its_own_electorate_verifies_when_keyed_again(qtbot, nominations_db):
    """The verifier's form held the seat's electorate from the nominations, hidden, and
    checked the re-keyed figures against it: an entry keyed with the returning officer's
    larger electorate ("79,661 ballots cast is more than the electorate of 74,865") could
    never be verified, and its focus went to a field the verifier cannot see. Now the
    field is in sight and re-keyed (migration 36 on a server): the verifier keys the
    returning officer's electorate, as the keyer did, and the figures verify."""
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(list(VOTES), 100, None, 100_000))
        assert sum(VOTES) + 100 > HENDON_ELECTORATE
        dialog = _rekey(qtbot, store, "bob")
        form = dialog.form
        for value in VOTES:
            qtbot.keyClicks(QApplication.focusWidget(), f"{value:,}")
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.keyClicks(form.invalid_edit, "100")
        assert "more than the electorate of 74,865" in form.errors_label.text()
        qtbot.keyClick(form.invalid_edit, Qt.Key.Key_S, CTRL)
        # The cursor goes to the largest figure (most often a digit typed twice), and the
        # message points up to the electorate, in sight, which the verifier keys here.
        qtbot.waitUntil(form.vote_edits[3].hasFocus)
        assert "or the electorate above" in form.message_label.text()
        while not form.electorate_edit.hasFocus():
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab,
                           Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClick(form.electorate_edit, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(form.electorate_edit, "100,000")
        assert form.errors_label.isHidden()
        with qtbot.waitSignal(form.saved) as verified:
            qtbot.keyClick(form.electorate_edit, Qt.Key.Key_S, CTRL)
        version = verified.args[0]
        assert (version.status, version.verified_by, version.electorate) == \
            ("verified", "bob", 100_000)
