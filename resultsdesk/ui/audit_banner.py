"""The audit chain in the main window: checked (off the GUI thread) whenever a database is
opened and again every few minutes while it stays open; a red banner across the window while
it is broken, naming the entry; the head hash in the status bar, to write down or publish.

A banner saying only that the newest entry this PC saw is gone (a log rewritten, a file
swapped for an older copy) came back at every opening for good. Once it has been looked
into, an admin accepts the log as it stands from the banner's button, with a reason
recorded in the log (`desk.audit_accept`); anyone else is told to ask an admin."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from ..desk.accounts import Account
from ..desk.audit import AuditCheck
from ..desk.audit_accept import accept_rewritten_log, accepted_said
from ..desk.audit_memory import check_remembering
from ..desk.audit_roll import OUTSIDE
from ..desk.permissions import Permission
from ..desk.session import Desk, open_desk, redacted
from ..domain.errors import KnownError
from .announce import AlertLabel
from .dialog_life import free_closed
from .dismissable import INSET_PX
from .messages import tell
from .sign_in import refusal_text
from .style import ALERT_COLOUR, as_written, colours
from .worker import Worker, start

if TYPE_CHECKING:
    from PySide6.QtWidgets import QInputDialog

HEAD_SHOWN = 16  # hex digits of the head hash in the status bar; all of them in the tooltip
# Checked again this often while the database stays open: the head shown (and copied, to
# publish at a milestone of the night) was the one from opening, hours old, and a record
# changed outside the app during the night went unseen until the next start. A night of
# 650 seats checks in about 0.1 s, 10,000 in under a second, on the thread pool.
RECHECK_MS = 5 * 60_000


class AuditBanner(AlertLabel):
    """Red, above the results, while the record no longer matches."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("Audit alert", parent)
        self.setObjectName("auditBanner")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(f"QLabel {{ background:{ALERT_COLOUR}; color:white; "
                           "font-weight:600; padding:6px 8px; border-radius:3px; }")
        # An admin's, while the newest entry this PC saw is all that is wrong (no mnemonic:
        # Alt+A is a menu's); a button like the recount alert's Dismiss, reached by Tab.
        self.accept_button = QPushButton("Accept the log as it stands…", self)
        self.accept_button.setObjectName("acceptAuditLog")
        self.accept_button.setToolTip("Once it is explained: accept this log as the one the "
                                      "desk goes on with, with the reason, recorded in it")
        self.accept_button.hide()
        self.hide()

    def show_check(self, check: AuditCheck, *, may_accept: bool = False) -> None:
        """`may_accept`: the person at the window may accept a log whose only fault is
        entries gone that this PC saw (`check.seen_gone`); others are told to ask one."""
        offered = check.seen_gone and may_accept
        self.accept_button.setVisible(offered)
        hint = self.accept_button.sizeHint()
        self.setContentsMargins(0, 0, hint.width() + INSET_PX if offered else 0, 0)
        self.setMinimumHeight(hint.height() + 2 * INSET_PX if offered else 0)
        if check.intact:
            self.hide()
            return
        accept = ""
        if offered:
            accept = (" Once it is explained, accept the log as it stands (the button): the "
                      "reason is recorded in it.")
        elif check.seen_gone:
            accept = (" Once it is explained, ask an admin to accept the log as it stands "
                      "(this banner's button, or 'resultsdesk audit --accept-rewrite'), with "
                      "the reason: it is recorded in the log.")
        summary = check.summary()
        # (not said twice: a change to the seats, the baseline or a party says it already)
        maybe = "" if OUTSIDE in summary else f"Someone may have changed it {OUTSIDE}. "
        self.setText(f"The audit record does not match this database: {summary}. {maybe}"
                     "Do not publish until it is explained; run 'resultsdesk audit --check' "
                     f"and compare with a backup.{accept}")
        self.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        hint = self.accept_button.sizeHint()  # top right, as the recount alert's Dismiss
        self.accept_button.setGeometry(self.width() - hint.width() - INSET_PX, INSET_PX,
                                       hint.width(), hint.height())


