"""File > Import's report by keyboard: the warnings accepted, one per seat, under Show
Details. Qt's message box gives its details text no keyboard focus, so Tab went round OK
and Show Details alone: the list could be neither scrolled nor copied but with the mouse.
Now Tab reaches it, ringed as every stop is, the keys scroll it and Ctrl+A, Ctrl+C copy it."""

from __future__ import annotations

from helpers.import_menu import import_by_menu
from helpers.locations import GE2024
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QTextEdit

from resultsdesk.ui.style import colours

CTRL = Qt.KeyboardModifier.ControlModifier



def _ringed(image: QImage) -> bool:
    """The theme's focus colour down the left edge (its first 3 px)."""
    target = QColor(colours().focus)
    edge = QRect(0, 0, 3, image.height())
    return any(image.pixelColor(x, y) == target
               for y in range(edge.top(), edge.bottom() + 1) for x in range(3))


def _tab(qtbot) -> object:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    return QApplication.focusWidget()


def test_the_import_reports_details_are_reached_scrolled_and_copied_by_keyboard(
        qtbot, main_window, nominations_db, monkeypatch, theme):
    window = main_window(nominations_db, user="admin")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    import_by_menu(qtbot, window, monkeypatch, "importResults", GE2024)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "importReport") is not None)
    box = window.findChild(QMessageBox, "importReport")
    qtbot.waitUntil(box.isActiveWindow)
    details = box.findChild(QTextEdit)
    ok = QApplication.focusWidget()
    assert isinstance(ok, QPushButton) and ok.text() == "OK"  # Enter still closes it
    show = _tab(qtbot)
    assert show.text() == "Show Details..."
    unfocused = details.grab().toImage()
    qtbot.keyClick(show, Qt.Key.Key_Space)
    qtbot.waitUntil(details.isVisible)
    assert not _ringed(details.grab().toImage()) and not _ringed(unfocused)
    stops = [_tab(qtbot) for _ in range(3)]
    assert details in stops, stops  # after Hide Details, before OK again
    while QApplication.focusWidget() is not details:
        _tab(qtbot)
    qtbot.waitUntil(lambda: _ringed(details.grab().toImage()), timeout=2000)
    bar = details.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0  # 13 warnings, a few lines in sight
    qtbot.keyClick(details, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    qtbot.keyClick(details, Qt.Key.Key_End, CTRL)  # to the last seat, brought into sight
    assert details.textCursor().atEnd()
    assert details.viewport().rect().contains(details.cursorRect())
    QApplication.clipboard().clear()
    qtbot.keyClick(details, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(details, Qt.Key.Key_C, CTRL)
    qtbot.waitUntil(lambda: QApplication.clipboard().text() == box.detailedText())
    assert "Poole: Majority of 18 (0.04%) is in recount range" in QApplication.clipboard().text()
    assert box.isVisible() and _tab(qtbot) is ok  # Tab goes on round, out of the text
    qtbot.keyClick(ok, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible())
