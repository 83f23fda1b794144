"""Paged graphics (the recount watch, the seat changes) and the files beside them.

- An export removes the later pages an earlier, longer export of its own left, and never a
  file of someone else's named like one: `export recounts --out night.png` deleted
  `night-2.png` to `night-50.png`, whatever they were (a text file, another desk's PNG).
- A list longer than the most pages a graphic goes on at the size asked for is refused
  before any page is written: 50 pages were written, the last saying "continued on the
  next graphic", and the rest never were. The watch folder leaves that graphic out and
  publishes the rest.
"""

from __future__ import annotations

import json
import logging

import pytest

from resultsdesk.desk import graphics
from resultsdesk.desk.graphics import PagesRefusal, export_pages
from resultsdesk.desk.publishing import PublishSettings, publish
from resultsdesk.domain.tally import RecountThresholds

WIDE = RecountThresholds(votes=3000, pct=7.0)  # a long recount watch on the 2024 night


@pytest.fixture
def folder(tmp_path):
    out = tmp_path / "out"  # (the night's database is in tmp_path)
    out.mkdir()
    return out


def test_an_export_removes_only_its_own_stale_pages(night_store, folder):
    tmp_path = folder
    out = tmp_path / "night.png"
    long_list = export_pages(night_store, "recounts", out, size=(640, 360), thresholds=WIDE)
    assert len(long_list) > 3
    (tmp_path / f"night-{len(long_list) + 1}.png").write_text("mine")  # someone else's
    foreign = tmp_path / "night-2.svg"
    foreign.write_text("<svg/>")
    short = export_pages(night_store, "recounts", out, size=(640, 360))
    assert [p.name for p in short] == ["night.png", "night-2.png"][:len(short)]
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([p.name for p in short] + [f"night-{len(long_list) + 1}.png",
                                                      "night-2.svg"])


@pytest.mark.parametrize("fmt", ["png", "svg", "json"])
def test_a_list_longer_than_its_pages_is_refused_before_anything_is_written(
        night_store, folder, fmt):
    tmp_path = folder
    out = tmp_path / f"r.{fmt}"
    if fmt == "json":  # the data is one file, whatever its length
        assert export_pages(night_store, "recounts", out, size=(300, 200),
                            thresholds=WIDE) == [out]
        return
    with pytest.raises(PagesRefusal, match=r"^recounts: the list needs \d+ pages at "
                                           r"300×200 \(at most 50\): choose a larger size$"):
        export_pages(night_store, "recounts", out, size=(300, 200), thresholds=WIDE)
    assert list(tmp_path.iterdir()) == []


def test_the_watch_folder_leaves_out_a_list_too_long_for_its_pages(night_store, folder,
                                                                    caplog):
    settings = PublishSettings(folder=folder, kinds=("seats", "recounts"), size="300x200",
                               recount=WIDE)
    with caplog.at_level(logging.WARNING, logger="resultsdesk.desk.publishing"):
        written = publish(night_store, settings, None, night=graphics.night_state(night_store))
    assert sorted(p.name for p in written) == ["feed.json", "seats.png"]
    assert "watch folder: left out recounts: the list needs" in caplog.text


def test_the_feed_is_in_place_before_the_old_pages_go(night_store, folder, monkeypatch):
    """A reader of feed.json found it naming recounts-2.png to -9.png after they were
    removed: the old pages went first, and the feed was only then built and written."""
    from resultsdesk.desk import publishing

    settings = PublishSettings(folder=folder, kinds=("recounts",), size="640x360",
                               recount=WIDE)
    publish(night_store, settings, None)
    before = {p.name for p in folder.iterdir()}
    seen = {}
    real = publishing.retire

    def retire(*args, **kwargs):
        feed = json.loads((folder / "feed.json").read_text(encoding="utf-8"))
        seen["feed"] = set(feed["files"])
        seen["there"] = {p.name for p in folder.iterdir()}
        return real(*args, **kwargs)

    monkeypatch.setattr(publishing, "retire", retire)
    publish(night_store, PublishSettings(folder=folder, kinds=("recounts",),
                                         size="640x360"), None)
    assert seen["feed"] < before  # the new, shorter set, already in place ...
    assert seen["feed"] <= seen["there"]
    after = {p.name for p in folder.iterdir() if not p.name.startswith(".")}
    assert after == seen["feed"] | {"feed.json"}  # ... and then the old pages went
