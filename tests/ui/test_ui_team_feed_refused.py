"""A server that is there but refuses the window's live feed (a LISTEN it will not run: a
standby's "cannot execute LISTEN during recovery", a pooler's refusal; a permission taken
away) is not a server out of reach. The window said "Server unreachable: reconnecting…" for
ever, refused every action as if the server were down, and a desk person went to check
the cables; a LISTEN refused as the window opened stopped it opening. Now the bar says
what the server said, the desk works, and other desks' changes arrive by asking."""

from __future__ import annotations

import socket

import psycopg
import pytest
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON
from helpers.team_window import as_dba, enter_on, status_of, team_window

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import session
from resultsdesk.desk.errors import FeedRefused, ServerSignInFailed
from resultsdesk.domain.model import Figures
from resultsdesk.store.postgres import live
from resultsdesk.store.server import ServerUnreachable
from resultsdesk.ui.app import application
from resultsdesk.ui.connection_bar import LOST_TEXT, REFUSED_TEXT, UNHEARD_TEXT, ConnectionBar
from resultsdesk.ui.live_feed import POLL_MS, REFUSED_RETRY_MAX_MS, LiveFeed
from resultsdesk.ui.main_window import MainWindow

# A LISTEN the server refuses, its parser does: the stand-in for a standby's or a pooler's
# refusal (the connection stays up, the server answers with its reason).
REFUSED_CHANNEL = "select"


@pytest.fixture
def refused_listen(monkeypatch):
    """From now on every LISTEN the app sends is refused by the server."""
    return lambda: monkeypatch.setattr(live, "CHANNEL", REFUSED_CHANNEL)








def _said_refused(win: MainWindow) -> bool:
    text = win.connection_bar.text()
    return win.connection_bar.isVisible() and text.startswith(UNHEARD_TEXT)


def test_a_listen_refused_after_a_reconnection_is_said_and_the_desk_works_on(
        qtbot, server, refused_listen):
    t = server
    win = team_window(qtbot, t, "alice")
    refused_listen()
    with psycopg.connect(str(t.admin_target), autocommit=True) as dba:  # the feed's link cut
        dba.execute("SELECT pg_terminate_backend(%s)",
                    (win.feed.source._listener.conn.info.backend_pid,))
    qtbot.waitUntil(lambda: _said_refused(win), timeout=10_000)
    text = win.connection_bar.text()
    assert "refused the live feed: syntax error" in text and "\n" not in text
    assert not text.startswith(LOST_TEXT) and "unreachable" not in text
    assert not win.feed.lost and not win.feed.pushed

    # Another desk's entry arrives by asking...
    dk.declare(t.open("bob"), HENDON, Figures(CLEAN, 50), user=t.name("bob"))
    qtbot.waitUntil(lambda: status_of(win, HENDON) == "provisional", timeout=10_000)
    # ...and the desk works: Enter on a seat opens its form (refused as "cannot reach the
    # server" before).
    enter_on(win, "Hendon")
    assert win.active_dialog is not None and win.active_dialog.isVisible()
    win.active_dialog.discard()
    assert _said_refused(win)


def test_a_listen_refused_as_the_window_opens_is_said_and_other_desks_are_asked(
        qtbot, server, refused_listen):
    t = server
    refused_listen()
    win = team_window(qtbot, t, "eve")  # psycopg's SyntaxError stopped the window opening
    assert _said_refused(win) and "syntax error" in win.connection_bar.text()
    assert not win.feed.lost
    dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    qtbot.waitUntil(lambda: status_of(win, HENDON) == "provisional", timeout=10_000)
    assert _said_refused(win)


