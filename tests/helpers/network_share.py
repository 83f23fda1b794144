"""A folder this machine's file systems take for a network share: a copy of
/proc/self/mountinfo with one more line mounting the folder as `kind` (nfs4, cifs…), put
where `store.network_shares` reads it. Linux only (no /proc elsewhere)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from resultsdesk.store import network_shares

needs_mountinfo = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not Path(network_shares.MOUNTINFO).is_file(),
    reason="the mount table is read from /proc/self/mountinfo on Linux only")


def mount_share(monkeypatch, folder: Path, kind: str = "nfs4") -> Path:
    """`folder` made, and mounted as `kind` in the mount table ResultsDesk reads from now
    on (the table itself beside `folder`, never in it). Returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    point = os.path.realpath(folder).replace("\\", "\\134").replace(" ", "\\040")
    table = folder.parent / f".mountinfo-{folder.name}"
    mounted = Path(network_shares.MOUNTINFO).read_text()
    # (its parent, 0, is in no table: a line the walk down the mount tree takes wherever
    # its mount point holds the path, whichever mount really holds the folder here)
    table.write_text(f"{mounted}999 0 0:99 / {point} rw,relatime shared:99 - {kind} "
                     "newsroom:/export/desk rw,vers=4.2\n")
    monkeypatch.setattr(network_shares, "MOUNTINFO", str(table))
    return folder
