"""The Qt widgets' tests (pytest-qt, offscreen), driven by real key presses.

Every test here runs with private, empty QSettings (qt_settings, from the top conftest), so
no test sees another's, or the user's, window state and preferences. `main_window` opens the
app's window the way the app does, owned by qtbot so it closes with the test; `said` records
what a screen reader is told; `theme` runs a test in the light and the dark theme.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QAccessible

from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.themes import app_theme


@pytest.fixture(autouse=True)
def _private_settings(qt_settings, qapp):
    """Private, empty QSettings for every UI test, and a QApplication: a model's icons
    (QPixmap) need one, so a test run alone works as it does in the whole run. No
    background job outlives its test (as the app waits for them when it quits)."""
    yield
    QThreadPool.globalInstance().waitForDone()


@pytest.fixture
def main_window(qtbot) -> Callable[..., MainWindow]:
    """main_window(db, **kwargs): a shown MainWindow on db (kwargs as MainWindow's: user,
    label)."""

    def open_on(db: Path, **kwargs) -> MainWindow:
        application()
        win = MainWindow(db, **kwargs)
        qtbot.addWidget(win)
        win.show()
        return win

    return open_on


@pytest.fixture
def said(monkeypatch) -> list[tuple[str, bool]]:
    """What was announced to a screen reader (Qt's live region), as (text, assertive)."""
    heard: list[tuple[str, bool]] = []
    send = QAccessible.updateAccessibility

    def record(event) -> None:
        if event.type() == QAccessible.Event.Announcement:
            heard.append((event.message(), event.politeness()
                          == QAccessible.AnnouncementPoliteness.Assertive))
        send(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(record))
    return heard


@pytest.fixture(params=["light", "dark"])
def theme(request, qapp):
    """The theme chosen (and saved: a window opened after keeps it); put back after. (A
    test parametrized on "theme" itself takes its own values instead.)"""
    application()
    app_theme().choose(request.param)
    yield request.param
    app_theme().choose("system", save=False)


@pytest.fixture
def font_points(request, qapp):
    """(indirect: `@pytest.mark.parametrize("font_points", [9, 16], indirect=True)`) The
    application's font at `request.param` points (a system font), put back after."""
    usual = qapp.font()
    font = qapp.font()
    font.setPointSize(request.param)
    qapp.setFont(font)
    yield request.param
    qapp.setFont(usual)
