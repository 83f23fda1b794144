"""Publishing to the watch folder from the app: queued, off the GUI thread (a file's election
in a process of its own: `desk.publish_process`), retried."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from ..desk.graphic_kinds import KINDS
from ..desk.publishing import PublishSettings, publish_news, usable_settings
from ..desk.session import Desk, is_server, is_server_target, open_desk, reopen
from . import worker
from .preferences import load_preferences, saved_text
from .worker import Worker, start

FOLDER_KEY = "publish/folder"
KINDS_KEY = "publish/kinds"
THEME_KEY = "publish/theme"
SIZE_KEY = "publish/size"
DATA_KEY = "publish/data"  # each graphic's data (.json) beside its picture
log = logging.getLogger(__name__)
RETRY_MS = 15_000
# A publish still going after this long is said to be (a folder on a network share that
# stopped answering can hold one for minutes): said again each time as long again passes.
SLOW_MS = 30_000
# A publish starts this long after the news that asked for it, not at once: it draws every
# graphic (~3 s of work on a 2-core desk PC), and started at once, on a worker thread
# sharing Python with the window (as a server's election still publishes), it halved the
# speed of the window's own redraw of that very verification (views 54 -> 81 ms median,
# 79 -> 147 ms p95, with verifications 4 s apart; 57 and 78 ms starting after this). A
# file's, drawn by the publishing process, still takes the second core meanwhile. Seats
# verified meanwhile go out in it too.
PUBLISH_AFTER_MS = 250
DEFAULTS = PublishSettings(Path())  # the theme and size used until someone chooses


def publish_folder() -> str:
    """The watch folder as set ("": publishing is off)."""
    return saved_text(QSettings(), FOLDER_KEY).strip()


def load_publish_settings() -> PublishSettings | None:
    """None when no folder is set: publishing is off."""
    folder = publish_folder()
    if not folder:
        return None
    s = QSettings()
    kinds = tuple(k for k in saved_text(s, KINDS_KEY, ",".join(KINDS)).split(",") if k)
    prefs = load_preferences()
    settings, problems = usable_settings(PublishSettings(
        Path(folder), kinds=kinds, theme=saved_text(s, THEME_KEY, DEFAULTS.theme),
        size=saved_text(s, SIZE_KEY, DEFAULTS.size),
        data=saved_text(s, DATA_KEY, "false").lower() == "true",
        parties=prefs.max_parties, recount=prefs.thresholds))  # as on screen
    for problem in problems:  # the dialog shows the settings used; saving it keeps them
        log.warning("publishing settings: %s", problem)
    return settings


def save_publish_settings(settings: PublishSettings | None) -> None:
    s = QSettings()
    if settings is None:
        s.setValue(FOLDER_KEY, "")
        return
    s.setValue(FOLDER_KEY, str(settings.folder))
    s.setValue(KINDS_KEY, ",".join(settings.kinds))
    s.setValue(THEME_KEY, settings.theme)
    s.setValue(SIZE_KEY, settings.size)
    s.setValue(DATA_KEY, "true" if settings.data else "false")


class Publisher(QObject):
    """One publish at a time; seats verified meanwhile wait, and go out together in the
    next (`desk.publishing.publish_news`: the night as it stands, the newest seat's card).
    A failure keeps the seats queued, is reported, and is retried: nothing is lost
    silently."""

    # folder, files written, a line for each graphic gone out with words drawn as boxes
    published = Signal(str, int, list)
    failed = Signal(str)  # message
    slow = Signal(str)  # message: a publish still under way after SLOW_MS, and every SLOW_MS
    # A night opened (`catch_up`): its folder looked at, and True if it was behind and
    # has been published to, False if it was left as it is
    checked = Signal(bool)
    # A publish's turn ended well with nothing written (a catch-up finding the folder up
    # to date after all, another desk's publish having caught it up): no failure, nor hold
    # up, said before stands (`published` alone ended them: "Retrying in 15 s" stayed red)
    settled = Signal()

    def __init__(self, db_path: Path, parent=None, *,
                 unpublished: Path | str | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        # The demo's throw-away night: the desk's own settings, folder and all, but never
        # its watch folder (it wrote the demo's 650 results under the live names there).
        self.unpublished = unpublished
        self.desk: Desk | None = None  # the window's election, for a server's sign-in
        self.queue: list[str | None] = []
        self._busy = False
        # How many of the queue's first entries the publish under way is of: none once
        # `follow` has emptied the queue for another election while the old one's runs.
        self._running = 0
        # Folders published to before (the watch folder moved): the desk's files in them
        # are taken out by the next publish that succeeds (`publish_news`'s `leaving`).
        self._leaving: list[Path] = []
        self._left: list[Path] = []  # those the publish under way takes out
        self._worker: Worker | None = None
        self._settings: PublishSettings | None = None  # of the publish under way
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._next)
        self._soon = QTimer(self)  # the next publish, once the window has drawn the news
        self._soon.setObjectName("publishSoon")
        self._soon.setSingleShot(True)
        self._soon.setInterval(PUBLISH_AFTER_MS)
        self._soon.timeout.connect(self._next)
        self._slow = QTimer(self)
        self._slow.timeout.connect(self._still_going)
        self._slow_ticks = 0
        # The night opened: its folder to catch up (`catch_up`) at the next turn; which
        # night opened is followed now (a late look for one opened before is dropped);
        # and whether the job under way is a catch-up, for which night
        self._catch_up = False
        self._opened = 0
        self._catching = False
        self._job_opened = 0

    def catch_up(self, seq: int, rehearsal: bool) -> None:
        """The window has opened its night (the app's start, File > Open), read at change
        `seq`: if the watch folder's list says it shows this election behind that, or a
        publish of it cut short (the app killed, the power gone, during or just before the
        publish after a verification), the night as it stands goes out, as a settings save
        publishes it; else that seat stayed off the folder until the next verification, and
        after the night's last, for good. Never the demo's, nor with publishing off; never
        into a folder whose list names another election, or the other kind (a rehearsal
        beside a live folder: `desk.catch_up`). The list is read on a worker thread, and
        the database only by a publish's turn (in the publishing process, for a file's):
        nothing of it on the window's start."""
        folder = publish_folder()  # (the settings in full only for a publish: `_next`)
        if self.withheld() or not folder:
            return
        opened, folder = self._opened, Path(folder)

        def look(progress) -> tuple[int, bool]:
            from ..desk.catch_up import may_be_behind  # (after the first paint: not the start's)

            return opened, may_be_behind(folder, rehearsal=rehearsal, seq=seq)

        looking = Worker(look, f"a look at the watch folder {folder}")
        looking.signals.finished.connect(self._looked)
        worker.start(looking)  # a look, not a publish: never waits for one's turn

    def _looked(self, result: tuple[int, bool]) -> None:
        opened, behind = result
        if opened != self._opened:  # another night opened since: its own look decides
            return
        if not behind:
            self.checked.emit(False)
            return
        self._catch_up = True
        if not self._busy and not self._retry.isActive() and not self._soon.isActive():
            self._soon.start()

    def enqueue(self, *codes: str | None) -> None:
        """The seats just verified (in one go: several found at one look are one publish,
        not the first alone and the rest after it), or None: the night, with no seat.
        Nothing of the demo's night (`withheld`)."""
        if self.withheld():
            log.info("watch folder: the demo's night is never published")
            return
        for code in codes:
            # The publish under way read the night maybe before this news: only what
            # still waits behind it can take it in.
            if code not in self.queue[self._running:]:
                self.queue.append(code)
        if not self._busy and not self._retry.isActive() and not self._soon.isActive():
            self._soon.start()  # (not restarted: a steady stream never holds it back)

    def settings_saved(self) -> None:
        """File > Publishing saved: the night as it stands goes out now, in the settings
        just saved. A retry of a publish that failed under the old ones is not waited for:
        the desk that had just chosen a folder that exists, after "does not exist", kept
        the red line and no graphics for up to 15 s."""
        self._retry.stop()
        self.enqueue(None)

    def withheld(self) -> bool:
        """Whether the election followed now is the demo's, which is never published."""
        return self.unpublished is not None and self.db_path == self.unpublished

    def leave(self, folder: Path) -> None:
        """The watch folder was `folder` and is another now: once the next publish is in
        the new one, the files the desk wrote in `folder` go (a graphics system still
        reading it would show figures no longer updated); a publish to `folder` under way
        finishes first. Moving back before then leaves it alone."""
        if folder not in self._leaving:
            self._leaving.append(folder)

    def follow(self, db_path: Path, desk: Desk | None) -> None:
        """Publish another election from now on. What was queued for the old one is dropped
        (another election's seats); a publish of it still under way finishes, and the new
        election's seats queued meanwhile are published after it, none taken for it."""
        self.db_path, self.desk = db_path, desk
        self.queue.clear()
        self._running = 0
        self._opened += 1
        self._catch_up = False  # the old night's; the new one is looked at once read
        self._retry.stop()  # the old election's retry: the new queue starts afresh

    def _next(self) -> None:
        settings = load_publish_settings()
        if settings is None or not (self.queue or self._catch_up) or self._busy:
            return
        # Nothing queued: the night opened, caught up if behind. News queued: its publish
        # has the night as it stands, which catches the folder up too.
        catching, self._catch_up = not self.queue, False
        self._catching, self._job_opened = catching, self._opened
        self._busy = True
        self._running = len(self.queue)  # all that waits goes out in this one
        codes, db, signed_in = list(self.queue), self.db_path, self.desk
        self._left = left = [] if catching else list(self._leaving)

        # A file's election is published from its file (the window's, when it has one
        # open); a server's with the window's sign-in.
        if signed_in is not None:
            file = None if is_server(signed_in) else signed_in.path
        else:
            file = None if is_server_target(db) else db

        def job(progress):
            warned: list[str] = []  # this publish's own: on a thread, no global filters
            if file is not None:
                # A file's election: drawn in the publishing process, on the other core,
                # while this thread waits (the window keeps Python to itself). Loaded
                # here: multiprocessing is no part of the window's start.
                from ..desk.publish_process import catch_up_file_night, publish_file_night

                if catching:
                    return catch_up_file_night(file, settings, warned), warned
                return publish_file_night(file, settings, codes, left, warned), warned
            # A server's: its own connection, on the worker's thread, signed in as the
            # window's (the sign-in stays in this process).
            with open_desk(db) if signed_in is None else reopen(signed_in) as desk:
                if catching:
                    from ..desk.catch_up import catch_up

                    return catch_up(desk, settings, warned=warned), warned
                return publish_news(desk, settings, codes, leaving=left,
                                    warned=warned), warned

        self._settings = settings
        self._slow_ticks = 0
        self._slow.start(SLOW_MS)
        self._worker = Worker(job, f"a publish to the watch folder {settings.folder}")
        self._worker.signals.finished.connect(self._done)  # dropped if the publisher is gone
        self._worker.signals.failed.connect(self._failed)
        start(self._worker)

    def _still_going(self) -> None:
        """Nothing can interrupt a write the system holds up: the desk is told instead of
        believing the graphics are going out, and the seats keep their place."""
        self._slow_ticks += 1
        self.slow.emit(f"Publishing to {self._settings.folder} has taken over "
                       f"{self._slow_ticks * SLOW_MS // 1000} s and is still going "
                       f"({len(self.queue)} waiting): a slow or unreachable network folder?")

    def _done(self, result: tuple[list[Path] | None, list[str]]) -> None:
        files, warned = result  # files None: a catch-up that left the folder as it is
        catching, self._catching = self._catching, False
        self._busy = False
        self._slow.stop()
        # none if it was the previous election's, no longer queued
        del self.queue[:self._running]
        self._running = 0
        self._leaving = [f for f in self._leaving if f not in self._left]
        if files is not None:
            self.published.emit(str(self._settings.folder), len(files), warned)
        elif self._job_opened == self._opened:  # (not a night opened before)
            self.settled.emit()
        if catching and self._job_opened == self._opened:  # (not a night opened before)
            self.checked.emit(files is not None)
        if (self.queue or self._catch_up) and not self._retry.isActive():
            self._soon.start()  # what waited behind it, as news would

    def _failed(self, message: str) -> None:
        self._busy = False
        self._slow.stop()
        catching, self._catching = self._catching, False
        if catching and self._job_opened == self._opened:
            self._catch_up = True  # the night opened: looked at again at the retry
        elif not self._running:  # the previous election's: nothing of it to retry
            self._next()
            return
        self._running = 0
        if load_publish_settings() != self._settings:
            # The settings changed while it ran (the folder moved off a share that went
            # away): its failure says nothing of the new ones, which go out now.
            log.warning("watch folder: a publish under the previous settings failed (%s); "
                        "publishing under the new ones", message)
            self._soon.start()
            return
        self.failed.emit(f"{message} Retrying in {RETRY_MS // 1000} s "
                         f"({len(self.queue)} waiting).")
        self._retry.start(RETRY_MS)
