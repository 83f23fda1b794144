"""File > Import > Baseline of a file covering fewer seats than the baseline in place: the
window asks first, naming both counts, and only an explicit "Replace" imports it (Enter and
Esc keep the default, "Don't replace"; nothing is written until then). It replaced the
650-seat notional baseline with a one-seat file without a word, and 303 gains went off air."""

from __future__ import annotations

import pytest
from helpers.desk_target import trimmed
from helpers.import_menu import import_by_menu
from helpers.locations import GE2024
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from resultsdesk.store import Store
from resultsdesk.store import repository as repo

ABERAFAN = "W07000081"  # Aberafan Maesteg, in the 2024 file
QUESTION = "fewerBaselineSeatsQuestion"


def _baseline_seats(db) -> list[str]:
    with Store(db) as store:
        return list(repo.baseline_seats(store))


def _import_baseline(qtbot, window, monkeypatch, path) -> list:
    """File > Import > Baseline of `path`; returns the warnings shown (recorded, not shown:
    a modal "Import failed" would stop the test)."""
    warned: list = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    import_by_menu(qtbot, window, monkeypatch, "importBaseline", path)
    return warned


def _question(qtbot, window) -> QMessageBox:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, QUESTION) is not None)
    box = window.findChild(QMessageBox, QUESTION)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box)
    return box


@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_Return], ids=["Esc", "Enter"])
def test_a_one_seat_baseline_is_asked_about_and_not_imported(qtbot, main_window,
                                                             nominations_db, monkeypatch,
                                                             tmp_path, key):
    window = main_window(nominations_db, user="admin")
    before = _baseline_seats(nominations_db)
    assert len(before) == 650
    one = trimmed(GE2024, tmp_path / "one.csv", (ABERAFAN,))
    assert _import_baseline(qtbot, window, monkeypatch, one) == []
    box = _question(qtbot, window)
    assert "one.csv is a baseline of 1 seat that leaves out 649 of the 650 seats of the " \
           "baseline it would replace" in box.text()
    assert "Replace the baseline of 650 seats with this one?" in box.text()
    assert "--fewer-seats" not in box.text()  # the window's question, not the command's advice
    assert box.defaultButton().text() == "&Don't replace"
    assert _baseline_seats(nominations_db) == before  # asked before anything is written
    qtbot.keyClick(box, key)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert _baseline_seats(nominations_db) == before
    assert window.statusBar().currentMessage() == (
        "Not imported: one.csv (a baseline of 1 seat, the one in place has 650).")


def test_an_explicit_replace_imports_it(qtbot, main_window, nominations_db, monkeypatch,
                                        tmp_path):
    window = main_window(nominations_db, user="admin")
    one = trimmed(GE2024, tmp_path / "one.csv", (ABERAFAN,))
    assert _import_baseline(qtbot, window, monkeypatch, one) == []
    box = _question(qtbot, window)
    assert [b.text() for b in box.buttons()
            if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole] == ["&Replace"]
    qtbot.keyClick(box, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Help's "Alt+R"
    qtbot.waitUntil(lambda: _baseline_seats(nominations_db) == [ABERAFAN])
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith(
        "Imported one.csv: 1 constituency"))
