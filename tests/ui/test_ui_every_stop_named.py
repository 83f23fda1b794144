"""Every stop Tab reaches, in the main window and in every dialog it opens, has a name a
screen reader says (QAccessible's Name, as a screen reader asks it: a name set, a label
beside it that is its buddy, or its own text), one that tells it apart from the window's
other stops, and Tab goes round them all and back to where it started (nothing left out,
no trap). Walked on a night with results, each dialog opened as the desk opens it.

Left out, because Qt gives the focus elsewhere: a widget whose focus proxy takes it (a
spin box's own line edit, a tab widget's bar), the proxy itself being walked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from helpers.accounts import FAST, shown_sign_in
from helpers.rehearsal import build
from helpers.seats import BASILDON, HENDON, HENDON_2024
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import QApplication, QDialog, QDockWidget, QTabBar, QWidget

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
TAB = Qt.FocusPolicy.TabFocus
AWAITING = "W07000081"  # Aberafan Maesteg, no declaration yet
BASILDON_VOTES = (100, 200, 300, 20000, 400, 500, 19000, 600, 700, 800, 900, 1000, 1100)


def _stops(window: QWidget) -> list[QWidget]:
    """`window`'s widgets Tab may stop at, shown (a box greyed out until a choice is made
    counts: the choice is in the same window), its focus proxies' owners left out, and so
    are a dock's behind another's tab (its bar is the stop; Qt counts them as visible)."""
    return [w for w in window.findChildren(QWidget)
            if w.window() is window and (w.focusPolicy() & TAB) == TAB
            and w.focusProxy() is None and w.isVisible() and not _behind_a_tab(w)]


def _behind_a_tab(widget: QWidget) -> bool:
    parent = widget
    while parent is not None and not isinstance(parent, QDockWidget):
        parent = parent.parentWidget()
    return parent is not None and parent.visibleRegion().isEmpty()


def _name(widget: QWidget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name).strip()


def _who(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName()!r} in {widget.window().objectName()!r}"


def _tab_round(qtbot, window: QWidget) -> list[QWidget]:
    """The stops Tab goes through from where the focus is until it comes back there."""
    start = QApplication.focusWidget()
    assert start is not None and start.window() is window, start
    seen = [start]
    for _ in range(len(_stops(window)) + 2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is start:
            return seen
        seen.append(now)
    raise AssertionError(f"Tab never came back to {_who(start)}: {[_who(w) for w in seen]}")


def _problems(qtbot, window: QWidget) -> list[str]:
    """What a screen reader or a keyboard would find wrong with `window`'s stops."""
    stops = _stops(window)
    found = [f"no name: {_who(w)}" for w in stops if not _name(w)]
    # A tab bar is named by its current tab (Qt's), the title of the dock it shows.
    names = Counter(_name(w) for w in stops if w.isEnabled() and not isinstance(w, QTabBar))
    found += [f"{count} stops named {name!r} in {window.objectName()!r}"
              for name, count in names.items() if name and count > 1]
    reached = _tab_round(qtbot, window)
    found += [f"Tab never reaches {_who(w)}" for w in stops
              if w.isEnabled() and w not in reached]
    found += [f"Tab leaves the window for {w and _who(w)}" for w in reached
              if w is None or w.window() is not window]
    return found


def _on_dialog(qtbot, window: QWidget, open_it: Callable[[], None],
               ready: Callable[[QDialog], None] | None = None) -> tuple[str, list[str]]:
    """Open a dialog of `window` (`open_it`), then `ready(dialog)` and the walk, then close
    it: modal dialogs are driven from the event loop, polling until one is up. Its title,
    and what the walk found."""
    found: list[str] = []
    title: list[str] = []
    done: list[bool] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        if dialog is None or focus is None or focus.window() is not dialog:
            QTimer.singleShot(10, window, drive)
            return
        title.append(dialog.windowTitle())
        try:
            if ready is not None:
                ready(dialog)
            found.extend(_problems(qtbot, dialog))
        finally:
            done.append(True)
            dialog.reject()

    QTimer.singleShot(0, window, drive)
    open_it()
    qtbot.waitUntil(lambda: bool(done))
    return title[0], found


