"""A copy of the night older than what the watch folder shows (a backup opened to look at)
never goes on air when it is opened, even while the folder's list names a publish cut
short (`pending`: the live desk killed among its renames, or another PC's publish under
way at that moment).

Found in review: `catch_up` published whenever the list named something pending, and
`publish_news`, overtaken by the folder's newer change number, publishes again unguarded
(a database put back by hand is the night now): the backup's older night replaced the
live one on air."""

from __future__ import annotations

import json

from helpers.seats import BASILDON, HENDON, HENDON_2024

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.catch_up import catch_up, may_be_behind
from resultsdesk.desk.publishing import FEED_NAME, PublishSettings, publish_news
from resultsdesk.desk.watch_folder import MANIFEST_NAME
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.store.backup import backup as back_up
from resultsdesk.store.live import current_seq

KINDS = ("seats", "card")


def _verify(db, code, votes=None) -> None:
    with Store(db) as store:
        if votes is None:
            others = len(dk.load_sheet(store, code).candidates) - 1
            votes = (20_000, *[100] * others)
        dk.declare(store, code, user="alice", figures=Figures(votes, 187),
                   overrides=["recount_range"])
        dk.verify(store, code, user="bob", votes=votes, invalid=187)


def _read(folder, name: str) -> dict:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def test_an_older_copy_of_the_night_never_catches_up_a_folder_cut_short(
        tmp_path, nominations_db):
    _verify(nominations_db, HENDON, HENDON_2024)
    backup = tmp_path / "backup.db"
    with Store(nominations_db) as store:
        back_up(store, backup)
    _verify(nominations_db, BASILDON)
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=KINDS)
    with Store(nominations_db) as store:
        publish_news(store, settings, [BASILDON])
    data = _read(folder, MANIFEST_NAME)
    data["pending"] = {"card.png": data["files"]["card.png"]}  # a publish under way
    (folder / MANIFEST_NAME).write_text(json.dumps(data), encoding="utf-8")
    feed = (folder / FEED_NAME).read_bytes()

    with Store(backup) as store:
        # neither the window's look at the list (no publish started for it) nor the publish
        assert not may_be_behind(folder, rehearsal=False, seq=current_seq(store))
        assert catch_up(store, settings) is None
    assert (folder / FEED_NAME).read_bytes() == feed
    assert _read(folder, FEED_NAME)["summary"]["declared"] == 2
