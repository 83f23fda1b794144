"""The recount question, answered after another desk verified the entry it said would stop
counting ("alice's entry (version 1), awaiting verification, will no longer count."): the
mark went through on the verified first count, which stayed on air under RECOUNT, and
nobody was told. Now the window says what happened and marks nothing
(`desk.meanwhile.refuse_replaced_meanwhile`)."""

from __future__ import annotations

from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow


def test_a_recount_asked_over_an_entry_verified_meanwhile_is_not_marked(
        qtbot, nominations_db, monkeypatch):
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: told.append(text))
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(list(CLEAN), 120))
    application()
    window = MainWindow(nominations_db, user="carol")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.focus_search()
    qtbot.keyClicks(window.search, "Hendon")
    qtbot.keyClick(window.search, Qt.Key.Key_R,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: getattr(window, "recount_box", None) is not None
                    and QApplication.activeWindow() is window.recount_box)
    assert "will no longer count" in window.recount_box.text()

    with Store(nominations_db) as store:  # bob, at another desk, as carol reads the question
        assert dk.verify(store, HENDON, user="bob", votes=list(CLEAN), invalid=120).verified
    qtbot.keyClick(window.recount_box, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: told != [])
    assert "version 1 was verified by bob at " in told[0], told
    assert "The recount was not marked" in told[0]
    with Store(nominations_db) as store:
        sheet = dk.load_sheet(store, HENDON)
        assert not sheet.recount_under_way and sheet.verified.version == 1
