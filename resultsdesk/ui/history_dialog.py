"""A seat's history: every version with its figures, and the audit trail (who, what, when) as
sentences, every time local with its offset."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
)

from ..desk.audit_text import AuditLine, closed_text, local_stamp
from ..desk.declarations import SeatHistory
from ..desk.visibility import HiddenVersion
from ..domain.validation import warning_names
from .sizing import cell_width, fitting_size, header_width, keep_headers
from .style import alert_html, grown_px

HEADING_PX = 16  # the seat's name over the tables, beside a BODY_PX body (grown_px)
# In a hidden version's figure cells (its column's last row says why).
HIDDEN_CELL = "hidden"

VERSIONS, TRAIL = "Versions", "Audit trail"  # the tabs, and their tables' names
# A column is never wider than this many average characters, its title's width aside: a
# longer note wraps (the names column, four versions and the scroll bar fit the dialog).
WIDEST_CHARS = 48


def _table(headers: list[str], rows: list[list[str]], name: str, title: str, *,
           figures: range = range(0)) -> QTableWidget:
    """`figures`: the rows that hold numbers, right-aligned as in every other table (so a
    recount's counts, column beside column, line up by their units). `title`: its tab's,
    and its name to a screen reader."""
    table = QTableWidget(len(rows), len(headers))
    table.setObjectName(name)
    table.setAccessibleName(title)
    table.setHorizontalHeaderLabels(headers)
    keep_headers(table)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    # Tab leaves the table (the arrows move in it), as in the main window: else Tab went
    # from cell to cell and never reached the other tab or the Close button.
    table.setTabKeyNavigation(False)
    table.setWordWrap(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if r in figures and c > 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    _fit_columns(table, rows, stretch_last=not figures)
    return table


def _fit_columns(table: QTableWidget, rows: list[list[str]], *, stretch_last: bool) -> None:
    """Each column as wide as its title and its longest line, but no wider than WIDEST_CHARS
    average characters: a longer note wraps onto more lines (each row as tall as its
    cells) instead of widening its version's column past the dialog's side, the later
    versions out of sight. `stretch_last`: the last column takes the rest of the width.
    (Sized to contents, a long reason or trail line set the width for the whole table.)"""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    widest = table.fontMetrics().averageCharWidth() * WIDEST_CHARS
    for c in range(table.columnCount()):
        lines = [line for row in rows for line in row[c].split("\n")]
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(c, max(min(cell_width(table, lines), widest),
                                    header_width(table, c)))
    if stretch_last:
        # Not with figures: one version's column, stretched across the dialog, put its
        # counts a screen's width from the names they belong to.
        header.setSectionResizeMode(table.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


def _trail_table(trail: Sequence[AuditLine]) -> QTableWidget:
    rows = [[f"{line.day} {line.time}", line.text] for line in trail]
    table = _table(["When (local time)", "What happened"], rows, "auditTable", TRAIL)
    for r, line in enumerate(trail):  # where the entry sits in the hash chain, on hover
        for c in range(2):
            table.item(r, c).setToolTip(f"Audit entry {line.id}\nSHA-256 {line.hash or '-'}")
    return table


class HistoryDialog(QDialog):
    def __init__(self, history: SeatHistory, trail: Sequence[AuditLine], parent=None, *,
                 hidden: HiddenVersion | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        sheet = history.sheet
        self.setWindowTitle(f"History: {sheet.name}")
        layout = QVBoxLayout(self)
        # grown with the font: a fixed 16 px read smaller than the tables under it at 16 pt
        head = (f"<b style='font-size:{grown_px(HEADING_PX)}px'>{escape(sheet.name)}</b> "
                f"({escape(sheet.code)})")
        if sheet.recount_under_way:
            head += f" &nbsp;{alert_html('RECOUNT UNDER WAY')}"
        heading = QLabel(head)
        heading.setObjectName("historyHeading")
        layout.addWidget(heading)
        if hidden is not None:
            # The label is rich text: a name is shown as typed, never read as markup.
            who = escape(hidden.entered_by)
            note = QLabel(f"Version {hidden.version}, entered by <b>{who}</b> at "
                          f"{local_stamp(hidden.entered_at)}, awaits verification: its figures "
                          "are hidden until it is verified, so that it can be re-keyed blind.")
            note.setObjectName("hiddenVersionNote")
            note.setWordWrap(True)
            layout.addWidget(note)
        tabs = QTabWidget(self)
        # One column per version, one row per figure: the counts read side by side, as on
        # the desk's sheet of a recount.
        # The electorate each version was keyed with: a correction of it alone (the
        # returning officer's restated figure) moves the turnout on air, and without it
        # the two versions read the same.
        fields = ["Status", "Kind", "Count", *(f"{c.name} ({c.party})" for c in sheet.candidates),
                  "Rejected", "Electorate", "Entered", "Verified", "Reason / note"]
        # Versions hidden from this reader get a column too, in their place, saying which,
        # whose and where each stands but none of its figures: a history that skipped a
        # number would look rewritten.
        columns: list[tuple[int, list[str]]] = []
        for v in sheet.versions:
            columns.append((v.version, [
                v.status, v.kind, v.count_label, *(f"{n:,}" for n in v.votes),
                "" if v.invalid_votes is None else f"{v.invalid_votes:,}",
                "" if v.electorate is None else f"{v.electorate:,}",
                f"{v.entered_by} {local_stamp(v.entered_at)}",
                f"{v.verified_by} {local_stamp(v.verified_at)}" if v.verified_by else "",
                "; ".join(t for t in (v.reason, v.note,
                                      ", ".join(v.overrides) and
                                      f"accepted: {warning_names(v.overrides)}") if t),
            ]))
        for h in history.hidden:
            columns.append((h.version, [
                h.status, h.kind, h.count_label,
                *(HIDDEN_CELL for _ in sheet.candidates), HIDDEN_CELL, HIDDEN_CELL,
                f"{h.entered_by} {local_stamp(h.entered_at)}", "",
                "\n".join(t for t in (h.figures_text, closed_text(h), h.comment) if t),
            ]))
        columns.sort(key=lambda column: column[0])
        rows = [[field, *(col[i] for _, col in columns)] for i, field in enumerate(fields)]
        headers = ["", *(f"Version {number}" for number, _ in columns)]
        figures = range(3, 3 + len(sheet.candidates) + 2)  # votes, rejected and electorate
        tabs.addTab(_table(headers, rows, "versionsTable", VERSIONS, figures=figures),
                    f"{VERSIONS} ({len(columns)})")
        self.trail_table = _trail_table(trail)
        tabs.addTab(self.trail_table, f"{TRAIL} ({len(trail)})")
        layout.addWidget(tabs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(fitting_size(self, 1100, 480))
