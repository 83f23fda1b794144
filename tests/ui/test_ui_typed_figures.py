"""Figures as keyers type them: thousands separators where they belong are read, and one in
the wrong place ("12,88": a digit lost) stops the save rather than being read as 1288."""

from __future__ import annotations

from helpers.form_dialogs import shown_form
from helpers.seats import BASILDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.declaration_form import DeclarationDialog, Mode

# Basildon and Billericay 2024 in ballot order, Harrison (Lab) and Holden (Con) with commas.
VOTES = ["373", "11,354", "2123", "12,885", "12 905", "192", "2292"]
CTRL = Qt.KeyboardModifier.ControlModifier


def _form(qtbot, store):
    return shown_form(qtbot, store, BASILDON, "alice")


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


def _paste(qtbot, edit, text: str) -> None:
    """Select what the field holds and paste `text` over it, as Ctrl+A, Ctrl+V do."""
    QApplication.clipboard().setText(text)
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(edit, Qt.Key.Key_V, CTRL)


def test_what_a_pasted_figure_hides_is_shown_in_one_line(qtbot, nominations_db):
    """A figure copied from a web page with a zero-width space after it was refused as
    "'12,885' is not a whole number": a good figure, as far as anyone could see. A column
    of cells pasted into one field made the message two lines; a figure pasted as markup
    ('<b>1</b>') was quoted as a bold 1. Each is now quoted as it is, on one line."""
    with Store(nominations_db) as store:
        dialog = _form(qtbot, store)
        form = dialog.form
        _type(qtbot, form, VOTES)
        harrison = form.vote_edits[3]
        _paste(qtbot, harrison, "12,885\u200b")
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(harrison, Qt.Key.Key_S, CTRL)
        assert "'12,885\\u200b' is not a whole number" in form.message_label.text()
        assert QApplication.focusWidget() is harrison
        _paste(qtbot, harrison, "12885\n11354\n2123")
        qtbot.keyClick(harrison, Qt.Key.Key_S, CTRL)
        message = form.message_label.text()
        assert "'12885\\n11354\\n2123' is not a whole number" in message
        assert "\n" not in message and "\n" not in form.errors_label.text()
        # Said under the figures (the message names the first error, and says it alone)
        _paste(qtbot, form.invalid_edit, "<b>1</b>")
        assert "'&lt;b&gt;1&lt;/b&gt;' is not a whole number" in form.errors_label.text()
        qtbot.keyClick(form.invalid_edit, Qt.Key.Key_A, CTRL)
        qtbot.keyClick(form.invalid_edit, Qt.Key.Key_Delete)
        _paste(qtbot, harrison, "<b>1</b>")
        qtbot.keyClick(harrison, Qt.Key.Key_S, CTRL)
        assert form.message_label.textFormat() is Qt.TextFormat.PlainText
        assert "'<b>1</b>' is not a whole number" in form.message_label.text()
        assert dk.load_sheet(store, BASILDON).versions == ()


def test_a_page_pasted_into_a_field_keeps_the_form_on_the_screen(qtbot, nominations_db):
    """A whole cell range or a page of text pasted into a figure field was quoted whole:
    the message, a page long (or one unbreakable line of 200 digits), made the form wider
    and taller than the screen, its Save button and its messages off it."""
    with Store(nominations_db) as store:
        dialog = _form(qtbot, store)
        form = dialog.form
        screen = dialog.screen().availableGeometry()
        for pasted in ("1" * 199, "12885 11354 2123 " * 200):
            _paste(qtbot, form.vote_edits[0], pasted)
            qtbot.keyClick(form.vote_edits[0], Qt.Key.Key_S, CTRL)
            qtbot.waitUntil(lambda: screen.contains(dialog.frameGeometry()))
            assert f"…' ({len(pasted):,} characters)" in form.message_label.text()


