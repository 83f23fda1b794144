"""The app going down with a form open, for the crash-draft tests.

A dead process runs nothing more: its live feed's poll, its clocks and the form's draft
timer all stop with it, the database handle goes, and the system lets go of its locks, the
one on the window's draft file too (so another window may offer that draft back). The tests
used to close the handle alone and leave the window's timers running, so a poll that came
due before the test ended (1.5 s on; a loaded machine reaches it) read the closed database,
and the test failed with "Cannot operate on a closed database" in Qt's event loop, for no
fault of the app's.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer


def crash(window, dialog=None) -> None:
    """`window` (a MainWindow) gone down with `dialog`, its open form (default: the window's
    active one), never closed: the form's draft stays as typed."""
    dialog = dialog if dialog is not None else window.active_dialog
    if dialog is not None:
        dialog.setParent(None)  # the form outlives nothing: it is just never closed
        for timer in dialog.findChildren(QTimer):
            timer.stop()
    for timer in window.findChildren(QTimer):
        timer.stop()
    window.feed.stop()
    window.desk.close()
    window.release_draft_slot()
