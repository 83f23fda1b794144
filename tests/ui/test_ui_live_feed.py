"""Live without polling: a window hears other desks' commits through `LiveFeed` (a server's
NOTIFY on a socket; a file's data_version, polled), and a lost server shows the red
`ConnectionBar` until the desk has reconnected by itself."""

from __future__ import annotations

import socket
import threading

from helpers.desk_target import (  # noqa: F401  (fixture)
    PUSH_WITHIN_MS,
    desk_target_fixture,
    server_fixture,
)
from helpers.seats import CLEAN, HENDON
from PySide6.QtCore import QTimer

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.changes import change_source
from resultsdesk.desk.errors import StoreError
from resultsdesk.desk.live import NightState
from resultsdesk.domain.model import Figures
from resultsdesk.ui.app import application
from resultsdesk.ui.connection_bar import LOST_TEXT, ConnectionBar
from resultsdesk.ui.live_feed import LOST_QUICK_TRIES, LOST_RETRY_MAX_MS, RETRY_MS, LiveFeed


def test_another_desks_commit_is_heard(qtbot, desk_target):
    t = desk_target
    application()
    desk = t.open("eve")
    feed = LiveFeed(change_source(desk), poll_ms=50)
    assert feed.pushed is t.on_server  # a server pushes; a file is asked
    night = NightState(desk)
    night.refresh()
    with qtbot.waitSignal(feed.changed, timeout=PUSH_WITHIN_MS if t.on_server else 3000):
        dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    assert night.refresh() == {HENDON}
    with qtbot.assertNotEmitted(feed.changed, wait=200):  # nothing new: nothing heard
        pass
    feed.stop()


def test_a_restarted_server_shows_the_bar_until_the_desk_is_back(qtbot, server, pg_cluster):
    t = server
    application()
    desk = t.open("eve")
    feed = LiveFeed(change_source(desk), retry_ms=100)
    bar = ConnectionBar()
    qtbot.addWidget(bar)
    bar.attach(feed)
    shown_when_lost: list[bool] = []
    feed.connection_lost.connect(lambda message: shown_when_lost.append(bar.isVisible()))
    assert not bar.isVisible()

    with qtbot.waitSignals([feed.connection_lost, feed.reconnected], order="strict",
                           timeout=30_000):
        pg_cluster.restart()
    assert shown_when_lost == [True] and LOST_TEXT in bar.text()
    assert not bar.isVisible() and feed.pushed

    # listening again, and the desk's own connection is back too: nothing was lost
    with qtbot.waitSignal(feed.changed, timeout=PUSH_WITHIN_MS):
        dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    assert dk.verification_queue(desk)[0].code == HENDON
    feed.stop()


def test_the_bar_stays_while_the_server_is_down(qtbot, server, pg_cluster):
    t = server
    application()
    desk = t.open("eve")
    feed = LiveFeed(change_source(desk), retry_ms=50)
    bar = ConnectionBar()
    qtbot.addWidget(bar)
    bar.attach(feed)
    attempts: list[bool] = []
    real = feed.source.reconnect
    feed.source.reconnect = lambda: attempts.append(real()) or attempts[-1]
    try:
        with qtbot.waitSignal(feed.connection_lost, timeout=10_000):
            pg_cluster.stop("immediate")
        qtbot.waitUntil(lambda: len(attempts) >= 3, timeout=10_000)  # tries, and fails
        assert attempts[:3] == [False] * 3 and bar.isVisible()
    finally:
        with qtbot.waitSignal(feed.reconnected, timeout=30_000):
            pg_cluster.resume()
    assert not bar.isVisible()
    assert NightState(desk).refresh()  # the desk reads again
    feed.stop()


class _SilentNetwork:
    """A server behind a network that drops packets without a word: reaching it again
    waits out the connect timeout (here, until the test lets it through)."""

    def __init__(self) -> None:
        self.through = threading.Event()
        self.threads: list[threading.Thread] = []

    def fileno(self) -> None:
        return None

    def changed(self, look: bool = False) -> bool:
        raise StoreError("server unreachable")

    def reconnect(self) -> bool:
        self.threads.append(threading.current_thread())
        return self.through.wait(20)

    def close(self) -> None:
        pass


def test_reconnecting_never_holds_up_the_window(qtbot):
    """Each attempt blocked the GUI thread for the whole connect timeout (10 s), every
    second: a desk whose network dropped silently could not even type into the form."""
    application()
    network = _SilentNetwork()
    feed = LiveFeed(network, poll_ms=10, retry_ms=10)
    with qtbot.waitSignal(feed.connection_lost, timeout=5000):
        pass
    qtbot.waitUntil(lambda: len(network.threads) == 1, timeout=5000)
    ticks: list[int] = []
    clock = QTimer()
    clock.timeout.connect(lambda: ticks.append(1))
    clock.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=5000)  # the window goes on meanwhile
    clock.stop()
    assert threading.main_thread() not in network.threads
    assert len(network.threads) == 1  # one attempt at a time, not one per retry tick
    with qtbot.waitSignal(feed.reconnected, timeout=10_000):
        network.through.set()
    feed.stop()


class _DownForMaintenance:
    """A server that is down (every connection refused at once) until `up`, counting the
    feed's attempts to reach it."""

    def __init__(self) -> None:
        self.up = False
        self.attempts = 0

    def fileno(self) -> None:
        return None

    def changed(self, look: bool = False) -> bool:
        if not self.up:
            raise StoreError("cannot reach the server: nothing answers at that address")
        return False

    def reconnect(self) -> bool:
        self.attempts += 1
        return self.up

    def close(self) -> None:
        pass


