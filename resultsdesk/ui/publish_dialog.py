"""Preferences > Publishing: the watch folder graphics systems read, and what goes in it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
)

from ..charts.export import SIZES
from ..charts.theme import THEMES
from ..desk.graphics import KINDS
from ..desk.publishing import PublishSettings
from .export_dialog import KIND_LABELS, SIZE_LABELS
from .publisher import DEFAULTS


class PublishDialog(QDialog):
    def __init__(self, settings: PublishSettings | None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("publishDialog")
        self.setWindowTitle("Publishing")
        form = QFormLayout(self)
        row = QHBoxLayout()
        self.folder = QLineEdit(self)
        self.folder.setObjectName("publishFolder")
        self.folder.setPlaceholderText("No folder: publishing is off")
        self.folder.setMinimumWidth(340)
        self.folder.setText(str(settings.folder) if settings else "")
        browse = QPushButton("Choose…", self)
        browse.setObjectName("publishChoose")  # every stop named, as scripts and tests find it
        browse.clicked.connect(self._browse)
        row.addWidget(self.folder)
        row.addWidget(browse)
        form.addRow("Watch folder:", row)
        form.labelForField(row).setBuddy(self.folder)  # its name to a screen reader
        chosen = set(settings.kinds) if settings else set(KINDS)
        self.kinds: dict[str, QCheckBox] = {}
        for kind in KINDS:
            box = QCheckBox(KIND_LABELS.get(kind, kind), self)
            box.setObjectName(f"publish_{kind}")
            box.setChecked(kind in chosen)
            self.kinds[kind] = box
            form.addRow("" if kind != KINDS[0] else "Graphics:", box)
        self.theme = QComboBox(self)
        self.theme.setObjectName("publishTheme")
        for t in THEMES:
            self.theme.addItem(t.capitalize(), t)
        shown = settings or DEFAULTS
        self.theme.setCurrentIndex(max(0, self.theme.findData(shown.theme)))
        form.addRow("Theme:", self.theme)
        self.size_box = QComboBox(self)
        self.size_box.setObjectName("publishSize")
        for key in SIZES:
            self.size_box.addItem(SIZE_LABELS.get(key, key), key)
        if self.size_box.findData(shown.size) < 0:  # a size of its own ("1280x720", set in
            # the settings file): kept, not reset to the first size by an OK given for the
            # folder
            self.size_box.addItem(f"{shown.size} (as set)", shown.size)
        self.size_box.setCurrentIndex(max(0, self.size_box.findData(shown.size)))
        form.addRow("Size:", self.size_box)
        self.data = QCheckBox("Write each graphic's data beside it (.json)", self)
        self.data.setObjectName("publishData")
        self.data.setToolTip("seats.json beside seats.png: the figures, colours and who "
                             "\"Others\" are, for graphics systems that take data")
        self.data.setChecked(shown.data)
        form.addRow("", self.data)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "Watch folder", self.folder.text())
        if name:
            self.folder.setText(name)

    def settings(self) -> PublishSettings | None:
        folder = self.folder.text().strip()
        if not folder:
            return None
        return PublishSettings(Path(folder).expanduser(),
                               kinds=tuple(k for k, b in self.kinds.items() if b.isChecked()),
                               theme=self.theme.currentData(), size=self.size_box.currentData(),
                               data=self.data.isChecked())
