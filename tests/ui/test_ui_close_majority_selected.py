"""A majority in recount range stands out in the results table even on the selected row.

Found at the desk (the 2024 night, dark theme): Find "Hen", Down, and Hendon's row, won by 15,
was drawn like any safe seat's. The recount-range tint is the row's background, which the
selection's highlight paints over, and nothing else marked the row: the seat the desk had
just gone to look at showed "15" plain white on blue. The majority of a close seat is now
drawn bold, which the highlight keeps.
"""

from __future__ import annotations

from helpers.form_dialogs import typed_in_find
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resultsdesk.ui import constituency_model as cm


def _majority_bold(win, row: int) -> bool:
    font = win.proxy.index(row, cm.MAJORITY).data(Qt.ItemDataRole.FontRole)
    return font is not None and font.bold()


def test_hendons_majority_of_15_is_bold_on_the_selected_row(qtbot, main_window, night_db,
                                                           theme):
    win = main_window(night_db, user="alice")
    typed_in_find(qtbot, win, "Hen")
    qtbot.keyClick(win.search, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.table)
    current = win.table.currentIndex()
    assert win.proxy.index(current.row(), cm.NAME).data() == "Hendon"
    assert win.table.selectionModel().isRowSelected(current.row())
    assert win.proxy.index(current.row(), cm.MAJORITY).data() == "15"
    assert _majority_bold(win, current.row())
    # a safe seat's stays plain: bold says "close", not "selected"
    safe = next(r for r in range(win.proxy.rowCount())
                if win.proxy.index(r, cm.NAME).data() == "Southampton Itchen")
    assert not _majority_bold(win, safe)
