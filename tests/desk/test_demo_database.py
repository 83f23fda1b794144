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


_HOLDER = """
import sys
from pathlib import Path
from resultsdesk.io import folder_lock
held = folder_lock.hold(Path(sys.argv[1]))  # kept: the lock lasts as long as the file is open
print("held", flush=True)
sys.stdin.read()  # until told to end
"""


def _holder(folder: Path):
    """A child process that marks `folder` as its demo's, as a running app does."""
    import os
    import subprocess
    import sys

    from helpers.locations import ROOT

    child = subprocess.Popen([sys.executable, "-c", _HOLDER, str(folder)],
                             env={**os.environ, "PYTHONPATH": str(ROOT)},
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "held"
    return child


def test_a_killed_demo_s_folder_goes_at_the_next_demo_and_no_other(tmp_path, monkeypatch):
    """A demo killed with SIGKILL (or a crash, a power cut) never removed its folder: 1.3 MB
    left in the temporary folder for good, one more each time. The next demo removes the
    folders whose app has ended; never one whose app runs, nor one with no mark (an older
    version's), nor its own."""
    import signal

    from resultsdesk.desk import election
    from resultsdesk.io import folder_lock

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    killed, running, unmarked = (tmp_path / f"{DEMO_FOLDER_PREFIX}{n}" for n in "abc")
    for folder in (killed, running, unmarked):
        folder.mkdir()
        (folder / DEMO_FILE).write_bytes(b"a night")
    dead = _holder(killed)
    dead.send_signal(signal.SIGKILL)
    dead.wait(timeout=60)
    alive = _holder(running)
    try:
        assert election.discard_abandoned_demos() == []  # too new to judge: may be settling
        monkeypatch.setattr(folder_lock, "SETTLING_S", 0)

        def built(path, **_kwargs):
            path.write_bytes(b"the new night")

        monkeypatch.setattr(election, "build_bundled_election", built)
        new = create_demo_database()
        assert not killed.exists()
        assert running.exists() and unmarked.exists() and new.exists()
        assert election.discard_abandoned_demos() == []  # its own, held: kept
        assert new.exists()
    finally:
        alive.stdin.close()
        alive.wait(timeout=60)
    assert election.discard_abandoned_demos() == [running.resolve()]  # ended: now it goes
    assert discard_demo_database(new) and not new.parent.exists()
    assert unmarked.exists()
