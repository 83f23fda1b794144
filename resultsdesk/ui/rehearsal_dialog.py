"""File > Rehearsal…: which night to replay (the bundled 2019 night or HoC files with
declaration times), into which new database, at what speed, in which mode, from and until
when. The window creates it (`desk.rehearsal.create_rehearsal`) and opens it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..desk import rehearsal as rh
from ..domain.replay import MAX_SPEED, MIN_SPEED
from .announce import announce
from .speed_box import SpeedBox
from .style import colours

CSV_FILTER = "CSV files (*.csv);;All files (*)"


@dataclass(frozen=True, slots=True)
class RehearsalChoice:
    db: Path
    results: Path
    constituencies: Path
    baseline: Path | None
    mode: str
    speed: float
    start: str | None
    until: str | None
    names: dict  # the bundled night's names, or nothing
    baseline_constituencies: Path | None = None  # the baseline's electorates, if known

    def create(self, progress=None):
        """The rehearsal database, made (closed again: the window opens it)."""
        rh.create_rehearsal(self.db, self.results, self.constituencies, self.baseline,
                            mode=self.mode, speed=self.speed, start=self.start,
                            until=self.until, progress=progress,
                            baseline_constituencies=self.baseline_constituencies,
                            **self.names).close()
        return self.db


def _file_row(parent: QWidget, name: str, label: str,
              save: bool = False) -> tuple[QWidget, QLineEdit]:
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
    # nameless edit box, then one of four alike "Browse…" buttons.
    heard = label.replace("&", "").rstrip(":")
    edit.setAccessibleName(heard)
    browse.setAccessibleName(f"Browse for {heard[0].lower()}{heard[1:]}")

    def choose() -> None:
        if save:
            chosen, _ = QFileDialog.getSaveFileName(row, "New rehearsal database", edit.text(),
                                                    "ResultsDesk databases (*.db)")
        else:
            chosen, _ = QFileDialog.getOpenFileName(row, "Choose a file", edit.text(),
                                                    CSV_FILTER)
        if chosen:
            edit.setText(chosen)
    browse.clicked.connect(choose)
    box.addWidget(browse)
    return row, edit


class RehearsalDialog(QDialog):
    def __init__(self, default_db: Path, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("rehearsalDialog")
        self.setWindowTitle("Rehearsal")
        layout = QVBoxLayout(self)
        intro = QLabel("Replay a past night at its real pace into a new database marked "
                       "REHEARSAL for its whole life (title bar, screens, graphics, feeds).",
                       self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        # Alt-letters on every choice: the dialog by keyboard alone, not only by Tab
        self.bundled = QRadioButton(f"The &bundled night: {rh.BUNDLED_NIGHT} "
                                    f"({rh.BUNDLED_BASELINE} as baseline)", self)
        self.bundled.setObjectName("rehearsalBundled")
        self.own_files = QRadioButton("House of &Commons Library files with declaration times",
                                      self)
        self.own_files.setObjectName("rehearsalFiles")
        group = QButtonGroup(self)
        group.addButton(self.bundled)
        group.addButton(self.own_files)
        self.bundled.setChecked(True)
        layout.addWidget(self.bundled)
        layout.addWidget(self.own_files)
        form = QFormLayout()
        self._files = []
        for label, name in (("&Results (by candidate):", "rehearsalResults"),
                            ("C&onstituencies (with times):", "rehearsalConstituencies"),
                            ("Base&line (optional):", "rehearsalBaseline"),
                            ("Baseline's &electorates (optional):",
                             "rehearsalBaselineConstituencies")):
            row, edit = _file_row(self, name, label)
            form.addRow(label, row)
            form.labelForField(row).setBuddy(edit)  # its Alt-letter to the box, not the row
            self._files.append((row, edit))
        self.results, self.constituencies, self.baseline, self.baseline_seats = (
            e for _, e in self._files)
        self.baseline_seats.setPlaceholderText("its HoC by-constituency CSV, for turnout "
                                               "change")
        self._found_beside = ""  # the electorates file last filled in from the baseline's
        self.baseline.textChanged.connect(self._baseline_chosen)
        db_label = "New &database:"
        row, self.db = _file_row(self, "rehearsalDb", db_label, save=True)
        self.db.setText(str(default_db))
        form.addRow(db_label, row)
        form.labelForField(row).setBuddy(self.db)
        self.mode = QComboBox(self)
        self.mode.setObjectName("rehearsalMode")
        self.mode.addItem("Watch: each seat arrives verified from the feed", "watch")
        self.mode.addItem("Practise: each seat arrives as a read-out to key and verify",
                          "practise")
        form.addRow("&Mode:", self.mode)
        self.speed = SpeedBox(self)  # "60 × real time", not "60.0 × real time"
        self.speed.setObjectName("rehearsalSpeed")
        self.speed.setRange(MIN_SPEED, MAX_SPEED)
        self.speed.setValue(60.0)
        self.speed.setSuffix(" × real time")
        form.addRow("S&peed:", self.speed)
        self.start = QLineEdit(self)
        self.start.setObjectName("rehearsalStart")
        self.start.setPlaceholderText("HH:MM (default: the first declaration)")
        form.addRow("&Start at:", self.start)
        self.until = QLineEdit(self)
        self.until.setObjectName("rehearsalUntil")
        self.until.setPlaceholderText("HH:MM (default: the whole night)")
        form.addRow("&Until:", self.until)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("rehearsalMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # files and names as written
        self.message.setStyleSheet(f"color:{colours().error}")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create and s&tart")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.bundled.toggled.connect(self._enable_files)
        self._enable_files()

    def _baseline_chosen(self, text: str) -> None:
        """The baseline's by-constituency file, where the Library's pair lies beside it,
        filled in (as File > Import fills it in); one typed or chosen is left alone."""
        from .import_dialog import companion

        if self.baseline_seats.text() not in ("", self._found_beside):
            return
        found = companion(Path(text.strip())) if text.strip() else None
        self._found_beside = str(found) if found else ""
        self.baseline_seats.setText(self._found_beside)

    def _enable_files(self) -> None:
        for row, _ in self._files:
            row.setEnabled(self.own_files.isChecked())

    def choice(self) -> RehearsalChoice | str:
        """What was chosen, or a line saying what is missing."""
        typed = self.db.text().strip()
        if not typed:
            return "Choose where the new rehearsal database goes."
        try:
            # as typed, before it is a Path: a server URL's '//' would fold into a file name
            rh.refuse_server_target(typed)
        except rh.RehearsalRefusal as refusal:
            return str(refusal)
        db = Path(typed)
        if db.exists() and db.stat().st_size > 0:
            return (f"{db} already exists: a rehearsal needs a new file. To go on with "
                    "the rehearsal in it, open it (File > Open database…).")
        if self.bundled.isChecked():
            results, constituencies, baseline = rh.bundled_night()
            names = {"name": rh.BUNDLED_NIGHT, "baseline_name": rh.BUNDLED_BASELINE}
            electorates = rh.bundled_baseline_constituencies()
        else:
            results, constituencies = self.results.text().strip(), \
                self.constituencies.text().strip()
            if not results or not constituencies:
                return "Choose the results file and the constituencies file (with times)."
            baseline, names = self.baseline.text().strip() or None, {}
            typed = self.baseline_seats.text().strip()
            if typed and not baseline:
                return "Choose the baseline whose electorates these are, or clear them."
            electorates = Path(typed) if typed else None
            results, constituencies = Path(results), Path(constituencies)
            baseline = Path(baseline) if baseline else None
        return RehearsalChoice(db, results, constituencies, baseline, self.mode.currentData(),
                               self.speed.value(), self.start.text().strip() or None,
                               self.until.text().strip() or None, names, electorates)

    def _accept(self) -> None:
        chosen = self.choice()
        if isinstance(chosen, str):
            self._say(chosen)
            return
        self.message.clear()
        self.accept()

    def _say(self, problem: str) -> None:
        self.message.setText(problem)
        announce(self.message, problem, assertive=True)  # heard, not only seen in red

    def refused(self, problem: str) -> None:
        """The rehearsal as chosen could not be made: open again, every choice kept, with
        `problem` under them."""
        self.open()
        self._say(problem)
