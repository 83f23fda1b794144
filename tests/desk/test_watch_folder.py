"""The watch folder keeps only what the desk publishes now: a kind of graphic or its data
unticked leaves no stale file of it for a graphics system to put on air, and files the desk
did not write (or that someone changed since) are never touched."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import rehearsal as helper
from helpers.disk_full import full_at
from helpers.rehearsal import WALL, replay
from helpers.seats import BASILDON, HENDON, HENDON_2024

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.publishing import (
    FEED_NAME,
    MANIFEST_NAME,
    PublishError,
    PublishSettings,
    publish,
)
from resultsdesk.domain.model import Figures

_watch_2019, watch_db, watch_desk = helper._watch_2019, helper.watch_db, helper.watch_desk


def _declare_and_verify(store, code=HENDON, votes=HENDON_2024):
    dk.declare(store, code, user="alice", figures=Figures(votes, 187),
               overrides=["recount_range"])
    dk.verify(store, code, user="bob", votes=votes, invalid=187)


def _names(folder) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.startswith(".")}


def test_unticked_outputs_are_removed_and_foreign_files_kept(nominations_store, tmp_path):
    _declare_and_verify(nominations_store)
    folder = tmp_path / "watch"
    folder.mkdir()
    (folder / "holding.png").write_bytes(b"the graphics operator's own")
    (folder / "seats.svg").write_bytes(b"put there by hand: never the desk's")
    publish(nominations_store, PublishSettings(folder, kinds=("seats", "card"), data=True),
            HENDON)
    assert _names(folder) == {"seats.png", "seats.json", "card.png", "card.json", FEED_NAME,
                              "holding.png", "seats.svg"}
    # The card unticked, and the data beside each picture: their files go.
    publish(nominations_store, PublishSettings(folder, kinds=("seats",)), HENDON)
    assert _names(folder) == {"seats.png", FEED_NAME, "holding.png", "seats.svg"}
    feed = json.loads((folder / FEED_NAME).read_text(encoding="utf-8"))
    assert feed["files"] == ["seats.png"]  # what the desk has in the folder now


def test_a_file_changed_since_the_desk_wrote_it_is_left_alone(nominations_store, tmp_path):
    _declare_and_verify(nominations_store)
    folder = tmp_path / "watch"
    folder.mkdir()
    publish(nominations_store, PublishSettings(folder, kinds=("seats", "card")), HENDON)
    card = folder / "card.png"
    card.write_bytes(b"the operator's own card, put over the desk's")
    publish(nominations_store, PublishSettings(folder, kinds=("seats",)), HENDON)
    assert card.read_bytes() == b"the operator's own card, put over the desk's"
    # ... and no longer the desk's: ticked and unticked again, still not removed
    publish(nominations_store, PublishSettings(folder, kinds=("seats",)), HENDON)
    assert card.exists()


def test_a_card_still_ticked_stays_while_a_publish_has_no_seat(nominations_store, tmp_path):
    """A publish of the night as it stands (settings just saved) has no seat just verified:
    the last verified seat's card is still the one to show (drawn again, as now set)."""
    _declare_and_verify(nominations_store)
    folder = tmp_path / "watch"
    folder.mkdir()
    publish(nominations_store, PublishSettings(folder, kinds=("seats", "card")), HENDON)
    publish(nominations_store, PublishSettings(folder, kinds=("seats", "card")), None)
    assert (folder / "card.png").exists()
    feed = json.loads((folder / FEED_NAME).read_text(encoding="utf-8"))
    assert feed["files"] == ["card.png", "seats.png"]


