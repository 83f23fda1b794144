"""File > Chamber order while another desk saves one: the second save is refused in one line
(whose, when), the dialog opens again with theirs, and the editor's own order is one key
away (Alt+A) to save on it. It overwrote theirs, unseen, before."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from resultsdesk.desk.parties import set_political_order
from resultsdesk.store import Store
from resultsdesk.store import repository as repo
from resultsdesk.ui.party_order import MINE_BELOW, THEIRS_BELOW, PartyOrderDialog
from resultsdesk.ui.style import colours

THEIRS = ["RUK", "Con", "LD", "Lab"]


def _stored(db) -> list[str]:
    with Store(db) as store:
        return [p.abbreviation for p in repo.parties(store)]


def _active(qtbot, dialog: PartyOrderDialog) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.list.setFocus()


def test_an_order_saved_meanwhile_is_shown_not_overwritten(qtbot, main_window, night_db):
    win = main_window(night_db, user="editor")
    seen: list[PartyOrderDialog] = []
    said: list[str] = []
    mine: list[str] = []

    def first(dialog: PartyOrderDialog) -> None:
        _active(qtbot, dialog)
        qtbot.keyClick(dialog.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
        mine[:] = dialog.order()
        with Store(night_db) as other:  # another desk saves while this one edits
            set_political_order(other, THEIRS, user="bea")

    def again(dialog: PartyOrderDialog) -> None:
        refusal = dialog.findChild(QLabel, "partyOrderRefused")
        said.append(refusal.text() if refusal else "")
        # in the alert colour: in the instructions' style the dialog looked as it first had
        assert refusal.palette().color(refusal.foregroundRole()).name() == \
            colours().alert.lower()
        theirs = [a for a in THEIRS if a in dialog.order()]
        assert dialog.order()[:len(theirs)] == theirs  # theirs, as stored now
        _active(qtbot, dialog)  # (a mnemonic is the active window's)
        with qtbot.waitSignal(dialog.findChild(QPushButton, "partyOrderMine").clicked):
            qtbot.keyClick(dialog.list, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
        assert dialog.order() == mine  # Apply mine again
        # ...and the line above the list says so: it still said "Theirs is below" over
        # the editor's own order
        now = refusal.text()
        assert now == said[-1].replace(THEIRS_BELOW, MINE_BELOW) and THEIRS_BELOW not in now
        assert dialog.list.accessibleDescription().startswith(now)

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PartyOrderDialog) or dialog in seen:
            QTimer.singleShot(10, win, drive)
            return
        seen.append(dialog)
        try:
            (first if len(seen) == 1 else again)(dialog)
        finally:
            if len(seen) == 1 or said:  # OK: saved (the second only once looked at)
                qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
            if len(seen) < 2:
                QTimer.singleShot(10, win, drive)  # the dialog again, if it comes

    QTimer.singleShot(0, win, drive)
    win.findChild(QAction, "partyOrder").trigger()  # returns once no dialog is left open
    assert len(seen) == 2, "saved over bea's order without showing it"
    assert said[0].startswith("bea changed the chamber order at ")
    assert said[0].endswith(" while you were editing it, so yours was not saved. Theirs is "
                            "below: apply yours again?")
    assert _stored(night_db)[:len(mine)] == mine  # saved on theirs, once seen


def test_ok_on_an_order_left_as_it_opened_saves_nothing(qtbot, main_window, night_db):
    """Nothing moved, OK: there is nothing of this editor's to save. It was saved anyway
    (an audit entry, every desk redrawing), and, another desk having saved meanwhile,
    refused with "so yours was not saved" and the dialog opened again, for no change."""
    win = main_window(night_db, user="editor")
    seen: list[PartyOrderDialog] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PartyOrderDialog) or dialog in seen:
            QTimer.singleShot(10, win, drive)
            return
        seen.append(dialog)
        _active(qtbot, dialog)
        if len(seen) == 1:
            with Store(night_db) as other:  # another desk saves while this one looks
                set_political_order(other, THEIRS, user="bea")
            qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # OK, nothing moved
            QTimer.singleShot(10, win, drive)  # the dialog again, if it comes
        else:
            qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)

    with Store(night_db) as store:
        entries = len(store.query("SELECT id FROM audit_log"))
    QTimer.singleShot(0, win, drive)
    win.findChild(QAction, "partyOrder").trigger()
    assert len(seen) == 1, "refused an order nobody changed"
    assert _stored(night_db)[:len(THEIRS)] == THEIRS
    with Store(night_db) as store:
        assert len(store.query("SELECT id FROM audit_log")) == entries + 1  # bea's alone
