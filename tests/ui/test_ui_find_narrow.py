"""Find (Ctrl+F) in a window 800 pixels wide (an 800 × 600 screen, a projector, a window
beside another): the search box was squeezed to some 60 pixels by the Status and Nation
filters beside it, so a seat's name typed there showed as its last three or four letters
("icay" of "Basildon & Bilericay"), and a tired hand could not check what it typed before
Enter opened the best match. Where one row would squeeze it, the filters go under it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QToolButton, QWidget

from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_results
from resultsdesk.paths import CONSTITUENCIES_2024, ELECTION_2024, data_file
from resultsdesk.store import Store

CTRL = Qt.KeyboardModifier.ControlModifier
TYPED = "Basildon & Bilericay"  # README's own example of what Find is typed with


@pytest.mark.parametrize("width", [800, 1366])
def test_what_is_typed_in_find_shows_whole_in_a_narrow_window(qtbot, main_window,
                                                              nominations_db, width):
    window = main_window(nominations_db, user="alice")
    window.showNormal()
    window.resize(width, 600)
    qtbot.waitUntil(lambda: window.width() <= width)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClicks(window.search, TYPED)
    assert window.selected_code() == "E14001077"  # found, selected: Enter would open it
    # The room for the text: from the box's left edge to its clear button (shown once
    # something is typed), less the frame and padding on the left.
    search = window.search
    clear = [b for b in search.findChildren(QToolButton) if b.isVisible()]
    room = min((b.x() for b in clear), default=search.width()) - search.style().pixelMetric(
        QStyle.PixelMetric.PM_DefaultFrameWidth) - 2
    needed = search.fontMetrics().horizontalAdvance(TYPED)
    assert needed <= room, f"Find has {room} px for '{TYPED}' ({needed} px): it is cut"
    row = window.findChild(QWidget, "filterRow")
    assert row.two_rows is (width == 800)  # one row wherever it fits (a laptop's width)
    # Tab's order is the same on two rows: Find, the Status filter, the Nation filter
    qtbot.keyClick(search, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.status_filter
    qtbot.keyClick(window.status_filter, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.nation_filter


def test_the_nation_filter_widens_for_the_nations_its_first_import_brings(qtbot, main_window,
                                                                           tmp_path):
    """A new election (`init`) opened before its seats are imported shows an empty Nation
    filter, measured then for no item; the import fills it in ("All nations", England,
    Northern Ireland...), and it stayed that narrow: "All natio" on the row, "Northern Ire"
    chosen."""
    db = tmp_path / "new.db"
    init_election(db, "GE2024").close()
    window = main_window(db, user="alice")
    window.resize(1366, 768)
    qtbot.waitUntil(window.isVisible)
    with Store(db) as other_desk:  # the command line's import, seen within the poll
        import_results(other_desk, data_file(ELECTION_2024),
                       constituencies=data_file(CONSTITUENCIES_2024), user="import")
    combo = window.nation_filter
    qtbot.waitUntil(lambda: combo.count() == 5)
    # What a combo box of the same items measures, shown for the first time with them
    fresh = QComboBox()
    qtbot.addWidget(fresh)
    for i in range(combo.count()):
        fresh.addItem(combo.itemText(i))
    fresh.show()
    needed = fresh.sizeHint().width()
    qtbot.waitUntil(lambda: combo.width() >= needed)
