"""A symbolic link that leads nowhere (a loop, or its target gone) named as one, in one line,
wherever a command takes a file (found by an attack on the file readers in the
twenty-eighth session): `restore` and `backup --out` of a loop said "RuntimeError: Symlink
loop … This is a bug"; `summary --db` said "No database at … Create one", `init` blamed a
missing folder, and `rehearse --db` replaced the link with its new database."""

from __future__ import annotations

import os

import pytest
from helpers.cli import refused, run
from test_cli_rehearse import FakeClock

LOOP = "is a symbolic link in a loop; give the file itself"


@pytest.fixture
def loop(tmp_path, monkeypatch):
    FakeClock(monkeypatch)  # a rehearsal made through the link would run in an instant
    link = tmp_path / "loop.db"
    os.symlink(link.name, link)
    return link


@pytest.mark.parametrize("argv", [
    ["summary", "--db", "{link}"],
    ["init", "--db", "{link}", "--name", "X"],
    ["rehearse", "--db", "{link}"],
    ["backup", "--db", "{db}", "--out", "{link}"],
    ["restore", "{link}", "--db", "{db}"],
    ["restore", "{backup}", "--db", "{link}"],  # (a dangling one was restored through)
    ["export", "all", "--db", "{db}", "--out", "{link}"],  # a folder's link
])
def test_a_loop_of_links_is_named_as_one(capsys, night_db, loop, argv):
    backup = loop.parent / "kept.db"
    assert run(capsys, "backup", "--db", night_db, "--out", backup)[0] == 0
    args = [a.format(link=loop, db=night_db, backup=backup) for a in argv]
    refused(run(capsys, *args), f"{loop} {LOOP}")
    assert os.path.islink(loop) and os.readlink(loop) == loop.name  # left as it was


def test_a_link_to_nothing_is_named_as_one(capsys, tmp_path, monkeypatch):
    FakeClock(monkeypatch)
    gone = tmp_path / "election.db"
    os.symlink("elsewhere.db", gone)
    refused(run(capsys, "summary", "--db", gone),
            f"{gone} is a symbolic link to elsewhere.db, which does not exist")
    refused(run(capsys, "rehearse", "--db", gone), "which does not exist")
    assert os.path.islink(gone) and not (tmp_path / "elsewhere.db").exists()


def test_a_restore_is_never_made_through_a_link_to_nothing(capsys, night_db, tmp_path):
    backup = tmp_path / "kept.db"
    assert run(capsys, "backup", "--db", night_db, "--out", backup)[0] == 0
    gone = tmp_path / "election.db"
    os.symlink("elsewhere.db", gone)
    refused(run(capsys, "restore", backup, "--db", gone), "which does not exist")
    assert not (tmp_path / "elsewhere.db").exists()
