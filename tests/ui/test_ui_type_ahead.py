"""Typing ahead at the results desk: keys typed while a form opens or closes are not lost.

A keyer at 3 a.m. types from the sheet without looking up: the seat's name, Enter, the
figures; Enter in the last field, and the next seat's name at once. On X11 the keyboard moves
between windows only a round trip to the display server later, and Qt lost what was typed in
between: "18336" typed on after Enter in Find was "336" (or "183"), and "bath" typed on after
a save arrived in Find as "ath", whose Enter opened Leigh and Atherton's form for Bath's
sheet (found driving the app with xdotool under Xvfb). Offscreen, keys posted to a window
wait as a display server's do, and QTest's key events to a window take their path.
"""

from __future__ import annotations

from helpers.desk_state import real_votes
from helpers.form_dialogs import queue_in_sight, two_awaiting_verification
from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from resultsdesk.store import Store
from resultsdesk.ui import type_ahead
from resultsdesk.ui.queue_model import NAME

CTRL = Qt.KeyboardModifier.ControlModifier
ST_HELENS_NORTH = "E14001509"
BASILDON = "E14001077"


def _typed_in_find(qtbot, win, text: str) -> None:
    """The desk's window active, Ctrl+F, and `text` typed in Find (not yet Enter)."""
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win.table, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(win.search.hasFocus)
    qtbot.keyClicks(win.search, text)


def _type_into_window(window, text: str) -> None:
    """Keys sent to a top-level window, as the display server sends them to the window it
    thinks has the keyboard."""
    for char in text:
        QTest.keyClick(window, char)


def test_keys_typed_as_a_save_closes_the_form_go_to_find(qtbot, main_window, nominations_db):
    with Store(nominations_db) as store:
        votes = [str(v) for v in real_votes(store, ST_HELENS_NORTH)]
    win = main_window(nominations_db, user="alice")
    _typed_in_find(qtbot, win, "st helens n")
    qtbot.keyClick(win.search, Qt.Key.Key_Return)
    dialog = win.active_dialog
    form = dialog.form
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.vote_edits[0])
    for value in [*votes, "100"]:
        field = QApplication.focusWidget()
        qtbot.keyClicks(field, value)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    with qtbot.waitSignal(form.saved):
        qtbot.keyClick(form.total_edit, Qt.Key.Key_Return)  # saves; the form closes
    assert not dialog.isVisible()
    # typed on at once, before the desk's window has the keyboard back
    _type_into_window(dialog.windowHandle(), "bath")
    assert form.total_edit.text() == ""  # nothing went into the closed form
    assert win.search.text() == "bath"
    QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_Return)
    opened = win.active_dialog
    assert opened is not None and opened.form.sheet.name == "Bath"


def test_figures_typed_while_the_form_opens_go_into_it(qtbot, main_window, nominations_db):
    """Enter in Find, and the first figure typed on at once, while the form is being made
    (the seat read: on a team desk, from the server). Those keys waited for the desk's
    window, which the form then blocked: Qt threw them away, and "18336" keyed fast was
    "336". (Keys posted to the window wait as a display server's do.)"""
    win = main_window(nominations_db, user="alice")
    _typed_in_find(qtbot, win, "st helens n")
    for text, key in [("1", Qt.Key.Key_1), ("8", Qt.Key.Key_8), ("\r", Qt.Key.Key_Return),
                      ("2", Qt.Key.Key_2)]:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.postEvent(win.windowHandle(), QKeyEvent(
                kind, key, Qt.KeyboardModifier.NoModifier, text))
    qtbot.keyClick(win.search, Qt.Key.Key_Return)  # the form is made before they arrive
    dialog = win.active_dialog
    assert dialog is not None
    form = dialog.form
    QApplication.processEvents()  # any key still waiting goes where it would
    assert [e.text() for e in form.vote_edits[:2]] == ["18", "2"]
    assert dialog.focusWidget() is form.vote_edits[1]  # the Enter among them moved on
    assert win.search.text() == "st helens n"


