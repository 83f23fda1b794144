"""The declaration form: keying a result as it is read out, verifying it, correcting it.

Built for the keyboard, entry and re-key alike (`keys.FORM_KEYS`; scripts and tests rely on
it): the fields are each candidate in ballot order, rejected ballots, total as read out
(optional). Enter moves to the next field and never saves, except in the last field; Ctrl+S
saves from any field. A save attempt that something blocks says what and moves focus there: the
first empty required field, the field in error, or the first unticked warning box (Space ticks
it). Esc closes the form, asking first if figures were typed. Totals, turnout, winner and
majority update as you type; the same validation rules as the command line decide what may be
saved.
"""

from __future__ import annotations

import contextlib
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..desk import declarations as dk
from ..desk.accounts import Actor
from ..desk.drafts import Draft, clear_draft, save_draft
from ..desk.errors import StoreError
from ..desk.session import Desk
from ..domain import tally
from ..domain.errors import KnownError
from ..domain.identity import same_person
from ..domain.model import Figures
from .announce import LiveRegion
from .ballot_area import BallotArea, FitsScreen
from .form_actions import FormActions
from .form_checks import FormChecks, Mode, int_or_none
from .form_keys import FormKeys, SetText, ask_to_discard
from .form_state import state_text
from .keys import FORM_SHORTCUTS
from .style import chip_edge, colours, grown_px, number_style, panel_style, rich_label
from .terminate import closing_on_signal

__all__ = ["DeclarationDialog", "DeclarationForm", "Mode"]

TITLE_PX = 20  # the seat's name over the form, beside a BODY_PX body (grown_px)
_TITLES = {Mode.ENTER: "Enter declaration", Mode.CORRECT: "Correct verified result",
           Mode.REKEY: "Verify: re-key the figures"}


