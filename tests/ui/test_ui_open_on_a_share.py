"""File > Open of an election on a network share (two PCs using one `night.db` in a shared
folder): it opened as any file, though SQLite's WAL and locks do not work there. Now said in
the box other failed opens use, in the store's one line, and the election open before stays."""

from __future__ import annotations

import shutil

from helpers.network_share import mount_share, needs_mountinfo

from resultsdesk.ui import window_database

pytestmark = needs_mountinfo


def test_file_open_of_a_night_on_a_share_says_why_and_keeps_the_open_one(
        qtbot, main_window, night_db, tmp_path, monkeypatch):
    win = main_window(night_db, user="alice")
    share = mount_share(monkeypatch, tmp_path / "share", "cifs")
    shared = share / "night.db"
    shutil.copyfile(night_db, shared)
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(window_database, "tell",
                        lambda parent, title, text, *a, **k: told.append((title, text)))
    win.open_database(shared)
    assert told == [("Cannot open database", told[0][1])], told
    assert told[0][1].startswith(f"{shared} is on a network file system (cifs), ")
    assert "team desk server" in told[0][1]
    assert win.db_path == night_db
    assert win.model.rowCount() == 650
    assert sorted(p.name for p in share.iterdir()) == ["night.db"]
