"""The watch folder and the recount watch's continuation pages (`recounts-2.png`, ...): a
shorter watch leaves no stale page for a graphics system to put on air, a longer one adds
its pages, and a page the desk did not write there (or that someone changed since) is never
removed. The desk removes only what its list (`.resultsdesk-published.json`) says it wrote."""

from __future__ import annotations

import json

from resultsdesk.desk.publishing import FEED_NAME, MANIFEST_NAME, PublishSettings, publish

SHORT, LONG = "hd", "1920x250"  # the 2024 recount watch, broadcast theme: one page; three


def _names(folder) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.startswith(".")}


def _listed(folder) -> set[str]:
    return set(json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))["files"])


def _publish(store, folder, size: str) -> list[str]:
    written = publish(store, PublishSettings(folder, kinds=("recounts",), size=size), None)
    return [p.name for p in written]


def test_the_recount_watchs_pages_follow_its_length(night_store, tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    long = _publish(night_store, folder, LONG)
    pages = long[:-1]  # the feed last
    assert pages == ["recounts.png", "recounts-2.png", "recounts-3.png"]
    assert _names(folder) == {*pages, FEED_NAME} and set(pages) <= _listed(folder)
    _publish(night_store, folder, SHORT)  # three pages to one: pages 2 and 3 go
    assert _names(folder) == {"recounts.png", FEED_NAME}
    assert json.loads((folder / FEED_NAME).read_text(encoding="utf-8"))["files"] == [
        "recounts.png"]
    _publish(night_store, folder, LONG)  # and back: they come again, on the list again
    assert _names(folder) == {*pages, FEED_NAME} and set(pages) <= _listed(folder)
    assert json.loads((folder / FEED_NAME).read_text(encoding="utf-8"))["files"] == sorted(
        pages)


def test_a_page_the_desk_did_not_write_is_never_removed(night_store, tmp_path):
    """Publishing the recount watch removed every recounts-N.png beyond its last page
    (up to 50), whoever had put it there: an operator's own, or a page of the desk's
    someone has changed since, which an unticked graphic's file never is."""
    folder = tmp_path / "watch"
    folder.mkdir()
    theirs = {"recounts-4.png": b"the operator's own page", "recounts-9.png": b"theirs too",
              "recounts-2.svg": b"another format, never the desk's"}
    for name, data in theirs.items():
        (folder / name).write_bytes(data)
    _publish(night_store, folder, LONG)
    (folder / "recounts-3.png").write_bytes(b"put over the desk's page 3 by hand")
    _publish(night_store, folder, SHORT)
    assert {n: (folder / n).read_bytes() for n in theirs} == theirs
    assert (folder / "recounts-3.png").read_bytes() == b"put over the desk's page 3 by hand"
    assert not (folder / "recounts-2.png").exists()  # the desk's own, as it left it: gone
    assert "recounts-3.png" not in _listed(folder)  # no longer the desk's
