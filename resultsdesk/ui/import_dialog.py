"""File > Import's second step: the file chosen, and the HoC by-constituency file that goes
with it, as the command line's `--constituencies` (electorates; with results, the invalid
votes and declaration times too). Without it a night imported from the window had no
electorate on any seat, so no turnout until each was keyed, where the same files imported
by the command line had every one.

The by-constituency file beside the chosen one, named as the House of Commons Library names
its pair ("…-by-candidate.csv" and "…-by-constituency.csv"), is filled in; it can be changed
or cleared (the import then goes without, as before)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from .announce import announce
from .file_rows import file_row, message_line, open_file

# JSON is read too, and Excel saves "Unicode Text" (UTF-16, tabs) as .txt
FILE_FILTER = "CSV, JSON or text files (*.csv *.json *.txt);;All files (*)"

# What the by-constituency file gives each import (File > Import's jobs, `window_menus`).
GIVES = {
    "import_candidates": "each seat's electorate",
    "import_results": "each seat's electorate, invalid votes and declaration time",
    "import_baseline": "a HoC by-candidate baseline's electorates, for each seat's turnout "
                       "change (a notional file has its own: leave it empty)",
}


def companion(path: Path) -> Path | None:
    """The HoC by-constituency file beside a by-candidate one, if there is one."""
    name = path.name
    at = name.casefold().find("by-candidate")
    if at < 0:
        return None
    twin = path.with_name(f"{name[:at]}by-constituency{name[at + len('by-candidate'):]}")
    return twin if twin.is_file() else None


class ImportDialog(QDialog):
    """The file to import and its constituencies file; `chosen()` once accepted."""

    def __init__(self, job: str, title: str, file: Path, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(title.replace("&", "").rstrip("…"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        choose = open_file(FILE_FILTER)
        self.file = file_row(form, self, "&File:", "importFile", choose)
        self.file.setText(str(file))
        self.constituencies = file_row(form, self, "&Constituencies file:",
                                       "importConstituencies", choose)
        self.constituencies.setPlaceholderText("optional: HoC by-constituency CSV")
        found = companion(file)
        if found is not None:
            self.constituencies.setText(str(found))
        layout.addLayout(form)
        hint = QLabel(f"The constituencies file gives {GIVES[job]}. Left empty, the import "
                      "goes without it.", self)
        hint.setObjectName("importHint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.message = message_line(self, "importMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Import")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(760)  # the file names whole, on a 1366-pixel screen too
        # on the file found beside it, or the empty box: the one to look at or fill
        self.constituencies.setFocus()

    def chosen(self) -> tuple[Path, Path | None] | str:
        """(the file, its constituencies file or None), or a line saying what is wrong."""
        file = self.file.text().strip()
        if not file:
            return "Choose the file to import."
        seats = self.constituencies.text().strip()
        for typed in (file, seats):
            if typed and not Path(typed).is_file():
                return f"{typed} is not a file."
        return Path(file), Path(seats) if seats else None

    def _accept(self) -> None:
        chosen = self.chosen()
        if isinstance(chosen, str):
            self.message.setText(chosen)
            announce(self.message, chosen, assertive=True)  # heard, not only seen in red
            return
        self.message.clear()
        self.accept()
