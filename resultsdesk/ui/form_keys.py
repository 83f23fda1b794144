"""The keyboard side of the declaration form (the contract is in `keys.FORM_KEYS`): the Enter
chain and tab order, what blocks a save and where focus goes to fix it, undo steps, and asking
before Esc throws typed figures away. A mixin of `DeclarationForm`.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget

from ..domain.validation import Problem, unresolved
from .announce import announce
from .dialog_life import free_closed
from .form_checks import LOT_TO_KEY, Mode
from .keys import ENTER_KEYS, plain_key
from .style import message_colour


class SetText(QUndoCommand):
    """One field's edit; consecutive keystrokes in the same field merge into one step, while
    the focus stays in it. Left and come back to (Enter, then Shift+Tab to put a figure
    right), a new step: merged, Ctrl+Z after the figure retyped emptied the field, the
    figure first typed there lost with the mistake."""

    def __init__(self, form, edit: QLineEdit, old: str, new: str) -> None:
        super().__init__(f"Edit {edit.objectName()}")
        self.form, self.edit, self.old, self.new = form, edit, old, new
        self.session = form._edit_session  # (`FormKeys._focus_in`)
        self._first = True

    def id(self) -> int:
        return 1000 + self.form.number_edits.index(self.edit)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (not isinstance(other, SetText) or other.edit is not self.edit
                or other.session != self.session):
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        if self._first:  # the text is already in the field: the user just typed it
            self._first = False
            return
        self.form.set_field_text(self.edit, self.new)
        self.form._save_draft()  # a crash restores what is in the fields now

    def undo(self) -> None:
        self.form.set_field_text(self.edit, self.old)
        self.form._save_draft()


class FormKeys:
    """Needs the form's widgets (`fields`, the buttons, warning boxes) and `submit`."""

    def has_typed(self) -> bool:
        """Whether anything was typed that closing the form would throw away."""
        return (any(e.text() != self._initial.get(e, "") for e in self.number_edits)
                or bool(self.reason_edit.text().strip() or self.tie_note.text().strip()))

    def _tab_chain(self) -> list[QWidget]:
        """Tab order: what is above the ballot paper, the fields in Enter order, the lot,
        the warning boxes in the order shown, then the buttons."""
        return [self.electorate_edit, self.reason_edit, *self.fields, self.tie_combo,
                self.tie_note, *self.override_boxes.values(), *self.buttons]

    def _apply_tab_order(self) -> None:
        chain = self._tab_chain()
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _enter(self, widget: QWidget) -> None:
        """Enter: the next field, never a save, except in the last field (and the lot's
        note, typed after it); on a focused button, press it."""
        if widget in self.buttons:
            widget.click()
        elif widget is self.fields[-1] or widget is self.tie_note:
            self.submit()
        elif widget is self.tie_combo:  # the lot: its note next on an entry, else save
            if self.tie_note.isVisibleTo(self):
                self.tie_note.setFocus(Qt.FocusReason.TabFocusReason)
            else:
                self.submit()
        elif widget in self.fields:
            self.fields[self.fields.index(widget) + 1].setFocus(Qt.FocusReason.TabFocusReason)
        elif widget in (self.electorate_edit, self.reason_edit):
            chain = self._tab_chain()
            following = chain[chain.index(widget) + 1:]
            next(w for w in following if w.isVisibleTo(self)).setFocus(
                Qt.FocusReason.TabFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if plain_key(event, *ENTER_KEYS) and isinstance(watched, QWidget):
            self._enter(watched)
            return True  # handled here: a dialog must never see it and press a button
        if self._form_undoes(watched) and self._undo_key(event):
            return True
        if event.type() == QEvent.Type.FocusIn and watched is self.tie_combo:
            self._lot_keyed = True
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            self._focus_in(watched, event)
        return super().eventFilter(watched, event)

    def _focus_in(self, edit: QLineEdit, event: QFocusEvent) -> None:
        """A field reached (Enter, Tab, a click, the form opening) has its figure selected,
        so that what is typed replaces it. Not one the focus comes back to with its window
        (a question answered, Esc's "Keep typing"): the figure half-typed there was
        selected, and the next digit typed on replaced it ("12", Esc, Enter, "000" made
        "000"). A field reached anew starts an undo step of its own (`SetText`)."""
        returning = event.reason() in (Qt.FocusReason.ActiveWindowFocusReason,
                                       Qt.FocusReason.PopupFocusReason)
        if not (returning and self._focused_once):
            edit.selectAll()
            self._edit_session += 1
        self._focused_once = True

    def _form_undoes(self, watched: QObject) -> bool:
        """Whether Ctrl+Z / Ctrl+Shift+Z in `watched` is a step of the form's stack: in a
        figure field always; in the lot's note or a correction's reason only while it has
        no typing of its own to take back. Reached by Enter after the last figure, the
        empty note took Ctrl+Z for its own empty history: the figure just mistyped stayed."""
        if watched in self.number_edits:
            return True
        return (watched in (self.tie_note, self.reason_edit)
                and not (watched.isUndoAvailable() or watched.isRedoAvailable()))

    def _undo_key(self, event: QEvent) -> bool:
        """Ctrl+Z / Ctrl+Shift+Z in a figure field: a step of the form's undo stack, not of
        that field's own history (a QLineEdit takes these keys before any shortcut, so
        from a field just entered Ctrl+Z did nothing). The field the step changed takes
        the focus, so the person sees what was taken back."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_step()
        elif event.matches(QKeySequence.StandardKey.Redo):
            self.undo_step(redo=True)
        else:
            return False
        return True

    def undo_step(self, redo: bool = False) -> None:
        """Ctrl+Z (Ctrl+Shift+Z) from anywhere in the form: a step of its undo stack, and
        the field the step changed takes the focus. From a warning box or a button (the
        form's shortcut) the focus stayed there while a figure changed out of sight: the
        box just ticked kept it while the rejected ballots emptied, and a figure corrected
        last went back to its mistyped value, ready for Ctrl+S to save."""
        stack = self.undo_stack
        if redo:
            command = stack.command(stack.index())
            stack.redo()
        else:
            command = stack.command(stack.index() - 1)
            stack.undo()
        if isinstance(command, SetText):
            command.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def restart_undo(self, edit: QLineEdit, before: str, now: str) -> None:
        """`edit`'s start moved from `before` to `now` under the form (another desk's import
        gave the seat another electorate): its undo steps go back to, or on from, the new
        start. Left at the old one, Ctrl+Z put back the figure the import had replaced, and
        it was saved as if keyed, over the seat's own."""
        stack = self.undo_stack
        for i in range(stack.count()):
            command = stack.command(i)
            if isinstance(command, SetText) and command.edit is edit:
                command.old = now if command.old == before else command.old
                command.new = now if command.new == before else command.new

    def send_to(self, widget: QWidget) -> None:
        """The focus to `widget`, where the form sends the person to correct something (a
        blocked save, a re-key that differs), its figure selected so that what is typed
        replaces it. Selecting on focus-in alone missed the field the person was already
        in: a blocked save there left the figure unselected, and `19002` retyped made
        `1900119002`, which a re-key then spent a try on."""
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()
            self._edit_session += 1  # what is typed now is an undo step of its own
        self.ballot_area.keep_focus_in_sight()

    def _say(self, text: str, error: bool = True, *, aloud: bool = True) -> None:
        """`text` under the buttons; `aloud`: announced now (a save refused or done, news
        of the seat), else as the live region finds it changed (`tell_changes`)."""
        self.message_label.setStyleSheet(f"color:{message_colour(error)}; font-weight:600")
        # Plain text: a message quotes figures and names as they were typed
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setText(text)
        self.show_errors()  # an error the message now says is not said twice
        if aloud:
            # Heard, not only seen: the focus stays in the figures (or goes to one that
            # differs). Not heard again at the next keystroke.
            announce(self.message_label, text, assertive=error)
            self.live_region.said("message", text)
        self._blocked = False
        # the message squeezes the ballot's scroll area: the field with the focus scrolls
        # back into sight once the layout has settled
        self.ballot_area.keep_focus_in_sight()

    def _override_toggled(self) -> None:
        self._recheck_blocked()
        self._save_draft()

    def _recheck_blocked(self) -> None:
        """A "Cannot save yet" message goes as soon as nothing blocks, and otherwise
        always names what still does; what the form's messages say now is told."""
        if getattr(self, "_blocked", False):
            blocker = self.blocker()
            # As typed: said once it names something else, politely (the digits echoed go
            # first); said on every keystroke, assertively, it cut off each digit's echo.
            self._say("" if blocker is None else blocker[0], aloud=False)
            self._blocked = blocker is not None
        self.tell_changes()

    def _field_of(self, problem: Problem) -> QWidget | None:
        if problem.field.startswith("votes:"):
            return self.vote_edits[int(problem.field.split(":")[1])]
        return {"invalid": self.invalid_edit, "total": self.total_edit,
                "electorate": self.electorate_edit}.get(problem.field)

    def _error_blocker(self, errors: list[Problem]) -> tuple[str, QWidget | None]:
        """Errors in the figures: all of them said, the focus where the first is fixed."""
        message = "Cannot save yet: " + "; ".join(p.message for p in errors) + "."
        if errors[0].code == "over_electorate":
            check, field = self._over_electorate_slip()
            return f"{message} {check}", field
        return message, self._field_of(errors[0])

    def _over_electorate_slip(self) -> tuple[str, QWidget]:
        """More ballots than electors: where the slip most likely is, and the words that
        send the person there. The electorate, only where it was changed in this form and
        the ballots fit the one it started from (the returning officer's own figure, or a
        digit lost typing it); otherwise the largest figure keyed, as a digit typed twice
        makes it. The electorate comes filled in, so sending the cursor there (as the
        error's field) invited "fixing" it up to fit a mistyped vote."""
        votes, invalid, _, electorate = self.figures()
        start = self.sheet.prefilled_electorate()
        cast = sum(v or 0 for v in votes) + (invalid or 0)
        if electorate != start and (start is None or cast <= start):
            return ("Check the electorate typed above"
                    + (f" (the form started from {start:,})." if start is not None else "."),
                    self.electorate_edit)
        keyed = [(v or 0, i) for i, v in enumerate(votes)] + [(invalid or 0, len(votes))]
        largest, place = max(keyed, key=lambda pair: pair[0])  # (the first of equals)
        if place == len(votes):
            return (f"Check the rejected ballots, {largest:,}, the largest figure keyed, or "
                    "the electorate above if the returning officer gave another.",
                    self.invalid_edit)
        return (f"Check {self.sheet.candidates[place].name}'s {largest:,}, the largest "
                "figure keyed, or the electorate above if the returning officer gave "
                "another.", self.vote_edits[place])

    def _rejected_required(self) -> bool:
        # Required everywhere it is typed; a re-key of an entry that recorded none (from a
        # script) must leave it empty to match.
        pending = self.sheet.pending
        return not (self.mode is Mode.REKEY and pending is not None
                    and pending.invalid_votes is None)

    def _lot_not_keyed(self) -> tuple[str, QWidget] | None:
        """A re-key whose figures tie, its lot's box never reached: Enter in the last field
        verified without it (it comes after) and spent a try ("your figures differ for the
        winner by lot")."""
        if self.tie_row.isVisibleTo(self) and not self._lot_keyed:
            return LOT_TO_KEY, self.tie_combo
        return None

    def blocker(self) -> tuple[str, QWidget | None] | None:
        """What stops a save now, and where the fix is typed or ticked; None if nothing."""
        # typed for a count the seat has left, to verify an entry that no longer awaits
        # verification, or as an entry where someone else has since saved one: no fix here
        gone = self.count_moved or self.entry_gone
        if gone is not None:
            return gone, None
        format_problems = self._format_problems()
        if format_problems:
            return format_problems[0].message, self._field_of(format_problems[0])
        votes, invalid, _, _ = self.figures()
        missing = [self.sheet.candidates[i].name for i, v in enumerate(votes) if v is None]
        if missing:
            return (f"Enter votes for {', '.join(missing)} (0 if none).",
                    self.vote_edits[votes.index(None)])
        if invalid is None and self._rejected_required():
            return "Enter the rejected ballots (0 if none).", self.invalid_edit
        problems = self.problems()
        errors = [p for p in problems if p.is_error]
        if errors:
            return self._error_blocker(errors)
        if self.mode is Mode.REKEY:  # the first entry's warnings were seen and ticked there
            return self._lot_not_keyed()
        if self.mode is Mode.CORRECT and not self.reason_edit.text().strip():
            # Before the warnings: asked after them, a warning's "tick it, then Ctrl+S" was
            # followed by a Ctrl+S that saved nothing and sent the person up to the reason.
            return ("Cannot save yet: a correction needs its reason. Type what was wrong, "
                    "and on whose word.", self.reason_edit)
        if (self.tie_row.isVisible() and self.tie_combo.currentData() is not None
                and not self.tie_note.text().strip()):
            # Before the warnings, as the reason is (and as the form reads, top down):
            # asked after them, the tie's "tick it, then Ctrl+S" was followed by a Ctrl+S
            # that saved nothing and sent the person back up to the note.
            return "Add a note on how the lot was drawn.", self.tie_note
        warnings = unresolved(problems, self.overrides())
        return self._warning_blocker(warnings) if warnings else None

    def _warning_blocker(self, warnings: list[Problem]) -> tuple[str, QWidget | None]:
        """Unticked warnings: all of them said, the focus in the first box as shown (the
        boxes stay in the order first raised), so that Tab goes on to the others. With
        several, "Tick a warning …, then Ctrl+S" was untrue: Ctrl+S after one ticked
        stopped at the next."""
        codes = {p.code for p in warnings}
        box = next((b for c, b in self.override_boxes.items() if c in codes), None)
        # (one box a code: two candidates on 0 are one box to tick, `_show_problems`)
        tick = ("Tick a warning to accept it (Space)" if len(codes) == 1 else
                "Tick each warning to accept it (Space, Tab to the next)")
        return ("Cannot save yet: " + "; ".join(p.message for p in warnings) +
                f". {tick}, then Ctrl+S.", box)


def ask_to_discard(parent: QWidget, seat: str, discard: Callable[[], None]) -> QMessageBox:
    """Ask before typed figures are thrown away (Esc, the window's close button)."""
    return ask_first(parent, "discardBox", "Discard the figures?",
                     f"Close the form and throw away the figures typed for {seat}?",
                     ("&Discard figures", "&Keep typing"), discard)


def ask_first(parent: QWidget, name: str, title: str, text: str, buttons: tuple[str, str],
              act: Callable[[], None]) -> QMessageBox:
    """Ask (without blocking: the box is window-modal) before doing what a stray key must
    never do alone; `buttons`: doing it, and not. Enter or Esc does not, back in the field
    where the typing was; a letter typed alone answers nothing (`questions`)."""
    from .questions import SteadyQuestion

    field = parent.focusWidget()
    free_closed(parent, SteadyQuestion, name)  # one more for every recount of the night
    box = SteadyQuestion(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName(name)
    yes = box.addButton(buttons[0], QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(buttons[1], QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)

    def answered() -> None:
        if box.clickedButton() is yes:
            act()
        # Back to the window asked from, where it is still open (a form discarded or
        # withdrawn has closed, and its window has put the focus back itself): after Alt+M
        # marked a recount the focus was nowhere, where the window manager gives none back
        # to the window, and Enter or Ctrl+E then did nothing.
        if not parent.isVisible():
            return
        parent.activateWindow()
        if field is not None and field.isVisible() and field.isEnabled():
            field.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    box.finished.connect(answered)
    box.open()
    return box
