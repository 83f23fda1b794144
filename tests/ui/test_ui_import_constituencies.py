"""File > Import takes the by-constituency file with the by-candidate one, as the command
line's --constituencies does: imported from the window, a night had no electorate on any
seat (no turnout until each was keyed), nor a baseline any, where the same files imported
by the command line had every one. The file beside the chosen one, named as the House of
Commons Library names its pair, is filled in; it can be changed or cleared.

Driven by real key presses; the oracle is the HoC by-constituency files read with the csv
module."""

from __future__ import annotations

import csv
import shutil
import sqlite3

import pytest
from helpers.import_menu import import_by_menu, import_dialog
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.desk.election import init_election
from resultsdesk.paths import (
    CONSTITUENCIES_2017,
    CONSTITUENCIES_2019,
    ELECTION_2017,
    ELECTION_2019,
    data_file,
)
from resultsdesk.ui.import_dialog import companion

ALT = Qt.KeyboardModifier.AltModifier


def _electorates(path) -> dict[str, int]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return {r["ONS ID"]: int(r["Electorate"]) for r in csv.DictReader(fh)}


def _stored(db, table: str) -> dict[str, int | None]:
    """{code: electorate} of the election's seats, or of its baseline's."""
    key = "id" if table == "constituencies" else "constituency_id"
    with sqlite3.connect(db) as conn:
        return dict(conn.execute(f"SELECT c.code, t.electorate FROM {table} t "
                                 f"JOIN constituencies c ON c.id = t.{key}"))


@pytest.fixture
def night(tmp_path):
    """A new, empty election, and the HoC 2019 and 2017 file pairs in a folder of their own
    (one of which is renamed where a test needs no pair)."""
    db = tmp_path / "night.db"
    init_election(db, "GE2019").close()
    folder = tmp_path / "files"
    folder.mkdir()
    for name in (ELECTION_2019, CONSTITUENCIES_2019, ELECTION_2017, CONSTITUENCIES_2017):
        shutil.copyfile(data_file(name), folder / name)
    return db, folder


def test_nominations_and_a_baseline_take_the_file_beside_them(qtbot, main_window, night,
                                                              monkeypatch):
    db, folder = night
    window = main_window(db, user="admin")
    dialog = import_dialog(qtbot, window, monkeypatch, "importCandidates",
                           folder / ELECTION_2019)
    assert dialog.constituencies.text() == str(folder / CONSTITUENCIES_2019)
    qtbot.keyClick(dialog.constituencies, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert _stored(db, "constituencies") == _electorates(folder / CONSTITUENCIES_2019)
    import_by_menu(qtbot, window, monkeypatch, "importBaseline", folder / ELECTION_2017)
    assert _stored(db, "baseline_seats") == _electorates(folder / CONSTITUENCIES_2017)


def test_without_a_pair_or_cleared_the_import_goes_without(qtbot, main_window, night,
                                                           monkeypatch):
    db, folder = night
    (folder / CONSTITUENCIES_2019).rename(folder / "seats.csv")  # no pair by name
    window = main_window(db, user="admin")
    dialog = import_by_menu(qtbot, window, monkeypatch, "importCandidates",
                            folder / ELECTION_2019)
    assert dialog.constituencies.text() == ""
    assert set(_stored(db, "constituencies").values()) == {None}
    import_by_menu(qtbot, window, monkeypatch, "importBaseline", folder / ELECTION_2017,
                   constituencies=None)  # found beside it, and cleared
    assert set(_stored(db, "baseline_seats").values()) == {None}


def test_one_typed_is_used(qtbot, main_window, night, monkeypatch):
    db, folder = night
    (folder / CONSTITUENCIES_2019).rename(folder / "seats.csv")
    window = main_window(db, user="admin")
    import_by_menu(qtbot, window, monkeypatch, "importCandidates", folder / ELECTION_2019,
                   constituencies=folder / "seats.csv")
    assert _stored(db, "constituencies") == _electorates(folder / "seats.csv")


def test_a_file_that_is_not_there_keeps_the_dialog_open(qtbot, main_window, night,
                                                        monkeypatch):
    db, folder = night
    window = main_window(db, user="admin")
    dialog = import_dialog(qtbot, window, monkeypatch, "importCandidates",
                           folder / ELECTION_2019)
    box = dialog.constituencies
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, str(folder / "gone.csv"))
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.message.text() == f"{folder / 'gone.csv'} is not a file."
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # cancelled: nothing imported
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert _stored(db, "constituencies") == {}


def test_alt_letters_reach_each_box(qtbot, main_window, night, monkeypatch):
    db, folder = night
    window = main_window(db, user="admin")
    dialog = import_dialog(qtbot, window, monkeypatch, "importResults",
                           folder / ELECTION_2019)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, ALT)
    assert QApplication.focusWidget() is dialog.file
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, ALT)
    assert QApplication.focusWidget() is dialog.constituencies
    assert "invalid votes and declaration time" in dialog.findChild(
        type(dialog.message), "importHint").text()
    qtbot.keyClick(dialog.constituencies, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_the_pair_is_found_by_the_libraries_names(tmp_path):
    assert companion(tmp_path / "HoC-GE2024-results-by-candidate.csv") is None  # not there
    pair = tmp_path / "HoC-GE2024-results-by-constituency.csv"
    pair.write_text("", encoding="utf-8")
    assert companion(tmp_path / "HoC-GE2024-results-by-candidate.csv") == pair
    assert companion(tmp_path / "notional.csv") is None
