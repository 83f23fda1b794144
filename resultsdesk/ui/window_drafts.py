"""The crash draft of the main window's declaration form: the window's own draft file, and
the draft of a window that went down offered back. A mixin of `MainWindow` (kept apart to
keep modules short), through the desk layer only.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from .. import APP_NAME
from ..desk import session
from ..desk.declarations import DeskRefusal, load_sheet, local_time
from ..desk.drafts import (
    Draft,
    DraftSlot,
    abandoned_slot,
    claim_slot,
    clear_draft,
    draft_path,
    load_draft,
    moved_on,
    saved_and_verified,
    set_aside,
)
from ..domain.identity import same_person
from .form_checks import Mode
from .messages import tell
from .sign_in import form_refusal
from .window_declarations import says_why_not

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from .declaration_form import DeclarationDialog

log = logging.getLogger(__name__)


class DraftActions:
    """Needs `desk`, `db_path`, `account`/`user`, `active_dialog` and `open_form`."""

    _draft_slot: DraftSlot | None = None

    def _draft_place(self) -> tuple[Path, Path | str] | None:
        """The drafts folder and the election's whole location; None when the data folder
        cannot be made (a file in its way, a home that cannot be written): a draft is a
        convenience, and platformdirs' OSError stopped the form from opening."""
        from ..paths import user_data_dir

        # the whole location: a draft is never offered on another database of the same name
        where = session.redacted(self.db_path).split("?")[0] if session.is_server(self.desk) \
            else Path(self.db_path).resolve()
        try:
            return user_data_dir() / "drafts", where
        except OSError as exc:
            log.warning("no drafts are kept: %s", exc)
            return None

    def draft_file(self) -> Path | None:
        """This window's own draft file for the election and person it is on now, held
        while the window lives (or until it moves to another election or person): another
        window of the same person never writes over it, clears it, or offers it back.
        None: no drafts can be kept (`_draft_place`)."""
        if (place := self._draft_place()) is None:
            return None
        folder, where = place
        slot = self._draft_slot
        if slot is None or slot.base != draft_path(folder, where, self.user):
            self.release_draft_slot()
            slot = self._draft_slot = claim_slot(folder, where, self.user)
        return slot.path

    def release_draft_slot(self) -> None:
        """Let the window's draft file go (the window closing): a draft left in it is then
        another window's to offer back."""
        if self._draft_slot is not None:
            self._draft_slot.release()
            self._draft_slot = None

    @says_why_not
    def offer_draft(self) -> DeclarationDialog | None:
        """After a crash: offer to reopen the form with what was being typed, one draft at
        a time. Only a draft whose window has gone: one still open is typing it."""
        if self.active_dialog is not None:
            return None  # one form at a time: offered when it closes
        # No form open, so no draft of this window's own: its file goes back to the pool,
        # and a draft left in it (the tests' own, written through `draft_file`) is offered.
        self.release_draft_slot()
        if (place := self._draft_place()) is None:
            return None
        folder, where = place
        while (slot := abandoned_slot(folder, where, self.user)) is not None:
            kept = False
            try:
                offered = self._offer(slot)
                if offered is not None:  # restored: the form goes on in that file
                    kept = True
                    return offered
                if slot.path.exists():  # unanswered: kept, asked again next time
                    return None
            finally:
                if not kept:
                    slot.release()
        return None

    def set_draft_aside(self) -> None:
        """Switch user took the PC: the form's draft, kept for its person, marked so that
        its offer says why (not a crash), and let go."""
        if self._draft_slot is not None and self._draft_slot.path.exists():
            set_aside(self._draft_slot.path)
        self.release_draft_slot()

    def offer_draft_soon(self) -> None:
        """Another database opened (File > Open) or another person signed in (Switch
        user): a draft a window that went down left on that database, for that person, is
        offered now, as at a start on it. Offered only at the app's start, the figures
        typed there waited unseen until the app was started on that file by that person
        again (a start on the default database never was)."""
        QTimer.singleShot(0, self, self._offer_next)

    def _offer(self, slot: DraftSlot) -> DeclarationDialog | None:
        """The draft in `slot` offered: its form, restored (`slot` this window's draft
        file from then on); None, the file cleared (answered Discard, or told why it can
        no longer be saved) or left (unanswered)."""
        from PySide6.QtWidgets import QMessageBox

        from .terminate import closing_on_signal

        draft = load_draft(slot.path)
        if draft is None:  # unreadable: never restorable, and never to be offered again
            clear_draft(slot.path)
            return None
        try:
            mode = Mode(draft.mode)
        except ValueError:  # a mode the app no longer has (an earlier version's "check":
            # its draft held the entry's figures, which a blind re-key must never be handed)
            clear_draft(slot.path)
            return None
        try:
            sheet = load_sheet(self.desk, draft.code)
        except DeskRefusal:
            # The seat is gone (a restore of a backup from before the import that added
            # it): it was dropped without a word, and what was typed with it.
            self._drop(slot, draft, draft.code, f"{draft.code} is no longer in this "
                       "election (a backup restored or an import since took it away).")
            return None
        name = sheet.name
        if (landed := saved_and_verified(sheet, draft, self.user)) is not None:
            # Its save landed before the app went, and was verified since: not "can no
            # longer be saved … change it with a correction", which had it keyed again.
            tell(self, APP_NAME,
                 f"{self.user} was typing figures for {name} {_left(draft)}: they were "
                 f"saved (version {landed.version}, entered by {landed.entered_by} at "
                 f"{local_time(landed.entered_at)}) and verified by {landed.verified_by} at "
                 f"{local_time(landed.verified_at)}; nothing more to do.", "information")
            clear_draft(slot.path)
            return None
        refusal = form_refusal(self.desk, self.account, draft.code, mode) \
            or moved_on(sheet, draft, self.user)
        done = sheet.latest
        if refusal and mode is Mode.REKEY and done is not None \
                and done.version == draft.expected_version and done.verified_by is not None \
                and same_person(done.verified_by, self.user):
            # Their re-key verified it before the app went (its reply lost on a team desk):
            # a verification only lands when every figure matches, so it is done.
            tell(self, APP_NAME,
                 f"{self.user} was re-keying {name} {_left(draft)}: that verification was "
                 f"saved (version {done.version} verified by "
                 f"{done.verified_by} at {local_time(done.verified_at)}); nothing more to do.",
                 "information")
            clear_draft(slot.path)
            return None
        if refusal:
            # The seat moved on since (verified, its entry someone else's now, another
            # count, someone else's change): the draft could never be saved, and was
            # offered again at every start. Said once, what was typed kept in the log.
            self._drop(slot, draft, name, refusal)
            return None
        answer = self.ask_to_restore(
            f"{self.user} was typing figures for {name} {_left(draft)}. Restore them?")
        if closing_on_signal():  # unanswered (SIGTERM, Ctrl+C): asked again next time
            return None
        if answer == QMessageBox.StandardButton.Discard:
            clear_draft(slot.path)
            return None
        if answer != QMessageBox.StandardButton.Yes:  # closed unanswered: kept, asked again
            return None
        self._draft_slot = slot  # the restored form types on in the draft's own file
        dialog = self.open_form(draft.code, mode, draft=draft)
        if dialog is None:  # refused after all (the seat moved on this instant): kept
            self._draft_slot = None
            return None
        # Its file is the open form's crash draft now: a crash before the next keystroke
        # (which writes it anew) is offered as one, not as Switch user's.
        set_aside(slot.path, aside=False)
        # Two windows that went down together left a draft each: the next is offered as
        # this one's form closes (after the window has caught up with it).
        dialog.finished.connect(lambda _: self.offer_draft_soon())
        return dialog

    def _drop(self, slot: DraftSlot, draft: Draft, name: str, why: str) -> None:
        """The draft in `slot`, which can no longer be saved (`why`), said once and
        dropped: what was typed written to the log first."""
        log.warning("crash draft for %s not restored (%s): %s", draft.code, why, draft.fields)
        tell(self, APP_NAME,
             f"{self.user} was typing figures for {name} {_left(draft)}, but they can no "
             f"longer be saved: {why} What was typed is in the log (Help > Open log "
             "folder).", "information")
        clear_draft(slot.path)

    def _offer_next(self) -> None:
        from .terminate import closing_on_signal

        if self.isVisible() and not closing_on_signal():  # not as the app closes
            self.offer_draft()

    def ask_to_restore(self, text: str) -> QMessageBox.StandardButton:
        """Yes (restore) or Discard: the button clicked. Restore is Enter's answer and
        Esc's (and the title bar's close button's): Esc did nothing, and putting the
        question off leaves the figures waiting on disk, out of sight, until the next
        start. Throwing them away takes Discard itself; closing the restored form asks
        again first."""
        from PySide6.QtWidgets import QMessageBox

        from .questions import SteadyQuestion

        box = SteadyQuestion(QMessageBox.Icon.Question, APP_NAME, text, parent=self)
        box.setObjectName("restoreDraftQuestion")
        restore = box.addButton(QMessageBox.StandardButton.Yes)
        box.addButton(QMessageBox.StandardButton.Discard)
        box.setDefaultButton(restore)
        box.setEscapeButton(restore)
        box.exec()
        clicked = box.clickedButton()  # (none: closed by a closing signal)
        answer = (box.standardButton(clicked) if clicked is not None
                  else QMessageBox.StandardButton.NoButton)
        box.deleteLater()
        return answer


def _left(draft: Draft) -> str:
    """How the draft's form went: at Switch user (another person at the PC), or down."""
    return ("when someone else signed in at this PC" if draft.set_aside
            else "when ResultsDesk closed unexpectedly")
