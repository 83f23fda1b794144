"""A log rewritten while the app was closed: the file swapped overnight for an older copy
of itself (a verification taken back), so the newest entry this PC saw is gone from it
(`desk.audit_memory`), and the red banner says so at every opening until it is accepted
(`desk.audit_accept`). Shared by the desk's, the command line's and the window's tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from helpers.accounts import FAST
from helpers.seats import CLEAN, HENDON
from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import AuditCheck
from resultsdesk.desk.audit_memory import check_remembering
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store

ACCOUNTS = {"root": "admin", "alice": "desk", "bob": "desk", "eve": "editor"}


def copy_database(path: Path, out: Path) -> Path:
    """`path` as it is now, through SQLite (a file copy can miss what its WAL holds)."""
    with sqlite3.connect(path) as source, sqlite3.connect(out) as target:
        source.backup(target)
    return out


def add_accounts(path: Path) -> None:
    """root (admin), alice and bob (desk), eve (editor); each's password is
    '<name>-password'."""
    with Store(path) as store:
        for name, role in ACCOUNTS.items():
            acc.add_account(store, name, role, f"{name}-password",
                            admin=None if name == "root" else "root", kdf=FAST)


def taken_back_overnight(path: Path, folder: Path) -> AuditCheck:
    """Hendon declared (alice) and verified (bob), this PC's check seeing it (kept), then
    the file swapped for the copy from before (kept in `folder`). Returns that check."""
    earlier = copy_database(path, folder / "earlier.db")
    with Store(path) as store:
        dk.declare(store, HENDON, Figures(CLEAN, 50), user="alice")
        dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=50)
    seen = check_remembering(path)
    assert seen.intact
    copy_database(earlier, path)
    return seen
