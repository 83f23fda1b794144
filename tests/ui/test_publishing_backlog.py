"""Seats verified together, or while the watch folder was out of reach, go out in one
publish whose card.png is the most recently verified seat's: the folder's card never steps
through the backlog one seat after another, nor ends on an older seat than the newest."""

from __future__ import annotations

import json

from helpers.publishing import publish_started
from helpers.seats import BASILDON, BEACONSFIELD, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.publishing import FEED_NAME, PublishSettings
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store
from resultsdesk.ui import publisher as module
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.publisher import save_publish_settings

# In the order verified; the newest has the lowest code, so the code order (the order the
# window learns of seats found verified at one look) puts it first, not last.
ORDER = (HENDON, BEACONSFIELD, BASILDON)


def _verify(db, code: str) -> None:
    """Declared at one desk, verified at another: the first on the ballot far ahead."""
    with Store(db) as store:
        sheet = dk.load_sheet(store, code)
        votes = [20_000] + [100] * (len(sheet.candidates) - 1)
        dk.declare(store, code, user="alice", figures=Figures(votes, 50),
                   overrides=WARNING_CODES)
        dk.verify(store, code, user="bob", votes=votes, invalid=50)


def _name(db, code: str) -> str:
    with Store(db) as store:
        return dk.load_sheet(store, code).name


def _window(qtbot, db, folder, monkeypatch) -> tuple[MainWindow, list]:
    """A window publishing the card and its data to `folder`, whose publishes are held in
    the returned list (run by `_run_all`, on this thread) instead of the thread pool."""
    application()
    save_publish_settings(PublishSettings(folder, kinds=("card",), data=True))
    started: list = []
    monkeypatch.setattr(module, "start", started.append)
    window = MainWindow(db, user="editor")
    qtbot.addWidget(window)
    return window, started


def _run_all(started: list, folder) -> list[str | None]:
    """Each held publish in turn (its report reaching the publisher at once, which may
    start the next): the seat each left in feed.json, or None for a publish that failed."""
    shown = []
    while started:
        worker = started.pop(0)
        worker.run()
        feed = folder / FEED_NAME
        shown.append(json.loads(feed.read_text(encoding="utf-8"))["declaration"]["code"]
                     if feed.exists() else None)
    return shown


def test_seats_verified_together_go_out_once_with_the_newest_card(qtbot, nominations_db,
                                                                  tmp_path, monkeypatch):
    folder = tmp_path / "watch"
    folder.mkdir()
    window, started = _window(qtbot, nominations_db, folder, monkeypatch)
    for code in ORDER:  # three desks verify within one look of the window's
        _verify(nominations_db, code)
    window.refresh_if_changed()
    publish_started(qtbot, window.publisher)
    assert _run_all(started, folder) == [BASILDON]  # once, the newest
    assert window.publisher.queue == []
    card = json.loads((folder / "card.json").read_text(encoding="utf-8"))
    assert card["constituency"] == _name(nominations_db, BASILDON)
    feed = json.loads((folder / FEED_NAME).read_text(encoding="utf-8"))
    assert feed["summary"]["declared"] == 3  # every seat's figures in it, none lost


def test_a_backlog_after_a_failure_goes_out_at_once_with_the_newest_card(
        qtbot, nominations_db, tmp_path, monkeypatch):
    folder = tmp_path / "watch"  # not there yet: the first publish fails, retried
    window, started = _window(qtbot, nominations_db, folder, monkeypatch)
    for code in ORDER:
        _verify(nominations_db, code)
        window.refresh_if_changed()  # one look per verification
        assert _run_all(started, folder) in ([None], [])  # failed, or waiting to retry
    assert window.publisher.queue == list(ORDER)  # none dropped meanwhile
    folder.mkdir()
    window.publisher._retry.stop()
    window.publisher._next()  # the retry
    assert _run_all(started, folder) == [BASILDON]
    assert window.publisher.queue == []
