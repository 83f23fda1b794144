"""Every item of every menu of the main window has an Alt-letter (its "&"), none twice in
one menu: the View menu's docks had none, and File had two O's (Open database, Chamber order)
and two B's (Back up now, Publishing), Declaration an "End recount" without one."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from resultsdesk.ui.chart_view import ChartView


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" ("&&" is a literal ampersand), lower case."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].lower()
            i += 1
        i += 1
    return None


def test_mnemonic_reads_a_menu_text():
    assert mnemonic("Re&hearsal…") == "h"
    assert mnemonic("Fish && chips") is None
    assert mnemonic("Fish && &chips") == "c"
    assert mnemonic("Recount watch (0)") is None


def menus_of(window) -> dict[str, list[QAction]]:
    """Each menu of the menu bar (and their submenus) by its path, then the window's
    context menus: the results and recount tables', each chart's."""
    found: dict[str, list[QAction]] = {"menu bar": window.menuBar().actions()}

    def walk(menu: QMenu, path: str) -> None:
        found[path] = menu.actions()
        for action in menu.actions():
            if isinstance(action.menu(), QMenu):
                walk(action.menu(), f"{path} > {action.text()}")

    for top in window.menuBar().actions():
        if isinstance(top.menu(), QMenu):
            walk(top.menu(), top.text())
    found["results table"] = window.table.actions()
    found["recount table"] = window.recount_table.actions()
    for view in window.findChildren(ChartView):
        found[f"chart {view.objectName()}"] = list(view._menu_actions)
    return found


def shown(actions: list[QAction]) -> list[QAction]:
    """What the menu shows with words: no separators, none hidden on purpose (the
    read-outs dock's entry on a live night)."""
    return [a for a in actions if not a.isSeparator() and a.isVisible() and a.text()]


def problems(window) -> list[str]:
    out = []
    for path, actions in menus_of(window).items():
        keys: dict[str, str] = {}
        for action in shown(actions):
            key = mnemonic(action.text())
            if key is None:
                out.append(f"{path}: {action.text()!r} has no Alt-letter")
            elif key in keys:
                out.append(f"{path}: {action.text()!r} and {keys[key]!r} share Alt+{key}")
            else:
                keys[key] = action.text()
    return out


@pytest.fixture
def window(main_window, night_db):
    return main_window(night_db, user="alice")


def test_every_menu_item_has_its_own_alt_letter(window, qtbot):
    menus = menus_of(window)
    assert {"&File", "&File > &Import", "&Declaration", "&View", "&View > &Theme",
            "&Help"} <= set(menus)
    view = [a.text() for a in shown(menus["&View"])]
    assert len(view) >= 12, view  # the docks are in it
    assert problems(window) == []


def test_a_dock_keeps_its_alt_letter_when_its_title_changes(window, qtbot):
    """The queue's and the recount watch's titles count their rows ("Verification queue
    (3)"); the View menu's entry follows the title and keeps its letter."""
    action = window.queue_dock.toggleViewAction()
    window.queue_dock.setWindowTitle("Verification queue (3)")
    qtbot.waitUntil(lambda: "(3)" in action.text())
    assert mnemonic(action.text()) is not None, action.text()
    assert action.text().replace("&", "") == "Verification queue (3)"
    assert window.queue_dock.windowTitle() == "Verification queue (3)"  # no "&" on the tab
    assert problems(window) == []


def test_a_window_torn_down_without_closing_calls_back_no_dead_action(qtbot, night_db):
    """Python dropping a window it never closed (a script's end, interpreter exit) deletes
    its docks, whose View-menu actions then say they changed: the Alt-letter keeper must
    not reach for an action already deleted (pytest-qt fails a test on such a slot's
    exception)."""
    import shiboken6

    from resultsdesk.ui.app import application
    from resultsdesk.ui.main_window import MainWindow

    application()
    window = MainWindow(night_db, user="alice")
    window.show()
    qtbot.waitExposed(window)
    shiboken6.delete(window)
    assert not shiboken6.isValid(window)
