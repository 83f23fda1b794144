"""The results table sorted by a column where many rows are level (Status: hundreds of
seats verified; Majority: seats not declared) lists them as a window opened now would: a
row updated in place must not land at one end of its level run (where Qt's sorted proxy
puts a changed row back) while a fresh window keeps them in name order."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures, Status
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store
from resultsdesk.ui import constituency_model as cm

LANDSLIDE = 20_000  # Labour's votes; every other candidate 100: the same majority everywhere


def _codes_with_labour(db, n: int) -> list[str]:
    """`n` seats Labour stands in, A-Z by name."""
    with Store(db) as store:
        out = []
        for row in store.query("SELECT code FROM constituencies ORDER BY name"):
            code = row["code"]
            if any(c.party == "Lab" for c in dk.load_sheet(store, code).candidates):
                out.append(code)
            if len(out) == n:
                return out
    raise AssertionError("not enough seats")


def _verify_landslide(db, code: str) -> None:
    with Store(db) as store:
        sheet = dk.load_sheet(store, code)
        votes = [LANDSLIDE if c.party == "Lab" else 100 for c in sheet.candidates]
        dk.declare(store, code, Figures(votes, 50), user="alice", overrides=WARNING_CODES)
        dk.verify(store, code, user="bob", votes=votes, invalid=50)


def _click_header(window, column: int, order: Qt.SortOrder) -> None:
    """Click `column`'s header (as someone sorting the list would) until it sorts in
    `order`."""
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    for _ in range(2):
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(x, header.height() // 2))
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (column, order):
            return
    raise AssertionError("the header did not sort as asked")


def _shown_codes(window) -> list[str]:
    proxy = window.proxy
    return [proxy.data(proxy.index(r, 0), cm.ROW_ROLE).code for r in range(proxy.rowCount())]


@pytest.mark.parametrize("column", [cm.STATUS, cm.MAJORITY])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_level_rows_keep_the_order_a_fresh_window_shows(qtbot, main_window, nominations_db,
                                                        column, order):
    window = main_window(nominations_db, user="carol")
    _click_header(window, column, order)
    codes = _codes_with_labour(nominations_db, 4)
    # Verified Z-A and A-Z halves: a row put back at either end of its level run shows.
    for code in [codes[1], codes[0], codes[2], codes[3]]:
        _verify_landslide(nominations_db, code)
        with qtbot.waitSignal(window.refreshed, timeout=5000):
            window.refresh_if_changed()
    fresh = main_window(nominations_db, user="carol")
    _click_header(fresh, column, order)
    assert _shown_codes(window) == _shown_codes(fresh)


def _row(code: str, name: str, status: Status, majority: int | None) -> cm.ConstituencyRow:
    return cm.ConstituencyRow(code, name, "England", "London", status, None, None, False,
                              majority=majority)


# Given out of name order, names differing only in case ("Mid Ulster" sorts after "Mid
# and South Pembrokeshire" in the Name column, before it where a plain sort of text puts
# capitals first), statuses and majorities level in places.
GIVEN = [_row("E4", "Sutton and Cheam", Status.VERIFIED, 120),
         _row("N1", "Mid Ulster", Status.AWAITING, None),
         _row("E2", "Richmond Park", Status.VERIFIED, 120),
         _row("W1", "Mid and South Pembrokeshire", Status.PROVISIONAL, 80),
         _row("E3", "Sutton Coldfield", Status.VERIFIED, 5_000),
         _row("E1", "Richmond and Northallerton", Status.AWAITING, None),
         _row("E5", "aldridge-Brownhills", Status.VERIFIED, 80)]


@pytest.mark.parametrize("column", range(len(cm.COLUMNS)))
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_each_column_sorts_level_rows_in_the_order_they_were_given(qtbot, column, order):
    """Whatever order the rows come in, each column lists them by its key, rows level on it
    in the order given whichever way it points, blank cells (key None) last; Name A-Z too,
    the list as it opens (the model keeps its rows so): only their order given decides
    between level rows."""
    from PySide6.QtWidgets import QTableView

    model = cm.ConstituencyTableModel()
    proxy = cm.ConstituencyFilter()
    proxy.setSourceModel(model)
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(cm.NAME, Qt.SortOrder.AscendingOrder)
    model.set_rows(list(GIVEN), {})
    table.sortByColumn(column, order)
    shown = [proxy.index(r, 0).data(cm.ROW_ROLE).code for r in range(proxy.rowCount())]
    down = order == Qt.SortOrder.DescendingOrder
    keyed = [i for i in range(len(GIVEN)) if model.sort_key(GIVEN[i], column) is not None]
    expected = sorted(keyed, reverse=down,  # a stable sort, either way
                      key=lambda i: model.sort_key(GIVEN[i], column))
    expected += [i for i in range(len(GIVEN)) if i not in keyed]
    assert shown == [GIVEN[i].code for i in expected]
