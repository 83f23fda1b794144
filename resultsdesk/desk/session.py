"""The one door to an election's data for the GUI and the command line.

`open_desk` opens an election (today a SQLite file; the team desk adds a PostgreSQL URL)
and returns the handle every use case in `resultsdesk.desk` takes. The UI and the CLI hold
that handle and pass it on; they never import `resultsdesk.store`, never run SQL and never
reach for a connection: whatever they need (the data version, counts, backups, restores)
has a function here, so a second kind of store is written once, behind this module.
"""

from __future__ import annotations

from pathlib import Path

from ..store import Store
from ..store import backup as backups
from ..store import declarations as sql

# The handle UI and CLI hold: opaque to them (they pass it to desk functions only).
Desk = Store


def open_desk(target: str | Path, *, create: bool = False) -> Desk:
    """Open the election at `target`; refuses (with a message for the desk) a missing,
    foreign, damaged, locked or newer database."""
    return Store(target, create=create)


def data_version(desk: Desk) -> int:
    """Changes whenever another desk commits: the cue for live views to refresh."""
    return desk.data_version()


def location(desk: Desk) -> Path:
    return desk.path


def verification_count(desk: Desk) -> int:
    """How many verifications the desk has made (backups every N verifications)."""
    return sql.verification_count(desk)


def backup(desk: Desk, out: str | Path) -> Path:
    """A consistent copy of the open election, taken while other desks keep writing."""
    return backups.backup(desk, out)


def backup_into(target: str | Path, folder: str | Path, reason: str, keep: int) -> Path:
    """A timestamped backup of the election at `target` into `folder`, keeping the newest
    `keep`: opens its own connection, so it can run on a worker thread."""
    with open_desk(target) as desk:
        return backups.timestamped_backup(desk, folder, reason, keep)


def restore(backup_file: str | Path, target: str | Path) -> Path | None:
    """Replace the election at `target` with a backup; returns where its previous contents
    were kept (None when there was no database there)."""
    return backups.restore(backup_file, target)
