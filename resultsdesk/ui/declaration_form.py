"""The declaration form: keying a result as it is read out, verifying it, correcting it.

Built for the keyboard: figures in ballot-paper order, Tab or Enter to move on, Enter on the
last field (or Ctrl+S) to save. Totals, turnout, winner and majority update as you type;
the same validation rules as the command line decide what may be saved.
"""

from __future__ import annotations

import contextlib
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..desk import declarations as dk
from ..desk.drafts import Draft, clear_draft, save_draft
from ..domain import tally
from ..domain.identity import same_person
from ..domain.validation import Problem, Severity, check_figures, parse_count, unresolved
from ..store import Store, StoreError


class Mode(StrEnum):
    ENTER = "enter"  # a new declaration, or the next count of a recount
    CORRECT = "correct"  # a new version of a verified result, with a reason
    REKEY = "rekey"  # blind re-key by a second person
    CHECK = "check"  # a second person looks at the figures and confirms them


_TITLES = {Mode.ENTER: "Enter declaration", Mode.CORRECT: "Correct verified result",
           Mode.REKEY: "Verify: re-key the figures", Mode.CHECK: "Verify: check the figures"}

NUMBER_STYLE = "QLineEdit { font-size: 15px; padding: 3px; }"
MISMATCH_STYLE = ("QLineEdit { font-size: 15px; padding: 2px; background: #ffd6d6;"
                  " border: 2px solid #c0392b; }")


class _SetText(QUndoCommand):
    """One field's edit; consecutive keystrokes in the same field merge into one step."""

    def __init__(self, form: DeclarationForm, edit: QLineEdit, old: str, new: str) -> None:
        super().__init__(f"Edit {edit.objectName()}")
        self.form, self.edit, self.old, self.new = form, edit, old, new
        self._first = True

    def id(self) -> int:
        return 1000 + self.form.fields.index(self.edit)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _SetText) or other.edit is not self.edit:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        if self._first:  # the text is already in the field: the user just typed it
            self._first = False
            return
        self.form.set_field_text(self.edit, self.new)

    def undo(self) -> None:
        self.form.set_field_text(self.edit, self.old)


