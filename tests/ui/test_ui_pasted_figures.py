"""Figures pasted into the declaration form (Ctrl+V) as a returning officer's email or a
spreadsheet gives them: each is read as the figure it shows, or refused saying why, and
what reaches the database is what was shown; never a traceback."""

from __future__ import annotations

from helpers.form_dialogs import shown_form
from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import DeclarationStatus, Figures
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode

CTRL = Qt.KeyboardModifier.ControlModifier


def _paste(qtbot, edit, text: str) -> None:
    """Over what the field holds, as Ctrl+A, Ctrl+V do."""
    QApplication.clipboard().setText(text)
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(edit, Qt.Key.Key_V, CTRL)


def _key_figures(qtbot, form, figures: list[str], rejected: str) -> None:
    for edit, text in zip(form.vote_edits, figures, strict=True):
        _paste(qtbot, edit, text)
    _paste(qtbot, form.invalid_edit, rejected)


def test_a_field_of_noughts_is_read_not_a_crash(qtbot, nominations_db):
    """A key held on 0 (or a paste padded with noughts) past 4,300 digits raised Python's
    "Exceeds the limit (4300 digits)" on every keystroke: the totals froze, and Ctrl+S
    did nothing and said nothing, a traceback in the log instead. Leading zeros are no
    size (`validation.parse_count`): it is the figure after them."""
    with Store(nominations_db) as store:
        dialog = shown_form(qtbot, store, HENDON, "alice")
        form = dialog.form
        _key_figures(qtbot, form, [str(v) for v in CLEAN], "0" * 5000 + "176")
        assert form.live_label.text().endswith("rejected 176")
        with qtbot.waitSignal(form.saved):
            qtbot.keyClick(form.invalid_edit, Qt.Key.Key_S, CTRL)
        assert dk.load_sheet(store, HENDON).pending.invalid_votes == 176


def test_figures_pasted_with_thin_spaces_are_read(qtbot, nominations_db):
    """A typeset email separates thousands with a thin space (U+2009) or a figure space
    (U+2007): "12 000" was refused as "'12 000' is not a whole number", quoted exactly as
    the figure with a plain space that the form takes."""
    with Store(nominations_db) as store:
        dialog = shown_form(qtbot, store, HENDON, "alice")
        form = dialog.form
        figures = [str(v) for v in CLEAN]
        figures[3], figures[6] = "12\u2009000", "18\u2007000"
        _key_figures(qtbot, form, figures, "100")
        assert form.errors_label.text() == ""
        with qtbot.waitSignal(form.saved):
            qtbot.keyClick(form.invalid_edit, Qt.Key.Key_S, CTRL)
        assert dk.load_sheet(store, HENDON).pending.votes == CLEAN


def test_a_rekey_of_figures_pasted_as_an_email_shows_them_verifies(qtbot, nominations_db):
    """The verifier's figures as the returning officer's email has them, thin spaces and a
    line break copied with one: the entry's figures, verified."""
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="carol", figures=Figures(list(CLEAN), 100))
        dialog = shown_form(qtbot, store, HENDON, "alice", Mode.REKEY)
        form = dialog.form
        figures = [f"{v:,}".replace(",", "\u2009") for v in CLEAN]
        figures[0] += "\n"
        _key_figures(qtbot, form, figures, "100")
        with qtbot.waitSignal(form.saved):
            qtbot.keyClick(form.invalid_edit, Qt.Key.Key_S, CTRL)
        verified = dk.load_sheet(store, HENDON).verified
        assert verified.status is DeclarationStatus.VERIFIED and verified.votes == CLEAN


def test_a_figure_with_a_dot_between_thousands_is_asked_about(qtbot, nominations_db):
    """"17.838" from a European email is 17838 or 17.838: never read as either, the save
    stops and says both, where it said only "is not a whole number" of what the keyer
    read as a whole number (the import says both, `io.csvfile.parse_whole_number`)."""
    with Store(nominations_db) as store:
        dialog = shown_form(qtbot, store, HENDON, "alice")
        form = dialog.form
        figures = [str(v) for v in CLEAN]
        figures[3] = "12.000"
        _key_figures(qtbot, form, figures, "100")
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(form.invalid_edit, Qt.Key.Key_S, CTRL)
        assert form.message_label.text() == (
            "Ameet Jogia: '12.000' could be 12000 (a dot between thousands) or 12.000 (a "
            "decimal point): type the count without the dot")
        assert QApplication.focusWidget() is form.vote_edits[3]
        assert dk.load_sheet(store, HENDON).versions == ()
