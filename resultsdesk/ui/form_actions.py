"""What the declaration form sends to the desk besides a save: the blind re-key's
verification, a rejection to the desk, the author's withdrawal. A mixin of
`DeclarationForm` (kept apart to keep modules short).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from ..desk import declarations as dk
from ..desk.called_off import CountedSeat, count_moved
from ..desk.errors import StoreError
from ..desk.rekeys import WHO_NEXT, compared_nothing_words, tries_left_words
from ..desk.repeats import Landed
from ..desk.sheets import SeatSheet, Version
from ..desk.visibility import Viewer
from ..domain.errors import KnownError
from ..domain.identity import same_person
from ..domain.model import DeclarationKind
from .careful_text import CarefulTextBox, DiscardQuestion, ask_text
from .form_checks import Mode
from .form_keys import ask_first
from .sign_in import refusal_text
from .style import mismatch_style, number_style

# What a field flagged as differing says to a screen reader as it gets the focus: the flag
# itself is a colour.
DIFFERS = "Differs from the entry being verified: re-key it"


def tries_text(tries_left: int | None) -> str:
    """The end of a missed re-key's message: how many more tries this person has at this
    version (`desk.rekeys`), or that that was the last."""
    if tries_left is None:
        return "."
    if tries_left == 0:
        return f". That was your last try at this version: {WHO_NEXT}."
    return f" ({tries_left_words(tries_left)})."


def entry_news(refusal: str, sheet: SeatSheet, user: str,
               correcting: Version | None = None) -> str:
    """What an open Enter form (or Correct form, `correcting` the verified version it opened
    on) says once someone else saved figures for its seat: the desk's `refusal` (what its
    save would be refused with: who, which version), then what to do in this window, where
    "Reload it" alone left a tired desk pressing Enter again. The figures (and reason)
    typed stay until it is closed."""
    pending, verified = sheet.pending, sheet.verified
    correction = correcting is not None
    # a correction's verified (or withdrawn) meanwhile: another version on air, or the same
    # one ("correct that version instead" of the version being corrected made no sense)
    moved_on = verified is not None and (verified.version != correcting.version
                                         if correction else not sheet.recount_under_way)
    if pending is not None and not same_person(pending.entered_by, user):
        # named as what it is: a correction saved over an Enter form's recount is one too,
        # and a lot recorded on a verified tie ("lot pending" in the list) is no entry
        what = {DeclarationKind.CORRECTION: "correction",
                DeclarationKind.LOT: "lot"}.get(pending.kind, "entry")
        todo = (f"{pending.entered_by}'s {what} now awaits verification, and this form "
                f"cannot save over it: close it (Esc) and press Enter on {sheet.name} to "
                f"verify that {what} instead (re-key the sheet blind), or leave it for "
                "someone else to verify.")
    elif pending is None and moved_on:
        then = ("correct that version instead, with a reason, if it is still wrong"
                if correction else "a change to it now is a correction, with a reason")
        todo = (f"Version {verified.version} is on air, verified by {verified.verified_by} "
                f"at {dk.local_time(verified.verified_at)}: close this form (Esc); {then}.")
    elif correction:
        todo = (f"Close this form (Esc) and correct {sheet.name} again (Ctrl+Shift+C) to "
                "key it as it stands now.")
    else:
        todo = (f"Close this form (Esc) and press Enter on {sheet.name} again to key it as "
                "it stands now.")
    return f"{refusal} {todo}"


class FormActions:
    """Needs the form's `store`, `sheet`, `actor`, `expected_version`, `expected_count`,
    `count_moved`, `entry_gone`, its fields, `_say`, `discard_draft`, `restart_undo` and its
    `saved` signal; see `DeclarationForm`."""

    def follow_count(self, seat: CountedSeat) -> None:
        """The seat's count as the window has just read it (`live.SeatState`): figures
        typed for a count it has left (a recount called, or called off, on another desk)
        are said at once to be, in red, and `blocker` saves none of them; the desk checks
        again at the save. Back at the count typed for, the form is usable again. A re-key
        checks the version it verifies instead; a draft of an earlier version, nothing; a
        correction, nothing either: it is of the verified count, which a recount called or
        called off does not move (`dk.correct`), and it said "the figures typed were for
        it" of a recount its own state line said they were not."""
        if self.mode in (Mode.REKEY, Mode.CORRECT) or self.expected_count is None:
            return
        moved = (None if seat.current_count == self.expected_count
                 else count_moved(seat, self.expected_count))
        self.count_moved = self._news(self.count_moved, moved)

    def correcting(self) -> int | None:
        """A Correct form's verified version, as it opened: its author's own correction,
        reopened to key afresh, verified meanwhile moves it, and no version number."""
        verified = self.sheet.verified
        return verified.version if self.mode is Mode.CORRECT and verified else None

    def follow_entry(self, viewer: Viewer) -> None:
        """The seat changed on another desk (the window's refresh). A re-key's: if the
        version it verifies no longer awaits verification (verified, withdrawn, sent back,
        replaced by a recount or a new entry), the line a save would be refused with is said
        at once, in red, which version and what became of it (`dk.refuse_verification`). An
        entry's: if someone else saved figures for the seat since it opened (an entry now
        awaiting verification, or verified), the line its save would be refused with, and
        what to do instead (`entry_news`). `blocker` says it again at a save; the desk
        checks again at the save anyway. Both learnt it only by pressing Enter on a whole
        sheet keyed for nothing, an entry's at 3 a.m. on the other PC's seat. Not after a
        save whose reply never came: the change seen may be this form's own, which the
        save, tried again, finds landed (`desk.repeats`), not blocked. A correction's, as
        an entry's, in `correct`'s words: another correction saved, or verified, since."""
        if self._unsure:
            return
        if self.count_moved is not None:
            # The save is refused for the count first (`declarations._check_version`), so
            # that is the line: said second, an Enter form's recount called off showed
            # "on air…" while Ctrl+S then said the count's, each in turn.
            self.entry_gone = self._news(self.entry_gone, None)
            return
        sheet = dk.load_sheet(self.store, self.sheet.code)
        correction = self.mode is Mode.CORRECT
        try:
            if self.mode is Mode.REKEY:
                dk.refuse_verification(sheet, self.expected_version, viewer)
            else:
                dk.refuse_declaration(
                    sheet, self.expected_version, viewer, self.user, correction=correction,
                    correcting=self.correcting())
            gone = None
        except dk.DeskRefusal as exc:
            gone = str(exc) if self.mode is Mode.REKEY else entry_news(
                str(exc), sheet, self.user, self.sheet.verified if correction else None)
        self.entry_gone = self._news(self.entry_gone, gone)

    def follow_electorate(self) -> None:
        """The seat changed on another desk: an electorate an import gave it since the form
        opened replaces the one the form started from, where that was left as it was (a
        figure typed, the returning officer's, stays). Kept, the old figure was saved as
        if keyed, and the verifier's form, starting from the new one, then differed on a
        figure neither of them typed."""
        edit = self.electorate_edit
        start = self._initial.get(edit, "")
        now = dk.load_sheet(self.store, self.sheet.code).prefilled_electorate()
        if f"{now}" == start or (now is None and not start):
            return
        typed = edit.text() != start
        self._setting = True
        try:
            self.start_electorate(now)
            if typed:  # (the figure typed put back over the new start)
                edit.setText(self._texts[edit])
        finally:
            self._setting = False
        self._initial[edit] = "" if now is None else f"{now}"
        self._texts[edit] = edit.text()
        self.restart_undo(edit, start, self._initial[edit])
        self.update_live()

    def _news(self, before: str | None, now: str | None) -> str | None:
        """A line the seat's news puts on the form (`now`; None: no more): said, in red, as
        it changes; taken off when the news goes, if it is still the line shown. `now`."""
        if now == before:
            return now
        if now is not None:
            self._say(now)
        elif before is not None and self.message_label.text() == before:
            self._say("")
        return now

    def _refused(self, exc: KnownError) -> None:
        """Say why the desk refused, in the window's words (`sign_in.refusal_text`)."""
        self._say(refusal_text(exc, self.actor))

    def _verify(self, votes: list[int], invalid: int | None, electorate: int | None,
                tie_winner: int | None) -> None:
        keyed = (tuple(votes), invalid, electorate, tie_winner)
        if keyed == self._missed:
            # The same figures again (Ctrl+S pressed twice, Verify clicked twice) would be
            # a try of the three each verifier has at a version, spent on nothing re-keyed.
            self._say("Nothing re-keyed since your last try, which did not match: re-key "
                      "the highlighted fields, or reject it. No try was used.")
            self._flag_missed()  # (a figure typed again as it was took its flag off)
            self._focus_mismatch()
            return
        try:
            result = dk.verify(self.store, self.sheet.code, user=self.actor, votes=votes,
                               invalid=invalid, expected_version=self.expected_version,
                               tie_winner=tie_winner, retry=self._unsure,
                               electorate=electorate)
        except KnownError as exc:
            self._unsure = isinstance(exc, StoreError)
            self._refused(exc)
            return
        if not result.verified and result.taken_back:
            # Nothing typed was compared (every field named): no field is flagged, and
            # the same figures may be sent again, as they were never tried.
            self._say(f"Not verified: {compared_nothing_words(result.taken_back)}"
                      f"{tries_text(result.tries_left)}")
            return
        if not result.verified:
            self.mismatched = list(result.differences)
            self._missed = keyed
            self._flag_missed()
            # what each field that differed held, so that Ctrl+Z back to it flags it again
            self._missed_texts = {e: e.text() for e in map(self._mismatched_field,
                                                           self.mismatched)
                                  if isinstance(e, QLineEdit)}
            self._say(f"Not verified: your figures differ for {result.describe_differences()}."
                      " Check with the desk, re-key the highlighted fields, or reject it"
                      f"{tries_text(result.tries_left)}")
            self._focus_mismatch()
            return
        self._say(f"Verified version {result.version.version}: now on air.", error=False)
        self.discard_draft()
        self.saved.emit(result.version)

    def _flag_missed(self) -> None:
        """Flag every field the last missed re-key differed in."""
        for name in self.mismatched:
            field = self._mismatched_field(name)
            if field is not None:
                self.flag_mismatch(field, True)

    def still_differs(self, edit: QLineEdit) -> bool:
        """Whether `edit` differed at the last missed re-key and holds that figure again
        (undo, redo): it is flagged as it was. Re-keyed, it is not."""
        return edit in self._missed_texts and self._missed_texts[edit] == edit.text()

    def _focus_mismatch(self) -> None:
        """The focus to the first field the last missed re-key differed in, its figure
        selected (`send_to`), whether or not the person was already in it."""
        first = next((n for n in self.mismatched if n.startswith("votes:")),
                     self.mismatched[0])
        self.send_to(self._mismatched_field(first) or self.invalid_edit)

    def flag_mismatch(self, field: QWidget, differs: bool) -> None:
        """Flag `field` as differing from the entry (red, and said), or no longer."""
        if differs:
            field.setStyleSheet(mismatch_style(type(field).__name__))
        else:
            field.setStyleSheet(number_style() if isinstance(field, QLineEdit) else "")
        field.setAccessibleDescription(DIFFERS if differs else "")

    def _mismatched_field(self, name: str):
        """The field a difference named by the desk ("votes:2", "invalid", "electorate",
        "tie_winner") was keyed in; None for one the form has not (a hidden row)."""
        if name == "invalid":
            return self.invalid_edit
        if name == "electorate":
            return self.electorate_edit
        if name == "tie_winner":
            return self.tie_combo if self.tie_row.isVisibleTo(self) else None
        if name.startswith("votes:"):
            return self.vote_edits[int(name.split(":")[1])]
        return None

    def reject(self) -> None:
        field = self.focusWidget()
        # Esc on a comment half typed asks first (`careful_text`): `QInputDialog.getText`
        # threw it away without a word, and nothing was sent back.
        box = CarefulTextBox(self, "Reject to desk", "What should the desk check?",
                             DiscardQuestion(
                                 "discardCommentBox", "Discard the comment?",
                                 "Throw away the comment typed for the desk on "
                                 f"{self.sheet.name}, and send nothing back?",
                                 ("&Discard comment", "&Keep typing")))
        box.setObjectName("rejectCommentBox")
        comment = ask_text(box)
        # Back where it was asked from, as after any question (`form_keys.ask_first`): no
        # window manager gives the focus back on a bare X display, and after Esc in the
        # comment box the re-key's next figure, Enter and Ctrl+S did nothing at all.
        self.window().activateWindow()
        if field is not None and field.isVisible() and field.isEnabled():
            field.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        if comment is not None:
            self.reject_with(comment)

    def reject_with(self, comment: str) -> None:
        self._close_entry(lambda retry, landed: dk.reject(
            self.store, self.sheet.code, user=self.actor, comment=comment,
            expected_version=self.expected_version, retry=retry, on_landed=landed),
            "Rejected back to the desk.")

    def _close_entry(self, act: Callable[[bool, Callable[[Landed], object]], Version],
                     done: str) -> None:
        """A reject or a withdraw: the desk's answer said, and once it is done the draft
        goes and the window hears of the new version, as after a save. Sent again after
        the server's reply was lost ("saved whole or not at all"), it is a retry: the
        first one found landed is done, and said so with when (`desk.repeats`)."""
        landed: list[Landed] = []
        try:
            version = act(self._unsure, landed.append)
        except KnownError as exc:
            self._unsure = isinstance(exc, StoreError)  # done or not: the server knows
            self._refused(exc)
            return
        self._say(landed[0].says() if landed else done, error=False)
        self.discard_draft()
        self.saved.emit(version)

    def withdraw(self) -> None:
        """The Withdraw button: asks first. It sits after the warning boxes in the Tab
        order, just before Save, and Alt+W is a key above Alt+S: a slip withdrew the
        entry and threw away the figures typed to replace it, without the question Esc
        asks before throwing figures away."""
        pending = self.sheet.pending
        what = f"version {pending.version} of {self.sheet.name}" if pending else self.sheet.name
        typed = " The figures typed in this form are not saved." if self.has_typed() else ""
        self.withdraw_box = ask_first(
            self, "withdrawBox", "Withdraw your entry?",
            f"Withdraw your entry ({what})? Nobody can verify it then.{typed}",
            ("&Yes, withdraw it", "&Keep it"), self.withdraw_now)

    def withdraw_now(self) -> None:
        self._close_entry(lambda retry, landed: dk.withdraw(
            self.store, self.sheet.code, user=self.actor,
            expected_version=self.expected_version, retry=retry, on_landed=landed),
            "Your provisional entry was withdrawn.")
