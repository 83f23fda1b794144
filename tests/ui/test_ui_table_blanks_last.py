"""The results table sorted by a column lists the seats that have something in it first,
whichever way the column points: at 3 a.m. an editor sorting by Declared (latest first),
Majority or Turnout (largest first) sees results, not the hundreds of seats not declared
yet, with the latest result a page or more below them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store
from resultsdesk.ui import constituency_model as cm


def _verify_three(db) -> set[str]:
    """Three seats verified (each a different majority), the rest not declared."""
    with Store(db) as store:
        codes = [r["code"] for r in store.query("SELECT code FROM constituencies "
                                                "ORDER BY name DESC LIMIT 3")]
        for lead, code in enumerate(codes):
            sheet = dk.load_sheet(store, code)
            votes = [100] * len(sheet.candidates)
            votes[0] = 20_000 + 1_000 * lead
            dk.declare(store, code, Figures(votes, 50), user="alice", overrides=WARNING_CODES)
            dk.verify(store, code, user="bob", votes=votes, invalid=50)
    return set(codes)


def _sort_by_header(window, column: int, order: Qt.SortOrder) -> None:
    """Click `column`'s header, as an editor does, until it sorts in `order`."""
    header = window.table.horizontalHeader()
    window.table.scrollTo(window.proxy.index(0, column))
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    for _ in range(3):
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(x, header.height() // 2))
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (column, order):
            return
    raise AssertionError("the header did not sort as asked")


def _shown(window, column: int) -> list[tuple[str, str]]:
    proxy = window.proxy
    return [(proxy.index(r, 0).data(cm.ROW_ROLE).code, proxy.index(r, column).data())
            for r in range(proxy.rowCount())]


@pytest.mark.parametrize("column", [cm.DECLARED, cm.MAJORITY, cm.TURNOUT, cm.WINNER,
                                    cm.RESULT])
@pytest.mark.parametrize("order", [Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder])
def test_seats_not_declared_are_listed_last_whichever_way(qtbot, main_window, nominations_db,
                                                           column, order):
    verified = _verify_three(nominations_db)
    window = main_window(nominations_db, user="eve")
    _sort_by_header(window, column, order)
    shown = _shown(window, column)
    assert {code for code, _ in shown[:3]} == verified  # were the last three of 650
    assert all(text for _, text in shown[:3])
    assert not any(text for _, text in shown[3:])
    # the three themselves in the column's order
    if column == cm.MAJORITY:
        majorities = [int(text.replace(",", "")) for _, text in shown[:3]]
        assert majorities == sorted(majorities,
                                    reverse=order == Qt.SortOrder.DescendingOrder)
