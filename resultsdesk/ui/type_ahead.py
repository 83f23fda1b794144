"""Keys typed ahead at the results desk, kept for where the keyboard is going.

A keyer at 3 a.m. types from the returning officer's sheet without looking up: the seat's
name, Enter, the figures; Enter in the last field, and the next seat's name at once. The
keyboard moves between windows meanwhile (the form opening, the form closing), and on X11
the display server moves it only when asked, tens of milliseconds later (longer under a
busy window manager); Qt lost what was typed in between:
- Opening: the keys typed while the form was made (the seat read: on a team desk, from
  the server) and until the form had the keyboard were addressed to the desk's window,
  which the form blocks, and thrown away: "18336" typed on after Enter was "336" or "183".
  Those already waiting are taken from the window before the form shows
  (`keys_typed_meanwhile`) and typed into it (`type_into`); on X11 the rest wait until it
  has the keyboard (`hold_keys_until_active`), when Qt gives them to it.
- Closing: the keys went to the closed form's hidden field: "bath" arrived in Find as
  "ath", and Enter opened Leigh and Atherton's form for Bath's sheet (`forward_stray_keys`).
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut, QWindow
from PySide6.QtWidgets import QApplication, QWidget

_KEYS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)


class StrayKeys(QObject):
    """On a dialog's window: a key arriving once the dialog is hidden is sent on to the
    widget `home` gives the keyboard back to (`back_to`'s, else its window's focus
    widget), in the order typed."""

    def __init__(self, dialog: QWidget, home: QWidget,
                 back_to: Callable[[], QWidget | None] | None = None) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._home = home
        self._back_to = back_to

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() not in _KEYS or self._dialog.isVisible()
                or not isinstance(event, QKeyEvent)):
            return False
        target = self._target()
        if target is not None:
            QApplication.sendEvent(target, _copy(event))
        return True  # never into the closed form's fields

    def _target(self) -> QWidget | None:
        """Where the keyboard went back to: the application's focus widget once a window
        has it (a floating dock's too), until then the one the desk chose: on X11 a floating
        dock's row is given the focus well before its window has the keyboard, and the
        desk's window's own focus (Find) took the Enter typed on at once, working down a
        floating Verification queue: it opened Find's seat's form, not the queue's next."""
        focused = QApplication.focusWidget()
        if focused is not None and not self._dialog.isAncestorOf(focused):
            return focused
        back = self._back_to() if self._back_to is not None else None
        if back is not None and shiboken6.isValid(back) and back.isVisible():
            return back
        return self._home.window().focusWidget()


def forward_stray_keys(dialog: QWidget, home: QWidget,
                       back_to: Callable[[], QWidget | None] | None = None) -> None:
    """Keys typed at `dialog`'s window after it closes go to `home`'s window instead, or
    to the widget `back_to` says the focus was given back to in another window. Call
    it once the dialog is shown: its window is watched (keys reach the window before any
    widget), and made before the dialog shows, it was made without the dialog's modality
    (a window lock then left the desk's window, under it, with the keyboard)."""
    window = dialog.windowHandle()
    if window is not None:
        window.installEventFilter(StrayKeys(dialog, home, back_to))


# Clicks at the app's windows while a form was being made: dropped, as the form's blocking of
# the desk's window would have dropped them (a double click on another row opened a second
# form).
_CLICKS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
           QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel)


class _Held(QObject):
    """On the application: the keys reaching any of its windows kept, the clicks dropped.
    (Watched as they reach a window, before it hands them to a widget: a floating dock's
    too, where Enter on the Verification queue opened a second form inside the first.)"""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[QKeyEvent] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QWindow):
            return False
        if event.type() in _KEYS and isinstance(event, QKeyEvent):
            self.keys.append(_copy(event))
            return True
        return event.type() in _CLICKS


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(event.type(), event.key(), event.modifiers(), event.nativeScanCode(),
                     event.nativeVirtualKey(), event.nativeModifiers(), event.text(),
                     event.isAutoRepeat(), event.count())


FLUSH_MS = 50  # at most, taking the keys waiting: more come only as fast as a person types