def _attempts_in(qtbot, feed: LiveFeed, seconds: int) -> list[int]:
    """The seconds, of the next `seconds` of the feed's retry ticks, at which it tried to
    reach the server (a simulated clock: its own timer stopped, so nothing else ticks)."""
    server, at = feed.source, []
    for second in range(1, seconds + 1):
        before = server.attempts
        feed._tick()
        qtbot.waitUntil(lambda: feed._reconnecting is None, timeout=5000)
        if server.attempts > before:
            at.append(second)
    return at


def test_a_lost_server_is_asked_for_less_and_less_often(qtbot):
    """A server down for maintenance was asked for every second by every desk (20 desks:
    20 connections a second, each through a network dropping packets a connect timeout's
    wait), however long it stayed down."""
    application()
    server = _DownForMaintenance()
    feed = LiveFeed(server, poll_ms=10)  # the first poll finds the server gone
    feed.connection_lost.connect(lambda _: feed._timer.stop())  # from then on: by hand
    with qtbot.waitSignal(feed.connection_lost, timeout=5000):
        pass
    # (the seconds below are these: 5 tries a second apart, then doubling up to 10 s)
    assert RETRY_MS == 1000 and LOST_QUICK_TRIES == 5 and LOST_RETRY_MAX_MS == 10_000
    # A blip is caught at once; then 2, 4, 8 s apart, and never more than 10 s.
    assert _attempts_in(qtbot, feed, 60) == [1, 2, 3, 4, 5, 7, 11, 19, 29, 39, 49, 59]
    assert _attempts_in(qtbot, feed, 60) == [9, 19, 29, 39, 49, 59]  # an hour: 360, not 3,600
    server.up = True
    with qtbot.waitSignal(feed.reconnected, timeout=5000):
        assert _attempts_in(qtbot, feed, 10) == [9]
    assert not feed.lost

    # Lost again: quick again, from the start.
    server.up, server.attempts = False, 0
    with qtbot.waitSignal(feed.connection_lost, timeout=5000):  # found by the next poll
        pass
    assert _attempts_in(qtbot, feed, 12) == [1, 2, 3, 4, 5, 7, 11]
    feed.stop()



class _Broken(_DownForMaintenance):
    """A server whose every attempt fails with an error no store explains (a bug, or an OS
    error below the driver): the attempt's worker fails rather than reporting."""

    def reconnect(self) -> bool:
        self.attempts += 1
        raise RuntimeError("no store explains this")


def test_an_attempt_that_fails_unexplained_waits_its_turn_too(qtbot):
    """An attempt whose worker failed outright was tried again on every tick, for ever."""
    application()
    feed = LiveFeed(_Broken(), poll_ms=10)
    feed.connection_lost.connect(lambda _: feed._timer.stop())
    with qtbot.waitSignal(feed.connection_lost, timeout=5000):
        pass
    assert _attempts_in(qtbot, feed, 30) == [1, 2, 3, 4, 5, 7, 11, 19, 29]
    feed.stop()

def _deaf(feed, monkeypatch) -> None:
    """The feed's listener hears nothing (each notification read and dropped), as when a
    write sent none: the server's queue of them was half full (migration 56)."""
    listener = feed.source._listener
    real = listener._heard
    monkeypatch.setattr(listener, "_heard", lambda timeout, stop_after:
                        real(timeout, stop_after) and False)


def test_a_write_that_sent_no_notification_is_found_by_looking(qtbot, server, monkeypatch):
    """An account filling the server's NOTIFY queue stopped every write; now a write sends
    none once it is half full, and the feed reads the change counter every few seconds."""
    application()
    desk = server.open("eve")
    deaf = LiveFeed(change_source(desk), look_ms=600_000)
    feed = LiveFeed(change_source(server.open("eve")), look_ms=50)
    assert deaf.pushed and feed.pushed
    _deaf(deaf, monkeypatch)
    _deaf(feed, monkeypatch)
    with qtbot.waitSignal(feed.changed, timeout=5000), \
            qtbot.assertNotEmitted(deaf.changed, wait=300):
        dk.declare(server.open("alice"), HENDON, Figures(CLEAN, 50), user=server.name("alice"))
    deaf.stop()
    feed.stop()


class _QuietServer:
    """A server's socket that never has news (a network dropping packets says nothing),
    whose counter, read by a look, has moved."""

    def __init__(self) -> None:
        self.ends = socket.socketpair()
        self.threads: list[threading.Thread] = []

    def fileno(self) -> int:
        return self.ends[0].fileno()

    def changed(self, look: bool = False) -> bool:
        self.threads.append(threading.current_thread())
        return look

    def unheard(self) -> None:
        return None

    def reconnect(self) -> bool:
        return True

    def close(self) -> None:
        for end in self.ends:
            end.close()


def test_a_servers_look_is_off_the_gui_thread(qtbot):
    """Read on the GUI thread, a look through a network that drops packets would hold the
    window for the connection's timeout every few seconds."""
    application()
    server = _QuietServer()
    feed = LiveFeed(server, look_ms=10)
    assert feed.pushed
    with qtbot.waitSignal(feed.changed, timeout=5000):
        pass
    assert server.threads and threading.main_thread() not in server.threads
    feed.stop()