def test_while_the_feeds_read_is_refused_the_window_asks_for_itself(
        qtbot, server, monkeypatch):
    """The feed's read of the change counter refused, the bar said the window checked every
    few seconds: nothing did, and another desk's entry never showed. Now the window asks
    on its own connection; refused that too, the bar says they do not show."""
    t = server
    win = team_window(qtbot, t, "alice")
    # The feed's reads refused from now on (the window's own are not): a table the
    # account may not read stands in for the counter on the feed's connection.
    monkeypatch.setattr(live, "change_seq", lambda conn: conn.execute(
        "SELECT 1 FROM pg_authid").fetchone())
    as_dba(t, "SELECT pg_terminate_backend(%s)",  # a new listener is made, and refused
           win.feed.source._listener.conn.info.backend_pid)
    qtbot.waitUntil(lambda: _said_refused(win), timeout=10_000)
    bar = win.connection_bar
    assert "permission denied for table pg_authid" in bar.text() and not win.feed.lost
    assert "checks for other desks' changes every few seconds" in bar.text()
    dk.declare(t.open("bob"), HENDON, Figures(CLEAN, 50), user=t.name("bob"))
    qtbot.waitUntil(lambda: status_of(win, HENDON) == "provisional", timeout=10_000)

    desk_staff = f"{t.target.rpartition('/')[2]}_desk"  # alice's group
    as_dba(t, f"REVOKE SELECT ON resultsdesk.change_counter FROM {desk_staff}")
    qtbot.waitUntil(lambda: "do not show here" in bar.text(), timeout=10_000)
    assert _said_refused(win) and "checks for" not in bar.text()
    as_dba(t, f"GRANT SELECT ON resultsdesk.change_counter TO {desk_staff}")
    qtbot.waitUntil(lambda: "checks for other desks' changes" in bar.text(), timeout=10_000)
    assert _said_refused(win)


class _RefusingReads:
    """A server that listens but refuses the feed's reads of the change counter (a grant
    taken away) until `refusing` is cleared."""

    REFUSAL = "db refused the live feed: permission denied for table change_counter"

    def __init__(self) -> None:
        self.ends = socket.socketpair()
        self.refusing = True

    def fileno(self) -> int:
        return self.ends[0].fileno()

    def unheard(self) -> None:
        return None

    def changed(self, look: bool = False) -> bool:
        if self.refusing:
            raise FeedRefused(self.REFUSAL)
        return False

    def reconnect(self) -> bool:
        if self.refusing:
            raise FeedRefused(self.REFUSAL)
        return True

    def close(self) -> None:
        for end in self.ends:
            end.close()


def _bar_on(qtbot, feed: LiveFeed) -> ConnectionBar:
    """A connection bar, as the window's, attached to `feed`."""
    bar = ConnectionBar()
    qtbot.addWidget(bar)
    bar.attach(feed)
    return bar


def test_a_read_the_server_refuses_is_said_once_and_the_feed_comes_back(qtbot):
    application()
    server = _RefusingReads()
    feed = LiveFeed(server, poll_ms=10, look_ms=10, retry_ms=10)
    bar = _bar_on(qtbot, feed)
    with qtbot.waitSignal(feed.unheard, timeout=5000), \
            qtbot.assertNotEmitted(feed.connection_lost):
        pass
    assert bar.isVisible() and bar.text().startswith(UNHEARD_TEXT)
    assert server.REFUSAL in bar.text() and not feed.lost
    with qtbot.assertNotEmitted(feed.unheard, wait=200):  # tried again, said once
        pass
    server.refusing = False
    with qtbot.waitSignal(feed.reconnected, timeout=5000):
        pass
    assert bar.isHidden() and feed.pushed and not feed.unheard_reason
    feed.stop()


def test_a_server_lost_after_refusing_the_feed_is_said_lost(qtbot):
    """The feed's read refused (the bar: "No live updates… works as usual"), then the
    server goes: each new listener's connection fails. That is an outage, said as one;
    the bar went on saying the desk worked as usual, `lost` never set."""
    application()
    server = _RefusingReads()
    feed = LiveFeed(server, poll_ms=10, look_ms=10, retry_ms=10)
    bar = _bar_on(qtbot, feed)
    with qtbot.waitSignal(feed.unheard, timeout=5000):
        pass
    server.reconnect = lambda: False  # NotificationSource's word for "cannot connect"
    with qtbot.waitSignal(feed.connection_lost, timeout=5000):
        pass
    assert feed.lost and bar.text().startswith(LOST_TEXT)
    server.refusing = False
    server.reconnect = lambda: True
    with qtbot.waitSignal(feed.reconnected, timeout=5000):
        pass
    assert bar.isHidden() and not feed.lost and feed.pushed
    feed.stop()