class AuditHeadLabel(QLabel):
    """'Audit chain intact · head 1a2b…' in the status bar; right-click copies the whole hash."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("auditHeadLabel")
        self.head_hash = ""
        copy = QAction("Copy audit head hash", self)
        copy.setObjectName("copyAuditHead")
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(self.head_hash))
        self.addAction(copy)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.setText("Audit: checking…")

    def show_check(self, check: AuditCheck) -> None:
        self.head_hash = check.head_hash
        head = f"head {check.head_hash[:HEAD_SHOWN]}…"
        if check.intact:
            self.setStyleSheet("")
            # a restore since the last check, or an acceptance of the log without the
            # entry this PC saw: what is no longer in the database, said
            said = (" · restored from a backup" if check.restored else
                    " · accepted as it stands" if check.accepted else "")
            self.setText(f"Audit chain intact{said} · {head}")
        else:
            self.setStyleSheet(f"QLabel {{ color:{colours().alert}; font-weight:600; }}")
            self.setText(f"AUDIT CHAIN BROKEN · {head}")
        restore = "".join(f"{said}\n" for said in (check.restored, check.accepted) if said)
        self.setToolTip(as_written(f"{restore}{check.summary()}\n{check.anchor()}\nWrite the "
                                   "head hash down or publish it: a record rewritten later "
                                   "ends in a different one."))  # its seats and people as written

    def show_failure(self, message: str) -> None:
        self.setStyleSheet(f"QLabel {{ color:{colours().alert}; font-weight:600; }}")
        self.setText("Audit check failed")
        self.setToolTip(as_written(message))  # a file's name as written


class AuditWatch(QObject):
    """Runs the check for a database on the thread pool and shows what it found."""

    checked = Signal(object)  # the AuditCheck
    accepted = Signal(str)  # the log accepted as it stands: what to say

    def __init__(self, parent: QWidget, banner: AuditBanner, label: AuditHeadLabel,
                 account: Callable[[], Account] | None = None) -> None:
        super().__init__(parent)
        self.banner, self.label = banner, label
        self._account = account  # who is at the window now (None: nobody may accept)
        self.accept_dialog: QInputDialog | None = None
        banner.accept_button.clicked.connect(self.ask_accept)
        self.result: AuditCheck | None = None
        self._path: Path | str | None = None
        self._desk: Desk | None = None
        self._worker: Worker | None = None
        self._busy = False
        self.failed = False  # the last check could not run (a server away, a file locked)
        self._seen: AuditCheck | None = None  # the last intact check of this database
        self._keep = True  # its head kept for the next run (`audit_memory`): not the demo's
        self._again = QTimer(self)  # the watch as context: it dies with the window
        self._again.setObjectName("auditRecheckTimer")
        self._again.timeout.connect(self._recheck)

    def start(self, path: Path | str, desk: Desk | None = None, *,
              quietly: bool = False, keep: bool | None = None) -> None:
        """Check `path` (a whole night takes well under a second, and the window stays live
        meanwhile); a check of a database no longer open is ignored when it reports. With
        `desk`, its election is checked on a connection signed in as it is (a server's).
        `quietly` (the periodic check): what was found last stays shown until it reports."""
        self._path, self._desk = path, desk
        if keep is not None:  # (the rechecks keep as the first check of the database did)
            self._keep = keep
        keep = self._keep
        if not quietly:
            self.result = None
            self.banner.hide()
            self.label.setText("Audit: checking…")
        if not quietly:
            # The head the last intact check of this database saw must still be in its log:
            # a log rewritten whole while the window was open (every hash recomputed, the
            # ids and counter set back) checks intact on its own. Kept until a database is
            # opened (another may have taken the name), not dropped by a check that finds
            # the log broken: the next check would find the rewritten log intact again.
            # None: anchored at the head this PC saw in an earlier run (`audit_memory`).
            self._seen = None
        seen = self._seen

        def job(progress, path: Path | str = path) -> tuple[Path | str, AuditCheck]:
            # its own connection, on the worker's thread; an intact head kept for the next run
            return path, check_remembering(path, desk, seen, keep=keep)

        worker = Worker(job, f"the audit check of {redacted(path)}")
        worker.signals.finished.connect(self._finished)
        worker.signals.failed.connect(self._failed)
        self._busy = True
        self._worker = start(worker)
        self._again.start(RECHECK_MS)

    def _recheck(self) -> None:
        if self._path is not None and not self._busy:
            self.start(self._path, self._desk, quietly=True)

    def recheck_if_failed(self) -> None:
        """The server is back: a check the outage stopped runs now, not at the next
        interval (its red "Audit check failed" read as trouble with the record)."""
        if self.failed:
            self._recheck()

    def _reported_last(self) -> bool:
        """Whether the report being heard is the check started last: one started before
        it (the database opened before File > Open, a check it replaced) is no news of
        the database open now, and the check started last is still under way."""
        worker = self._worker
        return worker is not None and self.sender() is worker.signals

    def _failed(self, message: str) -> None:
        if not self._reported_last():
            # The database open before: its check, held up (a file locked, a share gone),
            # failed after another was opened and checked intact. It said "Audit check
            # failed" of that one, and a reconnection checked it again for nothing.
            return
        self._busy = False
        self.failed = True
        self.label.show_failure(message)

    def _finished(self, outcome: tuple[Path | str, AuditCheck]) -> None:
        path, check = outcome
        if not self._reported_last():
            return
        self._busy = False
        if path != self._path:
            return
        self.failed = False
        self._show(check)

    def _at_window(self) -> Account | None:
        """Who is at the window now (None: nobody who may accept a log)."""
        return self._account() if self._account is not None else None

    def _show(self, check: AuditCheck) -> None:
        self.result = check
        if check.intact:
            self._seen = check
        account = self._at_window()
        self.banner.show_check(check, may_accept=account is not None
                               and account.allows(Permission.ACCEPT_LOG))
        self.label.show_check(check)
        self.checked.emit(check)

    def ask_accept(self) -> QInputDialog:
        """The banner's "Accept the log as it stands…": the reason asked for, then the log
        accepted (`accept`). Enter accepts with what is typed, Esc asks nothing."""
        from PySide6.QtWidgets import QInputDialog  # (built when first asked: not at start-up)

        window = self.parent()
        free_closed(window, QInputDialog, "acceptAuditDialog")
        dialog = QInputDialog(window)
        dialog.setObjectName("acceptAuditDialog")
        dialog.setWindowTitle("Accept the audit log as it stands")
        dialog.setLabelText("Why is this log, as it now stands, the one the desk goes on "
                            "with? (What was found, who looked into it: recorded in the log "
                            "with your name.)")
        dialog.textValueSelected.connect(self.accept)
        dialog.finished.connect(lambda _: window.activateWindow())  # back to the desk's
        self.accept_dialog = dialog
        dialog.open()
        return dialog

    def accept(self, reason: str) -> None:
        """Accept the log as it stands, with `reason` (`desk.audit_accept`): the banner goes,
        and this window's checks go on from the acceptance; a refusal is said."""
        account = self._at_window()
        try:
            with nullcontext(self._desk) if self._desk is not None \
                    else open_desk(self._path) as desk:
                check = accept_rewritten_log(desk, account, reason, seen=self._seen)
        except KnownError as exc:
            tell(self.parent(), "Audit log not accepted",
                 refusal_text(exc, account) if account is not None else str(exc))
            return
        self._show(check)
        self.accepted.emit(accepted_said(check))