def test_on_x11_the_form_has_the_keyboard_before_keys_are_handled(qtbot, main_window,
                                                                   nominations_db,
                                                                   monkeypatch):
    """On X11 the keys typed after Enter in Find reach the app addressed to the desk's
    window until the display server has given the form the keyboard; the form blocks that
    window, and Qt threw them away ("18336" keyed at 40 ms a key was "183", under Xvfb).
    Enter now returns to the event loop, where those keys are handled (Qt giving them to the
    window that has the keyboard by then), only once the form has it."""
    monkeypatch.setattr(type_ahead, "RETARGETED", {QGuiApplication.platformName()})
    # (its limit out of reach: a busy machine's slow round must not fail the test)
    monkeypatch.setattr(type_ahead, "KEYBOARD_WAIT_MS", 600_000)
    win = main_window(nominations_db, user="alice")
    _typed_in_find(qtbot, win, "st helens n")
    qtbot.keyClick(win.search, Qt.Key.Key_Return)
    dialog = win.active_dialog
    assert dialog is not None and dialog.isActiveWindow()  # before any key is handled
    assert QApplication.focusWidget() is dialog.form.vote_edits[0]


def test_ctrl_s_typed_while_the_form_opens_saves(qtbot, main_window, nominations_db):
    """Every figure typed on after Enter in Find, then Ctrl+S, all before the form shows.
    The keys were typed into the form (`type_into`) by sendEvent, which never meets Qt's
    shortcut map: the figures went in, the Ctrl+S did nothing, and the form stayed open
    for the next seat's name to be typed into it."""
    with Store(nominations_db) as store:
        votes = [str(v) for v in real_votes(store, ST_HELENS_NORTH)]
    win = main_window(nominations_db, user="alice")
    _typed_in_find(qtbot, win, "st helens n")
    typed = [(ch, Qt.Key(ord(ch)), Qt.KeyboardModifier.NoModifier) for ch in "\r".join(votes)]
    typed = [(t, Qt.Key.Key_Return if t == "\r" else k, m) for t, k, m in typed]
    typed += [("\r", Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
              ("1", Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier), ("\x13", Qt.Key.Key_S, CTRL)]
    for text, key, modifiers in typed:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.postEvent(win.windowHandle(), QKeyEvent(kind, key, modifiers, text))
    qtbot.keyClick(win.search, Qt.Key.Key_Return)  # the form is made before they arrive
    dialog = win.active_dialog
    assert dialog is None or not dialog.isVisible()  # saved and closed, by the Ctrl+S
    assert win.model.row_at(win.model._index[ST_HELENS_NORTH]).status.value == "provisional"
    assert win.search.text() == "st helens n"


class _NoKeyboardYet:
    """The application as X11 leaves it just after a form closes: no window has the
    keyboard until the display server says which (offscreen, the next has it at once),
    so the keys typed meanwhile reach the closed form's window."""

    def focusWidget(self) -> None:
        return None

    def __getattr__(self, name: str):
        return getattr(QApplication, name)


def test_keys_typed_as_a_form_from_a_floating_queue_closes_go_to_the_queue(
        qtbot, main_window, nominations_db, monkeypatch):
    """Working down the Verification queue floated onto a second screen: the re-key saved,
    Enter typed on at once for the queue's next seat. The queue's row had the focus back,
    but its window not yet the keyboard (X11), and the key went to the desk's window's
    own focus, Find: it opened the form of the seat Find held (found under Xvfb). Here a
    letter typed on goes to the queue, not into Find's text."""
    two_awaiting_verification(nominations_db, CLEAN, BASILDON)
    window = main_window(nominations_db, user="bob")
    table = queue_in_sight(qtbot, window, 2)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.focus_search()
    qtbot.keyClicks(window.search, "Aldershot")  # Find holds another seat
    qtbot.waitUntil(lambda: window.proxy.searching and window.proxy.rowCount() > 0)
    window.queue_dock.setFloating(True)
    window.queue_dock.show()
    window.queue_dock.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window.queue_dock)
    table.setFocus()
    table.setCurrentIndex(window.queue_model.index(0, 0))
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = window.active_dialog
    form = dialog.form
    assert form.sheet.code == HENDON
    second = window.queue_model.index(1, NAME).data()
    for edit, value in zip([*form.vote_edits, form.invalid_edit], [*CLEAN, 50], strict=True):
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, str(value))
    with monkeypatch.context() as patched:
        patched.setattr(type_ahead, "QApplication", _NoKeyboardYet())
        form.submit()
        assert not dialog.isVisible()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):  # typed on at once,
            # handed to the closed form's window (no window active: no shortcut met it)
            QApplication.sendEvent(dialog.windowHandle(), QKeyEvent(
                kind, Qt.Key.Key_B, Qt.KeyboardModifier.NoModifier, "b"))
    assert window.search.text() == "Aldershot"  # not "Aldershotb"
    # (and the queue on its next row, as the form's close left it)
    assert window.queue_model.index(table.currentIndex().row(), NAME).data() == second
