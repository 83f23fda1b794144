"""The main window's database: File > Open switches the whole window to another election
(after a sign-in to it), File > Import reads files into it on a worker thread, File > Export
audit log writes its trail. A mixin of `MainWindow` (kept apart to keep modules short).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from .. import APP_NAME
from ..desk import session
from ..desk.accounts import Account
from ..desk.collector import collector_paused
from ..desk.declarations import audit_log
from ..desk.failures import judge
from ..desk.live import NightState
from ..domain.errors import Cause, KnownError
from ..domain.records import record
from ..io.audit_export import export_audit
from .busy import busy
from .dialog_life import free_closed
from .messages import tell
from .screen_cover import covered
from .sign_in import SignInDialog, apply_role, identity_for_database
from .tasks import run_with_progress

if TYPE_CHECKING:  # loaded with the action that needs them
    from PySide6.QtWidgets import QMessageBox

    from ..desk.import_seats import FewerBaselineSeatsRefusal, NewSeatsRefusal


class DatabaseActions:
    """Needs `desk`, `db_path`, `account`, the news policies and the background jobs, and
    `refresh`; `open_database` replaces all of what belongs to the old election."""

    def choose_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from ..paths import user_data_dir

        # Beside the election's file; a server's election has none, and the demo's is in a
        # throw-away folder holding only itself: the data folder, as File > Rehearsal does
        # (the dialog showed /tmp/resultsdesk-demo-…, the demo's own file in it).
        demo = self.publisher.withheld()  # (the demo's night is the one followed)
        start = str(user_data_dir() if session.is_server(self.desk) or demo
                    else Path(self.db_path).parent)
        name, _ = QFileDialog.getOpenFileName(self, "Open election database", start,
                                              "ResultsDesk databases (*.db);;All files (*)")
        if name:
            self.open_database(Path(name))

    def choose_server(self) -> None:
        """File > Open team desk server: a postgresql:// URL (no password in it: the
        sign-in asks)."""
        from PySide6.QtWidgets import QInputDialog

        shown = session.redacted(self.db_path) if session.is_server(self.desk) else ""
        url, ok = QInputDialog.getText(self, "Open team desk server",
                                       "Server URL (postgresql://host[:port]/database):",
                                       text=shown)
        url = url.strip()
        if not ok or not url:
            return
        if not session.is_server_target(url):
            tell(self, "Cannot open server", f"{session.redacted(url)} is not a postgresql:// URL.")
            return
        self.open_database(url)

    def open_database(self, path: Path | str) -> None:
        """Switch to the election at `path` (a file, or a server's URL) once signed in to
        it; cancelled or refused, the election already open stays."""
        opened = self._sign_in_to(path)
        if opened is None:
            return
        desk, account = opened
        if not session.is_server(desk):
            path = Path(path)
        old, old_night = (self.desk, self.db_path, self.account), self.night
        # What waits for the watch folder (out of reach, a retry due), and what the bar
        # says of it: the switch drops both for the new election's.
        waiting = list(self.publisher.queue), self.publish_error, self.publish_slow
        alerted = list(self.alerted_now)  # the recount banner, undismissed: likewise
        try:
            # The old handle kept open until the new night is read: opened again after a
            # failure, its file moved, deleted or locked meanwhile (or a server taking no
            # new connection) raised out of the slot, the window left on the failed
            # election's closed handle.
            self._take_desk(desk, path, account, close_old=False)
        except Exception as exc:
            # A value made by hand that SQLite lets in (a name's bytes no longer UTF-8)
            # stops the new night's first read: said in a box, as the app's start says it
            # (`desk.failures`), and the election open before comes back; it escaped the
            # menu's slot as a bug's traceback.
            failure = judge(exc)
            if desk is not old[0]:
                desk.close()
            if failure.known:
                tell(self, "Cannot open database", failure.message)
            # A bug too (raised below, for its report): the window went with it, both
            # handles shut, no live feed, every later read "a closed database".
            # Back from the old night, on its handle: the failed file's read may have
            # known it for a rehearsal, whose clock going back let go of on a shut handle.
            self.desk, self.night = old[0], old_night
            self._take_desk(*old, close_old=False)  # (the failed one's closed above)
            self.publish_error, self.publish_slow = waiting[1:]
            if waiting[0]:  # sent again now: nothing else would write those seats
                self.publisher.enqueue(*waiting[0])
            self.put_back_alerts(alerted)  # nobody read them: not gone with the switch
            if not failure.known:
                raise
            return
        if old[0] is not desk:
            old[0].close()
        self.offer_draft_soon()

    def switch_server_user(self) -> None:
        """File > Switch user on a team desk: the server checks the next person's password
        as it signs them in, on a connection of their own, which the window then reads and
        acts through (on a server the connection's account is who acts). The window's own
        connection signs in nobody else, and checked no password: bob was refused at
        alice's window, and alice taken back whatever password was typed."""
        with covered(self):  # nobody's figures in sight while they say who they are
            free_closed(self, SignInDialog)
            dialog = SignInDialog(None, self, target=str(self.db_path))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            self._take_desk(dialog.desk, self.db_path, dialog.account, same_election=True)
            self._signed_in_again()
        self.offer_draft_soon()

    def _take_desk(self, desk: session.Desk, path: Path | str, account: Account, *,
                   same_election: bool = False, close_old: bool = True) -> None:
        """The window reads and acts through `desk` from now on, signed in as `account`.
        `same_election`: another person's connection to the election already open, whose
        news, alerts and seats waiting to be published stay. `close_old`: the desk read
        until now is closed (else the caller closes it)."""
        # The whole night read and shown anew: said while it takes (seconds on a large
        # night; from before the old one's rows go).
        with busy(self):
            self._read_desk(desk, path, account, same_election, close_old)
        if not same_election:  # its watch folder caught up, if a publish of it was cut short
            self.publisher.catch_up(self.night.seq, self.night.rehearsal)
        self._start_live()
        self.audit.start(path, desk, keep=not self.publisher.withheld())

    # The collector paused: its full passes over the new night's hundreds of thousands of
    # objects, one after another as they were made, were ~0.6 s of a 3.5 s switch to a
    # 50,000-seat night; once on again, it scans them once.
    @collector_paused
    def _read_desk(self, desk: session.Desk, path: Path | str, account: Account,
                   same_election: bool, close_old: bool = True) -> None:
        """`_take_desk`'s switch of election (or connection), read and shown."""
        self._stop_live()  # it listens on the old connection
        if not same_election:
            self.release_rehearsal_hold()  # a rehearsal's clock: to its other holders
        if close_old:
            self.desk.close()
        self.desk, self.db_path = desk, path
        self.account = account
        apply_role(self._role_actions(), account)
        self.night = NightState(desk, viewer=self.viewer())
        self.verifications = session.VerificationCount(desk)
        if same_election:
            self.publisher.desk = desk  # what waits goes out, read on the new connection
        else:
            self._label = ""
            # Publishing follows the database now open; queued seats of the old one are
            # dropped (they belong to another election).
            self.publisher.follow(path, desk)
            # Nor does the old one's publishing trouble stand for it (the demo, which never
            # publishes, kept the red line of the night before for good).
            self.drop_publishing_trouble()
            # What the desk was told of the old election is no news or old news for this.
            self.newly_verified.reset()
            self.recount_calls.reset()
            self.verifications_gone.reset()
            self.night_redrawn.reset()
            self.entries_gone.reset()
            self.recount_alerts.reset()
            self.take_down_alerts()
            self.backup_schedule.restart(self.verifications())
            self.model.set_rows([], {})
        self.refresh()

    def _sign_in_to(self, target: Path | str) -> tuple[session.Desk, Account] | None:

        if session.is_server_target(target):  # the server checks who it is as it connects
            free_closed(self, SignInDialog)
            dialog = SignInDialog(None, self, name=self.account.name, target=str(target))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.desk, dialog.account
        try:
            desk = session.open_desk(target)
        except KnownError as exc:
            tell(self, "Cannot open database", str(exc))
            return None
        account = identity_for_database(self, desk, self.account)
        if account is None:  # not signed in to it: stay on the database already open
            desk.close()
            return None
        return desk, account

    def import_file(self, job: str, title: str) -> QDialog | None:
        """File > Import: `job` names the function of `desk.imports` that reads the file.
        The file chosen, then its constituencies file (`import_dialog`), as the command
        line's --constituencies; the dialog is returned (None: no file chosen)."""
        from PySide6.QtWidgets import QFileDialog

        from .import_dialog import FILE_FILTER, ImportDialog

        name, _ = QFileDialog.getOpenFileName(self, title.replace("&", "").rstrip("…"), "",
                                              FILE_FILTER)
        if not name:
            return None
        free_closed(self, ImportDialog)
        dialog = ImportDialog(job, title, Path(name), self)

        def accepted() -> None:
            chosen = dialog.chosen()
            if not isinstance(chosen, str):
                file, seats = chosen
                self._run_import(job, str(file), constituencies=seats and str(seats))
        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def _run_import(self, job: str, name: str, *, add_seats: bool = False,
                    fewer_seats: bool = False, constituencies: str | None = None) -> None:
        """The import on a worker thread, with progress. Seats the file would add to an
        election that has some (`NewSeatsRefusal`), or a baseline leaving out seats the one
        in place covers (`FewerBaselineSeatsRefusal`), come back unwritten and are asked
        about; only a yes imports the file again, with that said."""

        from ..desk import imports  # the importers load when a file is imported
        from ..desk.import_seats import FewerBaselineSeatsRefusal, NewSeatsRefusal

        read = getattr(imports, job)
        signed_in, user = self.desk, self.account
        # only what was asked: a baseline never adds seats, nor results replace a baseline
        extra: dict = {"add_seats": True} if add_seats else {}
        if fewer_seats:
            extra["fewer_seats"] = True
        if constituencies:
            extra["constituencies"] = constituencies

        def work(progress):
            # its own connection, on the worker's thread (signed in as the window's)
            sent = session.writes_sent()
            with session.reopen(signed_in) as desk:
                try:
                    return read(desk, name, user=user, progress=progress, **extra)
                except (NewSeatsRefusal, FewerBaselineSeatsRefusal) as refusal:
                    return refusal  # nothing written: asked on the GUI thread
                except KnownError as exc:
                    if exc.cause is Cause.IO and session.writes_sent() != sent:
                        # The connection broke once the import's write had gone: the
                        # server kept all of it or none, and nobody heard which.
                        return _ImportUnheard(str(exc))
                    raise

        ok, result = run_with_progress(self, f"Importing {Path(name).name}…", work)
        if ok and isinstance(result, NewSeatsRefusal):
            self._ask_to_add_seats(result, lambda: self._run_import(
                job, name, add_seats=True, constituencies=constituencies))
        elif ok and isinstance(result, FewerBaselineSeatsRefusal):
            self._ask_to_replace_baseline(result, lambda: self._run_import(
                job, name, fewer_seats=True, constituencies=constituencies))
        elif ok and isinstance(result, _ImportUnheard):
            # "Nothing was imported" here was false of an import that landed, and imported
            # again on that word each seat of the file got a second verified version.
            tell(self, "Import failed", f"{result.said}\n\nThe import may have been saved "
                 f"whole: look at a seat of {Path(name).name} (History) before importing "
                 "it again.")
            self.refresh_if_changed()
        elif ok:
            self._show_import_report(result.describe())
            self.refresh()
        else:
            tell(self, "Import failed", f"{result}\n\nNothing was imported.")

    def _ask_to_add_seats(self, refusal: NewSeatsRefusal, add: Callable[[], None]) -> QMessageBox:
        """Whether to add the seats the file would add, "don't add" the default (Enter)
        and Esc's answer: a wrong file picked on the night must not change the chamber at
        a stray key."""
        n, seats = len(refusal.new_seats), refusal.seats_counted
        return self._ask_before_importing(
            "addSeatsQuestion", "Add seats to the election?",
            f"{refusal.summary()}.\n\nNothing has been imported. Add "
            f"{'them' if n != 1 else 'it'}, making {refusal.seats_before + n:,} seats?",
            (f"&Add {seats}", "&Don't add"), add,
            f"Not imported: {refusal.file} (it would add {seats}).")

    def _ask_to_replace_baseline(self, refusal: FewerBaselineSeatsRefusal,
                                 replace: Callable[[], None]) -> QMessageBox:
        """Whether a baseline leaving seats out replaces the one in place, "don't replace" the
        default and Esc's answer (a one-seat file picked for the 650-seat one took 303 gains
        off air)."""
        from ..domain.wording import count_of

        return self._ask_before_importing(
            "fewerBaselineSeatsQuestion", "Replace the baseline?",
            f"{refusal.summary()}.\n\nNothing has been imported. Replace the baseline of "
            f"{refusal.seats_before:,} seats with this one?",
            ("&Replace", "&Don't replace"), replace,
            f"Not imported: {refusal.file} (a baseline of "
            f"{count_of(refusal.seats_in_file, 'seat')}, the one in place has "
            f"{refusal.seats_before:,}).")

    def _ask_before_importing(self, name: str, title: str, text: str,
                              buttons: tuple[str, str], act: Callable[[], None],
                              declined: str) -> QMessageBox:
        """An import the desk refused unasked, asked about: `buttons` are doing it and not,
        not doing it the default (Enter) and Esc's answer, `declined` said in the status bar
        then. Window-modal and not blocking, as `form_keys.ask_first`."""
        from PySide6.QtWidgets import QMessageBox

        from .questions import SteadyQuestion

        box = SteadyQuestion(QMessageBox.Icon.Warning, title, text, parent=self)
        box.setObjectName(name)
        yes = box.addButton(buttons[0], QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(buttons[1], QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)

        def answered() -> None:
            if box.clickedButton() is yes:
                act()
            else:
                self.statusBar().showMessage(declined, 10_000)

        box.finished.connect(answered)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def _show_import_report(self, text: str) -> None:
        """The report's first line in the status bar; a report of more (new seats, warnings
        accepted as overrides) in a box that stays until read, as the command line prints
        it: the status bar draws one line, and the refresh's news (seats now in recount
        range) replaces it. The warnings, one per seat, go in its details."""
        from PySide6.QtWidgets import QMessageBox

        lines = text.splitlines()
        self.statusBar().showMessage(lines[0], 10_000)
        if len(lines) == 1:
            return
        box = QMessageBox(QMessageBox.Icon.Information, "Import report",
                          "\n".join(line for line in lines if not line.startswith("  ")),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("importReport")
        box.setTextFormat(Qt.TextFormat.PlainText)  # its files and seats as written
        details = [line.strip() for line in lines if line.startswith("  ")]
        if details:
            box.setDetailedText("\n".join(details))
            _readable_by_keyboard(box)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): the window goes on refreshing behind it

    def export_audit(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(self, "Export audit log", "audit-log.csv",
                                              "CSV (*.csv);;JSON (*.json)")
        if not name:
            return
        try:
            count = export_audit(audit_log(self.desk), name)
        except KnownError as exc:  # the place cannot be written, or a wrong extension
            tell(self, APP_NAME, str(exc))
            return
        self.statusBar().showMessage(f"Wrote {count} audit entries to {name}.", 8000)


def _readable_by_keyboard(box: QDialog) -> None:
    """A message box's details (the import's warnings, one per seat) reached by Tab, after
    its buttons, scrolled by the keys and copied with Ctrl+A, Ctrl+C: Qt gives the text no
    focus, so only the mouse could scroll or copy it. Ringed by the style sheet's
    `QTextEdit:focus`."""
    from PySide6.QtWidgets import QTextEdit

    text = box.findChild(QTextEdit)
    if text is not None:
        text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)


@record
class _ImportUnheard:
    """An import whose connection broke after its write was sent (`session.writes_sent`):
    the server's answer, saved or not, never came. `said`: the desk's line for it."""

    said: str
