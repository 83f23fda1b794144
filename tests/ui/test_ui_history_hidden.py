"""Ctrl+H lists every version, those whose figures the reader may not see too: alice keys
Hendon, bob marks a recount, alice keys the recount, bob rejects it, alice keys it again.
bob's History used to show a single column (or none) and no word of the others, as if the
record had been rewritten; now each hidden version has its column in its place, with its
status, count, author, who rejected it and why, and none of alice's figures. alice and eve
(editor) read every figure."""

from __future__ import annotations

import pytest
from helpers.desk_target import sqlite_target
from helpers.history import on_history
from helpers.seats import HENDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.session import open_desk
from resultsdesk.domain.model import Figures
from resultsdesk.ui.history_dialog import HistoryDialog

CTRL = Qt.KeyboardModifier.ControlModifier
FIRST = (2667, 1966, 139, 12000, 1518, 3038, 18000, 233)  # Lab 18,000, Con 12,000
RECOUNT = (2667, 1966, 139, 12010, 1518, 3038, 17990, 233)
COMMENT = "Con pile miscounted"
FIGURES = ("18,000", "12,000", "17,990", "12,010", "18000", "12000", "17990", "12010")


@pytest.fixture
def desk_db(tmp_path):
    target = sqlite_target(tmp_path)
    with open_desk(target.target) as desk:
        dk.declare(desk, HENDON, Figures(FIRST, 50), user="alice")
        dk.mark_recount(desk, HENDON, user="bob")
        dk.declare(desk, HENDON, Figures(RECOUNT, 50), user="alice")
        dk.reject(desk, HENDON, user="bob", comment=COMMENT)
        dk.declare(desk, HENDON, Figures(RECOUNT, 50), user="alice")
    return target.target


def _history_by_keyboard(qtbot, main_window, db, short: str) -> tuple[list[str], list[list[str]],
                                                                       str]:
    """Ctrl+H on Hendon in `short`'s window: the versions table's headers and columns
    (each column's cells top to bottom), and every label's text."""
    with open_desk(db) as desk:
        account = acc.find_account(desk, short)
    window = main_window(db, user=account)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.select_code(HENDON)
    read: list = []

    def act(dialog: HistoryDialog) -> None:
        table = dialog.findChild(QTableWidget, "versionsTable")
        read.append([table.horizontalHeaderItem(c).text()
                     for c in range(table.columnCount())])
        read.append([[table.item(r, c).text() for r in range(table.rowCount())]
                     for c in range(table.columnCount())])
        read.append("\n".join(label.text() for label in dialog.findChildren(QLabel)))

    on_history(qtbot, window, act)
    assert len(read) == 3
    return read[0], read[1], read[2]


def test_history_shows_every_hidden_version_without_its_figures(qtbot, main_window, desk_db):
    headers, columns, labels = _history_by_keyboard(qtbot, main_window, desk_db, "bob")
    assert headers == ["", "Version 1", "Version 2", "Version 3"]
    fields, first, rejected, pending = columns
    assert first[:3] == ["superseded", "declaration", "First count"]
    assert rejected[:3] == ["rejected", "declaration", "Recount 1"]
    assert pending[:3] == ["provisional", "declaration", "Recount 1"]
    entered, notes = fields.index("Entered"), fields.index("Reason / note")
    assert all(column[entered].startswith("alice ") for column in (first, rejected, pending))
    assert first[notes] == "figures seen only by alice and editors"
    said = rejected[notes].splitlines()
    assert said[0] == "figures seen only by alice and editors"
    assert said[1].startswith("rejected by bob ") and said[2] == COMMENT
    assert pending[notes] == "figures hidden until verified"
    assert "Version 3, entered by <b>alice</b>" in labels  # the note on the pending one
    everything = repr(columns) + labels
    for figure in FIGURES:
        assert figure not in everything, figure


@pytest.mark.parametrize("short", ["alice", "eve"])
def test_history_shows_the_author_and_editors_every_figure(qtbot, main_window, desk_db,
                                                           short):
    headers, columns, labels = _history_by_keyboard(qtbot, main_window, desk_db, short)
    assert headers == ["", "Version 1", "Version 2", "Version 3"]
    assert "18,000" in columns[1] and "17,990" in columns[2] and "17,990" in columns[3]
    assert "hidden" not in repr(columns) and "hidden" not in labels


def test_a_name_in_the_hidden_note_is_shown_as_typed_not_read_as_markup(qtbot, tmp_path):
    """The note is rich text: a desk name holding markup (`<i>al</i>`) must read as typed,
    not turn italic or hide its letters."""
    from helpers.desk_target import FAST

    from resultsdesk.desk.sheets import history
    from resultsdesk.desk.visibility import Viewer, blind_history

    db = sqlite_target(tmp_path).target
    with open_desk(db) as desk:
        acc.add_account(desk, "<i>al</i>", "desk", "al password", admin="ann", kdf=FAST)
        dk.declare(desk, HENDON, Figures(FIRST, 50), user="<i>al</i>")
        bob = Viewer("bob", sees_all_provisional=False)
        shown, hidden = blind_history(history(desk, HENDON), bob)
    assert hidden is not None
    dialog = HistoryDialog(shown, [], hidden=hidden)
    qtbot.addWidget(dialog)
    note = dialog.findChild(QLabel, "hiddenVersionNote")
    rendered = note.text()
    assert "&lt;i&gt;al&lt;/i&gt;" in rendered
    assert "<i>al</i>" not in rendered
