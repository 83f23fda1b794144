"""An upgrade killed (kill -9, a power cut) while it copies the older file beside it
(`NAME-before-schema-N-TIME.db`, kept before every schema migration). The copy's name was
taken first as an empty file, then the copy renamed over it: killed in between, an empty
`night-before-schema-13-….db` stayed beside the night under the name of a kept copy, for
someone to pick at 3 a.m. as the night before the upgrade. Found by killing `summary` at
random moments on a file of the previous schema. A kept copy is there whole or not at all,
its part-copy hidden, as every file the desk writes (README "Files it writes")."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.rehearsal import undo_candidate_party_ids_migration

from resultsdesk.desk.election import init_election
from resultsdesk.store import SCHEMA_VERSION, Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

ROOT = Path(__file__).resolve().parents[2]
OLDER = SCHEMA_VERSION - 1

# Opens the file as any command does, killed with SIGKILL as soon as the copy of the older
# file has all its pages (before it is put in place): the moment the empty name was left.
KILLED_COPYING = """
import os, signal, sys
from resultsdesk.store import Store, online_copy
copy_pages = online_copy.copy_pages
def copy_then_die(*args, **kwargs):
    copy_pages(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
online_copy.copy_pages = copy_then_die
Store(sys.argv[1])
"""


def _version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def _older(tmp_path: Path) -> Path:
    db = tmp_path / "night.db"
    init_election(db, "Killed while upgrading").close()
    conn = sqlite3.connect(db, isolation_level=None)
    undo_candidate_party_ids_migration(conn)
    conn.execute(f"PRAGMA user_version = {OLDER}")
    conn.close()
    return db


def test_an_upgrade_killed_copying_leaves_no_kept_copy_that_is_not_whole(tmp_path):
    db = _older(tmp_path)

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", KILLED_COPYING, str(db)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr

    kept = sorted(p.name for p in tmp_path.glob("night-before-schema-*"))
    assert kept == [], f"a kept copy that is not whole: {kept}"
    assert _version(db) == OLDER  # killed before any migration ran

    Store(db).close()  # opened again: the upgrade runs, and keeps its copy whole
    kept = sorted(tmp_path.glob("night-before-schema-*.db"))
    assert len(kept) == 1
    assert _version(kept[0]) == OLDER
    assert _version(db) == SCHEMA_VERSION


def test_a_folder_without_hard_links_keeps_the_copy_all_the_same(tmp_path, monkeypatch):
    """The copy goes in place by a hard link, which fails on a name taken; a FAT stick or
    a share has none, and there the name is taken empty and the copy renamed over it."""
    db = _older(tmp_path)

    def no_links(src, dst, *args, **kwargs):
        raise PermissionError(1, "Operation not permitted", str(dst))

    monkeypatch.setattr(os, "link", no_links)
    Store(db).close()
    kept = sorted(tmp_path.glob("night-before-schema-*.db"))
    assert len(kept) == 1
    assert _version(kept[0]) == OLDER
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
