"""Dialogs the window opens again and again over a night, freed once they are done with.

A dialog parented to the window stays its child until the window goes: every declaration
form of the night (ballot, undo stack and timer: ~3 MB each), every Export graphic (its
list of every seat), every question asked. Driven through 20 verifications with a form, an
export and the shortcuts each time, a 650-seat window grew from 227 to 404 MB.

Each is freed when the next of its kind opens, not as it closes: deleted as it closed
(`WA_DeleteOnClose`), a question box answered by a key went while that key's events were
still being handled (a segfault as a test's events were processed, one run in four under
load). The one kept closed per kind costs little and is out of every event by then.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def free_closed(parent: QWidget, kind: type[QWidget], name: str = "") -> None:
    """Deletes (at the event loop's next turn) `parent`'s own children of `kind` that are
    closed, those named `name` if given: call it before opening the next one. A dialog
    still open (or another window's) is left alone."""
    for child in parent.children():  # (findChildren with "" matches only unnamed ones)
        if (isinstance(child, kind) and not child.isVisible()
                and (not name or child.objectName() == name)):
            child.deleteLater()
