"""A folder in the watch folder named like one of the desk's outputs (a graphics system's
own `seats.png/`): that output is left out, said in one line, and the folder left alone;
every other file still goes out. It made every publish fail, all night. So is a file of
the desk's someone made read-only (the last test)."""

from __future__ import annotations

import json
import logging
import os

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


def test_a_folder_made_between_the_drawing_and_the_renames_leaves_out_that_graphic(
        night_store, tmp_path, caplog, monkeypatch):
    """A graphics system made `seats.png/` (and `recounts-2.png/`, a later page) while the
    publish drew: the renames failed the whole publish, every 15 s until the next one left
    them out. Now those graphics are left out there and then, the feed and the list naming
    neither, and the rest goes out."""
    from resultsdesk.desk import publishing

    folder = tmp_path / "watch"
    folder.mkdir()
    drawn = publishing._write_graphics

    def draw_then_a_folder_appears(*args, **kwargs):
        paths = drawn(*args, **kwargs)
        (folder / "seats.png").mkdir()
        (folder / "recounts-2.png").mkdir()
        return paths

    monkeypatch.setattr(publishing, "_write_graphics", draw_then_a_folder_appears)
    settings = PublishSettings(folder, kinds=("seats", "shares", "recounts"),
                               size="1920x250", data=True)
    with caplog.at_level(logging.WARNING, logger="resultsdesk.desk.publishing"):
        written = publish(night_store, settings, None)
    assert sorted(p.name for p in written) == [FEED_NAME, "recounts.json", "seats.json",
                                               "shares.json", "shares.png"]
    lines = [r.getMessage() for r in caplog.records if "left out" in r.getMessage()]
    assert len(lines) == 2
    assert lines[0].startswith("watch folder: left out seats.png: ")
    assert lines[1].startswith("watch folder: left out recounts.png: ")
    assert "recounts-2.png is a folder" in lines[1]
    assert not (folder / "recounts.png").exists()  # never page 1 without its page 2
    feed = json.loads((folder / FEED_NAME).read_text(encoding="utf-8"))
    assert feed["files"] == ["recounts.json", "seats.json", "shares.json", "shares.png"]
    assert _listed(folder) == {FEED_NAME, *feed["files"]}
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_folder_made_at_the_rename_itself_leaves_out_only_that_graphic(
        night_store, tmp_path, caplog, monkeypatch):
    """The folder appears at the very rename of `shares.png`: that one is left out, said
    in one line, and the files renamed before and after it are in place."""
    from resultsdesk import files

    folder = tmp_path / "watch"
    folder.mkdir()
    replace = files.os.replace

    def rename(src, dst):
        if os.path.basename(dst) == "shares.png":
            os.mkdir(dst)
        return replace(src, dst)

    monkeypatch.setattr(files.os, "replace", rename)
    settings = PublishSettings(folder, kinds=("seats", "shares", "summary"))
    with caplog.at_level(logging.WARNING, logger="resultsdesk.desk.publishing"):
        written = publish(night_store, settings, None)
    assert sorted(p.name for p in written) == [FEED_NAME, "seats.png", "summary.png"]
    lines = [r.getMessage() for r in caplog.records if "shares.png" in r.getMessage()]
    assert len(lines) == 1 and lines[0].startswith("watch folder: left out shares.png: ")
    assert (folder / "shares.png").is_dir()
    assert _listed(folder) == {FEED_NAME, "seats.png", "summary.png"}
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_graphic_made_read_only_is_left_as_it_is_and_out_of_the_feed(night_store, tmp_path,
                                                                      caplog):
    """The desk's own seats.png made read-only (chmod 444) by whoever wants it to stay:
    the rename put a writable new one over it, and once left out it was taken away as a
    file of the desk's no longer published (chmod keeps its size and time). Now it stays
    as it is, said in one line; the rest goes out and the feed names only that."""
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=("seats", "shares"), formats=("png",))
    publish(night_store, settings, None)
    before = (folder / "seats.png").read_bytes()
    (folder / "seats.png").chmod(0o444)
    with caplog.at_level(logging.WARNING, logger="resultsdesk.desk.publishing"):
        written = publish(night_store, settings, None)
    assert sorted(p.name for p in written) == [FEED_NAME, "shares.png"]
    assert (folder / "seats.png").read_bytes() == before
    assert (folder / "seats.png").stat().st_mode & 0o777 == 0o444
    assert "watch folder: left out seats.png: " in caplog.text and "is read-only" in caplog.text
    feed = json.loads((folder / FEED_NAME).read_text(encoding="utf-8"))
    assert feed["files"] == ["shares.png"]
    assert "seats.png" not in _listed(folder)
