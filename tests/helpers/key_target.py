"""pytest-qt's key and mouse presses refuse a missing widget with a test failure.

`qtbot.keyClick(QApplication.focusWidget(), ...)` is how many tests press a key where the
focus is; when nothing has the focus (the window was never made active: no window manager,
another process's window took it) that is `None`, which PySide hands to QTest's QWindow
overload, whose assertion aborts the whole test process ("Fatal Python error: Aborted"):
the worker dies and every test after it in its file goes unrun. Raised here instead, it
fails the one test and says why.
"""

from __future__ import annotations

import functools

from pytestqt.qtbot import QtBot

_PRESSES = ("keyClick", "keyClicks", "keyEvent", "keyPress", "keyRelease", "keySequence",
            "mouseClick", "mouseDClick", "mouseMove", "mousePress", "mouseRelease")


def _guarded(press):
    @functools.wraps(press)
    def guarded(*args, **kwargs):
        target = args[0] if args else kwargs.get("widget", kwargs.get("window", ...))
        if target is None:
            raise AssertionError(f"qtbot.{press.__name__}(None, ...): no widget to send "
                                 "it to (nothing has the focus: is the window active?)")
        return press(*args, **kwargs)

    guarded.guarded = True
    return staticmethod(guarded)


def install() -> None:
    """Guard every press of `QtBot` (once, however often called)."""
    for name in _PRESSES:
        press = getattr(QtBot, name)
        if not getattr(press, "guarded", False):
            setattr(QtBot, name, _guarded(press))