def test_a_figure_that_is_not_a_number_is_named_by_its_field(qtbot, nominations_db):
    """A letter O for a nought in the rejected ballots, the total or the electorate was
    refused as "'1O0' is not a whole number", naming no field (a candidate's names them)."""
    with Store(nominations_db) as store:
        dialog = _form(qtbot, store)
        form = dialog.form
        _type(qtbot, form, VOTES, rejected="1O0")
        qtbot.keyClicks(form.total_edit, "42,12O")
        form.electorate_edit.setFocus()
        qtbot.keyClicks(form.electorate_edit, "O")
        errors = form.errors_label.text()
        assert "Rejected ballots: '1O0' is not a whole number" in errors
        assert "Total as read out: '42,12O' is not a whole number" in errors
        assert "Electorate: " in errors
        with qtbot.assertNotEmitted(form.saved):
            qtbot.keyClick(form.electorate_edit, Qt.Key.Key_S, CTRL)
        assert form.message_label.text() == "Rejected ballots: '1O0' is not a whole number"
        assert QApplication.focusWidget() is form.invalid_edit


def test_a_figure_below_zero_is_said_so(qtbot, nominations_db):
    """'-5' is a whole number: the form said it was not, where the command line says it is
    below zero (one reading of a count everywhere, `validation.count_refusal`)."""
    with Store(nominations_db) as store:
        dialog = _form(qtbot, store)
        form = dialog.form
        _type(qtbot, form, VOTES, rejected="-5")
        assert "Rejected ballots: '-5' is below zero: a count is 0 or more" \
            in form.errors_label.text()


def test_tied_names_in_the_live_summary_are_text_not_markup(qtbot, nominations_db):
    """The summary under the figures is rich text: a tied candidate's name went in as
    markup ("<i>" set the rest in italics, "&" began an entity), where the winner's was
    escaped."""
    import sqlite3

    with sqlite3.connect(nominations_db) as conn:
        (code,) = conn.execute("SELECT code FROM constituencies WHERE name = ?",
                               ("Basildon and Billericay",)).fetchone()
        conn.execute("UPDATE candidates SET first_name = 'Jo <i>', surname = 'Smith & Co' "
                     "WHERE ballot_order = 2 AND constituency_id = "
                     "(SELECT id FROM constituencies WHERE code = ?)", (code,))
    with Store(nominations_db) as store:
        dialog = _form(qtbot, store)
        _type(qtbot, dialog.form, ["373", "12905", "2123", "12905", "100", "192", "2292"])
        text = dialog.form.live_label.text()
    assert "TIE" in text and "Jo &lt;i&gt; Smith &amp; Co" in text and "<i>" not in text


def test_ctrl_z_on_a_field_flagged_as_differing_unflags_it(qtbot, nominations_db):
    """A re-keyed field flagged red as differing from the first entry stayed red after
    Ctrl+Z changed it (only a keystroke unflagged it): red on a figure nobody had yet
    compared, while the one the flag was about was gone."""
    with Store(nominations_db) as store:
        figures = [int(v.replace(",", "").replace(" ", "")) for v in VOTES]
        dk.declare(store, BASILDON, user="carol", figures=Figures(figures, 176),
                   overrides=["recount_range"])
        application()
        dialog = DeclarationDialog(store, BASILDON, user="alice", mode=Mode.REKEY)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        form = dialog.form
        qtbot.waitUntil(lambda: QApplication.focusWidget() is form.vote_edits[0])
        _type(qtbot, form, VOTES, rejected="177")
        qtbot.keyClick(form.invalid_edit, Qt.Key.Key_S, CTRL)
        rejected = form.invalid_edit
        assert "differ for rejected ballots" in form.message_label.text()
        assert QApplication.focusWidget() is rejected and "#ffd6d6" in rejected.styleSheet()
        qtbot.keyClick(rejected, Qt.Key.Key_Z, CTRL)  # the typing taken back
        assert rejected.text() == "" and "#ffd6d6" not in rejected.styleSheet()


def test_a_field_not_yet_keyed_shows_no_share(qtbot, nominations_db):
    """The form's Share column: a candidate whose figure is not keyed yet has no share,
    where it read "0.0%", as if on no votes (seen in the form at 1280 x 720)."""
    with Store(nominations_db) as store:
        dialog = _form(qtbot, store)
        form = dialog.form
        qtbot.keyClicks(form.vote_edits[0], "373")
        qtbot.keyClicks(form.vote_edits[1], "0")
        shares = [label.text() for label in form.share_labels]
        assert shares[:2] == ["100.0%", "0.0%"]  # keyed: a share, a real 0 too
        assert set(shares[2:]) == {""}
