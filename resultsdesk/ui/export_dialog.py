"""File > Export graphic…: choose kind, size, theme and file, with a live preview.

The preview is the real export rendered at full size on a worker thread and shown scaled,
so what the presenter sees is exactly what goes to air. Choices are remembered.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ..charts.export import SIZES, parse_size
from ..charts.theme import THEMES
from ..desk.graphics import KINDS, export_pages
from ..desk.session import Desk, open_desk, reopen
from ..desk.watch_folder import REHEARSAL_MARK
from .preferences import load_preferences
from .sizing import fitting_height
from .style import TITLE_MARK, message_colour
from .worker import Worker, start

KIND_LABELS = {"seats": "Seat count", "hemicycle": "Chamber (hemicycle)",
               "shares": "Vote share", "card": "Result card (one constituency)",
               "recounts": "Recount watch", "summary": "National summary",
               "timeline": "The night (timeline)", "gains": "Seats changing hands",
               "map": "Map (a hex per seat)"}
SIZE_LABELS = {"hd": "HD 1920×1080", "uhd": "UHD 3840×2160", "square": "Square 1080×1080",
               "vertical": "Vertical 1080×1920"}
PREFIX = "export/"


# Starts the file name offered for a rehearsal's graphic, as in the watch folder.
REHEARSAL_STEM = REHEARSAL_MARK


class ExportDialog(QDialog):
    def __init__(self, db_path: Path | str, codes: list[tuple[str, str]], *,
                 kind: str | None = None, constituency: str | None = None, parent=None,
                 desk: Desk | None = None, rehearsal: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        # A rehearsal's graphic says so in its footer; its dialog and file name say so too,
        # so that a file in the graphics folder is never taken for a live one.
        self._stem_mark = REHEARSAL_STEM if rehearsal else ""
        self.setWindowTitle(f"{TITLE_MARK if rehearsal else ''}Export graphic")
        self.db_path = db_path
        self.desk = desk
        self._preview_file = Path(tempfile.mkdtemp(prefix="resultsdesk-preview-")) / "p.png"
        # Each preview is a full-size picture (and its further pages): gone with the dialog,
        # not left in the temporary folder for every export of the night.
        self.finished.connect(self._remove_previews)
        self._worker: Worker | None = None
        settings = QSettings()

        form = QFormLayout()
        self.kind = QComboBox(self)
        self.kind.setObjectName("exportKind")
        for k in KINDS:
            self.kind.addItem(KIND_LABELS.get(k, k), k)
        self._select(self.kind, kind or settings.value(PREFIX + "kind", "seats"))
        form.addRow("Graphic:", self.kind)

        self.constituency = QComboBox(self)
        self.constituency.setObjectName("exportConstituency")
        self.constituency.setEditable(True)
        for code, name in codes:
            self.constituency.addItem(f"{name} ({code})", code)
        self._select(self.constituency, constituency or settings.value(PREFIX + "constituency"))
        form.addRow("Constituency:", self.constituency)

        size_row = QHBoxLayout()
        self.size = QComboBox(self)
        self.size.setObjectName("exportSize")
        for key in SIZES:
            self.size.addItem(SIZE_LABELS.get(key, key), key)
        self.size.addItem("Custom…", "custom")
        self.custom_size = QLineEdit(self)
        self.custom_size.setObjectName("exportCustomSize")
        self.custom_size.setPlaceholderText("1280x720")
        self.custom_size.setText(settings.value(PREFIX + "customSize", ""))
        self._select(self.size, settings.value(PREFIX + "size", "hd"))
        size_row.addWidget(self.size)
        size_row.addWidget(self.custom_size)
        form.addRow("Size:", size_row)

        self.theme = QComboBox(self)
        self.theme.setObjectName("exportTheme")
        for t in THEMES:
            self.theme.addItem(t.capitalize(), t)
        self._select(self.theme, settings.value(PREFIX + "theme", "broadcast"))
        form.addRow("Theme:", self.theme)

        self.transparent = QCheckBox("Transparent background (for overlays)", self)
        self.transparent.setObjectName("exportTransparent")
        self.transparent.setChecked(str(settings.value(PREFIX + "transparent", "false")) == "true")
        form.addRow("", self.transparent)

        self.title = QLineEdit(self)
        self.title.setObjectName("exportTitle")
        self.title.setPlaceholderText("Default title")
        form.addRow("Title:", self.title)

        file_row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setObjectName("exportPath")
        folder = settings.value(PREFIX + "folder", str(Path.home()))
        self.path.setText(str(Path(folder) / f"{self._stem()}.png"))
        # A button, not a link: a link in a label is no Tab stop, and a presenter at the
        # keyboard could not pick where the graphic goes. Created after the path, so Tab
        # reaches it next; no auto-default, so Enter in the path still saves.
        browse = QPushButton("C&hoose…", self)
        browse.setObjectName("exportChoose")
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        file_row.addWidget(self.path)
        file_row.addWidget(browse)
        form.addRow("File (.png, .svg, .pdf; .json: data):", file_row)

        self.preview = QLabel(self)
        self.preview.setObjectName("exportPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(480, 300)
        self.preview.setStyleSheet("QLabel { background:#e6e9ee; border:1px solid #c8ccd4; }")
        self.message = QLabel(self)
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.render_preview)
        for signal in (self.kind.currentIndexChanged, self.constituency.currentIndexChanged,
                       self.size.currentIndexChanged, self.theme.currentIndexChanged,
                       self.transparent.toggled, self.title.editingFinished,
                       self.custom_size.editingFinished):
            signal.connect(lambda *_: self._changed())
        self.kind.currentIndexChanged.connect(lambda *_: self._kind_changed())
        self._kind_changed()
        # 720 px tall would run past a 1280 x 720 laptop's screen (Save and Close under it)
        self.resize(760, fitting_height(self, 720))
        self._debounce.start()

    # --- choices ---------------------------------------------------------------------

    @staticmethod
    def _select(combo: QComboBox, value) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _kind_changed(self) -> None:
        card = self.kind.currentData() == "card"
        self.constituency.setEnabled(card)
        path = Path(self.path.text() or "graphic.png")
        self.path.setText(str(path.with_name(f"{self._stem()}{path.suffix}")))

    def _stem(self) -> str:
        """The file name offered for the chosen graphic: its kind, marked on a rehearsal."""
        return f"{self._stem_mark}{self.kind.currentData()}"

    def _changed(self) -> None:
        self.custom_size.setEnabled(self.size.currentData() == "custom")
        self._debounce.start()

    def choices(self) -> dict:
        """What the export will use; raises ValueError for a bad custom size."""
        size = self.size.currentData()
        if size == "custom":
            parse_size(self.custom_size.text())
            size = self.custom_size.text().strip()
        code = self.constituency.currentData() if self.kind.currentData() == "card" else None
        return {"kind": self.kind.currentData(), "size": size,
                "theme": self.theme.currentData(), "transparent": self.transparent.isChecked(),
                "constituency": code, "title": self.title.text().strip() or None,
                "parties": load_preferences().max_parties}  # who is named: as on screen

    def _remember(self) -> None:
        s = QSettings()
        s.setValue(PREFIX + "kind", self.kind.currentData())
        s.setValue(PREFIX + "size", self.size.currentData())
        s.setValue(PREFIX + "customSize", self.custom_size.text())
        s.setValue(PREFIX + "theme", self.theme.currentData())
        s.setValue(PREFIX + "transparent", "true" if self.transparent.isChecked() else "false")
        s.setValue(PREFIX + "constituency", self.constituency.currentData())
        s.setValue(PREFIX + "folder", str(Path(self.path.text()).parent))

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export graphic", self.path.text(),
                                              "PNG (*.png);;SVG (*.svg);;PDF (*.pdf);;"
                                              "The data it draws (*.json)")
        if name:
            self.path.setText(name)

    # --- rendering (worker thread: a UHD render takes a moment) -----------------------

    def _run(self, out: Path, on_done) -> bool:
        try:
            options = self.choices()
        except ValueError as exc:
            self._say(str(exc), error=True)
            return False
        db, signed_in = self.db_path, self.desk

        def job(progress):
            # its own connection, on the worker's thread (signed in as the window's)
            with open_desk(db) if signed_in is None else reopen(signed_in) as desk:
                # every page: a long recount watch continues on recounts-2.png, ...
                return export_pages(desk, options.pop("kind"), out, **options)

        self._worker = Worker(job)
        self._worker.signals.finished.connect(on_done)
        self._worker.signals.failed.connect(self._failed)  # bound: dropped with the dialog
        start(self._worker)
        return True

    def render_preview(self) -> None:
        self._run(self._preview_file, self._show_preview)

    def _show_preview(self, paths: list[Path]) -> None:
        pixmap = QPixmap(str(paths[0]))
        self.preview.setPixmap(pixmap.scaled(self.preview.size(),
                                             Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))
        pages = f" (page 1 of {len(paths)})" if len(paths) > 1 else ""
        self._say(f"Preview: {pixmap.width()}×{pixmap.height()} pixels{pages}", error=False)

    def _remove_previews(self) -> None:
        self._debounce.stop()
        shutil.rmtree(self._preview_file.parent, ignore_errors=True)

    def export(self) -> None:
        out = Path(self.path.text()).expanduser()
        if out.suffix.lower() not in (".png", ".svg", ".pdf", ".json"):
            self._say("The file must end in .png, .svg or .pdf (or .json for the data).",
                      error=True)
            return
        self._remember()
        self._run(out, self._saved)

    def _saved(self, paths: list[Path]) -> None:
        # Every file, as the command prints them: a page 2 nobody is told of never airs.
        self._say(f"Saved {', '.join(map(str, paths))}", error=False)

    def _failed(self, message: str) -> None:
        self._say(message, error=True)

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setStyleSheet(f"color:{message_colour(error)}")
        self.message.setText(text)
