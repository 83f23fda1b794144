"""The throw-away demo night: made in a temporary folder of its own, and that folder (not
anything else) removed when the app is done with it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from resultsdesk.desk.election import (
    DEMO_FILE,
    DEMO_FOLDER_PREFIX,
    create_demo_database,
    discard_demo_database,
)
from resultsdesk.desk.session import open_desk
from resultsdesk.desk.summary import national_summary


def test_the_demo_is_the_whole_night_and_discarding_it_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    path = create_demo_database()
    assert path.parent.parent == tmp_path and path.parent.name.startswith(DEMO_FOLDER_PREFIX)
    with open_desk(path) as desk:  # leaves its journal files behind it, as the app does
        assert national_summary(desk).declared == 650
    assert discard_demo_database(path)
    assert list(tmp_path.iterdir()) == []


def test_only_a_demo_folder_is_ever_removed(tmp_path):
    for folder, name in (("night", DEMO_FILE), (f"{DEMO_FOLDER_PREFIX}x", "night.db")):
        path = tmp_path / folder / name
        path.parent.mkdir()
        path.write_bytes(b"kept")
        assert not discard_demo_database(path)
        assert path.read_bytes() == b"kept"
    assert not discard_demo_database(Path(tmp_path / DEMO_FILE))  # its folder is tmp_path
    assert (tmp_path / "night" / DEMO_FILE).exists()


def test_a_demo_that_could_not_be_built_leaves_no_folder(tmp_path, monkeypatch):
    import pytest

    from resultsdesk.desk import election
    from resultsdesk.domain.errors import Cause, KnownError

    def full_disk(path, **_kwargs):
        path.write_bytes(b"half a night")  # as far as it got
        raise KnownError("disk full", cause=Cause.DISK_FULL)

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(election, "build_bundled_election", full_disk)
    with pytest.raises(KnownError, match="disk full"):
        create_demo_database()
    assert list(tmp_path.iterdir()) == []
