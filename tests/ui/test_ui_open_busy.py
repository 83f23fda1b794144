"""While a whole night is read and shown, the desk sees that work is under way: the busy
cursor, and "Reading the night…" in the status bar (File > Open) or on a card of its own
(the app starting, no window yet), painted before the read, gone after it. A 50,000-seat
night takes ~3 s to open, in which nothing was said: no window at all after signing in, or
the old night's window frozen. File > Open reads it with the cyclic collector off (its
full collections over the night's new objects were ~0.6 s of a 3.5 s switch).

What is on screen is looked at from inside the night's read (`NightState.refresh`), as the
read holds the event loop."""

from __future__ import annotations

import gc

import pytest
from helpers.switch_user import answer_name_when_asked
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from resultsdesk.desk.live import NightState
from resultsdesk.desk.session import open_desk
from resultsdesk.ui import window_database
from resultsdesk.ui.app import application, open_window
from resultsdesk.ui.busy import READING
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.screen_cover import ScreenCover
from resultsdesk.ui.sign_in import account_for


@pytest.fixture
def first_reads(monkeypatch) -> list[dict]:
    """What was on screen as each night was first read (its whole night, not a refresh)."""
    seen: list[dict] = []
    real = NightState.refresh

    def refresh(self: NightState, now: int | None = None) -> set[str]:
        if self.seq < 0:
            cursor = QApplication.overrideCursor()
            cards = [w for w in QApplication.topLevelWidgets()
                     if w.objectName() == "busyCard" and w.isVisible()]
            seen.append({
                "cursor": cursor.shape() if cursor is not None else None,
                "cards": [c.text() for c in cards if isinstance(c, QLabel)],
                "bars": [w.statusBar().currentMessage() for w in QApplication.topLevelWidgets()
                         if isinstance(w, MainWindow) and w.isVisible()],
                "collector": gc.isenabled()})
        return real(self, now)

    monkeypatch.setattr(NightState, "refresh", refresh)
    return seen


def test_file_open_says_the_night_is_being_read(qtbot, main_window, night_db,
                                                nominations_db, first_reads):
    win = main_window(night_db, user="alice")
    first_reads.clear()  # the window's own opening (built before it was shown)
    win.open_database(nominations_db)
    assert first_reads == [{"cursor": Qt.CursorShape.WaitCursor, "cards": [],
                            "bars": [READING], "collector": False}]
    assert QApplication.overrideCursor() is None
    assert win.statusBar().currentMessage() != READING
    assert gc.isenabled()


def test_the_start_says_the_night_is_being_read_before_any_window(qtbot, night_db,
                                                                  first_reads):
    application()
    answer_name_when_asked("alice")
    window = open_window(night_db, user="alice")
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert [(r["cursor"], r["cards"], r["bars"]) for r in first_reads] == [
        (Qt.CursorShape.WaitCursor, [READING], [])]  # (the collector: as the caller had it)
    assert QApplication.overrideCursor() is None
    assert not [w for w in QApplication.topLevelWidgets()
                if w.objectName() == "busyCard" and w.isVisible()]


class _SignedInAgain:
    """A team desk's sign-in at Switch user, answered by bob: a connection of his own to the
    election open (a file's here; `_take_desk` reads it as it reads a server's)."""

    def __init__(self, _parent, window, **_kwargs) -> None:
        self.desk = open_desk(window.db_path)
        self.account = account_for(self.desk, "bob")

    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Accepted


def test_switch_user_on_a_team_desk_says_it_where_it_can_be_seen(qtbot, main_window,
                                                                  night_db, first_reads,
                                                                  monkeypatch):
    """Switch user reads the night again under the cover (screen_cover.py), which is over
    the whole window, its status bar too: "Reading the night…" said there was seen by no
    one, the cover still asking "Who is at the desk?" of someone who had said. It is said on
    the cover; and the status bar is left as it was: an alarm stays after Switch user (the
    desk's news, not the person's: `_signed_in_again`), where the read's message had
    replaced it and then cleared it."""
    win = main_window(night_db, user="alice")
    alarm = "Backup failed: the disk is full"
    win.alarm(alarm, 60_000)
    monkeypatch.setattr(window_database, "SignInDialog", _SignedInAgain)
    covers: list[list[str]] = []
    real = NightState.refresh

    def refresh(self: NightState, now: int | None = None) -> set[str]:
        if self.seq < 0:
            covers.append([label.text() for cover in win.findChildren(ScreenCover)
                           if cover.isVisible() for label in cover.findChildren(QLabel)])
        return real(self, now)

    monkeypatch.setattr(NightState, "refresh", refresh)
    first_reads.clear()
    win.switch_server_user()
    assert win.user == "bob"
    assert covers == [[READING]]  # what the desk sees while it reads
    assert [r["cursor"] for r in first_reads] == [Qt.CursorShape.WaitCursor]
    assert win.statusBar().currentMessage() == alarm
    assert QApplication.overrideCursor() is None
    assert gc.isenabled()