class _CountedRefusals(_RefusingReads):
    """`_RefusingReads` counting its new listeners (each a connection and a sign-in on
    the server)."""

    def __init__(self) -> None:
        super().__init__()
        self.listeners = 0

    def reconnect(self) -> bool:
        self.listeners += 1
        return super().reconnect()


def _ticks(qtbot, feed: LiveFeed, n: int) -> None:
    """`n` of the feed's poll ticks, each attempt it starts seen to its end (the clock of
    a simulated minute: its own timer stopped, so nothing else ticks)."""
    for _ in range(n):
        feed._tick()
        qtbot.waitUntil(lambda: feed._reconnecting is None, timeout=5000)


def test_a_refused_read_is_tried_again_less_and_less_often_and_others_asked(qtbot):
    """Refused the counter's read, the feed tried a new listener every 1.5 s (40 new
    connections and sign-ins a minute, per desk) and said nothing more: the window, its
    bar saying it checked every few seconds, never did."""
    application()
    server = _CountedRefusals()
    feed = LiveFeed(server, look_ms=10)  # the first look finds the read refused
    feed.unheard.connect(lambda why: feed._timer.stop())  # from then on: `_ticks`
    with qtbot.waitSignal(feed.unheard, timeout=5000):
        pass
    asked: list[int] = []
    feed.changed.connect(lambda: asked.append(1))
    _ticks(qtbot, feed, 60_000 // POLL_MS)  # a minute
    assert server.listeners == 5  # after 1.5, 4.5, 10.5, 22.5, 46.5 s; then every 30 s
    assert len(asked) == 60_000 // POLL_MS  # the window checks by itself meanwhile
    _ticks(qtbot, feed, REFUSED_RETRY_MAX_MS // POLL_MS)
    assert server.listeners == 6  # 76.5 s: no longer apart than that
    server.refusing = False
    _ticks(qtbot, feed, REFUSED_RETRY_MAX_MS // POLL_MS)
    assert feed.pushed and not feed.unheard_reason
    server.refusing, server.listeners = True, 0  # refused again: from 1.5 s again
    with qtbot.waitSignal(feed.unheard, timeout=5000):
        pass
    _ticks(qtbot, feed, 1)
    assert server.listeners == 1
    feed.stop()


class _ListenLater(_RefusingReads):
    """A server that refused LISTEN as the feed began, and takes it later (a standby
    promoted): `unheard()` says why until then, and the counter's reads are answered."""

    REASON = "db refused the live feed: cannot execute LISTEN during recovery"

    def __init__(self) -> None:
        super().__init__()
        self.refusing = False
        self.why: str | None = self.REASON

    def unheard(self) -> str | None:
        return self.why


def test_a_listen_taken_later_takes_the_bar_down(qtbot):
    application()
    server = _ListenLater()
    feed = LiveFeed(server, poll_ms=10, look_ms=10_000, retry_ms=10)
    bar = _bar_on(qtbot, feed)
    assert bar.isVisible() and not feed.pushed
    server.why = None  # promoted: LISTEN taken on a look
    with qtbot.waitSignal(feed.reconnected, timeout=5000):
        pass
    assert bar.isHidden() and feed.pushed and not feed.unheard_reason
    assert feed._timer.interval() == 10_000  # asked as a told feed is, not every poll_ms
    feed.stop()


class _SignInRefusedMeanwhile(_RefusingReads):
    """`_RefusingReads` whose sign-in is refused too while `signing_in` is cleared (the
    account disabled, then put back), the feed's read refused all along."""

    SIGN_IN = "db refused the sign-in: password authentication failed"

    def __init__(self) -> None:
        super().__init__()
        self.signing_in = True

    def reconnect(self) -> bool:
        if not self.signing_in:
            raise ServerSignInFailed(self.SIGN_IN)
        return super().reconnect()


def test_a_sign_in_taken_again_while_the_read_is_refused_goes_on_asking(qtbot):
    """The feed's read refused, then the account's sign-in too, then the account put back
    (the read still refused): the feed kept the sign-in's refusal for ever, so the bar
    went on saying the server no longer signs the account in, and the window never again
    asked for other desks' changes (no `changed`)."""
    application()
    server = _SignInRefusedMeanwhile()
    feed = LiveFeed(server, look_ms=10)  # the first look finds the read refused
    feed.unheard.connect(lambda why: feed._timer.stop())  # from then on: `_ticks`
    bar = _bar_on(qtbot, feed)
    with qtbot.waitSignal(feed.unheard, timeout=5000):
        pass
    server.signing_in = False
    with qtbot.waitSignal(feed.refused, timeout=5000):
        _ticks(qtbot, feed, 1)
    assert bar.text().startswith(REFUSED_TEXT)
    server.signing_in = True  # put back; the read still refused
    _ticks(qtbot, feed, REFUSED_RETRY_MAX_MS // POLL_MS)
    assert bar.isVisible() and bar.text().startswith(UNHEARD_TEXT)
    asked: list[int] = []
    feed.changed.connect(lambda: asked.append(1))
    _ticks(qtbot, feed, 2)
    assert asked and not feed.lost and server.REFUSAL in feed.unheard_reason
    feed.stop()


def test_the_window_cut_off_while_the_feeds_read_is_refused_says_so(
        qtbot, server, monkeypatch):
    """The feed's read refused (the bar: "No live updates… this window checks… and works
    as usual"), the window's own check for changes then cannot reach the server: the bar
    went on saying all was well (a bar already up was left as it was) until the feed's
    next new listener, up to 30 s away. Now it says the server is unreachable, as with no
    bar up, and back to "No live updates" once the window reads again."""
    t = server
    win = team_window(qtbot, t, "alice")
    monkeypatch.setattr(live, "change_seq", lambda conn: conn.execute(
        "SELECT 1 FROM pg_authid").fetchone())
    as_dba(t, "SELECT pg_terminate_backend(%s)",
           win.feed.source._listener.conn.info.backend_pid)
    qtbot.waitUntil(lambda: _said_refused(win), timeout=10_000)
    reads = session.data_version

    def unreachable(desk):
        raise ServerUnreachable("Cannot reach the server: connection timed out")

    monkeypatch.setattr(session, "data_version", unreachable)
    qtbot.waitUntil(lambda: win.connection_bar.text().startswith(LOST_TEXT), timeout=10_000)
    monkeypatch.setattr(session, "data_version", reads)
    qtbot.waitUntil(lambda: _said_refused(win), timeout=20_000)
    assert "checks for other desks' changes" in win.connection_bar.text()


class _SignInRefused(_RefusingReads):
    """A server lost, then back but refusing the account's sign-in (disabled, or its
    password changed meanwhile): counting each new listener's connection and sign-in."""

    REASON = "the server no longer signs eve in: password authentication failed"

    def __init__(self) -> None:
        super().__init__()
        self.listeners = 0

    def changed(self, look: bool = False) -> bool:
        raise ServerUnreachable("lost the connection to the server for the live feed")

    def reconnect(self) -> bool:
        self.listeners += 1
        raise ServerSignInFailed(self.REASON)


def test_a_sign_in_refused_is_tried_again_less_and_less_often(qtbot):
    """Refused the account's sign-in, the feed tried every second (60 sign-ins a minute per
    desk, each a line in the server's log, for a refusal only an administrator ends)."""
    application()
    server = _SignInRefused()
    feed = LiveFeed(server, look_ms=10)  # the first look finds the server gone
    feed.connection_lost.connect(lambda _: feed._timer.stop())  # from then on: `_ticks`
    said: list[str] = []
    feed.refused.connect(said.append)
    with qtbot.waitSignal(feed.connection_lost, timeout=5000):
        pass
    _ticks(qtbot, feed, 60_000 // feed.retry_ms)  # a minute
    assert server.listeners == 5  # after 1, 3, 7, 15 and 31 s; then every 30 s
    assert said == [ServerSignInFailed(server.REASON).args[0]] and feed.lost
    feed.stop()