def _night(db) -> None:
    """Hendon entered by alice (awaiting verification), Basildon entered and verified."""
    with Store(db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
        votes = BASILDON_VOTES[:len(dk.load_sheet(store, BASILDON).candidates)]
        dk.declare(store, BASILDON, user="alice", figures=Figures(votes, 50))
        dk.verify(store, BASILDON, user="carol", votes=votes, invalid=50)


def test_every_stop_of_the_window_and_its_dialogs_is_named_and_reached(
        qtbot, main_window, nominations_db):
    _night(nominations_db)
    window = main_window(nominations_db, user="bob")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    found = _problems(qtbot, window)

    def keys(code: str | None, key: Qt.Key, modifiers=CTRL) -> Callable[[], None]:
        def press() -> None:
            if code is not None:
                window.select_code(code)
            window.activateWindow()  # back from the dialog before, as a window manager does
            qtbot.waitUntil(window.isActiveWindow)
            window.table.setFocus()
            qtbot.keyClick(window.table, key, modifiers)
        return press

    def menu(name: str) -> Callable[[], None]:
        return lambda: window.findChild(QAction, name).trigger()

    def own_files(dialog: QDialog) -> None:  # its file boxes in use, as they are then
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(dialog.results.isEnabled)

    opened = []
    for open_it, ready in (
            (keys(AWAITING, Qt.Key.Key_E), None),  # the entry form
            (keys(HENDON, Qt.Key.Key_V, CTRL_SHIFT), None),  # the verification re-key
            (keys(BASILDON, Qt.Key.Key_C, CTRL_SHIFT), None),  # the correction
            (keys(HENDON, Qt.Key.Key_H), None),  # History
            (keys(HENDON, Qt.Key.Key_E, CTRL_SHIFT), None),  # Export graphic
            (keys(None, Qt.Key.Key_U, CTRL_SHIFT), None),  # Switch user
            (keys(None, Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier), None),  # shortcuts
            (menu("preferences"), None),
            (menu("partyOrder"), None),
            (menu("publishing"), None),
            (menu("rehearsalAction"), own_files),
            (menu("aboutAction"), None)):
        title, problems = _on_dialog(qtbot, window, open_it, ready)
        opened.append(title)
        found += problems
    assert found == []
    assert opened == [
        "Enter declaration: Aberafan Maesteg", "Verify: re-key the figures: Hendon",
        "Correct verified result: Basildon and Billericay", "History: Hendon",
        "Export graphic", "Who is at the desk?", "Keyboard shortcuts", "Preferences",
        "Chamber order", "Publishing", "Rehearsal", "About ResultsDesk"]


def test_every_stop_of_a_rehearsal_window_is_named_and_reached(qtbot, main_window, tmp_path):
    db = build(tmp_path / "practise.db", mode="practise", speed=3600, until="23:32")
    window = main_window(db, user="alice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    assert _problems(qtbot, window) == []


def test_every_stop_of_the_sign_in_is_named_and_reached(qtbot, nominations_db):
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        dialog = shown_sign_in(qtbot, store)
        assert _problems(qtbot, dialog) == []


@pytest.mark.parametrize("widget", ["spin box", "tab widget"])
def test_a_stop_whose_focus_goes_to_its_proxy_is_left_to_the_proxy(qtbot, widget):
    """The allow-list, and only it: Qt gives the focus of these to another widget."""
    from PySide6.QtWidgets import QSpinBox, QTabWidget, QVBoxLayout

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    if widget == "spin box":
        box = QSpinBox(window)
        box.setAccessibleName("Minutes")
        layout.addWidget(box)
        inner = box.lineEdit()
    else:
        box = QTabWidget(window)
        box.addTab(QWidget(), "First")
        layout.addWidget(box)
        inner = box
    window.show()
    assert (inner.focusPolicy() & TAB) == TAB and inner.focusProxy() is not None
    assert inner not in _stops(window)
