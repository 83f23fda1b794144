"""File > Rehearsal…: which night to replay (the bundled 2019 night or HoC files with
declaration times), into which new database, at what speed, in which mode, from and until
when. The window creates it (`desk.rehearsal.create_rehearsal`) and opens it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..desk import rehearsal as rh
from ..domain.replay import MAX_SPEED, MIN_SPEED
from .announce import announce
from .file_rows import file_row, message_line, open_file
from .speed_box import SpeedBox

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


def _new_database(parent: QWidget, _title: str, start: str) -> str:
    return QFileDialog.getSaveFileName(parent, "New rehearsal database", start,
                                       "ResultsDesk databases (*.db)")[0]


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
            edit = file_row(form, self, label, name, open_file(CSV_FILTER), "Choose a file")
            self._files.append((edit.parentWidget(), edit))
        self.results, self.constituencies, self.baseline, self.baseline_seats = (
            e for _, e in self._files)
        self.baseline_seats.setPlaceholderText("its HoC by-constituency CSV, for turnout "
                                               "change")
        self._found_beside = ""  # the electorates file last filled in from the baseline's
        self.baseline.textChanged.connect(self._baseline_chosen)
        db_label = "New &database:"
        self.db = file_row(form, self, db_label, "rehearsalDb", _new_database)
        self.db.setText(str(default_db))
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
        self._speed_refused = False  # Enter's "Create and start" then keeps the dialog open
        self._speed_kept = self.speed.value()  # the speed a refusal put back
        self.speed.refused.connect(self._speed_out_of_range)
        # a speed typed since the refusal is a choice: its Enter starts the rehearsal
        self.speed.valueChanged.connect(self._speed_chosen)
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
        self.message = message_line(self, "rehearsalMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create and s&tart")
        self._buttons = buttons
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

    def _speed_out_of_range(self, problem: str) -> None:
        self._speed_refused, self._speed_kept = True, self.speed.value()
        self._say(problem)

    def _speed_chosen(self, value: float) -> None:
        # (the box says its value again as it puts it back after a refusal: no choice)
        if value != self._speed_kept:
            self._speed_refused = False

    def _accept(self) -> None:
        refused, self._speed_refused = self._speed_refused, False
        # Held back only from the box itself or a button pressed straight after it: the
        # refusal said on leaving the box (Tab), Enter in another field is a start at the
        # speed put back, as said; the flag kept swallowed that start, whenever it came.
        if refused and QApplication.focusWidget() in (self.speed, *self._buttons.buttons()):
            # The Enter that left a speed out of range, put back, presses the default
            # button too: said, not started at the speed put back (Enter again starts it).
            self.speed.setFocus()
            return
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
