"""Other desks' commits as one Qt signal, `changed`, whatever the store.

A server pushes: the feed watches its change source's socket (`QSocketNotifier`) and wakes
as a notification arrives, without asking anything in between. A file cannot push, so the
feed asks every POLL_MS; that timer is also the fallback while a server's connection is
lost, trying to get it back every RETRY_MS for the first LOST_QUICK_TRIES attempts, then
twice as long after each failure, up to every LOST_RETRY_MAX_MS (each attempt on the thread
pool, one at a time: connecting through a network that drops packets waits out its timeout,
which the window must not): `connection_lost(message)` when it goes,
`reconnected()` (then `changed()`, as what was missed meanwhile is unknown) when it comes
back, and `refused(message)` (once per reason) while the server answers but no longer
signs the account in: it keeps trying, in case an admin puts the account back. A server
that answers and signs the account in but refuses the feed itself (a LISTEN it will not run,
a read of the change counter it will not allow) is not lost: `unheard(message)` (once per
reason), and the desk works as usual (`lost` stays False). A LISTEN refused, the feed asks
every POLL_MS instead, off the GUI thread as a server's looks are; a read refused (its
connection closed), it says `changed` every POLL_MS, for the window to ask on its own
connection, and tries a new listener (a connection and a sign-in on the server, per desk)
less and less often, up to every REFUSED_RETRY_MAX_MS. The window reloads on `changed`
and shows `ConnectionBar` between the other two.

    feed = LiveFeed(change_source(desk), parent=window)
    feed.changed.connect(window.refresh_if_changed)
    bar.attach(feed)
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from ..desk.changes import ChangeSource
from ..desk.errors import FeedRefused, FileLost, StoreError
from .worker import Worker, start

POLL_MS = 1500  # a file's data_version is cheap: this often is unnoticeable
# A server's feed also reads its change counter this often, told or not: a write sends no
# notification while the server's queue of them is half full (migration 56).
LOOK_MS = 5000
RETRY_MS = 1000  # a lost server is asked for again this often at first
# A restart of the server, or a blip in the network, is over in a few seconds: the first
# attempts to reach a lost server are RETRY_MS apart, so the desk is back at once...
LOST_QUICK_TRIES = 5
# ...then twice as long after each failure, up to this. Every second for ever, 20 desks on a
# server down for maintenance made 20 connection attempts a second (through a network
# dropping packets, each one held open for the connect timeout); every 10 s they make 2, and
# once the server is back a desk follows within 10 s (its bar goes, Save works again), about
# the time it takes to read the figures over again: the form keeps what was typed meanwhile.
# Not REFUSED_RETRY_MAX_MS: a refusal lasts until an administrator acts, an outage ends by
# itself, and on election night a desk should not sit out 30 s of a server that is back.
LOST_RETRY_MAX_MS = 10_000
# A server that refuses the feed's read, or the account's sign-in, is asked for a new
# listener after POLL_MS (RETRY_MS), then twice as long each time it refuses, up to this:
# every 1.5 s, 20 desks made 800 new connections and sign-ins (SCRAM) a minute on it, for a
# refusal that lasts until an administrator acts.
REFUSED_RETRY_MAX_MS = 30_000
log = logging.getLogger(__name__)


class LiveFeed(QObject):
    changed = Signal()
    connection_lost = Signal(str)  # what happened, one line
    reconnected = Signal()
    refused = Signal(str)  # the server is back but refuses the account's sign-in, one line
    unheard = Signal(str)  # the server is there but refuses the live feed, one line
    file_lost = Signal(str)  # a file deleted or replaced since it was opened: for good

    def __init__(self, source: ChangeSource, parent: QObject | None = None, *,
                 poll_ms: int = POLL_MS, retry_ms: int = RETRY_MS,
                 look_ms: int = LOOK_MS) -> None:
        super().__init__(parent)
        self.source = source
        self.poll_ms, self.retry_ms, self.look_ms = poll_ms, retry_ms, look_ms
        self.lost = False  # the server out of reach: the window's actions wait for it
        self._away = False  # the source's listener gone (lost or refused): tried for again
        self._refused = ""  # the sign-in refusal last said, so each is said once
        self._reconnecting: Worker | None = None  # an attempt under way, on the thread pool
        self._looking: Worker | None = None  # a server's counter being read, on the pool
        self._stopped = False
        # While the server is lost or refuses the read: ms between new listeners, and left
        # till the next; and the attempts that failed to reach it since it was lost.
        self._gap = self._due = poll_ms
        self._tries = 0
        self._notifier: QSocketNotifier | None = None
        self._timer = QTimer(self)
        self._timer.setObjectName("liveFeedTimer")
        self._timer.timeout.connect(self._tick)
        # Why a server refuses the feed ("" while it tells): asked every poll_ms meanwhile.
        # One refused as the feed starts is said by the bar as it attaches.
        self.unheard_reason = self._listen()

    @property
    def sign_in_refused(self) -> bool:
        """Whether the server, reached, refused the account's sign-in since the feed was
        lost (disabled, or its password changed): not out of reach, so signing someone
        else in is worth trying."""
        return bool(self._refused)

    @property
    def pushed(self) -> bool:
        """Whether changes arrive by themselves now (a server's socket), not by polling."""
        return (self._notifier is not None and self._notifier.isEnabled()
                and not self.unheard_reason)

    def _listen(self) -> str:
        """Watch the source's socket if it has one; poll if it has none. Returns why a
        server does not tell ("" if it does)."""
        socket = self.source.fileno()
        if socket is None:
            self._timer.start(self.poll_ms)
            return ""
        why = self.source.unheard() or ""
        # Told, and looking now and then all the same; where the server refused to tell,
        # looking as often as a file is asked (still watching the socket: it wakes the
        # feed when the connection goes).
        self._timer.start(self.poll_ms if why else self.look_ms)
        self._notifier = QSocketNotifier(socket, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self.check)
        return why

    def _drop_notifier(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None

    def check(self) -> None:
        """Ask the source now (the socket woke us, or a file's poll came due)."""
        if self._away:
            return
        try:
            changed = self.source.changed()
        except StoreError as exc:
            self._failed(exc)
            return
        if changed:
            self.changed.emit()

    def _failed(self, exc: StoreError) -> None:
        """The listener went: refused by a server that is there, or the server lost."""
        if isinstance(exc, FeedRefused):
            self._refused_feed(str(exc))
        elif isinstance(exc, FileLost):  # no retry brings it back: opening it again does
            log.warning("live feed stopped: %s", exc)
            self._away = True
            self._timer.stop()
            self.file_lost.emit(str(exc))
        else:
            self._lose(str(exc))

    def _lose(self, message: str) -> None:
        log.warning("live feed lost: %s", message)
        self.lost = self._away = True
        self._drop_notifier()
        self._timer.start(self.retry_ms)
        # From the start again (it was reached since): quick at first, then later each time.
        self._gap = self._due = self.retry_ms
        self._tries = 0
        self.connection_lost.emit(message)

    def _refused_feed(self, message: str) -> None:
        """The server refused the feed's read (its connection closed): the window asks for
        itself every poll_ms, a new listener is tried less and less often (`_tick`), and
        the window keeps working (not `lost`)."""
        self._away = True
        self._drop_notifier()
        self._timer.start(self.poll_ms)
        self._gap = self._due = self.poll_ms
        self._say_unheard(message)

    def _say_unheard(self, why: str) -> None:
        """Say why the server does not tell, once per reason ("": it tells again)."""
        if why == self.unheard_reason:
            return
        self.unheard_reason = why
        if why:
            log.warning("live feed refused by the server: %s", why)
            self.unheard.emit(why)

    def _tick(self) -> None:
        if not self._away:
            if self._notifier is not None:
                self._look()  # a server's counter: on the thread pool
            else:
                self.check()  # a file's data_version: local, and cheap
            return
        if self._stopped:
            return
        if not self.lost and not self._refused:
            # There, but refusing the feed: the window asks on its own connection meanwhile,
            # which may read.
            self.changed.emit()
        # A new listener waits its turn: later after each refusal, and after each failure
        # to reach a lost server but its first few (`_attempted`).
        self._due -= self._timer.interval()
        if self._due > 0:
            return
        if self._reconnecting is not None:
            return  # one attempt at a time; the next tick after it ends tries again
        source = self.source

        def attempt(progress) -> tuple[bool, StoreError | None]:
            try:
                return source.reconnect(), None
            except StoreError as exc:  # the server answers, but refuses the account or feed
                return False, exc

        # Off the GUI thread: where the network drops packets without a word, connecting
        # waits out its timeout (10 s), every second, and the window froze all that time,
        # the form being typed into with it.
        self._reconnecting = Worker(attempt)
        self._reconnecting.signals.finished.connect(self._attempted)
        self._reconnecting.signals.failed.connect(self._attempt_failed)
        start(self._reconnecting)

    def _look(self) -> None:
        """A server's change counter read on the thread pool, one read at a time: on the
        GUI thread, a network that drops packets without a word would hold the window (and
        the form being typed into) for the connection's timeout every LOOK_MS. (The GUI
        thread uses that connection only when its socket has news, which such a network
        never brings, so the two do not wait on each other there.)"""
        if self._looking is not None or self._stopped:
            return
        source = self.source

        def look(progress) -> tuple[bool, StoreError | None]:
            try:
                return source.changed(look=True), None
            except StoreError as exc:  # lost or refused: said as the socket says it
                return False, exc

        self._looking = Worker(look)
        self._looking.signals.finished.connect(self._looked)
        self._looking.signals.failed.connect(self._look_failed)
        start(self._looking)

    def _looked(self, outcome: tuple[bool, StoreError | None]) -> None:
        self._looking = None
        if self._stopped or self._away:
            return
        changed, failure = outcome
        if failure is not None:
            self._failed(failure)
            return
        if self.unheard_reason and not self.source.unheard():
            # A LISTEN refused is taken now (a standby promoted keeps its connections):
            # told again, looked at as a told feed is, and the bar goes.
            self._timer.start(self.look_ms)
            self._back()
        if changed:
            self.changed.emit()

    def _look_failed(self, message: str) -> None:
        self._looking = None
        log.warning("live feed look failed: %s", message)

    def _attempt_failed(self, message: str) -> None:
        """An attempt that ended in an error no store explains (a bug, or an OS error
        below the driver): it failed all the same, so the next waits its turn as after any
        other failure; it was tried again on every tick."""
        self._reconnecting = None
        log.warning("live feed reconnection failed: %s", message)
        if self.lost and not self._refused:
            self._unreached()
        else:
            self._refused_again()

    def _attempted(self, outcome: tuple[bool, StoreError | None]) -> None:
        self._reconnecting = None
        if self._stopped:
            self.source.close()  # a listener made after the window stopped the feed
            return
        back, refusal = outcome
        if refusal is not None:
            self._refused_again()
        if isinstance(refusal, FeedRefused):  # there, and signs in: refuses the feed only
            # The window goes on: only other desks' changes are not heard. Also after a
            # sign-in refused while the read was (`_refused`, kept, stopped `changed` for
            # good and left the bar saying the account was refused).
            if self.lost or self._refused:
                self._timer.start(self.poll_ms)
                self._gap = self._due = self.poll_ms
                self._back()
                self._say_unheard(str(refusal))
                self.changed.emit()  # what was missed while away, read by the window
            else:
                self._say_unheard(str(refusal))
            return
        if refusal is not None and str(refusal) != self._refused:
            log.warning("live feed refused: %s", refusal)
            self._refused = str(refusal)
            self.refused.emit(self._refused)
        if not back:
            if refusal is None and not self.lost:
                # It refused the feed, and now does not answer at all: an outage, said as
                # one (the bar went on saying "No live updates… works as usual").
                self._lose("the server no longer answers the live feed's connection")
            elif refusal is None:
                self._unreached()
            return
        log.info("live feed reconnected")
        self._away = False
        why = self._listen()
        self._back()
        self._say_unheard(why)  # the bar went with `reconnected`: what is still so, again
        self.changed.emit()  # notifications sent while away were never heard

    def _refused_again(self) -> None:
        """Refused again (the feed, or the sign-in): the next new listener twice as late,
        up to REFUSED_RETRY_MAX_MS."""
        self._gap = self._due = min(2 * self._gap, REFUSED_RETRY_MAX_MS)

    def _unreached(self) -> None:
        """An attempt to reach the lost server failed: the next one RETRY_MS later for the
        first few, then twice as long each time, up to LOST_RETRY_MAX_MS (also where the
        sign-in was refused before it went, asked for less often: an outage is new news)."""
        self._tries += 1
        grown = self._gap if self._tries < LOST_QUICK_TRIES else 2 * self._gap
        self._gap = self._due = min(grown, LOST_RETRY_MAX_MS)

    def _back(self) -> None:
        """The server is there again: `reconnected` (the bar goes, actions go through)."""
        self.lost, self._refused, self.unheard_reason = False, "", ""
        self.reconnected.emit()

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
        self._drop_notifier()
        self.source.close()
