"""The one door for a message box that only tells (one OK): `tell`. A name from the data in
it (a seat, a file, a person) is shown as written, never read as markup: each of 21 places
had had to remember to escape it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from .style import as_written

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def tell(parent: QWidget | None, title: str, text: str,
         kind: Literal["information", "warning", "critical"] = "warning") -> None:
    """Tell the user `text` in a modal box with one OK, its words as written ("Tom & Jerry
    <b>Ind</b>" stays as typed). Qt's static boxes (looked up when called, so that tests
    can stand in for them) have no plain-text format to set; `as_written` makes such a text
    escaped rich text instead."""
    # Imported here: the first window builds no class only a dialog uses (~5 ms).
    from PySide6.QtWidgets import QMessageBox

    getattr(QMessageBox, kind)(parent, title, as_written(text, wrap=True))
