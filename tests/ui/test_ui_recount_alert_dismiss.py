"""The recount banner is taken down by whoever has read it, from the keyboard as with the
mouse. It had nothing to click and no key: "Recount range: Hendon: Lab majority 15" stayed in
red over the watch until the next close result. Its Dismiss button is reached by Tab, ringed
as every focused button is (either theme), and pressed by Space, or Esc while it has the
focus; the seats stay on the watch, and the next close result raises a banner of its own."""

from __future__ import annotations

from helpers.party_votes import declare_by_party
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from resultsdesk.store import Store
from resultsdesk.ui.style import colours

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _close_result(qtbot, window, db, name: str, votes: dict[str, int]) -> None:
    """Another desk verifies `name` in recount range; the window hears of it."""
    with Store(db) as store:
        declare_by_party(store, name, votes)
    qtbot.waitUntil(lambda: name in window.recount_alert.text())  # the live feed heard it


def _tab_to(qtbot, window, target) -> int:
    """Tab from where the focus is until it is on `target`: how many presses (at most one
    round of the window's stops)."""
    for presses in range(1, 60):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is target:
            return presses
    raise AssertionError(f"Tab never reached {target.objectName()}")


def _ringed(button) -> bool:
    """The focus ring's colour down the button's left edge."""
    image = button.grab().toImage()
    ring = QColor(colours().focus)
    return all(image.pixelColor(1, y) == ring for y in (4, button.height() // 2))


def test_tab_then_esc_dismisses_the_recount_alert(qtbot, main_window, nominations_db, theme):
    window = main_window(nominations_db, user="eve")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    _close_result(qtbot, window, nominations_db, "Hendon", {"Lab": 15_855, "Con": 15_840})
    assert window.recount_alert.isVisible()
    assert "Hendon" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)  # the keys start in Find
    button = window.recount_alert.dismiss_button
    _tab_to(qtbot, window, button)
    assert button.isVisible() and _ringed(button)
    # the watch's first stop: the watch's list comes next, the button before it again
    qtbot.keyClick(button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.recount_table
    qtbot.keyClick(window.recount_table, Qt.Key.Key_Tab, SHIFT)
    assert QApplication.focusWidget() is button

    qtbot.keyClick(button, Qt.Key.Key_Escape)
    assert not window.recount_alert.isVisible()
    assert window.alerted_now == [] and not window.alert_time.isActive()
    assert "Hendon" not in window.statusBar().currentMessage()  # read: its red line too
    assert QApplication.focusWidget() is window.recount_table  # on down the dock
    assert window.recount_model.rowCount() == 1  # Hendon is still watched
    assert window.isVisible()  # Esc took nothing else down

    # The next close result is a banner of its own, not joined to the one dismissed.
    _close_result(qtbot, window, nominations_db, "Poole", {"Lab": 14_168, "Con": 14_150})
    assert window.recount_alert.isVisible()
    assert "Hendon" not in window.recount_alert.text()
    assert [r.name for r in window.alerted_now] == ["Poole"]
    qtbot.keyClick(window.recount_table, Qt.Key.Key_Tab, SHIFT)
    assert QApplication.focusWidget() is button
    qtbot.keyClick(button, Qt.Key.Key_Space)  # a button's own key
    assert not window.recount_alert.isVisible() and window.alerted_now == []


def test_esc_on_the_dismiss_key_is_listed(qtbot, main_window, nominations_db):
    window = main_window(nominations_db, user="eve")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.table, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window, "shortcuts_dialog", None) is not None
                    and window.shortcuts_dialog.isVisible())
    listed = [(keys, does) for _, keys, does in window.shortcuts_dialog.rows()]
    assert any("Esc" in keys and "Dismiss" in does and "recount alert" in does
               for keys, does in listed)
    qtbot.keyClick(window.shortcuts_dialog.tree, Qt.Key.Key_Escape)
