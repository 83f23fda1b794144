"""File > Import in the window: the whole report reaches the person importing, as the
command line prints it (the warnings accepted as overrides, new seats), not only what fits
in the status bar."""

from __future__ import annotations

from helpers.import_menu import import_by_menu
from helpers.locations import GE2024
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox


def _import_results(qtbot, window, monkeypatch, path) -> None:
    import_by_menu(qtbot, window, monkeypatch, "importResults", path)


def test_the_import_report_is_shown_whole(qtbot, main_window, nominations_db, monkeypatch):
    window = main_window(nominations_db, user="admin")
    _import_results(qtbot, window, monkeypatch, GE2024)
    # The status bar draws one line, and the news of the refresh that follows (the seats
    # now in recount range) takes it at once: the report stays in a box until read, what
    # was accepted listed seat by seat.
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "importReport") is not None)
    box = window.findChild(QMessageBox, "importReport")
    assert box.isVisible()
    assert box.text().startswith("Imported HoC-GE2024-results-by-candidate.csv: 650 ")
    assert "13 warnings accepted as imported" in box.text()
    assert "Poole: Majority of 18 (0.04%) is in recount range" in box.detailedText()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not box.isVisible())


def test_a_plain_import_needs_no_report(qtbot, main_window, nominations_db, monkeypatch,
                                        tmp_path):
    window = main_window(nominations_db, user="admin")
    path = tmp_path / "Aberafan.csv"
    lines = GE2024.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + "".join(line for line in lines if line.startswith("W07000081,")),
                    encoding="utf-8")
    _import_results(qtbot, window, monkeypatch, path)
    message = window.statusBar().currentMessage()
    assert message.startswith("Imported Aberafan.csv: 1 ") and "\n" not in message
    assert window.findChild(QMessageBox, "importReport") is None


def test_the_file_dialog_offers_every_kind_of_file_read(qtbot, main_window, nominations_db,
                                                        monkeypatch):
    """JSON results, and Excel's "Unicode Text" (.txt), are read: the dialog shows them."""
    window = main_window(nominations_db, user="admin")
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: asked.append(a) or ("", ""))
    window.findChild(QAction, "importResults").trigger()
    first_filter = asked[0][3].split(";;")[0]
    for pattern in ("*.csv", "*.json", "*.txt"):
        assert pattern in first_filter
