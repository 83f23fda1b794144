"""File > Import of a file that would add seats to an election that has its seats: the
window asks first, naming how many and the first few, and only an explicit yes adds them
(Enter and Esc keep the default, "Don't add"; nothing is written until then). It added
them and said so only afterwards: a file of seats new to the election (a mistyped code,
another year's seats) changed the chamber and its majority line on air."""

from __future__ import annotations

import pytest
from helpers.import_menu import import_by_menu
from helpers.locations import GE2024
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from resultsdesk.paths import ELECTION_2019, data_file
from resultsdesk.store import Store

ABERAFAN = "W07000081"  # Aberafan Maesteg, in the 2024 file


def _seats(db) -> int:
    with Store(db) as store:
        return store.scalar("SELECT count(*) FROM constituencies")


def _import_results(qtbot, window, monkeypatch, path, action: str = "importResults") -> list:
    """File > Import > Results (or `action`) of `path`; returns the warnings shown
    (recorded, not shown: a modal "Import failed" would stop the test)."""
    warned: list = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    import_by_menu(qtbot, window, monkeypatch, action, path)
    return warned


def _question(qtbot, window) -> QMessageBox:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "addSeatsQuestion") is not None)
    box = window.findChild(QMessageBox, "addSeatsQuestion")
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box)
    return box


def _typo(tmp_path) -> str:
    """Aberafan Maesteg's 2024 rows under a mistyped code."""
    lines = GE2024.read_text(encoding="utf-8").splitlines(keepends=True)
    rows = [line.replace(ABERAFAN, "E14009999", 1) for line in lines
            if line.startswith(ABERAFAN)]
    path = tmp_path / "typo.csv"
    path.write_text(lines[0] + "".join(rows), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("action", "key"), [("importResults", Qt.Key.Key_Escape),
                                           ("importCandidates", Qt.Key.Key_Return)])
def test_the_2019_file_into_the_2024_night_is_asked_about_and_not_added(
        qtbot, main_window, nominations_db, monkeypatch, action, key):
    window = main_window(nominations_db, user="admin")
    # asked about, not "Import failed" at the first of the 5 seats both years share
    # (other candidates): that stop was luck, and never named the wrong year
    assert _import_results(qtbot, window, monkeypatch, data_file(ELECTION_2019), action) == []
    box = _question(qtbot, window)
    text = box.text()
    assert "would add 645 seats to the 650 already in the election" in text
    assert "W07000049 Aberavon" in text and "and 642 more" in text
    assert "making 1,295 seats?" in text  # figures of four digits read as the strip's do
    assert "looks like another election's file" in text
    assert "--add-seats" not in text  # the window's question, not the command line's advice
    assert box.defaultButton().text() == "&Don't add"
    assert _seats(nominations_db) == 650  # asked before anything is written
    qtbot.keyClick(box, key)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert _seats(nominations_db) == 650
    assert window.statusBar().currentMessage().startswith(
        "Not imported: HoC-GE2019-results-by-candidate.csv")
    assert window.findChild(QMessageBox, "importReport") is None


def test_an_explicit_yes_adds_the_seat(qtbot, main_window, nominations_db, monkeypatch,
                                       tmp_path):
    window = main_window(nominations_db, user="admin")
    assert _import_results(qtbot, window, monkeypatch, _typo(tmp_path)) == []
    box = _question(qtbot, window)
    assert "typo.csv would add 1 seat to the 650 already in the election " \
           "(E14009999 Aberafan Maesteg)" in box.text()
    assert "another election" not in box.text()
    assert [b.text() for b in box.buttons()
            if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole] == ["&Add 1 seat"]
    qtbot.keyClick(QApplication.focusWidget() or box, Qt.Key.Key_A)  # "a" alone: nothing
    assert [b for b in box.buttons() if b.isDown()] == [] and _seats(nominations_db) == 650
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # Help's "Alt+A adds"
    # the import runs again, adding it, and its report says the chamber changed
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "importReport") is not None)
    report = window.findChild(QMessageBox, "importReport")
    assert "it now has 651 seats" in report.text()
    assert _seats(nominations_db) == 651


def test_a_file_of_the_elections_own_seats_is_not_asked_about(
        qtbot, main_window, nominations_db, monkeypatch):
    window = main_window(nominations_db, user="admin")
    _import_results(qtbot, window, monkeypatch, GE2024)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "importReport") is not None)
    assert window.findChild(QMessageBox, "addSeatsQuestion") is None
    assert _seats(nominations_db) == 650