class DeclarationForm(FormChecks, FormKeys, FormActions, QWidget):
    saved = Signal(object)  # the Version written
    closed = Signal()

    def __init__(self, store: Desk, code: str, *, user: Actor, mode: Mode = Mode.ENTER,
                 thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
                 draft_file: Path | None = None, draft: Draft | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("declarationForm")
        self.draft_file = draft_file
        self.store, self.mode = store, Mode(mode)
        # The desk gets the Account (a typed open-desk name may not act once there are accounts)
        self.actor, self.user = user, user if isinstance(user, str) else user.name
        self.thresholds = thresholds
        self.sheet = dk.load_sheet(store, code)
        self.expected_version = self.sheet.current_version
        # and the count typed for: a recount called meanwhile changes no version
        self.expected_count: int | None = self.sheet.current_count
        self.count_moved: str | None = None  # why not, once it moved (`follow_count`)
        self.entry_gone: str | None = None  # its entry gone, or one saved over it (`follow_entry`)
        self._unsure = False  # the last save's reply never came: the next one is a retry
        self._missed: tuple | None = None  # the figures of the last re-key that missed
        self._missed_texts: dict[QLineEdit, str] = {}  # (`FormActions.still_differs`)
        self.undo_stack = QUndoStack(self)
        self._texts: dict[QLineEdit, str] = {}
        self._setting = False
        self._edit_session = 0  # a field's keystrokes merge into one undo step (`SetText`)
        self._focused_once = False  # a field selected on focus, but not on the window's return
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
        edit.setStyleSheet(number_style())
        edit.textEdited.connect(lambda text, e=edit: self._edited(e, text))
        return edit

    def _build(self) -> None:
        s = self.sheet
        outer = QVBoxLayout(self)
        # The seat's name larger than the text beside it in any font: a fixed 20 px read
        # smaller than its grey code at 16 pt (a 21-pixel body).
        title = rich_label(f"<span style='font-size:{grown_px(TITLE_PX)}px; font-weight:600'>"
                           f"{escape(s.name)}</span>"
                           f"&nbsp;&nbsp;<span style='color:{colours().muted}'>"
                           f"{escape(s.code)} · {escape(s.region)}</span>")
        title.setObjectName("seatTitle")
        outer.addWidget(title)
        # (rich_label: names, a note)
        self.state_label = rich_label(state_text(self.store, self.sheet, self.mode))
        self.state_label.setObjectName("stateLabel")
        self.state_label.setWordWrap(True)
        outer.addWidget(self.state_label)
        # Not read out with the result, so above the ballot paper and outside the Enter chain.
        top = QFormLayout()
        # each label level with its box's text (the style's default sets it at the top)
        top.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.electorate_edit = self._number_edit("electorateEdit")
        self.electorate_edit.setAccessibleName("Electorate")
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.textEdited.connect(lambda _: self._save_draft())
        # a "Cannot save yet" naming the missing reason goes once it is typed
        self.reason_edit.textEdited.connect(lambda _: self._recheck_blocked())
        self.reason_edit.setPlaceholderText("What was wrong, and on whose word")
        # Re-keyed too (it sets the turnout on air), from the same public start as the
        # entry's: changed only where the returning officer's sheet says otherwise.
        top.addRow("Electorate:", self.electorate_edit)
        if self.mode is Mode.CORRECT:
            top.addRow("Reason for correction:", self.reason_edit)
        else:
            self.reason_edit.hide()
        outer.addLayout(top)

        ballot = QWidget(self)
        grid = QGridLayout(ballot)
        grid.setContentsMargins(0, 0, 0, 0)
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
            chip.setStyleSheet(f"background:{c.colour}; border:1px solid {chip_edge(c.colour)};"
                               "border-radius:2px")
            grid.addWidget(chip, i, 0)
            name = QLabel(c.name)
            party = QLabel(f"{c.party_name or c.party}")
            for label in (name, party):  # as imported, never read as markup
                label.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(name, i, 1)
            party.setStyleSheet(f"color:{colours().muted}")
            grid.addWidget(party, i, 2)
            edit = self._number_edit(f"votes_{i - 1}")
            # The party too: a verifier listening checks the line read out by both.
            edit.setAccessibleName(f"Votes for {c.name}, {party.text()}")
            grid.addWidget(edit, i, 3)
            share = QLabel("")
            share.setMinimumWidth(56)
            share.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(share, i, 4)
            self.vote_edits.append(edit)
            self.share_labels.append(share)
        # The rest of the Enter chain lines up under the candidates' votes.
        self.invalid_edit = self._number_edit("invalidEdit")
        self.invalid_edit.setAccessibleName("Rejected ballots")
        self.total_edit = self._number_edit("totalEdit")
        self.total_edit.setAccessibleName("Total valid votes as read out (optional)")
        self.total_edit.setPlaceholderText("optional")
        rows = [("Rejected ballots", self.invalid_edit),
                ("Total valid votes as read out", self.total_edit)]
        for row, (text, edit) in enumerate(rows, start=len(s.candidates) + 1):
            label = QLabel(f"<b>{text}</b>")
            label.setBuddy(edit)
            grid.addWidget(label, row, 1, 1, 2, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(edit, row, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        # Scrolls only where the form would not fit the screen (ballot_area.fit_dialog).
        self.ballot_area = BallotArea(ballot, grid.rowCount(), self)
        outer.addWidget(self.ballot_area)

        self.tie_combo = QComboBox(self)
        self.tie_combo.setObjectName("tieWinnerCombo")
        self.tie_note = QLineEdit(self)
        self.tie_note.setObjectName("tieNoteEdit")
        self.tie_note.setPlaceholderText("How the lot was drawn, by whom")
        # what the desk chose and typed for a lot is kept in the crash draft like the figures
        self.tie_combo.activated.connect(lambda _: self._save_draft())
        self.tie_combo.activated.connect(
            lambda _: self.flag_mismatch(self.tie_combo, False))  # re-keyed
        self.tie_note.textEdited.connect(lambda _: self._save_draft())
        # a "Cannot save yet" names what blocks now: the note once a winner is chosen
        self.tie_combo.activated.connect(lambda _: self._recheck_blocked())
        self.tie_note.textEdited.connect(lambda _: self._recheck_blocked())
        self.tie_row = QWidget(self)
        tie_layout = QHBoxLayout(self.tie_row)
        tie_layout.setContentsMargins(0, 0, 0, 0)
        tie_label = QLabel("Winner drawn by lot:")
        tie_label.setBuddy(self.tie_combo)  # what a screen reader names the list by
        self.tie_note.setAccessibleName("How the lot was drawn")  # a placeholder is not a name
        tie_layout.addWidget(tie_label)
        tie_layout.addWidget(self.tie_combo)
        tie_layout.addWidget(self.tie_note, 1)
        self.tie_row.hide()
        # A re-key whose figures tie: has the verifier been to the winner drawn (`blocker`)?
        self._lot_keyed = False
        outer.addWidget(self.tie_row)

        # The Enter chain, in order; Enter in the last one saves (keys.FORM_KEYS).
        self.fields: list[QLineEdit] = [*self.vote_edits, self.invalid_edit, self.total_edit]
        self.number_edits = [*self.fields, self.electorate_edit]  # undo, drafts

        self.live_label = rich_label(parent=self)
        self.live_label.setObjectName("liveSummary")
        self.live_label.setStyleSheet(panel_style("padding:8px;", font_px=14))
        self.live_label.setWordWrap(True)
        outer.addWidget(self.live_label)

        self.errors_label = rich_label(parent=self)
        self.errors_label.setObjectName("errorsLabel")
        self.errors_label.setStyleSheet(f"color:{colours().error}")
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
        self.live_region = LiveRegion(self)  # the messages above, as they change (`tell_changes`)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.withdraw_button = QPushButton("&Withdraw my entry", self)
        self.withdraw_button.setObjectName("withdrawButton")
        self.withdraw_button.clicked.connect(self.withdraw)
        pending = self.sheet.pending
        self.withdraw_button.setVisible(
            self.mode in (Mode.ENTER, Mode.CORRECT) and pending is not None
            and same_person(pending.entered_by, self.user))
        buttons.addWidget(self.withdraw_button)
        self.reject_button = QPushButton("&Reject to desk…", self)
        self.reject_button.setObjectName("rejectButton")
        self.reject_button.clicked.connect(self.reject)
        self.reject_button.setVisible(self.mode is Mode.REKEY)
        buttons.addWidget(self.reject_button)
        primary = {Mode.ENTER: "&Save as provisional", Mode.CORRECT: "&Save correction",
                   Mode.REKEY: "&Verify"}[self.mode]
        self.save_button = QPushButton(primary, self)
        self.save_button.setObjectName("saveButton")
        self.save_button.clicked.connect(self.submit)
        buttons.addWidget(self.save_button)
        # Height the messages gave back (a warning replaced by a one-line error) goes here,
        # not to the ballot, whose grid spread it between its rows: the fields moved down
        # under the operator's eyes and the column titles came apart from the candidates.
        outer.addStretch(1)
        outer.addLayout(buttons)
        self.buttons = [self.withdraw_button, self.reject_button, self.save_button]
        for button in self.buttons:
            # No default button: Enter in a field must never press Save (or Verify) early.
            button.setAutoDefault(False)
            button.setDefault(False)
            button.installEventFilter(self)

        slots = {QKeySequence.StandardKey.Save: self.submit,
                 QKeySequence.StandardKey.Undo: self.undo_step,
                 QKeySequence.StandardKey.Redo: lambda: self.undo_step(redo=True)}
        for key, _ in FORM_SHORTCUTS:
            QShortcut(key, self, slots[key])
        for edit in (self.electorate_edit, self.reason_edit, *self.fields, self.tie_combo,
                     self.tie_note):
            edit.installEventFilter(self)
        self.ballot_area.watch(self.fields)
        self._blocked = False  # a "Cannot save yet" message is showing
        self._apply_tab_order()

    def _prefill(self) -> None:
        s = self.sheet
        self._setting = True
        try:
            if self.mode is Mode.CORRECT and s.verified:
                for edit, v in zip(self.vote_edits, s.verified.votes, strict=True):
                    edit.setText(f"{v}")
                if s.verified.invalid_votes is not None:
                    self.invalid_edit.setText(f"{s.verified.invalid_votes}")
            # The verified result's electorate, as the returning officer gave it, for a
            # correction and for a recount's count alike (the seat's own may be older); a
            # re-key's starts from the same, which the desk also means by none.
            self.start_electorate(s.prefilled_electorate())
        finally:
            self._setting = False
        self._texts = {e: e.text() for e in self.number_edits}
        self._initial = dict(self._texts)  # what "figures were typed" is measured against
        if self.vote_edits:
            self.vote_edits[0].setFocus()

    def start_electorate(self, electorate: int | None) -> None:
        """The electorate the form starts from (and a save that gives none means)."""
        edit = self.electorate_edit
        edit.setText("" if electorate is None else f"{electorate}")
        # the figure alone: longer ("74,865 (left empty: this)") was cut in the box
        edit.setPlaceholderText("" if electorate is None else f"{electorate:,}")
        edit.setToolTip("" if electorate is None else
                        f"Left empty: {electorate:,}, the electorate this form started from")

    # --- drafts ----------------------------------------------------------------------

    def _restore(self, draft: Draft) -> None:
        """Put back the figures typed before a crash; saving still checks the version. The
        save is a retry: the draft outlived its form, whose last save may have landed with
        its reply lost (a team desk's server), and is then found, not refused as a change
        by someone else (`desk.declarations`: only this person's entry, these figures).
        Only where the seat has moved since: a save that landed added a version (a re-key's
        verification landed is not restored at all), and taking every change for one kept
        the restored form deaf to another desk's entry saved after it came back."""
        self.expected_version = draft.expected_version
        self.expected_count = draft.expected_count  # (None: a draft of an earlier version)
        self._unsure = self.sheet.current_version != draft.expected_version
        for edit in self.number_edits:
            if edit.objectName() in draft.fields and not edit.isReadOnly():
                self.set_field_text(edit, draft.fields[edit.objectName()])
        if "reasonEdit" in draft.fields:
            self.reason_edit.setText(draft.fields["reasonEdit"])
        # the figures above have put the tie row up (or not): its choice and note go back in
        lot = self.tie_combo.findData(int_or_none(draft.fields.get("tieWinnerCombo")))
        if lot > 0:
            self.tie_combo.setCurrentIndex(lot)
        if "tieNoteEdit" in draft.fields:
            self.tie_note.setText(draft.fields["tieNoteEdit"])
        # The warnings the restored figures raise are up: those ticked before the crash are
        # ticked again, once. (Kept as "ticked in the draft", every later keystroke ticked
        # them again, one the person had unticked too, and Ctrl+S recorded it as accepted.)
        for code in draft.overrides:
            box = self.override_boxes.get(code)
            if box is not None and box.isVisibleTo(self):
                box.setChecked(True)
        # On where the typing stopped: the first field, focused with its figure selected,
        # had the next figure read out typed over the first one restored.
        empty = next((e for e in self.fields[:-1] if not e.text()), None)  # (not the total)
        if empty is not None:
            empty.setFocus()

    def draft(self) -> Draft:
        # What was typed: an electorate left as the form started it is the seat's, read
        # again when the draft comes back. Kept, the old figure came back as if keyed and
        # was saved over the one an import gave the seat while the app was down.
        texts = {e.objectName(): e.text() for e in self.number_edits if e.text()
                 and not (e is self.electorate_edit and e.text() == self._initial.get(e))}
        if self.reason_edit.text():
            texts["reasonEdit"] = self.reason_edit.text()
        if self.tie_combo.currentData() is not None:
            texts["tieWinnerCombo"] = str(self.tie_combo.currentData())
        if self.tie_note.text():
            texts["tieNoteEdit"] = self.tie_note.text()
        return Draft(self.sheet.code, self.mode.value, self.expected_version, texts,
                     self.overrides(), self.expected_count)

    def _save_draft(self) -> None:
        if self.draft_file is not None:
            with contextlib.suppress(OSError):  # a draft is a convenience: keep typing
                save_draft(self.draft_file, self.draft())

    def discard_draft(self) -> None:
        if self.draft_file is not None:
            clear_draft(self.draft_file)

    # --- editing ---------------------------------------------------------------------

    def set_field_text(self, edit: QLineEdit, text: str) -> None:
        """`text` in `edit` from the form, not the keyboard (undo, redo): as after a
        keystroke, a re-keyed field flagged as differing is flagged no more, unless this
        puts back the figure that differed (Ctrl+Z after re-keying it)."""
        self._setting = True
        try:
            edit.setText(text)
        finally:
            self._setting = False
        self._texts[edit] = text
        self.flag_mismatch(edit, self.still_differs(edit))
        self.update_live()

    def _edited(self, edit: QLineEdit, text: str) -> None:
        if self._setting:
            return
        old = self._texts.get(edit, "")
        self._texts[edit] = text
        self.undo_stack.push(SetText(self, edit, old, text))
        self.flag_mismatch(edit, False)  # a re-keyed field is no longer flagged
        self.update_live()
        self._save_draft()

    # --- actions -----------------------------------------------------------------------

    def submit(self) -> None:
        """Save (re-key: verify), or say what blocks it and put focus where it is fixed."""
        blocker = self.blocker()
        if blocker is not None:
            message, widget = blocker
            self._say(message)
            self._blocked = True
            if widget is not None and widget.isVisibleTo(self):
                self.send_to(widget)
            return
        votes, invalid, total, electorate = self.figures()
        tie_winner = self.tie_combo.currentData() if self.tie_row.isVisibleTo(self) else None
        if self.mode is Mode.REKEY:
            self._verify(votes, invalid, electorate, tie_winner)
            return
        note = self.tie_note.text().strip() or None
        try:
            if self.mode is Mode.CORRECT:
                version = dk.correct(
                    self.store, self.sheet.code, Figures(votes, invalid, total, electorate),
                    user=self.actor, reason=self.reason_edit.text(),
                    expected_version=self.expected_version, overrides=self.overrides(),
                    tie_winner=tie_winner, thresholds=self.thresholds, retry=self._unsure,
                    expected_count=self.expected_count, lot_note=note,
                    correcting=self.correcting())
            else:
                version = dk.declare(
                    self.store, self.sheet.code, Figures(votes, invalid, total, electorate),
                    user=self.actor, expected_version=self.expected_version,
                    overrides=self.overrides(), tie_winner=tie_winner, note=note,
                    thresholds=self.thresholds, retry=self._unsure,
                    expected_count=self.expected_count)
        except KnownError as exc:
            self._unsure = isinstance(exc, StoreError)  # saved or not: the server knows
            self._refused(exc)
            return
        self._say(f"Saved version {version.version}, verified since by "
                  f"{version.verified_by}." if version.verified_by else
                  f"Saved version {version.version} as provisional: it needs a second "
                  "person to verify it.", error=False)  # (a retry's landed save: either)
        self.discard_draft()
        self.saved.emit(version)


class DeclarationDialog(FitsScreen, QDialog):
    """The form in its own window; closes itself when the save, verify or reject lands."""

    def __init__(self, store: Desk, code: str, *, user: Actor, mode: Mode = Mode.ENTER,
                 thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
                 draft_file: Path | None = None, draft: Draft | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("declarationDialog")
        self.form = DeclarationForm(store, code, user=user, mode=mode, thresholds=thresholds,
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
        """Esc or the window's close button: close, asking first if figures were typed; for
        SIGTERM or Ctrl+C, without asking, the figures kept in their draft as a crash keeps them."""
        if closing_on_signal():
            super().reject()
        elif self.form.has_typed():
            self.discard_box = ask_to_discard(self, self.form.sheet.name, self.discard)
        else:
            self.discard()

    def discard(self) -> None:
        """Close without saving: closing on purpose throws the figures away (only a crash
        leaves a draft to restore)."""
        self.form.discard_draft()
        super().reject()
