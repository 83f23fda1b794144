"""The audit head hash copied by keyboard: README asks the desk to write it down or
publish it, and the status bar shows its first 16 digits, the whole hash only on hover and
the copy only on a right-click of a label no Tab reaches. File > Copy audit head hash
(Alt+F, C) copies it whole and says it, so a screen reader hears it too."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu

from resultsdesk.desk.audit import check_database

ALT = Qt.KeyboardModifier.AltModifier


def test_file_menu_copies_the_whole_head_hash_and_says_it(qtbot, main_window, night_db,
                                                          said):
    window = main_window(night_db, user="alice")
    check = check_database(night_db)
    qtbot.waitUntil(lambda: window.audit_label.head_hash == check.head_hash)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.focus_search()
    qtbot.waitUntil(window.search.hasFocus)
    QGuiApplication.clipboard().setText("something else")
    qtbot.keyClick(window.search, Qt.Key.Key_F, ALT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_C)  # &Copy audit head hash
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    assert QGuiApplication.clipboard().text() == check.head_hash
    told = f"Copied the audit head hash: {check.head_hash}"
    assert window.statusBar().currentMessage() == told
    assert said[-1] == (told, False)
    assert window.search.hasFocus()  # the keyboard left where it was


def test_nothing_to_copy_while_the_check_has_not_said(qtbot, main_window, night_db):
    window = main_window(night_db, user="alice")
    window.audit_label.head_hash = ""  # as before the first check (or a failed one)
    copy = window.findChild(QAction, "copyAuditHeadMenu")
    copy.trigger()
    assert window.statusBar().currentMessage() == ("No audit head hash to copy: no audit "
                                                   "check has given one yet")
