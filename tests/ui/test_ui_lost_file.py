"""The database file a window has open deleted, or replaced by another file, in the middle
of the night (a cleaner script, a copy dragged over it): the store refuses to commit into
it (`Store.refuse_a_lost_file`). The window says so in the store's one line, the form keeps
what was typed, and the rest of the window goes on. The audit check, which reads the
election through a handle of its own opened by the file's name, said "No database at …
Create one with 'resultsdesk init'" of a file deleted, and of a file replaced checked the
other file, and called the window's election intact."""

from __future__ import annotations

import os
import shutil

import pytest
from helpers.seats import HENDON, HENDON_2024
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk import declarations as dk
from resultsdesk.store import Store
from resultsdesk.ui.declaration_form import Mode

LOST = ("was deleted, moved or replaced by another file since it was opened; nothing was "
        "saved. Open the election again.")


def _lose(db, tmp_path, how: str) -> None:
    """`db` deleted, or replaced by a copy of itself (another file of the same contents)."""
    other = tmp_path / "other.db"
    shutil.copyfile(db, other)
    if how == "deleted":
        os.remove(db)
    else:
        os.replace(other, db)


def focused():
    return QApplication.focusWidget()


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_a_save_into_a_file_gone_since_it_was_opened_says_so_and_keeps_the_figures(
        qtbot, main_window, nominations_db, tmp_path, how):
    window = main_window(nominations_db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(focused() or window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClicks(window.search, "Hendon")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.active_dialog is not None)
    dialog = window.active_dialog
    form = dialog.form
    assert (form.sheet.code, form.mode) == (HENDON, Mode.ENTER)
    qtbot.waitUntil(lambda: focused() is form.vote_edits[0])
    for votes in [*HENDON_2024, 120]:
        field = focused()
        qtbot.keyClicks(field, str(votes))
        qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # the save: the warning first
    box = form.override_boxes["recount_range"]
    assert focused() is box
    qtbot.keyClick(box, Qt.Key.Key_Space)

    _lose(nominations_db, tmp_path, how)
    with qtbot.assertNotEmitted(form.saved):
        qtbot.keyClick(box, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    said = form.message_label.text()
    assert said == f"{nominations_db} {LOST}"  # the store's line, nothing else
    assert window.active_dialog is dialog and dialog.isVisible()
    assert [e.text() for e in form.vote_edits] == [str(v) for v in HENDON_2024]
    assert form.invalid_edit.text() == "120" and box.isChecked()

    with qtbot.waitSignal(window.refreshed):  # the live refresh goes on, on what it has
        window.refresh()
    audit = window.audit  # the periodic check, as its timer runs it
    qtbot.waitUntil(lambda: not audit._busy)
    audit._recheck()
    qtbot.waitUntil(lambda: not audit._busy)
    assert audit.failed
    assert window.audit_label.toolTip() == f"{nominations_db} {LOST}"
    if how == "replaced":
        with Store(nominations_db) as store:
            assert dk.load_sheet(store, HENDON).versions == ()
    dialog.discard()


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_the_window_says_at_its_next_poll_that_its_file_is_gone(qtbot, main_window,
                                                                nominations_db, tmp_path, how):
    """Not only at a save: an editor watching the charts saw the night as it was, other
    desks' saves (into the file now at that name) never showing, and nothing said so."""
    from PySide6.QtCore import QTimer

    from resultsdesk.ui.connection_bar import FILE_LOST_TEXT

    window = main_window(nominations_db, user="alice")
    bar, feed = window.connection_bar, window.feed
    poll = feed.findChild(QTimer, "liveFeedTimer")
    with qtbot.assertNotEmitted(feed.file_lost):
        poll.timeout.emit()  # as every POLL_MS: nothing wrong yet
    assert bar.isHidden()
    _lose(nominations_db, tmp_path, how)
    with qtbot.waitSignal(feed.file_lost):
        poll.timeout.emit()
    assert bar.isVisible() and bar.text().startswith(f"{FILE_LOST_TEXT}: ")
    assert "Open the election again (File > Open)" in bar.text()
    assert bar.toolTip() == f"{nominations_db} {LOST}"
    assert not poll.isActive()  # no retry: opening it again is what helps
    assert not feed.lost  # nothing waits for it to come back
