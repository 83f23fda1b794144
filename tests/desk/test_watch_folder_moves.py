"""The watch folder moved to another folder: the files the desk wrote in the old one (its
list, `.resultsdesk-published.json`, says which) are taken out once the new one has its
own, so a graphics system still reading the old folder never puts figures the desk no
longer updates on air; the old folder's other files, a rehearsal's, or a file changed since
the desk wrote it, stay. Whatever it publishes, the desk never removes a file it did not
write."""

from __future__ import annotations

import json

import pytest
from helpers import rehearsal as helper
from helpers.rehearsal import WALL, replay
from helpers.seats import HENDON, HENDON_2024

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.publishing import (
    FEED_NAME,
    MANIFEST_NAME,
    PublishError,
    PublishSettings,
    publish,
    publish_news,
)
from resultsdesk.domain.model import Figures

_watch_2019, watch_db, watch_desk = helper._watch_2019, helper.watch_db, helper.watch_desk
THEIRS = {"holding.png": b"the operator's own", "seats.svg": b"by hand, never the desk's",
          "recounts-4.png": b"their page", "rehearsal-card.png": b"not a rehearsal's",
          "feed.json.bak": b"{}", "card.pdf": b"%PDF by hand"}


def _verified(store) -> None:
    dk.declare(store, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
               overrides=["recount_range"])
    dk.verify(store, HENDON, user="bob", votes=HENDON_2024, invalid=187)


def _names(folder) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.startswith(".")}


def _listed(folder) -> set[str]:
    return set(json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))["files"])


def _theirs(folder) -> None:
    for name, data in THEIRS.items():
        (folder / name).write_bytes(data)


@pytest.fixture
def folders(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    return old, new


def test_the_old_folder_keeps_only_what_the_desk_did_not_write(nominations_store, folders):
    old, new = folders
    _verified(nominations_store)
    _theirs(old)
    kinds = ("seats", "card")
    publish_news(nominations_store, PublishSettings(old, kinds=kinds, data=True), [HENDON])
    (old / "seats.json").write_bytes(b"the operator's edit of the desk's data")
    with pytest.raises(PublishError, match="does not exist"):  # the new one not made yet
        publish_news(nominations_store, PublishSettings(new, kinds=kinds), [None],
                     leaving=[old])
    assert {"seats.png", "card.png", FEED_NAME} <= _names(old)  # still on air meanwhile
    new.mkdir()
    publish_news(nominations_store, PublishSettings(new, kinds=kinds), [None], leaving=[old])
    assert _names(old) == {*THEIRS, "seats.json"}  # changed since the desk wrote it: left
    assert {n: (old / n).read_bytes() for n in THEIRS} == THEIRS
    assert _listed(old) == set()
    # the new folder has the night, and the newest seat's card, though no seat was news
    assert _names(new) == {"seats.png", "card.png", FEED_NAME}
    assert json.loads((new / FEED_NAME).read_text(encoding="utf-8"))["files"] == [
        "card.png", "seats.png"]


def test_a_move_takes_out_only_the_nights_own_files(nominations_store, watch_desk,
                                                    folders):
    """A rehearsal's files in the old folder are the rehearsal's to remove, as an unticked
    graphic's are: the live night's move leaves them, and the other way round."""
    old, new = folders
    new.mkdir()
    _verified(nominations_store)
    publish(nominations_store, PublishSettings(old, kinds=("seats",)), HENDON)
    rh.start(watch_desk, WALL)
    delivered, _ = replay(watch_desk, WALL, limit=3)
    publish(watch_desk, PublishSettings(old, kinds=("seats",)), delivered[-1].code)
    publish_news(nominations_store, PublishSettings(new, kinds=("seats",)), [None],
                 leaving=[old])
    assert _names(old) == {"rehearsal-seats.png", "rehearsal-feed.json"}
    assert _listed(old) == {"rehearsal-seats.png", "rehearsal-feed.json"}
    publish_news(watch_desk, PublishSettings(new, kinds=("seats",)), [None], leaving=[old])
    assert _names(old) == set()


def test_settings_saved_redraw_the_card_as_they_say(nominations_store, folders):
    """A publish with no seat (settings just saved) left the last card as it was drawn:
    in the old theme and size beside every other graphic in the new."""
    old, _ = folders
    _verified(nominations_store)
    publish(nominations_store, PublishSettings(old, kinds=("card",), data=True), HENDON)
    publish_news(nominations_store, PublishSettings(old, kinds=("card",), data=True,
                                                    theme="dark", size="square"), [None])
    card = json.loads((old / "card.json").read_text(encoding="utf-8"))
    assert (card["theme"], card["size"]) == ("dark", {"width": 1080, "height": 1080})
    assert json.loads((old / FEED_NAME).read_text(encoding="utf-8"))["declaration"] is None


def test_the_desk_never_removes_a_file_it_did_not_write(night_store, folders):
    """Files in both folders before the desk's list named them: through graphics ticked
    and unticked, data on and off, the recount watch paging longer and shorter, and a
    move, every one is as it was."""
    old, new = folders
    new.mkdir()
    _theirs(old)
    _theirs(new)
    runs = [(old, ("seats", "recounts", "card"), True, "1920x300"),
            (old, ("recounts",), False, "hd"),
            (old, ("seats", "recounts", "card"), True, "1920x300"),
            (new, ("seats", "recounts"), False, "hd")]
    for folder, kinds, data, size in runs:
        publish_news(night_store, PublishSettings(folder, kinds=kinds, data=data, size=size),
                     [None], leaving=[old] if folder == new else [])
        for there in (old, new):
            assert {n: (there / n).read_bytes() for n in THEIRS} == THEIRS
    assert _names(old) == set(THEIRS)
