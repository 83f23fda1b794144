"""What the dialogs that take files share (File > Import's, File > Rehearsal's): a path
box with its Browse… button on one form row, and the line under a form that says, in red
and to a screen reader, why it cannot go on yet."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from .style import colours

# How a row asks for its file: (parent, title, the box's text) -> the path chosen, or "".
Chooser = Callable[[QWidget, str, str], str]


def open_file(file_filter: str) -> Chooser:
    """Choosing an existing file of `file_filter`'s kinds."""
    return lambda parent, title, start: QFileDialog.getOpenFileName(
        parent, title, start, file_filter)[0]


def file_row(form: QFormLayout, parent: QWidget, label: str, name: str, choose: Chooser,
             title: str | None = None) -> QLineEdit:
    """A path box named `name` with its Browse… button, added to `form` under `label`
    (whose Alt-letter reaches the box, not the row); `title`: the file dialog's."""
    row = QWidget(parent)
    box = QHBoxLayout(row)
    box.setContentsMargins(0, 0, 0, 0)
    edit = QLineEdit(row)
    edit.setObjectName(name)
    edit.setMinimumWidth(360)
    box.addWidget(edit, 1)
    browse = QPushButton("Browse…", row)  # reached by Tab from its box: no Alt-letter
    browse.setObjectName(f"{name}Browse")
    # Named as the form's label says: Qt names a box by a buddy label beside it, in the
    # same row widget, and this one's label is the form's, so a screen reader heard a
    # nameless edit box, then one of several alike "Browse…" buttons.
    heard = label.replace("&", "").rstrip(":")
    edit.setAccessibleName(heard)
    browse.setAccessibleName(f"Browse for {heard[0].lower()}{heard[1:]}")

    def chosen() -> None:
        path = choose(row, title or heard, edit.text())
        if path:
            edit.setText(path)
    browse.clicked.connect(chosen)
    box.addWidget(browse)
    form.addRow(label, row)
    form.labelForField(row).setBuddy(edit)
    return edit


def message_line(parent: QWidget, name: str) -> QLabel:
    """The red line under a form saying what is missing or wrong (plain text: files and
    names as written)."""
    message = QLabel(parent)
    message.setObjectName(name)
    message.setTextFormat(Qt.TextFormat.PlainText)
    message.setStyleSheet(f"color:{colours().error}")
    message.setWordWrap(True)
    return message
