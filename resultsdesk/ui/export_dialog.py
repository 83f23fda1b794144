"""File > Export graphic…: choose kind, size, theme and file, with a live preview.

The preview is the real export rendered at full size on a worker thread and shown scaled,
so what the presenter sees is exactly what goes to air. Choices are remembered.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
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
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from ..charts.export import SIZES, parse_size
from ..charts.theme import THEMES
from ..desk.graphics import KINDS, export_pages
from ..desk.session import Desk, open_desk, reopen
from ..desk.visibility import Viewer
from ..desk.watch_folder import REHEARSAL_MARK
from ..paths import nul_in_path
from .announce import LiveRegion, announce
from .preferences import load_preferences, saved_text
from .publisher import publish_folder
from .sizing import fitting_height
from .style import TITLE_MARK, colours, message_colour
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


class _PreviewFolder:
    """The temporary folder the previews are rendered into, shared by the dialog and its
    renders: removed once the dialog has closed and no render still writes into it
    (whichever comes last, on whichever thread that is). Removed at once on closing, it was
    taken from under a render still writing, which then failed (a FileProblem in the log)."""

    def __init__(self) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="resultsdesk-preview-"))
        self._lock = threading.Lock()
        self._renders = 0
        self._closed = False

    def hold(self) -> None:
        """A render will write here (counted when started, not when the pool runs it)."""
        with self._lock:
            self._renders += 1

    def release(self) -> None:
        """A render is done with the folder."""
        with self._lock:
            self._renders -= 1
            gone = self._closed and not self._renders
        if gone:
            shutil.rmtree(self.path, ignore_errors=True)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            gone = not self._renders
        if gone:
            shutil.rmtree(self.path, ignore_errors=True)


def _in_watch_folder(out: Path) -> bool:
    """Whether `out` would be saved into the watch folder Publishing writes to."""
    folder = publish_folder()
    if not folder:
        return False
    try:
        return out.parent.resolve() == Path(folder).expanduser().resolve()
    except OSError:  # (a folder that cannot be resolved is not the watch folder's)
        return False


def _warned(text: str, warned: list[str]) -> str:
    """`text`, and under it a line for each graphic with words no font here draws."""
    return "\n".join([text, *(f"Warning: {line}" for line in warned)])


class ExportDialog(QDialog):
    def __init__(self, db_path: Path | str, codes: list[tuple[str, str]], *,
                 kind: str | None = None, constituency: str | None = None, parent=None,
                 desk: Desk | None = None, rehearsal: bool = False,
                 viewer: Callable[[], Viewer] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        # A rehearsal's graphic says so in its footer; its dialog and file name say so too,
        # so that a file in the graphics folder is never taken for a live one.
        self._stem_mark = REHEARSAL_STEM if rehearsal else ""
        self.setWindowTitle(f"{TITLE_MARK if rehearsal else ''}Export graphic")
        self.db_path = db_path
        self.desk = desk
        # Whose eyes the graphic is drawn for, asked at each render (Switch user may
        # change it): a desk user sees no figures of an entry they could verify, in the
        # preview or the file, as in the window (blind re-key). None: everyone's.
        self._viewer = viewer
        # Each preview is a full-size picture (and its further pages): gone with the dialog,
        # not left in the temporary folder for every export of the night.
        self._previews = _PreviewFolder()
        self._preview_file = self._previews.path / "p.png"
        self.finished.connect(self._closed_down)
        # Also when deleted unfinished (its window deleted with it open): no `finished` then.
        self.destroyed.connect(self._previews.close)
        self._closed = False
        # One preview renders at a time (`_worker`), one asked for meanwhile after it
        # (`_again`): two at once wrote the same file, and the one ending last was shown,
        # an earlier choice over the latest. Saves run beside them (`_saves`).
        self._worker: Worker | None = None
        self._again = False
        self._saves: list[Worker] = []
        # A save's outcome is on the message line: a preview ending after it (a save
        # refused at once, a missing folder, while the preview drew) leaves it there, where
        # it put "Preview: 1920×1080 pixels" over the red refusal. Until a choice changes.
        self._save_said = False
        settings = QSettings()

        form = QFormLayout()
        self.kind = QComboBox(self)
        self.kind.setObjectName("exportKind")
        for k in KINDS:
            self.kind.addItem(KIND_LABELS.get(k, k), k)
        self._select(self.kind, kind or saved_text(settings, PREFIX + "kind", "seats"))
        form.addRow("Graphic:", self.kind)

        self.constituency = QComboBox(self)
        self.constituency.setObjectName("exportConstituency")
        self.constituency.setEditable(True)
        for code, name in codes:
            self.constituency.addItem(f"{name} ({code})", code)
        self._select(self.constituency,
                     constituency or saved_text(settings, PREFIX + "constituency"))
        form.addRow("Constituency:", self.constituency)
        # The focus is in the list's own box, typed into, which the label does not name
        # for a screen reader: it read an unnamed text box.
        self.constituency.lineEdit().setAccessibleName("Constituency")

        size_row = QHBoxLayout()
        self.size_box = QComboBox(self)
        self.size_box.setObjectName("exportSize")
        for key in SIZES:
            self.size_box.addItem(SIZE_LABELS.get(key, key), key)
        self.size_box.addItem("Custom…", "custom")
        self.custom_size = QLineEdit(self)
        self.custom_size.setObjectName("exportCustomSize")
        self.custom_size.setPlaceholderText("1280x720")
        self.custom_size.setText(saved_text(settings, PREFIX + "customSize"))
        self._select(self.size_box, saved_text(settings, PREFIX + "size", "hd"))
        # in use (and a Tab stop) only for "Custom…", from the start as after each change
        self.custom_size.setEnabled(self.size_box.currentData() == "custom")
        size_row.addWidget(self.size_box)
        size_row.addWidget(self.custom_size)
        form.addRow("Size:", size_row)
        # A row of two is no label's buddy by itself: the label names the list, and the
        # box beside it is named for a screen reader (its placeholder is an example).
        form.labelForField(size_row).setBuddy(self.size_box)
        self.custom_size.setAccessibleName("Custom size (width x height)")

        self.theme = QComboBox(self)
        self.theme.setObjectName("exportTheme")
        for t in THEMES:
            self.theme.addItem(t.capitalize(), t)
        self._select(self.theme, saved_text(settings, PREFIX + "theme", "broadcast"))
        form.addRow("Theme:", self.theme)

        self.transparent = QCheckBox("Transparent background (for overlays)", self)
        self.transparent.setObjectName("exportTransparent")
        self.transparent.setChecked(saved_text(settings, PREFIX + "transparent", "false") == "true")
        form.addRow("", self.transparent)

        self.title = QLineEdit(self)
        self.title.setObjectName("exportTitle")
        self.title.setPlaceholderText("Default title")
        form.addRow("Title:", self.title)

        file_row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setObjectName("exportPath")
        folder = saved_text(settings, PREFIX + "folder", str(Path.home()))
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
        form.labelForField(file_row).setBuddy(self.path)

        self.preview = QLabel(self)
        self.preview.setObjectName("exportPreview")
        self.preview.setAccessibleName("Preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(480, 300)
        # Round the picture, the window's own shade: a fixed light grey framed the preview
        # in bright strips in the dark theme.
        ui = colours()
        self.preview.setStyleSheet(f"QLabel {{ background:{ui.alternate_base}; "
                                   f"border:1px solid {ui.border}; }}")
        self.message = QLabel(self)
        self.message.setObjectName("exportMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # files and names as written
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
        self._preview_region = LiveRegion(self.message)  # a preview's warnings (`_show_preview`)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.render_preview)
        for signal in (self.kind.currentIndexChanged, self.constituency.currentIndexChanged,
                       self.size_box.currentIndexChanged, self.theme.currentIndexChanged,
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
        self._save_said = False  # what the preview of the new choice says is the news now
        self.custom_size.setEnabled(self.size_box.currentData() == "custom")
        self._debounce.start()

    def choices(self) -> dict:
        """What the export will use; raises ValueError for a bad custom size."""
        size = self.size_box.currentData()
        if size == "custom":
            parse_size(self.custom_size.text())
            size = self.custom_size.text().strip()
        code = self.constituency.currentData() if self.kind.currentData() == "card" else None
        prefs = load_preferences()
        return {"kind": self.kind.currentData(), "size": size,
                "theme": self.theme.currentData(), "transparent": self.transparent.isChecked(),
                "constituency": code, "title": self.title.text().strip() or None,
                # who is named, and what is close: as on screen
                "parties": prefs.max_parties, "thresholds": prefs.thresholds}

    def _remember(self) -> None:
        s = QSettings()
        s.setValue(PREFIX + "kind", self.kind.currentData())
        s.setValue(PREFIX + "size", self.size_box.currentData())
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

    def _job(self, out: Path, described: list[str] | None = None) -> Callable | None:
        """The export of the choices as they are now, to run on a worker; None (and the
        reason said) for a bad custom size. `described`: where its picture in words goes."""
        try:
            options = self.choices()
        except ValueError as exc:
            self._say(str(exc), error=True)
            return None
        db, signed_in = self.db_path, self.desk
        options["viewer"] = self._viewer() if self._viewer is not None else None
        options["described"] = described

        def job(progress):
            warned: list[str] = []  # words drawn as boxes: this render's own list
            # its own connection, on the worker's thread (signed in as the window's)
            with open_desk(db) if signed_in is None else reopen(signed_in) as desk:
                # every page: a long recount watch continues on recounts-2.png, ..., a
                # long list of seat changes on gains-2.png
                paths = export_pages(desk, options.pop("kind"), out, warned=warned, **options)
            return paths, warned

        return job

    @staticmethod
    def _start(job: Callable, on_done: Callable, on_failed: Callable) -> Worker:
        worker = Worker(job)
        worker.signals.finished.connect(on_done)  # bound methods: dropped with the dialog,
        worker.signals.failed.connect(on_failed)  # and disconnected when it closes
        return start(worker)

    def render_preview(self) -> None:
        if self._closed:
            return
        if self._worker is not None:  # after the one rendering: the choices by then
            self._again = True
            return
        described: list[str] = []
        export = self._job(self._preview_file, described)
        if export is None:
            return
        previews = self._previews
        previews.hold()  # the folder stays until this render is done with it

        def job(progress):
            try:
                return (*export(progress), described)
            finally:
                previews.release()

        self._worker = self._start(job, self._show_preview, self._preview_failed)

    def _preview_ended(self) -> bool:
        """The render under way has ended: True if its picture is still the one to show
        (no other preview asked for meanwhile, which starts now instead)."""
        self._worker = None
        if self._again:
            self._again = False
            self.render_preview()
            return False
        return True

    def _show_preview(self, rendered: tuple[list[Path], list[str], list[str]]) -> None:
        if self._closed or not self._preview_ended():
            return
        paths, warned, described = rendered
        # What the picture shows, in words (as the window's charts say theirs): a picture
        # named "Preview" alone told a screen reader nothing of what would go to air.
        self.preview.setAccessibleDescription(described[0] if described else "")
        pixmap = QPixmap(str(paths[0]))
        # Scaled to the preview's device pixels, not its logical ones: on a screen at 200 %
        # the picture was stretched twice over by the screen, blurred, its small print lost.
        ratio = self.preview.devicePixelRatioF()
        shown = pixmap.scaled(self.preview.size() * ratio, Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
        shown.setDevicePixelRatio(ratio)
        self.preview.setPixmap(shown)
        if self._save_said:
            return
        pages = f" (page 1 of {len(paths)})" if len(paths) > 1 else ""
        self._say(_warned(f"Preview: {pixmap.width()}×{pixmap.height()} pixels{pages}",
                          warned), error=bool(warned),
                  heard=False)  # on every choice changed: not said over the choice
        # Its warnings are news: words going to air as boxes were heard of only at a save,
        # the file written (into the watch folder: on air). Said once, politely, after the
        # choice; the same words in another size of it are not news.
        self._preview_region.showing("preview", [f"Warning: {line}" for line in warned])

    def _preview_failed(self, message: str) -> None:
        if not self._closed and self._preview_ended() and not self._save_said:
            self._say(message, error=True)

    def _closed_down(self) -> None:
        """Closed: no render starts, none still under way reports here (each goes on to
        its end unheard: a save still writes its file), and the previews go as soon as
        no render writes into their folder."""
        self._closed = True
        self._debounce.stop()
        reports = [(w, self._saved, self._failed) for w in self._saves]
        if self._worker is not None:
            reports.append((self._worker, self._show_preview, self._preview_failed))
        for worker, done, failed in reports:
            worker.signals.finished.disconnect(done)
            worker.signals.failed.disconnect(failed)
        self._worker, self._saves = None, []
        self._previews.close()

    def export(self) -> None:
        if problem := nul_in_path(self.path.text()):
            self._say(problem, error=True)
            return
        out = Path(self.path.text()).expanduser()
        if out.suffix.lower() not in (".png", ".svg", ".pdf", ".json"):
            self._say("The file must end in .png, .svg or .pdf (or .json for the data).",
                      error=True)
            return
        if _in_watch_folder(out):
            self._ask_before_air(out)
            return
        self._save(out)

    def _save(self, out: Path) -> None:
        self._remember()
        job = self._job(out)
        if job is not None:
            self._saves.append(self._start(job, self._saved, self._failed))

    def _ask_before_air(self, out: Path) -> None:
        """A file saved into the watch folder goes to air under its name (a seat's card as
        `card.png`, PROVISIONAL figures and all), so it is asked first; Enter keeps it
        out (Cancel is the default)."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.windowTitle(),
                          f"{out.parent} is the watch folder: the graphics system puts what "
                          f"is saved there on air, {out.name} too. Save it there anyway?",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                          self)
        box.setObjectName("exportIntoWatchFolder")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the file's name as written
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Save).setText("&Save to air")
        box.accepted.connect(lambda: self._save(out))
        box.rejected.connect(lambda: self._say("Not saved: choose another folder than the "
                                               "watch folder.", error=True))
        self.watch_question = box
        box.open()

    def _saved(self, saved: tuple[list[Path], list[str]]) -> None:
        self._save_ended()
        paths, warned = saved
        self._save_said = True
        # Every file, as the command prints them: a page 2 nobody is told of never airs.
        # Words drawn as boxes go to air so: said in red under it, as the command says them.
        self._say(_warned(f"Saved {', '.join(map(str, paths))}", warned), error=bool(warned))

    def _failed(self, message: str) -> None:
        self._save_ended()
        self._save_said = True
        self._say(message, error=True)

    def _save_ended(self) -> None:
        """The save that reported is no longer under way (saves may end in any order)."""
        sender = self.sender()
        self._saves = [w for w in self._saves if w.signals is not sender]

    def _say(self, text: str, *, error: bool, heard: bool = True) -> None:
        self.message.setStyleSheet(f"color:{message_colour(error)}")
        self.message.setText(text)
        if heard:  # a save done or refused: said to a screen reader, not only shown
            announce(self.message, text, assertive=error)
