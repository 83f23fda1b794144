"""History's columns at first open: each at least as wide as its title, and every column in
sight. Sized to their contents, one long note (a rejection's comment, a correction's reason)
widened its version's column past the dialog's side, the later versions out of sight, and a
long trail line put "What happened" off the side too; now such a text wraps."""

from __future__ import annotations

from helpers.history import on_history
from helpers.seats import HENDON
from PySide6.QtWidgets import QTableWidget, QTabWidget

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.session import open_desk
from resultsdesk.domain.model import Figures

FIRST = (2667, 1966, 139, 12000, 1518, 3038, 18000, 233)
COMMENT = ("Con pile miscounted: the returning officer's clerk put a bundle of Labour votes "
           "on the Conservative table, found when the bundles were checked again")


def test_every_column_is_titled_in_full_and_in_sight(qtbot, main_window, nominations_db):
    with open_desk(nominations_db) as desk:
        dk.declare(desk, HENDON, Figures(FIRST, 50), user="alice")
        dk.mark_recount(desk, HENDON, user="bob")
        dk.declare(desk, HENDON, Figures(FIRST, 50), user="alice")
        dk.reject(desk, HENDON, user="bob", comment=COMMENT)
        dk.declare(desk, HENDON, Figures(FIRST, 50), user="alice")
    window = main_window(nominations_db, user="bob")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.select_code(HENDON)
    seen: list[tuple[str, int, str, int, int, int]] = []

    def act(dialog) -> None:
        # At the width it opens at on a laptop's screen; the offscreen screen (800 px) is
        # narrower, and the dialog is kept to it (`sizing.fitting_size`), its tables scrolling.
        dialog.resize(1100, dialog.height())
        tabs = dialog.findChild(QTabWidget)
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            table = tabs.widget(i)
            assert isinstance(table, QTableWidget)
            header = table.horizontalHeader()
            for c in range(table.columnCount()):
                title = table.horizontalHeaderItem(c).text()
                seen.append((table.objectName(), c, title, header.sectionSize(c),
                             header.fontMetrics().horizontalAdvance(title),
                             header.length() - table.viewport().width()))

    on_history(qtbot, window, act)
    assert {(name, title) for name, _, title, *_ in seen} >= {
        ("versionsTable", "Version 3"), ("auditTable", "What happened")}
    for name, column, title, width, title_width, beyond in seen:
        assert width >= title_width + 6, (name, column, title, width)  # and a margin
        assert beyond <= 0, (name, "wider than the dialog by", beyond)
