"""A rehearsal in the window: the REHEARSAL marking (title, banner, chart footers), the
Declared column, the clock's controls, and a practise rehearsal keyed and verified by hand
from the read-out panel with real key presses, ending in the report."""

from __future__ import annotations

import csv

import pytest
from helpers.rehearsal import build
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from resultsdesk.desk import practise
from resultsdesk.desk import rehearsal as rh
from resultsdesk.ui import constituency_model as cm
from resultsdesk.ui.declaration_form import Mode

NEWCASTLE_CENTRAL = "E14000831"


@pytest.fixture(scope="module")
def _practise_db(tmp_path_factory):
    # the first three seats of the night (23:27, 23:29, 23:32), fast
    return build(tmp_path_factory.mktemp("practise") / "practise.db", mode="practise",
                 speed=3600, until="23:32")


@pytest.fixture
def practise_db(_practise_db, tmp_path):
    dest = tmp_path / "practise.db"
    dest.write_bytes(_practise_db.read_bytes())
    return dest


def _type_readout(qtbot, form, readout) -> None:
    """Key what the returning officer read out, as a desk would: each figure, Tab."""
    names = [c.name for c in form.sheet.candidates]
    votes = {line.candidate: line.votes for line in readout.lines}
    for edit, name in zip(form.vote_edits, names, strict=True):
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, str(votes[name]))
        qtbot.keyClick(edit, Qt.Key.Key_Tab)
    form.invalid_edit.selectAll()
    qtbot.keyClicks(form.invalid_edit, str(readout.invalid_votes))


def test_a_watch_rehearsal_is_marked_everywhere(qtbot, main_window, tmp_path):
    db = build(tmp_path / "watch.db", speed=3600, until="00:10")
    with rh.open_rehearsal(db) as desk:
        rh.start(desk)
    win = main_window(db, user="alice")
    qtbot.waitUntil(lambda: rh.rehearsal_state(win.desk).finished, timeout=10_000)
    win.refresh()
    assert win.windowTitle().startswith("REHEARSAL — ")
    banner = win.rehearsal_banner
    assert banner.objectName() == "rehearsalBanner" and banner.isVisible()
    assert "REHEARSAL" in banner.text() and "of 650 delivered" in banner.text()
    assert cm.COLUMNS[cm.DECLARED] == "Declared"
    row = win.model.row_at(win.model._index[NEWCASTLE_CENTRAL])
    index = win.model.index(win.model._index[NEWCASTLE_CENTRAL], cm.DECLARED)
    assert win.model.data(index) == "23:27" == row.declared_text
    assert all(view.chart.rehearsal for view in (win.seat_view, win.timeline_view))
    assert "REHEARSAL" in win.seat_view.chart.footer_source()


def test_pause_jump_resume_from_the_controls(qtbot, main_window, tmp_path):
    db = build(tmp_path / "watch.db", speed=1)
    win = main_window(db, user="alice")
    assert win.rehearsal_bar.isVisible()
    win.findChild(QAction, "rehearsalResume").trigger()
    assert rh.rehearsal_state(win.desk).state is rh.ReplayState.RUNNING
    win.findChild(QAction, "rehearsalPause").trigger()
    assert rh.rehearsal_state(win.desk).state is rh.ReplayState.PAUSED
    win.rehearsal_jump.setFocus()
    qtbot.keyClicks(win.rehearsal_jump, "00:30")
    qtbot.keyClick(win.rehearsal_jump, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rh.rehearsal_state(win.desk).delivered >= 4,
                    timeout=20_000)  # delivered on a worker: a loaded machine is slow
    assert rh.rehearsal_state(win.desk).night_text == "00:30"


def test_a_practise_rehearsal_keyed_and_verified_by_hand(qtbot, main_window, practise_db,
                                                         tmp_path):
    win = main_window(practise_db, user="alice")
    assert win.readout_dock.objectName() == "readOutsDock" and win.readout_dock.isVisible()
    win.findChild(QAction, "rehearsalResume").trigger()
    qtbot.waitUntil(lambda: len(win.readout_panel.codes()) == 3, timeout=10_000)
    assert win.readout_panel.codes()[0] == NEWCASTLE_CENTRAL
    assert "Newcastle" in win.readout_panel.list.item(2).text()  # latest on top
    first = practise.readout(win.desk, NEWCASTLE_CENTRAL)
    assert first.shown_at is not None  # the panel was on screen: shown recorded
    # alice keys it from the read-out (Enter on it in the panel opens the form)
    win.readout_panel.list.setCurrentRow(2)
    qtbot.keyClick(win.readout_panel.list, Qt.Key.Key_Return)
    form = win.active_dialog.form
    assert form.mode is Mode.ENTER
    _type_readout(qtbot, form, first)
    with qtbot.waitSignal(win.refreshed):
        qtbot.keyClick(form.total_edit, Qt.Key.Key_Return)
    # bob re-keys it blind and verifies
    win.user = "bob"
    win.readout_panel.list.setCurrentRow(2)
    qtbot.keyClick(win.readout_panel.list, Qt.Key.Key_Return)
    form = win.active_dialog.form
    assert form.mode is Mode.REKEY
    _type_readout(qtbot, form, first)
    with qtbot.waitSignal(win.refreshed):
        qtbot.keyClick(form.total_edit, Qt.Key.Key_Return)
    row = win.model.row_at(win.model._index[NEWCASTLE_CENTRAL])
    assert row.status.value == "verified" and row.declared_text == "23:27"
    out = practise.export_practise_report(win.desk, tmp_path / "report.csv")
    with open(out, encoding="utf-8", newline="") as fh:
        people = {r["person"]: r for r in csv.DictReader(fh)}
    assert (people["alice"]["entered"], people["bob"]["verified"]) == ("1", "1")
    assert people["alice"]["errors_caught"] == "0"
