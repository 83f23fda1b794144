"""Two desks publishing into one watch folder at once (the live night's window and a
rehearsal's, each under its own names) take turns: neither rewrites the folder's list of
the desk's files from a reading the other has overtaken, so each still removes its own
files once they are unticked, and never leaves an old graphic on air."""

from __future__ import annotations

import threading

from helpers import rehearsal as helper
from helpers.seats import HENDON, HENDON_2024

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import graphics, publishing
from resultsdesk.desk.publishing import PublishSettings, publish
from resultsdesk.desk.watch_folder import read_manifest
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store

_watch_2019, watch_db = helper._watch_2019, helper.watch_db

NAMES = {"seats.png", "seats.json", "feed.json"}
REHEARSAL = {f"rehearsal-{n}" for n in NAMES}


def _names(folder) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.startswith(".")}


def test_a_rehearsal_publishing_while_the_live_night_does_loses_neither_its_files(
        nominations_store, watch_db, tmp_path, monkeypatch):
    store = nominations_store
    dk.declare(store, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
               overrides=["recount_range"])
    dk.verify(store, HENDON, user="bob", votes=HENDON_2024, invalid=187)
    folder = tmp_path / "watch"
    folder.mkdir()
    both = PublishSettings(folder, kinds=("seats",), data=True)
    publish(store, both, HENDON)  # the live night's, already in the folder

    # The rehearsal's window publishes while the live night's graphics are drawing: it
    # goes ahead (before) or waits for the folder (now); either way this thread goes on.
    live_thread, other_done = threading.get_ident(), threading.Event()
    failures: list[BaseException] = []

    def rehearsal_publish():
        try:
            with Store(watch_db) as rehearsal:
                publish(rehearsal, both, None)
        except BaseException as exc:  # reported by the assertion below
            failures.append(exc)
        finally:
            other_done.set()

    other = threading.Thread(target=rehearsal_publish)
    drawn = graphics.export_pages

    def draw(*args, **kwargs):
        out = drawn(*args, **kwargs)
        if threading.get_ident() == live_thread and not other.is_alive() \
                and not other_done.is_set():
            other.start()
            assert other_done.wait(60)  # done, or waiting its turn
        return out

    waited = threading.Event()

    def waiting(folder):
        waited.set()
        other_done.set()  # this thread may go on: the other's turn comes after

    monkeypatch.setattr(publishing, "_waiting", waiting, raising=False)
    monkeypatch.setattr(graphics, "export_pages", draw)
    publish(store, both, HENDON)
    other.join(60)
    assert not other.is_alive() and failures == []
    assert _names(folder) == NAMES | REHEARSAL
    assert set(read_manifest(folder)) == NAMES | REHEARSAL  # was the live night's alone
    assert waited.is_set()  # the rehearsal's waited for the live publish to finish

    # Each unticks its data: its own .json goes, the other's stays
    monkeypatch.setattr(graphics, "export_pages", drawn)
    with Store(watch_db) as rehearsal:
        publish(rehearsal, PublishSettings(folder, kinds=("seats",)), None)
    assert _names(folder) == NAMES | REHEARSAL - {"rehearsal-seats.json"}
    publish(store, PublishSettings(folder, kinds=("seats",)), HENDON)
    assert _names(folder) == {"seats.png", "feed.json", "rehearsal-seats.png",
                              "rehearsal-feed.json"}
