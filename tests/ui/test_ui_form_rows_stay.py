"""The ballot's rows stay where they are while messages come and go under them.

Found at the desk (Hendon keyed with the real 2024 figures): the recount-range warning grew
the dialog, and once a mismatched total replaced that warning with a one-line error, and
Ctrl+S with "Cannot save yet", the height the messages no longer needed went into the
ballot, whose grid spread it between its rows. Every vote field moved down under the
operator's eyes (34 pixels by the blocked save) and the column titles came apart from the
first candidate; the room is now left above the buttons.
"""

from __future__ import annotations

from helpers.form_dialogs import shown_form
from helpers.seats import HENDON, HENDON_2024
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel

from resultsdesk.store import Store

CTRL = Qt.KeyboardModifier.ControlModifier


def _places(dialog) -> tuple[int, ...]:
    """Where the column titles, each vote field and the two fields under them are, down
    the dialog."""
    form = dialog.form
    title = next(w for w in form.ballot_area.widget().findChildren(QLabel)
                 if w.text() == "<b>Candidate</b>")
    widgets = [title, *form.fields]
    return tuple(w.mapTo(dialog, QPoint(0, 0)).y() for w in widgets)


def _key(qtbot, text: str, key=Qt.Key.Key_Return) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)
    qtbot.keyClick(QApplication.focusWidget(), key)


def test_the_rows_stay_put_from_warning_to_mismatch_to_blocked_save(qtbot, nominations_db,
                                                                    theme):
    with Store(nominations_db) as store:
        dialog = shown_form(qtbot, store, HENDON, "alice")
        form = dialog.form
        at_first = _places(dialog)
        for votes in HENDON_2024:  # Lab by 15: the recount-range warning
            _key(qtbot, str(votes))
        _key(qtbot, "120")  # rejected ballots; the focus on the total as read out
        qtbot.waitUntil(lambda: "recount_range" in form.override_boxes)
        qtbot.waitUntil(lambda: _places(dialog) == at_first)

        qtbot.keyClicks(form.total_edit, "41399")  # 143 more than the votes add up to
        qtbot.waitUntil(form.errors_label.isVisible)
        QApplication.processEvents()  # the layout settled (its posted requests)
        assert _places(dialog) == at_first

        qtbot.keyClick(form.total_edit, Qt.Key.Key_S, CTRL)
        qtbot.waitUntil(lambda: form.message_label.text().startswith("Cannot save yet"))
        QApplication.processEvents()
        assert _places(dialog) == at_first
        assert form.total_edit.hasFocus()
        dialog.form.discard_draft()
        dialog.done(0)
