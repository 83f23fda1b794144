"""A folder in the watch folder named like one of the desk's outputs (a graphics system's
own `seats.png/`): that output is left out, said in one line, and the folder left alone;
every other file still goes out. It made every publish fail, all night."""

from __future__ import annotations

import json
import logging

from resultsdesk.desk.publishing import FEED_NAME, MANIFEST_NAME, PublishSettings, publish


def _listed(folder) -> set[str]:
    return set(json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))["files"])


def test_a_folder_named_like_a_graphic_leaves_out_only_that_graphic(night_store, tmp_path,
                                                                      caplog):
    folder = tmp_path / "watch"
    (folder / "seats.png").mkdir(parents=True)
    (folder / "seats.png" / "theirs.txt").write_text("the graphics system's own")
    settings = PublishSettings(folder, kinds=("seats", "shares"), formats=("png",), data=True)
    with caplog.at_level(logging.WARNING, logger="resultsdesk.desk.publishing"):
        written = publish(night_store, settings, None)
    assert sorted(p.name for p in written) == [FEED_NAME, "seats.json", "shares.json",
                                               "shares.png"]
    assert (folder / "seats.png" / "theirs.txt").read_text() == "the graphics system's own"
    lines = [r.getMessage() for r in caplog.records if "seats.png" in r.getMessage()]
    assert len(lines) == 1 and lines[0].startswith("watch folder: left out seats.png: ")
    assert "is a folder" in lines[0]
    feed = json.loads((folder / FEED_NAME).read_text(encoding="utf-8"))
    assert feed["files"] == ["seats.json", "shares.json", "shares.png"]
    assert "seats.png" not in _listed(folder) and FEED_NAME in _listed(folder)


def test_a_folder_on_a_later_page_leaves_out_the_graphic_whole(night_store, tmp_path,
                                                               caplog):
    """recounts-2.png a folder: recounts.png ("continued on the next graphic") never goes
    out without the page it continues on."""
    folder = tmp_path / "watch"
    (folder / "recounts-2.png").mkdir(parents=True)
    settings = PublishSettings(folder, kinds=("seats", "recounts"), size="1920x250")
    with caplog.at_level(logging.WARNING, logger="resultsdesk.desk.publishing"):
        written = publish(night_store, settings, None)
    assert sorted(p.name for p in written) == [FEED_NAME, "seats.png"]
    assert "watch folder: left out recounts.png: " in caplog.text
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
        FEED_NAME, "recounts-2.png", "seats.png"]
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_folder_named_like_the_feed_leaves_out_the_feed(night_store, tmp_path, caplog):
    folder = tmp_path / "watch"
    (folder / FEED_NAME).mkdir(parents=True)
    with caplog.at_level(logging.WARNING, logger="resultsdesk.desk.publishing"):
        written = publish(night_store, PublishSettings(folder, kinds=("seats",)), None)
    assert [p.name for p in written] == ["seats.png"]
    assert f"watch folder: left out {FEED_NAME}: " in caplog.text
    assert (folder / FEED_NAME).is_dir() and _listed(folder) == {"seats.png"}
