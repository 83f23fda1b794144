"""Figures as keyers type them: thousands separators where they belong are read, and one in
the wrong place ("12,88": a digit lost) stops the save rather than being read as 1288."""

from __future__ import annotations

from helpers.seats import BASILDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.declaration_form import DeclarationDialog, Mode

# Basildon and Billericay 2024 in ballot order, Harrison (Lab) and Holden (Con) with commas.
VOTES = ["373", "11,354", "2123", "12,885", "12 905", "192", "2292"]
CTRL = Qt.KeyboardModifier.ControlModifier


def _form(qtbot, store):
    application()
    dialog = DeclarationDialog(store, BASILDON, user="alice", mode=Mode.ENTER)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.vote_edits[0])
    return dialog


def _type(qtbot, form, votes, rejected="176"):
    for edit, value in zip(form.vote_edits, votes, strict=True):
        qtbot.keyClicks(edit, value)
    qtbot.keyClicks(form.invalid_edit, rejected)


def test_a_comma_that_separates_no_thousands_stops_the_save(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dialog = _form(qtbot, store)
        form = dialog.form
        miskeyed = list(VOTES)
        miskeyed[3] = "12,88"  # Harrison's 12,885 with its last digit lost
        _type(qtbot, form, miskeyed)
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(form.invalid_edit, Qt.Key.Key_S, CTRL)
        assert ("'12,88' has a comma or space that does not separate thousands"
                in form.message_label.text())
        assert QApplication.focusWidget() is form.vote_edits[3]
        assert dk.load_sheet(store, BASILDON).versions == ()
        qtbot.keyClicks(form.vote_edits[3], "5")  # now 12,885
        assert "12,88" not in form.message_label.text()


def test_thousands_separators_in_their_places_are_read(qtbot, nominations_db):
    with Store(nominations_db) as store:
        dialog = _form(qtbot, store)
        form = dialog.form
        _type(qtbot, form, VOTES)
        votes, invalid, _total, _electorate = form.figures()
        assert votes == [373, 11354, 2123, 12885, 12905, 192, 2292]
        assert invalid == 176
