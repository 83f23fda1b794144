"""The Declaration menu of the main window: what Enter on the chosen seat does (the choice:
`window_choice`): enter figures, verify someone else's by blind re-key, or show the history;
corrections, recounts, ties drawn by lot (the draft offered back after a crash:
`window_drafts`). A mixin of `MainWindow`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from .. import APP_NAME
from ..desk import session
from ..desk.accounts import Permission
from ..desk.alerts import gathered_message
from ..desk.audit_text import history_trail
from ..desk.declarations import (
    DeskRefusal,
    history,
    load_sheet,
    recount_awaiting_figures,
    refuse_lot,
)
from ..desk.declarations import decide_tie as dk_decide_tie
from ..desk.declarations import mark_recount as dk_mark_recount
from ..desk.declarations import withdraw as dk_withdraw
from ..desk.drafts import Draft
from ..desk.errors import StoreError
from ..desk.repeats import Landed
from ..desk.sheets import recount_replaces
from ..desk.visibility import blind_history
from ..domain import tally
from ..domain.errors import KnownError
from ..domain.identity import same_person
from ..domain.model import DeclarationKind
from ..domain.wording import isolated
from .dialog_life import free_closed
from .form_checks import Mode
from .messages import tell
from .queue_model import ITEM_ROLE
from .sign_in import form_refusal, refusal_text, signed_out_text
from .style import TITLE_MARK
from .type_ahead import (
    forward_stray_keys,
    hold_keys_until_active,
    keys_typed_meanwhile,
    type_into,
)
from .window_choice import FAILED_MS, ChosenSeat
from .window_live import ALERT_MS

if TYPE_CHECKING:

    from .declaration_form import DeclarationDialog

F = TypeVar("F", bound=Callable)
log = logging.getLogger(__name__)
UNREACHABLE = ("cannot reach the server (the red bar above): try again once it has "
               "gone")


def says_why_not(action: F | None = None, *, signed_out_too: bool = False):
    """A window action that reads or writes the election: when it cannot (a team desk's
    server away, the account no longer signed in, a file locked), the status bar says why
    in one line and nothing else happens, instead of the exception escaping the Qt slot
    (a traceback in the log, nothing on screen). The form keeps its own messages.
    `signed_out_too`: an action a signed-out window still takes (File > Switch user, View >
    Refresh), kept from the server's trouble alone. As `@says_why_not` or
    `@says_why_not(signed_out_too=True)`."""

    def decorate(action: F) -> F:
        @wraps(action)
        def guarded(self, *args, **kwargs):
            account = getattr(self, "account", None)
            if not signed_out_too and account is not None and account.disabled:
                self.alarm(f"Not done: {signed_out_text(account)}", FAILED_MS)  # signed out
                return None
            feed = getattr(self, "feed", None)
            if feed is not None and feed.lost and session.is_server(self.desk) and not (
                    signed_out_too and feed.sign_in_refused):
                # The red bar is up: trying would wait on a dead connection (up to 30 s
                # where the network drops packets) with the window frozen, to say the same.
                # Not where the server is there but refused the account (disabled, or its
                # password changed, which ends its sessions): Switch user is the way back.
                self.alarm(f"Not done: {UNREACHABLE}", FAILED_MS)
                return None
            try:
                return action(self, *args, **kwargs)
            except KnownError as exc:
                said = refusal_text(exc, self.account)
                self.alarm(f"Not done: {' '.join(said.split())}", FAILED_MS)
                return None

        return guarded  # type: ignore[return-value]

    return decorate(action) if action is not None else decorate


class DeclarationActions(ChosenSeat):
    """Needs `desk`, `account`/`user`, `prefs`, the results `table` and its `proxy`."""

    # Where the last form's close gave the focus back, when not to this window's own
    # (`_focus_back_on`, the map): keys typed on as it closes go there (`type_ahead`).
    keys_back_to: QWidget | None = None

    # --- what Enter on the chosen seat does (the choice: `window_choice`) ---------
    def open_code(self, code: str) -> None:
        """Enter on a seat listed elsewhere (the recount watch, a rehearsal's read-out):
        that seat's form or history. Selecting it alone did nothing where a search hid it,
        and what opened was the row the search had left selected: another seat's form."""
        if self.reveal_code(code):
            self.open_selected()

    @says_why_not
    def open_first_match(self) -> None:
        """Enter in Find: open the selected seat, which typing made the best match. With
        nothing typed, nothing: it opened the first row (or the last seat opened) that
        nobody had chosen, for a tired hand to key another seat's sheet into."""
        if not self.search.text().strip():
            self.say("Type a constituency's name or code first, then Enter to open it.", 5000)
            return
        if self._reveal_named_seat():
            self.open_selected()
            return
        if self.proxy.rowCount() == 0:
            self.say("No constituency matches that search.", 5000)
            return
        if self.selected_code() is None:
            self.find.select_row(0)
        self.open_selected()

    @says_why_not
    def open_selected(self) -> None:
        """What Enter on a seat does: enter figures, verify someone else's, or show history."""
        code = self._require_selection()
        if code is None:
            return
        sheet = load_sheet(self.desk, code)
        pending = sheet.pending
        settled = sheet.verified is not None and not sheet.recount_under_way
        if not self.account.allows(Permission.DECLARE):
            self.show_history()  # editors: figures and history, never a form
        elif pending is not None and not same_person(pending.entered_by, self.user):
            self.open_form(code, Mode.REKEY)
        elif settled and pending is None:
            self.show_history()
        elif settled and pending.kind is DeclarationKind.LOT:
            self._own_lot(sheet)  # (a correction's form offered to replace it: no lot)
        elif settled:
            # Their own correction awaiting verification: its form, to key it again or
            # withdraw it (an entry form was refused: "already has a verified result").
            self.open_form(code, Mode.CORRECT)
        else:
            self.open_form(code, Mode.ENTER)

    def _own_lot(self, sheet) -> None:
        """Enter on a seat whose lot, drawn by this person, awaits someone else's check:
        what it is, and the one thing they may do with it (opening a correction's form
        there offered to save figures with no lot over it)."""
        from .form_keys import ask_first  # (its message box loads with the first question)

        pending = sheet.pending
        drawn = sheet.candidate(pending.tie_winner_id).name if pending.tie_winner_id else "?"
        ask_first(self, "ownLotBox", "Your lot awaits verification",
                  f"{sheet.name}: your lot (version {pending.version}: {drawn} drawn) awaits "
                  "verification by someone else. Withdraw it?",
                  ("&Withdraw my lot", "&Keep it"),
                  lambda: self._run_desk(lambda: dk_withdraw(
                      self.desk, sheet.code, user=self.account,
                      expected_version=pending.version)))

    # --- the form ----------------------------------------------------------------------

    @says_why_not
    def open_form(self, code: str, mode: Mode,
                  draft: Draft | None = None) -> DeclarationDialog | None:

        refusal = form_refusal(self.desk, self.account, code, mode)
        if refusal:
            tell(self, APP_NAME, refusal, "information")
            return None
        from .declaration_form import DeclarationDialog  # loads with the first form

        free_closed(self, DeclarationDialog)  # the night's forms, one by one
        try:
            dialog = DeclarationDialog(self.desk, code, user=self.account, mode=mode,
                                       thresholds=self.prefs.thresholds,
                                       draft_file=self.draft_file(), draft=draft, parent=self)
        except DeskRefusal as exc:
            tell(self, APP_NAME, str(exc))
            return None
        if self.night.rehearsal:  # its own title bar, maybe in front of the banner
            dialog.setWindowTitle(TITLE_MARK + dialog.windowTitle())
            self.readout_in_form(dialog, code)
        self.active_dialog = dialog
        # Opened from the queue or the watch (by Enter, or a Declaration shortcut there):
        # where the focus goes back to (_form_closed).
        self.queue_row_after = self._focused_row(self.queue_table)
        self.watch_row_after = self._watch_place()
        self.readout_after = self._readout_place()  # (window_rehearsal)
        # from the map (its arrow keys' seat, then Ctrl+E): back to it, that seat current
        self.map_after = QApplication.focusWidget() is self.map_view.canvas
        dialog.finished.connect(lambda _: self._form_closed(dialog))
        typed = keys_typed_meanwhile()  # the first figures, typed on after Enter
        dialog.open()
        self.keys_back_to = None
        # the next seat's name, typed on as it saves
        forward_stray_keys(dialog, self, lambda: self.keys_back_to)
        type_into(dialog, typed)
        hold_keys_until_active(dialog)  # and those typed on until it has the keyboard
        return dialog

    def _form_closed(self, dialog: DeclarationDialog) -> None:
        self.active_dialog = None
        version = dialog.result_version
        try:
            self.refresh()
        except KnownError as exc:
            # A team desk's server gone while the form was open (its red bar is up), a
            # file locked: the window catches up on the next news, as refresh_if_changed
            # does. It raised out of this slot: a traceback in the log, and the focus
            # left nowhere.
            log.warning("refresh after the form put off: %s", exc)
        if version is not None:
            saved = (f"{isolated(dialog.form.sheet.name)}: version {version.version} is now "
                     f"{version.status}.")
            alert = self.statusBar().currentMessage()
            banner = gathered_message(self.alerted_now) if self.alerted_now else None
            if alert and alert in (self.told_now, banner):
                # The refresh above raised this save's close result, or told of an entry
                # sent back: say both, in red (the "saved" alone wiped the alert, and the
                # sent-back news has no banner to fall back on).
                self.alarm(f"{saved} {alert}", ALERT_MS)
            else:  # plain: not the alarm's text (`MainWindow._status_changed`)
                self.statusBar().showMessage(saved, 8000)
        self.activateWindow()  # back to the desk's window (a window manager may not do it)
        row, self.queue_row_after = self.queue_row_after, None
        watched, self.watch_row_after = self.watch_row_after, None
        if row is not None and self.queue_table.isVisible() and self.queue_model.rowCount():
            # Opened from the Verification queue: back to it, on the row that is next now
            # (the one just verified has left it), not to Find: working down the queue
            # took some fifteen key presses a seat to get back to it.
            self._focus_back_on(self.queue_table, self.queue_model.index(
                min(row, self.queue_model.rowCount() - 1), 0))
            return
        if watched is not None and self._back_to_watch(*watched):
            return
        readout, self.readout_after = self.readout_after, None
        if readout is not None and self._back_to_readout(readout):
            return
        on_map, self.map_after = self.map_after, False
        if on_map and self.map_view.on_screen():
            # Find, a Tab round the whole window away from the seat the keys were on
            self.map_view.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
            self.keys_back_to = self.map_view.canvas  # (its dock floated, perhaps)
            return
        self.search.setFocus()
        self.search.selectAll()

    def _focused_row(self, view) -> int | None:
        """The row of `view` the keyboard's focus is on; None when it is elsewhere. The
        application's focus, as in `_focused_list`: the window's own stays on Find while a
        floating dock has the keyboard (a form from a floating watch went back to Find)."""
        index = view.currentIndex()
        return index.row() if QApplication.focusWidget() is view and index.isValid() else None

    def _focus_back_on(self, view, index) -> None:
        """The focus on `view`'s row at `index`; a floating dock's window made the active one
        after the window's own return from the dialog (`_back_from_a_dialog`, which took the
        keyboard back to the main window and its Find)."""
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        view.setCurrentIndex(index)
        self.keys_back_to = view  # keys typed on before its window has the keyboard
        if view.window() is not self:
            QTimer.singleShot(0, view, view.window().activateWindow)

    def _watch_place(self) -> tuple[str, int] | None:
        """The Recount watch's row the focus is on: its seat and place, for
        `_back_to_watch`; None elsewhere."""
        row = self._focused_row(self.recount_table)
        return None if row is None else (self.recount_model.row_at(row).code, row)

    def _back_to_watch(self, code: str, row: int) -> bool:
        """A form opened from the Recount watch closed: the focus back on that seat's row,
        wherever the save moved it (or on the row in its place, where it has left the
        watch), as for the queue. It went to Find, and the watch, the last stop of Tab
        but one, was a dozen key presses away for the next close seat."""
        rows = self.recount_model.rowCount()
        if not (self.recount_table.isVisible() and rows):
            return False
        place = self.recount_model.row_of(code)
        self._focus_back_on(self.recount_table, self.recount_model.index(
            min(row, rows - 1) if place is None else place, 0))
        return True

    @says_why_not
    def enter_selected(self) -> None:
        code = self._require_selection()
        if code:
            self.open_form(code, Mode.ENTER)

    @says_why_not
    def verify_selected(self) -> None:
        code = self._require_selection()
        if code:
            self.open_form(code, Mode.REKEY)

    @says_why_not
    def correct_selected(self) -> None:
        code = self._require_selection()
        if code:
            self.open_form(code, Mode.CORRECT)

    @says_why_not
    def _open_from_recount(self, index) -> None:
        if index.isValid():
            self.open_code(self.recount_model.row_at(index.row()).code)

    @says_why_not
    def _verify_from_queue(self, index) -> None:
        if not index.isValid():
            return
        item = self.queue_model.data(index, ITEM_ROLE)
        if self.open_form(item.code, Mode.REKEY) is not None:
            self.queue_row_after = index.row()  # where the focus goes back to (_form_closed)

    # --- recounts, lots, history -------------------------------------------------------

    def _run_desk(self, action) -> bool:

        try:
            action()
        except DeskRefusal as exc:
            tell(self, APP_NAME, refusal_text(exc, self.account))
            return False
        self.refresh()
        return True

    @says_why_not
    def mark_recount(self, under_way: bool) -> None:
        """Declaration > Mark recount under way (Ctrl+Shift+R, beside Ctrl+Shift+E's export)
        asks first: one slip put RECOUNT on the seat, on air, and an entry awaiting
        verification stopped counting, with no question. End recount does not ask."""
        code = self._require_selection()
        if code is None:
            return
        if not under_way:
            self._mark_recount(code, False, None)
            return
        from .form_keys import ask_first  # (its message box loads with the first question)

        sheet = load_sheet(self.desk, code)
        if recount_awaiting_figures(sheet):  # called already (a double press): said at once
            self._mark_recount(code, True, None)
            return
        pending = sheet.pending
        dropped = "" if not recount_replaces(sheet) else (
            f" {pending.entered_by}'s entry (version {pending.version}), awaiting "
            "verification, will no longer count.")
        version = sheet.current_version  # what was asked about, refused if it changes
        self.recount_box = ask_first(
            self, "recountBox", "Mark a recount under way?",
            f"Mark a recount under way for {sheet.name}? It shows as RECOUNT, and the next "
            f"figures entered are the recount's.{dropped}",
            ("&Mark recount under way", "&Cancel"),
            lambda: self._mark_recount(code, True, version,
                                       pending.version if dropped else None))

    @says_why_not
    def _mark_recount(self, code: str, under_way: bool, version: int | None,
                      replacing: int | None = None) -> None:
        # A mark whose reply was lost ("saved whole or not at all") is sent again as a
        # retry: if it landed, the desk says so rather than "already under way" / "no
        # recount under way", which left the desk unsure the first one had counted.
        unsure = getattr(self, "_recounts_unsure", set())
        self._recounts_unsure = unsure
        landed: list[Landed] = []
        try:
            done = self._run_desk(lambda: dk_mark_recount(
                self.desk, code, user=self.account, under_way=under_way,
                expected_version=version, retry=(code, under_way) in unsure,
                on_landed=landed.append, replacing=replacing))
        except StoreError:
            unsure.add((code, under_way))
            raise
        unsure.discard((code, under_way))
        if done:
            sheet = load_sheet(self.desk, code)
            seat = isolated(sheet.name)  # a sentence in the status bar: in bidi order
            said = f"{seat}: RECOUNT UNDER WAY (next figures are recount " \
                f"{sheet.current_count})." if under_way else f"{seat}: recount called off."
            if not under_way and sheet.recount_under_way:
                # Recount N called over recount N-1's unverified count, then called off:
                # the seat is back in recount N-1, still under way (as the CLI says).
                # "recount called off" alone had the desk take its recount to be over.
                said = (f"{seat}: recount {sheet.current_count + 1} called off; recount "
                        f"{sheet.current_count} is under way again (next figures are "
                        f"recount {sheet.current_count}).")
            # heard too: the question box gone, the focus is back on the list, unchanged
            self.say(f"{landed[0].says()} {said}" if landed else said, 8000)

    @says_why_not
    def decide_tie(self) -> None:

        from .lot_question import ask_lot

        code = self._require_selection()
        if code is None:
            return
        sheet = load_sheet(self.desk, code)
        try:
            # Asked first: listing the tied candidates would say something of figures
            # that are not this person's to read (the desk's rule, as for the save).
            base = refuse_lot(sheet, self.user)
        except DeskRefusal as exc:
            tell(self, APP_NAME, str(exc))
            return
        lines = sheet.candidate_votes(base.votes)  # in ballot order, as sheet.candidates
        tied = tally.tied_candidates(lines)
        if not tied:
            tell(self, APP_NAME, f"{sheet.name} has no tie to decide.", "information")
            return
        answer = ask_lot(self, tied, sheet.name)
        if answer is not None:
            place, note = answer
            drawn = tied[place]
            name = drawn.name
            winner = sheet.candidates[next(i for i, c in enumerate(lines) if c is drawn)].id
            if self._run_desk(lambda: dk_decide_tie(self.desk, code, user=self.account,
                                                    winner_id=winner, note=note)):
                # said, as a save is: the lot went in without a word
                after = load_sheet(self.desk, code).pending
                if after is not None:
                    # heard too, as a recount marked is: the questions gone, the focus is
                    # back on the list, unchanged
                    self.say(
                        f"{isolated(sheet.name)}: version {after.version} (lot: "
                        f"{isolated(name)} drawn) is now {after.status}; someone else "
                        "verifies it.", 8000)

    @says_why_not
    def show_history(self) -> None:
        code = self._require_selection()
        if code:
            shown, hidden = blind_history(history(self.desk, code), self.viewer())
            from .history_dialog import HistoryDialog  # loads when first opened

            dialog = HistoryDialog(shown, history_trail(self.desk, shown), self, hidden=hidden)
            if self.night.rehearsal:  # a rehearsal's history, never taken for the night's
                dialog.setWindowTitle(TITLE_MARK + dialog.windowTitle())
            try:
                dialog.exec()
            finally:  # parented to the window: each one closed stayed there all night
                dialog.deleteLater()
