"""`export all` stopped part way (a full disk) leaves the folder as the last export left
it: its recount watch's later pages too, which a shorter list this time would have
removed only once every new file was in place."""

from __future__ import annotations

import pytest
from helpers.disk_full import full_at

from resultsdesk.desk import export_folder
from resultsdesk.domain.errors import KnownError


def test_a_stopped_export_all_keeps_the_last_exports_later_pages(night_store, tmp_path,
                                                                 monkeypatch):
    """The last export's recount watch ran to recounts-2.png; this one's fits one page but
    stops at the map (the disk full). recounts-2.png (.svg, .pdf) went at once, while the
    drawn files were held back: the folder kept the old recounts.png, "continued on the
    next graphic", with no next graphic beside it."""
    folder = tmp_path / "all"
    export_folder.export_all(night_store, folder, size="1920x300")
    assert (folder / "recounts-2.png").exists()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    full_at("map.json", monkeypatch)
    with pytest.raises(KnownError, match="the disk is full"):
        export_folder.export_all(night_store, folder, size="hd")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_shorter_list_still_takes_the_later_pages_away(night_store, tmp_path):
    folder = tmp_path / "all"
    export_folder.export_all(night_store, folder, size="1920x300")
    export_folder.export_all(night_store, folder, size="hd")
    assert not list(folder.glob("recounts-2.*"))
    assert {p.name for p in folder.glob("recounts.*")} == {
        "recounts.png", "recounts.svg", "recounts.pdf", "recounts.json"}
