"""A greyed-out action's shortcut says why, as its tooltip does: an editor's window greys
out Declaration > Enter (an editor never enters), and the reason was a tooltip, seen only
by hovering the menu with the mouse; Ctrl+E pressed on a seat did nothing at all, and
someone on the keyboard, or listening, never learnt why. Now the status bar says the
tooltip's words, and a screen reader hears them."""

from __future__ import annotations

from helpers.accounts import FAST
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from resultsdesk.desk import accounts as acc
from resultsdesk.store import Store

CTRL = Qt.KeyboardModifier.ControlModifier


def test_an_editors_ctrl_e_says_why_it_cannot_enter(qtbot, main_window, nominations_db,
                                                    said):
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        acc.add_account(store, "ed", "editor", "ed-password", admin="root", kdf=FAST)
        ed = acc.find_account(store, "ed")
    window = main_window(nominations_db, user=ed)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    enter = window.findChild(QAction, "enterAction")
    assert not enter.isEnabled()
    why = enter.toolTip()
    assert why.startswith("ed is signed in as editor")
    qtbot.keyClick(window.table, Qt.Key.Key_E, CTRL)
    assert window.statusBar().currentMessage() == why
    assert said[-1] == (why, False)
    assert window.table.hasFocus()  # nothing opened, the keyboard where it was


def test_an_allowed_action_keeps_its_shortcut(qtbot, main_window, nominations_db):
    """The words are for a greyed-out action only: a desk account's Ctrl+E still enters
    (no ambiguous shortcut between the action and its reason)."""
    window = main_window(nominations_db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    entered = []
    window.findChild(QAction, "enterAction").triggered.connect(lambda: entered.append(True))
    qtbot.keyClick(window.table, Qt.Key.Key_E, CTRL)
    assert entered == [True]


def test_the_reasons_keys_are_not_listed_again_as_shortcuts(qtbot, main_window,
                                                            nominations_db):
    """Help > Keyboard shortcuts lists Ctrl+E once, as Declaration > Enter declaration…,
    for a role that greys it out too (not a second, nameless Ctrl+E)."""
    from resultsdesk.ui.shortcuts_dialog import window_shortcuts

    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        acc.add_account(store, "ed", "editor", "ed-password", admin="root", kdf=FAST)
        ed = acc.find_account(store, "ed")
    window = main_window(nominations_db, user=ed)
    listed = [s for s in window_shortcuts(window) if "Ctrl+E" in s.keys.split(", ")]
    assert [s.does for s in listed] == ["Enter declaration"]