def test_a_list_naming_files_outside_the_folder_removes_nothing(nominations_store,
                                                                tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    outside = tmp_path / "precious.png"
    outside.write_bytes(b"x")
    st = outside.stat()
    (folder / MANIFEST_NAME).write_text(json.dumps({"files": {
        "../precious.png": [st.st_size, st.st_mtime_ns],
        str(outside): [st.st_size, st.st_mtime_ns]}}), encoding="utf-8")
    publish(nominations_store, PublishSettings(folder, kinds=("seats",)), None)
    assert outside.exists()


def test_a_damaged_list_is_no_reason_not_to_publish(nominations_store, tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    (folder / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    publish(nominations_store, PublishSettings(folder, kinds=("seats",)), None)
    assert (folder / "seats.png").exists()
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert os.path.getsize(folder / MANIFEST_NAME) > 0


def test_files_written_by_a_publish_cut_short_are_still_the_desks(nominations_store,
                                                                  tmp_path, monkeypatch):
    """The set's renames stop after the graphics are in place, at the feed (the folder
    made read-only meanwhile, so seats.png cannot be taken back out either: see
    test_watch_folder_rename_failed for a set put back): one line says so, and seats.png,
    in place, is on the desk's list, so that unticking the seats later removes it."""
    import errno

    from resultsdesk import files

    folder = tmp_path / "watch"
    folder.mkdir()
    real, real_unlink = files.os.replace, Path.unlink
    read_only = []

    def refused_at_the_feed(src, dst):
        if Path(dst).name == FEED_NAME:
            read_only.append(dst)
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        return real(src, dst)

    def unlink(path, missing_ok=False):
        if read_only and path.name == "seats.png":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(files.os, "replace", refused_at_the_feed)
    monkeypatch.setattr(Path, "unlink", unlink)
    with pytest.raises(PublishError, match=r"not allowed|Permission denied") as failed:
        publish(nominations_store, PublishSettings(folder, kinds=("seats", "summary")), None)
    assert "\n" not in str(failed.value)
    assert (folder / "seats.png").exists() and not (folder / FEED_NAME).exists()
    monkeypatch.undo()  # allowed again
    publish(nominations_store, PublishSettings(folder, kinds=("summary",)), None)
    assert _names(folder) == {"summary.png", FEED_NAME}


def test_a_disk_full_at_the_feed_puts_none_of_the_publish_in_place(nominations_store,
                                                                   tmp_path, monkeypatch):
    """The feed goes into place with the graphics, the last of their set: the disk full
    at it, no new graphic stands beside the old feed (which said "2 declared" beside a
    seats.png of 3, for as long as the feed took to build)."""
    folder = tmp_path / "watch"
    folder.mkdir()
    full_at(FEED_NAME, monkeypatch)
    with pytest.raises(PublishError, match="the disk is full"):
        publish(nominations_store, PublishSettings(folder, kinds=("seats", "summary")), None)
    assert _names(folder) == set()


def test_a_disk_full_half_way_leaves_the_last_publish_whole(nominations_store, tmp_path,
                                                           monkeypatch):
    """The disk fills after the new seat's card.png is drawn, at its card.json: nothing of
    the failed publish goes into place, so the folder never holds one seat's card.png
    beside another's card.json (nor a new seats.png beside the old feed)."""
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=("seats", "card"), data=True)
    _declare_and_verify(nominations_store)
    publish(nominations_store, settings, HENDON)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    others = len(dk.load_sheet(nominations_store, BASILDON).candidates) - 1
    _declare_and_verify(nominations_store, BASILDON, (20_000, *[100] * others))
    full_at("card.json", monkeypatch)
    with pytest.raises(PublishError, match="the disk is full"):
        publish(nominations_store, settings, BASILDON)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # no .tmp either
    monkeypatch.undo()  # space freed: the next publish has the new seat, whole
    publish(nominations_store, settings, BASILDON)
    card = json.loads((folder / "card.json").read_text(encoding="utf-8"))
    assert card["title"] == "Basildon and Billericay"
    assert (folder / "card.png").read_bytes() != before["card.png"]


def test_a_rehearsal_never_publishes_under_the_live_names(nominations_store, watch_desk,
                                                         tmp_path):
    """A graphics system reading the live night's seats.png and feed.json must never put a
    rehearsal's figures on air (the export dialog offers rehearsal-KIND.png for the same
    reason): a rehearsal publishes rehearsal-seats.png, rehearsal-feed.json... beside the
    live files, and neither touches the other's."""
    _declare_and_verify(nominations_store)
    folder = tmp_path / "watch"
    folder.mkdir()
    live = PublishSettings(folder, kinds=("seats", "card"))
    publish(nominations_store, live, HENDON)
    before = {n: (folder / n).read_bytes() for n in _names(folder)}
    rh.start(watch_desk, WALL)
    delivered, _ = replay(watch_desk, WALL, limit=3)
    code = delivered[-1].code
    written = publish(watch_desk, PublishSettings(folder, kinds=("seats",)), code)
    assert {p.name for p in written} == {"rehearsal-seats.png", "rehearsal-feed.json"}
    assert {n: (folder / n).read_bytes() for n in before} == before  # live: untouched
    assert json.loads((folder / "rehearsal-feed.json").read_text(encoding="utf-8"))[
        "rehearsal"] is True
    publish(nominations_store, PublishSettings(folder, kinds=("seats",)), HENDON)
    assert {"rehearsal-seats.png", "rehearsal-feed.json"} <= _names(folder)


def test_news_of_a_seat_and_of_none_draws_the_seats_card(nominations_store, tmp_path):
    """Settings saved (None) and a seat verified, waiting together: one publish, with the
    seat's card, not a publish without a card (the last seat's staying on)."""
    from resultsdesk.desk.publishing import publish_news

    _declare_and_verify(nominations_store)
    folder = tmp_path / "watch"
    folder.mkdir()
    settings = PublishSettings(folder, kinds=("card",))
    written = publish_news(nominations_store, settings, [None, HENDON, None])
    assert {p.name for p in written} == {"card.png", FEED_NAME}
    assert json.loads((folder / FEED_NAME).read_text(encoding="utf-8"))[
        "declaration"]["code"] == HENDON
    publish_news(nominations_store, settings, [None])  # no seat: the card of the latest
    assert json.loads((folder / FEED_NAME).read_text(encoding="utf-8"))[
        "declaration"] is None
    assert (folder / "card.png").exists()


def test_a_publish_removes_the_temporary_files_one_killed_part_way_left(nominations_store,
                                                                        tmp_path):
    """A publish killed while drawing left `.seats.png.<hex>.tmp`, which no later publish
    removed. An hour old, the next publish takes it away; a newer one (a publish running
    now) and anything not named as the desk names them stay."""
    folder = tmp_path / "watch"
    folder.mkdir()
    stale, fresh = folder / ".seats.png.1a2b3c4d.tmp", folder / ".seats.png.5e6f7a8b.tmp"
    foreign = folder / ".seats.png.mine.tmp"
    for path in (stale, fresh, foreign):
        path.write_bytes(b"half a picture")
    hour_ago = os.stat(stale).st_mtime - 3601
    os.utime(stale, (hour_ago, hour_ago))
    os.utime(foreign, (hour_ago, hour_ago))
    publish(nominations_store, PublishSettings(folder, kinds=("seats",)), None)
    assert not stale.exists() and fresh.exists() and foreign.exists()


def test_a_publish_removes_the_temporary_files_of_graphics_no_longer_ticked(
        nominations_store, tmp_path):
    """The sweep looked only for the names this publish wrote: a publish killed part-way
    left `.gains.png.<hex>.tmp`, gains was unticked since, and it stayed for good (so did
    a rehearsal's, and a later page's). Every name the desk writes is looked for now;
    a graphics system's own temporary files, named otherwise, stay."""
    folder = tmp_path / "watch"
    folder.mkdir()
    ours = [folder / n for n in (".gains.png.1a2b3c4d.tmp", ".recounts-2.svg.0badc0de.tmp",
                                 ".rehearsal-card.json.5e6f7a8b.tmp",
                                 ".rehearsal-feed.json.00ff00ff.tmp",
                                 f".{MANIFEST_NAME}.12345678.tmp")]
    theirs = [folder / n for n in (".theirs.png.1a2b3c4d.tmp", ".gains.gif.1a2b3c4d.tmp",
                                   ".gains.png.1a2b3c4d.tmp.tmp")]
    fresh = folder / ".map.png.9a8b7c6d.tmp"  # a publish of another window's, running now
    for path in (*ours, *theirs, fresh):
        path.write_bytes(b"half a picture")
        if path is not fresh:
            hour_ago = os.stat(path).st_mtime - 3601
            os.utime(path, (hour_ago, hour_ago))
    publish(nominations_store, PublishSettings(folder, kinds=("seats",)), None)
    assert [p.name for p in ours if p.exists()] == []
    assert all(p.exists() for p in (*theirs, fresh))


@pytest.mark.parametrize("name", ["feed-folder.txt", "link-to-a-file"])
def test_a_watch_folder_that_is_a_file_is_said_to_be_a_file(nominations_store, tmp_path,
                                                            name):
    """It was called missing: "The publishing folder … does not exist."."""
    file = tmp_path / "notes.txt"
    file.write_text("not a folder\n")
    given = tmp_path / name
    if name == "feed-folder.txt":
        given = file
    else:
        given.symlink_to(file)
    with pytest.raises(PublishError) as failed:
        publish(nominations_store, PublishSettings(given), None)
    assert str(failed.value) == (f"The publishing folder {given} is a file, not a folder: "
                                 "choose a folder.")
    assert file.read_text() == "not a folder\n"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="no /proc here")
def test_a_watch_folder_in_proc_says_it_takes_no_new_files(nominations_store):
    """/proc is there, but makes no new file: it was called missing too."""
    with pytest.raises(PublishError) as failed:
        publish(nominations_store, PublishSettings(Path("/proc")), None)
    message = str(failed.value)
    assert "\n" not in message and "does not exist" not in message
    assert message.startswith("Could not write to /proc: ")
    assert "/proc is a folder of the system's that takes no new files" in message
