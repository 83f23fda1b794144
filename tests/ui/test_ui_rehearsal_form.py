"""The declaration form on a practise rehearsal, opened from a read-out with Enter: its own
window says REHEARSAL in its title (on a desktop it has a title bar of its own, in front of
the main window's banner), and it opens beside the read-out the desk keys from, not over it
(it opened centred on the window, hiding half of the figures being typed)."""

from __future__ import annotations

import pytest
from helpers.rehearsal import build
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from resultsdesk.desk import practise
from resultsdesk.ui.app import application
from resultsdesk.ui.declaration_form import Mode
from resultsdesk.ui.main_window import MainWindow


@pytest.fixture(scope="module")
def _practise_db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("practise") / "practise.db", mode="practise",
                 speed=3600, until="23:29")


@pytest.fixture
def win(qtbot, _practise_db, tmp_path) -> MainWindow:
    db = tmp_path / "practise.db"
    db.write_bytes(_practise_db.read_bytes())
    application()
    window = MainWindow(db, user="alice")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()  # as a window manager does (offscreen Qt does too; bare X does not)
    qtbot.waitUntil(window.isActiveWindow)
    window.resize(1600, 1000)
    window.findChild(QAction, "rehearsalResume").trigger()
    qtbot.waitUntil(lambda: len(window.readout_panel.codes()) == 2, timeout=10_000)
    return window


def _key_latest(qtbot, win: MainWindow):
    panel = win.readout_panel
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Home)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.active_dialog is not None and win.active_dialog.isVisible())
    return win.active_dialog


def _on_screen(widget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def test_the_form_of_a_rehearsal_says_so_in_its_title(qtbot, win):
    dialog = _key_latest(qtbot, win)
    assert dialog.windowTitle().startswith("REHEARSAL — Enter declaration: ")


def test_the_form_shows_the_readout_it_is_keyed_from(qtbot, win):
    older = win.readout_panel.codes()[0]  # not the latest: the panel's large one is not it
    win.readout_panel.list.setFocus()
    qtbot.keyClick(win.readout_panel.list, Qt.Key.Key_End)
    qtbot.keyClick(win.readout_panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.active_dialog is not None and win.active_dialog.isVisible())
    dialog = win.active_dialog
    assert dialog.form.sheet.code == older
    shown = dialog.findChild(QLabel, "formReadOut")
    assert shown is not None and shown.isVisible()
    readout = practise.readout(win.desk, older)
    for line in readout.lines:
        assert f"{line.candidate} ({line.party}) {line.votes:,}" in shown.text()
    assert f"rejected {readout.invalid_votes:,}" in shown.text()
    assert shown.text().startswith("Read out at 23:2")
    # above the first figure, none of its lines cut, the dialog no taller than the screen
    assert _on_screen(shown).bottom() < _on_screen(dialog.form.vote_edits[0]).top()
    assert shown.height() >= shown.heightForWidth(shown.width())
    assert dialog.frameGeometry().height() <= win.screen().availableGeometry().height()


def test_no_readout_in_the_form_of_a_live_night(qtbot, main_window, nominations_db):
    live = main_window(nominations_db, user="alice")
    dialog = live.open_form(live.model.row_at(0).code, Mode.ENTER)
    assert dialog is not None and dialog.findChild(QLabel, "formReadOut") is None
    assert not dialog.windowTitle().startswith("REHEARSAL")


def _type_readout(qtbot, form, readout) -> None:
    votes = {line.candidate: line.votes for line in readout.lines}
    for edit, candidate in zip(form.vote_edits, form.sheet.candidates, strict=True):
        edit.setFocus()
        qtbot.keyClicks(edit, str(votes[candidate.name]))
    form.invalid_edit.setFocus()
    qtbot.keyClicks(form.invalid_edit, str(readout.invalid_votes))
    with qtbot.waitSignal(form.saved):
        qtbot.keyClick(form.total_edit, Qt.Key.Key_Return)


def test_each_readout_says_whether_it_is_keyed_and_verified(qtbot, win):
    """With dozens read out, the desk sees which are still to key and which to verify."""
    items = win.readout_panel.list
    latest = win.readout_panel.codes()[-1]
    assert all("to key" in items.item(i).text().splitlines()[0] for i in range(2))
    _type_readout(qtbot, _key_latest(qtbot, win).form, practise.readout(win.desk, latest))
    qtbot.waitUntil(lambda: win.active_dialog is None)
    assert "keyed, to verify" in items.item(0).text().splitlines()[0]  # latest on top
    assert "to key" in items.item(1).text().splitlines()[0]
    win.user = "bob"
    _type_readout(qtbot, _key_latest(qtbot, win).form, practise.readout(win.desk, latest))
    qtbot.waitUntil(lambda: win.active_dialog is None)
    assert "verified" in items.item(0).text().splitlines()[0]
    assert "to key" in items.item(1).text().splitlines()[0]