class DeclarationForm(QWidget):
    saved = Signal(object)  # the Version written
    closed = Signal()

    def __init__(self, store: Store, code: str, *, user: str, mode: Mode = Mode.ENTER,
                 recount_votes: int = tally.DEFAULT_RECOUNT_VOTES,
                 recount_pct: float = tally.DEFAULT_RECOUNT_PCT,
                 draft_file: Path | None = None, draft: Draft | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("declarationForm")
        self.draft_file = draft_file
        self.store, self.user, self.mode = store, user, Mode(mode)
        self.recount_votes, self.recount_pct = recount_votes, recount_pct
        self.sheet = dk.load_sheet(store, code)
        self.expected_version = self.sheet.current_version
        self.undo_stack = QUndoStack(self)
        self._texts: dict[QLineEdit, str] = {}
        self._setting = False
        self._build()
        self._prefill()
        if draft is not None:
            self._restore(draft)
        self.update_live()

    # --- building --------------------------------------------------------------------

    def _number_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.setMaximumWidth(130)
        edit.setStyleSheet(NUMBER_STYLE)
        edit.textEdited.connect(lambda text, e=edit: self._edited(e, text))
        edit.returnPressed.connect(lambda e=edit: self._return_pressed(e))
        return edit

    def _build(self) -> None:
        s = self.sheet
        outer = QVBoxLayout(self)
        title = QLabel(f"<span style='font-size:20px; font-weight:600'>{s.name}</span>"
                       f"&nbsp;&nbsp;<span style='color:#555'>{s.code} · {s.region}</span>")
        title.setObjectName("seatTitle")
        outer.addWidget(title)
        self.state_label = QLabel(self._state_text())
        self.state_label.setObjectName("stateLabel")
        self.state_label.setWordWrap(True)
        outer.addWidget(self.state_label)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.addWidget(QLabel("<b>Candidate</b>"), 0, 1)
        grid.addWidget(QLabel("<b>Party</b>"), 0, 2)
        grid.addWidget(QLabel("<b>Votes</b>"), 0, 3, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(QLabel("<b>Share</b>"), 0, 4, Qt.AlignmentFlag.AlignRight)
        self.vote_edits: list[QLineEdit] = []
        self.share_labels: list[QLabel] = []
        for i, c in enumerate(s.candidates, start=1):
            chip = QLabel()
            chip.setFixedSize(14, 22)
            chip.setStyleSheet(f"background:{c.colour}; border:1px solid rgba(0,0,0,0.35);"
                               "border-radius:2px")
            grid.addWidget(chip, i, 0)
            grid.addWidget(QLabel(c.name), i, 1)
            party = QLabel(f"{c.party_name or c.party}")
            party.setStyleSheet("color:#444")
            grid.addWidget(party, i, 2)
            edit = self._number_edit(f"votes_{i - 1}")
            edit.setAccessibleName(f"Votes for {c.name}")
            grid.addWidget(edit, i, 3)
            share = QLabel("")
            share.setMinimumWidth(56)
            share.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(share, i, 4)
            self.vote_edits.append(edit)
            self.share_labels.append(share)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        outer.addLayout(grid)

        extra = QFormLayout()
        self.invalid_edit = self._number_edit("invalidEdit")
        extra.addRow("Rejected ballots:", self.invalid_edit)
        self.total_edit = self._number_edit("totalEdit")
        self.total_edit.setPlaceholderText("optional")
        self.electorate_edit = self._number_edit("electorateEdit")
        if self.mode in (Mode.ENTER, Mode.CORRECT):
            extra.addRow("Total valid votes as read out:", self.total_edit)
            extra.addRow("Electorate:", self.electorate_edit)
        else:
            self.total_edit.hide()
            self.electorate_edit.hide()
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.textEdited.connect(lambda _: self._save_draft())
        self.reason_edit.setPlaceholderText("What was wrong, and on whose word")
        if self.mode is Mode.CORRECT:
            extra.addRow("Reason for correction:", self.reason_edit)
        else:
            self.reason_edit.hide()
        self.tie_combo = QComboBox(self)
        self.tie_combo.setObjectName("tieWinnerCombo")
        self.tie_note = QLineEdit(self)
        self.tie_note.setObjectName("tieNoteEdit")
        self.tie_note.setPlaceholderText("How the lot was drawn, by whom")
        self.tie_row = QWidget(self)
        tie_layout = QHBoxLayout(self.tie_row)
        tie_layout.setContentsMargins(0, 0, 0, 0)
        tie_layout.addWidget(QLabel("Winner drawn by lot:"))
        tie_layout.addWidget(self.tie_combo)
        tie_layout.addWidget(self.tie_note, 1)
        self.tie_row.hide()
        outer.addLayout(extra)
        outer.addWidget(self.tie_row)

        self.fields: list[QLineEdit] = [*self.vote_edits, self.invalid_edit]
        if self.mode in (Mode.ENTER, Mode.CORRECT):
            self.fields += [self.total_edit, self.electorate_edit]

        self.live_label = QLabel(self)
        self.live_label.setObjectName("liveSummary")
        self.live_label.setStyleSheet("QLabel { background:#f3f5f8; border:1px solid #d5dae1;"
                                      " border-radius:4px; padding:8px; font-size:14px; }")
        self.live_label.setWordWrap(True)
        outer.addWidget(self.live_label)

        self.errors_label = QLabel(self)
        self.errors_label.setObjectName("errorsLabel")
        self.errors_label.setStyleSheet("color:#b00020")
        self.errors_label.setWordWrap(True)
        self.errors_label.hide()
        outer.addWidget(self.errors_label)
        self.problems_box = QVBoxLayout()
        outer.addLayout(self.problems_box)
        self.override_boxes: dict[str, QCheckBox] = {}
        self.message_label = QLabel(self)
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        outer.addWidget(self.message_label)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.withdraw_button = QPushButton("&Withdraw my entry", self)
        self.withdraw_button.setObjectName("withdrawButton")
        self.withdraw_button.clicked.connect(self.withdraw)
        pending = self.sheet.pending
        self.withdraw_button.setVisible(
            self.mode is Mode.ENTER and pending is not None
            and same_person(pending.entered_by, self.user))
        buttons.addWidget(self.withdraw_button)
        self.reject_button = QPushButton("&Reject to desk…", self)
        self.reject_button.setObjectName("rejectButton")
        self.reject_button.clicked.connect(self.reject)
        self.reject_button.setVisible(self.mode in (Mode.REKEY, Mode.CHECK))
        buttons.addWidget(self.reject_button)
        primary = {Mode.ENTER: "&Save as provisional", Mode.CORRECT: "&Save correction",
                   Mode.REKEY: "&Verify", Mode.CHECK: "&Confirm figures"}[self.mode]
        self.save_button = QPushButton(primary, self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)

        QShortcut(QKeySequence.StandardKey.Save, self, self.submit)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_stack.undo)
        QShortcut(QKeySequence.StandardKey.Redo, self, self.undo_stack.redo)
        for edit in self.fields:
            edit.installEventFilter(self)

    def _state_text(self) -> str:
        s = self.sheet
        bits = []
        if s.recount_under_way:
            bits.append(f"<b style='color:#c0392b'>RECOUNT UNDER WAY</b>: these figures are "
                        f"recount {s.current_count}")
        if self.mode is Mode.ENTER and s.pending:
            bits.append(f"Replaces provisional version {s.pending.version} by "
                        f"{s.pending.entered_by}")
        if self.mode is Mode.CORRECT and s.verified:
            bits.append(f"Correcting verified version {s.verified.version}: the verified "
                        "figures stay on air until a second person verifies the correction")
        if self.mode in (Mode.REKEY, Mode.CHECK) and s.pending:
            p = s.pending
            bits.append(f"Version {p.version} ({p.kind}) entered by <b>{p.entered_by}</b> at "
                        f"{dk.local_time(p.entered_at)}" +
                        (" — type every figure again without looking at the first entry"
                         if self.mode is Mode.REKEY else ""))
            if p.reason:
                bits.append(f"Reason: {p.reason}")
        return "<br>".join(bits) or "Awaiting declaration: type each candidate's votes."

    def _prefill(self) -> None:
        s = self.sheet
        self._setting = True
        try:
            if self.mode is Mode.CHECK and s.pending:
                for edit, v in zip(self.vote_edits, s.pending.votes, strict=True):
                    edit.setText(f"{v}")
                    edit.setReadOnly(True)
                if s.pending.invalid_votes is not None:
                    self.invalid_edit.setText(f"{s.pending.invalid_votes}")
                self.invalid_edit.setReadOnly(True)
            elif self.mode is Mode.CORRECT and s.verified:
                for edit, v in zip(self.vote_edits, s.verified.votes, strict=True):
                    edit.setText(f"{v}")
                if s.verified.invalid_votes is not None:
                    self.invalid_edit.setText(f"{s.verified.invalid_votes}")
            electorate = (s.verified.electorate if self.mode is Mode.CORRECT and s.verified
                          and s.verified.electorate is not None else s.electorate)
            if electorate is not None:
                self.electorate_edit.setText(f"{electorate}")
        finally:
            self._setting = False
        self._texts = {e: e.text() for e in self.fields}
        if self.vote_edits:
            self.vote_edits[0].setFocus()

    # --- drafts ----------------------------------------------------------------------

    def _restore(self, draft: Draft) -> None:
        """Put back the figures typed before a crash; saving still checks the version."""
        self.expected_version = draft.expected_version
        for edit in self.fields:
            if edit.objectName() in draft.fields and not edit.isReadOnly():
                self.set_field_text(edit, draft.fields[edit.objectName()])
        if "reasonEdit" in draft.fields:
            self.reason_edit.setText(draft.fields["reasonEdit"])
        self._draft_overrides = set(draft.overrides)

    def draft(self) -> Draft:
        texts = {e.objectName(): e.text() for e in self.fields if e.text()}
        if self.reason_edit.text():
            texts["reasonEdit"] = self.reason_edit.text()
        return Draft(self.sheet.code, self.mode.value, self.expected_version, texts,
                     self.overrides())

    def _save_draft(self) -> None:
        if self.draft_file is not None:
            with contextlib.suppress(OSError):  # a draft is a convenience: keep typing
                save_draft(self.draft_file, self.draft())

    def discard_draft(self) -> None:
        if self.draft_file is not None:
            clear_draft(self.draft_file)

    # --- editing ---------------------------------------------------------------------

    def set_field_text(self, edit: QLineEdit, text: str) -> None:
        self._setting = True
        try:
            edit.setText(text)
        finally:
            self._setting = False
        self._texts[edit] = text
        self.update_live()

    def _edited(self, edit: QLineEdit, text: str) -> None:
        if self._setting:
            return
        old = self._texts.get(edit, "")
        self._texts[edit] = text
        self.undo_stack.push(_SetText(self, edit, old, text))
        edit.setStyleSheet(NUMBER_STYLE)  # a re-keyed field is no longer flagged
        self.update_live()
        self._save_draft()

    def _return_pressed(self, edit: QLineEdit) -> None:
        if edit is self.fields[-1]:
            self.submit()
        else:
            self.fields[self.fields.index(edit) + 1].setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            watched.selectAll()
        return super().eventFilter(watched, event)

    # --- reading the figures ----------------------------------------------------------

    def figures(self) -> tuple[list[int | None], int | None, int | None, int | None]:
        votes = [parse_count(e.text()) if e.text().strip() else None for e in self.vote_edits]
        invalid = parse_count(self.invalid_edit.text())
        total = parse_count(self.total_edit.text()) if self.total_edit.text().strip() else None
        electorate = parse_count(self.electorate_edit.text())
        return votes, invalid, total, electorate

    def _format_problems(self) -> list[Problem]:
        """Checks on what is typed so far: unreadable numbers, then the shared rules."""
        problems = []
        for i, e in enumerate(self.vote_edits):
            if e.text().strip() and parse_count(e.text()) is None:
                problems.append(Problem("not_number", f"votes:{i}",
                                        f"{self.sheet.candidates[i].name}: '{e.text()}' is not "
                                        "a whole number", Severity.ERROR))
        for name, e in (("invalid", self.invalid_edit), ("total", self.total_edit),
                        ("electorate", self.electorate_edit)):
            if e.text().strip() and parse_count(e.text()) is None:
                problems.append(Problem("not_number", name, f"'{e.text()}' is not a whole "
                                        "number", Severity.ERROR))
        return problems

    def problems(self) -> list[Problem]:
        problems = self._format_problems()
        if problems:
            return problems
        votes, invalid, total, electorate = self.figures()
        if any(v is None for v in votes):
            return []
        return check_figures(self.sheet.candidate_votes(votes), invalid_votes=invalid,
                             electorate=electorate, total_as_read=total,
                             recount_votes=self.recount_votes, recount_pct=self.recount_pct)

    def overrides(self) -> list[str]:
        return [code for code, box in self.override_boxes.items() if box.isChecked()]

    # --- live summary ------------------------------------------------------------------

    def update_live(self) -> None:
        votes, invalid, _, electorate = self.figures()
        known = [v or 0 for v in votes]
        valid = sum(known)
        for label, v in zip(self.share_labels, known, strict=True):
            label.setText(f"{tally.percentage(v, valid):.1f}%" if valid else "")
        complete = all(v is not None for v in votes)
        parts = [f"Total valid <b>{valid:,}</b>"]
        turnout = tally.turnout_pct(valid, electorate)
        if turnout is not None:
            parts.append(f"turnout <b>{turnout:.1f}%</b>")
        cands = self.sheet.candidate_votes(known)
        if valid and complete:
            if tally.is_tie(cands):
                names = " and ".join(c.name for c in tally.tied_candidates(cands))
                parts.append(f"<b style='color:#c0392b'>TIE</b> between {names}")
            else:
                top = tally.ranked(cands)[0]
                maj, pct = tally.majority(cands), tally.majority_pct(cands)
                close = tally.in_recount_range(maj, pct, self.recount_votes, self.recount_pct)
                colour = "#c0392b" if close else "#1b7f3b"
                parts.append(f"winner <b>{top.name} ({top.party})</b>")
                parts.append(f"majority <b style='color:{colour}'>{maj:,}</b> ({pct:.2f}%)"
                             + (" <b style='color:#c0392b'>RECOUNT RANGE</b>" if close else ""))
        elif not complete:
            missing = sum(v is None for v in votes)
            parts.append(f"{missing} candidate{'s' if missing != 1 else ''} still to enter")
        if invalid is not None:
            parts.append(f"rejected {invalid:,}")
        self.live_label.setText(" · ".join(parts))
        self._update_tie_row(cands if complete and valid else [])
        self._show_problems(self.problems())

    def _update_tie_row(self, cands) -> None:
        tied = tally.tied_candidates(cands) if cands else []
        show = bool(tied) and self.mode in (Mode.ENTER, Mode.CORRECT)
        if show:
            names = [c.name for c in tied]
            current = [self.tie_combo.itemText(i) for i in range(1, self.tie_combo.count())]
            if current != names:
                self.tie_combo.clear()
                self.tie_combo.addItem("Not drawn yet", None)
                for c in self.sheet.candidates:
                    if c.name in names:
                        self.tie_combo.addItem(c.name, c.id)
        self.tie_row.setVisible(show)

    def _show_problems(self, problems: list[Problem]) -> None:
        if self.mode in (Mode.REKEY, Mode.CHECK):
            problems = [p for p in problems if p.is_error]  # the entry's warnings were seen
        errors = [p.message for p in problems if p.is_error]
        self.errors_label.setText("<br>".join(f"<b>Error:</b> {m}" for m in errors))
        self.errors_label.setVisible(bool(errors))
        shown = set()
        for p in problems:
            if p.is_error:
                continue
            box = self.override_boxes.get(p.code)
            if box is None:
                box = QCheckBox(self)
                box.setObjectName(f"override_{p.code}")
                box.setStyleSheet("QCheckBox { color:#8a5300; font-weight:600; }")
                self.override_boxes[p.code] = box
                self.problems_box.addWidget(box)
            box.setText(f"Warning: {p.message}. Tick to accept (recorded with the entry)")
            if p.code in getattr(self, "_draft_overrides", ()):
                box.setChecked(True)
            box.show()
            shown.add(p.code)
        for code, box in self.override_boxes.items():
            if code not in shown:
                box.setChecked(False)
                box.hide()

    # --- actions -----------------------------------------------------------------------

    def _say(self, text: str, error: bool = True) -> None:
        colour = "#b00020" if error else "#1b7f3b"
        self.message_label.setStyleSheet(f"color:{colour}; font-weight:600")
        self.message_label.setText(text)

    def submit(self) -> None:
        if self.mode is Mode.CHECK:
            self._verify(None)
            return
        votes, invalid, total, electorate = self.figures()
        format_problems = self._format_problems()
        if format_problems:
            self._say(format_problems[0].message)
            return
        missing = [self.sheet.candidates[i].name for i, v in enumerate(votes) if v is None]
        if missing:
            self._say(f"Enter votes for {', '.join(missing)} (0 if none).")
            self.vote_edits[votes.index(None)].setFocus()
            return
        if self.mode is Mode.REKEY:
            self._verify(votes, invalid)
            return
        blocking = unresolved(self.problems(), self.overrides())
        if blocking:
            self._say("Cannot save yet: " + "; ".join(p.message for p in blocking) +
                      ("" if all(p.is_error for p in blocking)
                       else ". Tick a warning to accept it."))
            return
        tie_winner = self.tie_combo.currentData() if self.tie_row.isVisible() else None
        note = self.tie_note.text().strip() or None
        if tie_winner is not None and not note:
            self._say("Add a note on how the lot was drawn.")
            self.tie_note.setFocus()
            return
        try:
            if self.mode is Mode.CORRECT:
                version = dk.correct(
                    self.store, self.sheet.code, user=self.user, votes=votes, invalid=invalid,
                    reason=self.reason_edit.text(), expected_version=self.expected_version,
                    overrides=self.overrides(), tie_winner=tie_winner, total_as_read=total,
                    electorate=electorate, recount_votes=self.recount_votes,
                    recount_pct=self.recount_pct)
            else:
                version = dk.declare(
                    self.store, self.sheet.code, user=self.user, votes=votes, invalid=invalid,
                    total_as_read=total, electorate=electorate,
                    expected_version=self.expected_version, overrides=self.overrides(),
                    tie_winner=tie_winner, note=note, recount_votes=self.recount_votes,
                    recount_pct=self.recount_pct)
        except (dk.DeskRefusal, StoreError) as exc:
            self._say(str(exc))
            return
        self._say(f"Saved version {version.version} as provisional: it needs a second "
                  "person to verify it.", error=False)
        self.discard_draft()
        self.saved.emit(version)

    def _verify(self, votes: list[int] | None, invalid: int | None = None) -> None:
        try:
            result = dk.verify(self.store, self.sheet.code, user=self.user, votes=votes,
                               invalid=invalid, expected_version=self.expected_version)
        except (dk.DeskRefusal, StoreError) as exc:
            self._say(str(exc))
            return
        if not result.verified:
            for name in result.differences:
                edit = (self.invalid_edit if name == "invalid"
                        else self.vote_edits[int(name.split(":")[1])]
                        if name.startswith("votes:") else None)
                if edit is not None:
                    edit.setStyleSheet(MISMATCH_STYLE)
            self.mismatched = list(result.differences)
            self._say(f"Not verified: your figures differ for {result.describe_differences()}."
                      " Check with the desk, re-key the highlighted fields, or reject it.")
            first = next((n for n in result.differences if n.startswith("votes:")), None)
            (self.vote_edits[int(first.split(':')[1])] if first else self.invalid_edit
             ).setFocus()
            return
        self._say(f"Verified version {result.version.version}: now on air.", error=False)
        self.discard_draft()
        self.saved.emit(result.version)

    def reject(self) -> None:
        comment, ok = QInputDialog.getText(self, "Reject to desk",
                                           "What should the desk check?")
        if ok:
            self.reject_with(comment)

    def reject_with(self, comment: str) -> None:
        try:
            version = dk.reject(self.store, self.sheet.code, user=self.user, comment=comment,
                                expected_version=self.expected_version)
        except (dk.DeskRefusal, StoreError) as exc:
            self._say(str(exc))
            return
        self._say("Rejected back to the desk.", error=False)
        self.discard_draft()
        self.saved.emit(version)

    def withdraw(self) -> None:
        try:
            version = dk.withdraw(self.store, self.sheet.code, user=self.user,
                                  expected_version=self.expected_version)
        except (dk.DeskRefusal, StoreError) as exc:
            self._say(str(exc))
            return
        self._say("Your provisional entry was withdrawn.", error=False)
        self.discard_draft()
        self.saved.emit(version)


class DeclarationDialog(QDialog):
    """The form in its own window; closes itself when the save, verify or reject lands."""

    def __init__(self, store: Store, code: str, *, user: str, mode: Mode = Mode.ENTER,
                 recount_votes: int = tally.DEFAULT_RECOUNT_VOTES,
                 recount_pct: float = tally.DEFAULT_RECOUNT_PCT,
                 draft_file: Path | None = None, draft: Draft | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("declarationDialog")
        self.form = DeclarationForm(store, code, user=user, mode=mode,
                                    recount_votes=recount_votes, recount_pct=recount_pct,
                                    draft_file=draft_file, draft=draft, parent=self)
        self.setWindowTitle(f"{_TITLES[Mode(mode)]}: {self.form.sheet.name}")
        layout = QVBoxLayout(self)
        # Grow with the form as warnings and messages appear, so nothing is ever clipped.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(self.form)
        self.form.saved.connect(self._done)
        self.result_version = None
        self.resize(780, self.sizeHint().height())

    def _done(self, version) -> None:
        self.result_version = version
        self.accept()

    def reject(self) -> None:
        """Closing the form on purpose (Esc, Cancel) throws its figures away; only a crash
        leaves a draft to restore."""
        self.form.discard_draft()
        super().reject()