def keys_typed_meanwhile() -> list[QKeyEvent]:
    """The keys typed at the app's windows while the work just done (making a form: the
    seat read, on a team desk from the server) held the event loop, taken from them. Call
    it just before a dialog opens over the desk's window: once it blocks the window, the
    display server's keys still sent there are thrown away by Qt, and the first figures
    typed on after Enter in Find were lost ("18336" keyed as "336")."""
    held = _Held()
    # On each of the app's windows, not on the app: a filter there meets every widget, and
    # the first with no Python object yet is matched against every widget class PySide
    # has, building them all (~30 ms: `window_lock`, tests/ui/test_startup_modules.py).
    windows = QGuiApplication.topLevelWindows()
    for window in windows:
        window.installEventFilter(held)
    try:
        # Until a round delivers nothing more: a key read from the display server in the
        # last round may be handed on only in the next, and handed on once the form
        # blocks the window, it was thrown away ("439" keyed as "43").
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, FLUSH_MS)
    finally:
        for window in windows:
            if shiboken6.isValid(window):
                window.removeEventFilter(held)
    return held.keys


def type_into(dialog: QWidget, keys: list[QKeyEvent]) -> None:
    """`keys` typed at `dialog`'s window, as its own are: each where its focus is by then
    (an Enter among them moves it on; a Ctrl+S saves), and once a save among them has
    closed it, where the keyboard goes back to (`forward_stray_keys`)."""
    window = dialog.windowHandle()
    for event in keys:
        if not _as_shortcut(dialog, event):
            QApplication.sendEvent(window if window is not None else dialog, event)


def _as_shortcut(dialog: QWidget, event: QKeyEvent) -> bool:
    """Whether `event` is a key press of one of `dialog`'s own shortcuts, then activated.
    Qt's shortcut map meets a key as the display server hands it over, before any window
    does; sent on (sendEvent) it never does, and a Ctrl+S typed ahead with the figures did
    nothing: the form stayed open, the next seat's name typed into it. (Not the shortcut
    where the field with the focus takes the key itself, as Qt asks it first.)"""
    if event.type() != QEvent.Type.KeyPress or not dialog.isVisible():
        return False
    sequence = QKeySequence(event.keyCombination())
    found = [s for s in dialog.findChildren(QShortcut) if _answers(s, sequence, dialog)]
    if not found:
        return False
    override = QKeyEvent(QEvent.Type.ShortcutOverride, event.key(), event.modifiers(),
                         event.text())
    override.ignore()
    QApplication.sendEvent(dialog.focusWidget() or dialog, override)
    if override.isAccepted():
        return False
    found[0].activated.emit()
    return True


def _answers(shortcut: QShortcut, sequence: QKeySequence, dialog: QWidget) -> bool:
    """Whether `shortcut` takes `sequence` in `dialog`, as Qt's map matches it: enabled,
    and its widget shown, in that window."""
    owner = shortcut.parent()
    return (shortcut.isEnabled() and sequence in QShortcut.keys(shortcut)
            and isinstance(owner, QWidget) and owner.isVisible() and owner.window() is dialog)


KEYBOARD_WAIT_MS = 500  # a window manager that never gives the form the keyboard: go on
# Platforms whose keys Qt gives to the window that has the keyboard when it handles them (X11:
# the window it has heard got it), not to the one they were typed at. Elsewhere the keys
# were typed at the desk's window (`keys_typed_meanwhile`), and a form is given the keyboard
# as it shows (Windows) or when the test says so (offscreen).
RETARGETED = {"xcb"}


def hold_keys_until_active(dialog: QWidget, limit_ms: int | None = None) -> None:
    """Until `dialog`, just shown, has the keyboard (or `limit_ms` passed): everything but
    the keys and clicks, which wait. On X11 the display server sends the keys typed until
    then to the window it last gave the keyboard to, which the dialog blocks, and Qt threw
    them away ("18336" keyed fast was "183"); handled once the dialog has it, Qt gives them
    to the dialog, where its focus is."""
    if QGuiApplication.platformName() not in RETARGETED:
        return
    limit_ms = KEYBOARD_WAIT_MS if limit_ms is None else limit_ms
    timer = QElapsedTimer()
    timer.start()
    wait = QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
    # (the events handled meanwhile may close the form, or free it: checked each round)
    while (shiboken6.isValid(dialog) and dialog.isVisible() and not dialog.isActiveWindow()
           and timer.elapsed() < limit_ms):
        QApplication.processEvents(wait, max(1, limit_ms - timer.elapsed()))
