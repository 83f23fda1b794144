"""The last intact head of each database's audit log this PC saw, kept between runs of the
app (in the PC's data folder), so that the window's first check after opening is anchored
at it (`audit.check_audit_chain`'s `seen`), as its later checks are at the last one's.

Without it, a log rewritten consistently while the app was closed (entries cut from its end
and the chain recomputed, the file swapped for an older copy of itself) checked intact the
next morning, and nothing said that entries this PC saw last night were gone. Now that is
said as it is within a session (`audit_restore.gone_message`: "rewritten since"), or, when
the log records a restore since, as that restore (`audit_restore.restored_since`).

A database is known by where it is (a file's full path; a server's URL without who signs in
or their password) and by when its election was made, which its backups and older copies
share (not its name: a rename is no other election), or else by its log's first entry:
another election put in its place starts fresh. (When it was made alone is a column the
chain does not seal: an older copy swapped in overnight with that one value changed by hand
was taken for another election, and checked intact. The first entry's hash is the chain's
own: changed, every hash after it must be recomputed too.) Kept by the window's checks
only; the command line's `audit --check` reads it (the banner tells the desk to run that),
and a copy elsewhere has none. What is in the data folder can be deleted by whoever uses
the PC: this catches a database changed behind the PC's back, not someone at the PC itself.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..io.safe_csv import atomic_write_text
from ..paths import path_text, user_data_dir
from ..store import audit_log
from ..store import repository as repo
from ..store.settings import now_iso
from .audit import AuditCheck, check_audit_chain, own_connection
from .session import Desk, is_server

log = logging.getLogger(__name__)

FOLDER = "audit-heads"  # in the PC's data folder: one small file per database
_FIELDS = ("entries", "head_hash", "head_id", "head_at", "restore_hash")
# A head kept of a file that is no longer there, last seen this long ago, is let go: a
# rehearsal's copy deleted, last year's night moved away. (A server's is kept: it may be
# out of reach, not gone; and a file on a drive not plugged in for months starts fresh.)
FORGET_AFTER = timedelta(days=90)
_tidied: set[Path] = set()  # the folders tidied in this run (once each)


def _place(store: Desk) -> tuple[str, str | None, str | None]:
    """Where the database is, when its election was made (None: no election in it), and
    its log's first entry's hash (None: no entry)."""
    if is_server(store):
        # `PgStore.path` is the URL without its password; who signs in is left out too:
        # every account on the PC reads the same log.
        where = re.sub(r"://[^/@]*@", "://", str(store.path))
    else:
        where = str(Path(store.path).resolve())
    return where, repo.election_created(store), repo.first_audit_hash(store)


def _file(folder: Path, where: str) -> Path:
    """Named by the database's stem for whoever looks, and a hash of its whole location."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", Path(where.rstrip("/")).stem) or "election"
    tag = hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return folder / f"{stem}-{tag}.json"


def _folder(folder: Path | None) -> Path | None:
    """Where heads are kept, None when the data folder cannot be made (a file in the way,
    a home that cannot be written): platformdirs makes it when asked, and its OSError
    stopped the check itself (`audit --check`: "...: File exists"), not only the memory."""
    try:
        return folder or user_data_dir() / FOLDER
    except OSError as exc:
        log.warning("no audit head is kept on this PC: %s", exc)
        return None


def recall(store: Desk, folder: Path | None = None) -> AuditCheck | None:
    """The last intact check this PC made of `store`'s database in an earlier run (its head,
    and `seen_at`: when), or None: none kept, or kept of another election."""
    try:
        with audit_log.what_is_left(store):
            where, created, first = _place(store)
    except audit_log.PartsGone:  # (the election or the log dropped: nothing to match)
        return None
    if (place := _folder(folder)) is None:
        return None
    path = _file(place, where)
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if kept["where"] != where or (kept["election_created"] != created and (
                first is None or kept.get("first_hash") != first)):
            return None  # another election in its place: it starts fresh
        return AuditCheck(**{k: kept[k] for k in _FIELDS}, seen_at=kept["seen_at"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("the audit head kept in %s could not be read: %s", path, exc)
        return None


def remember(store: Desk, check: AuditCheck, folder: Path | None = None) -> None:
    """Keep `check`'s head as the last this PC saw intact of `store`'s database. A PC whose
    data folder cannot be written only loses the memory: the check itself stands."""
    if not check.intact or check.head_id is None:
        return
    where, created, first = _place(store)
    if (place := _folder(folder)) is None:
        return
    path = _file(place, where)
    kept = {"where": where, "election_created": created, "first_hash": first,
            "seen_at": now_iso(),
            **{k: getattr(check, k) for k in _FIELDS}}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A name whose bytes are not UTF-8 (held as lone surrogates, which no UTF-8 file
        # takes) kept as \udcff escapes, which JSON reads back as the same name.
        atomic_write_text(path, json.dumps(kept, ensure_ascii=path_text(where) != where,
                                           indent=1) + "\n")
    except OSError as exc:  # FileProblem is an OSError too
        log.warning("the audit head could not be kept in %s: %s", path, exc)
    if path.parent not in _tidied:
        _tidied.add(path.parent)
        forget_gone_files(path.parent)


def forget_gone_files(folder: Path, now: datetime | None = None) -> list[Path]:
    """Let go of the heads kept of files no longer at their place and last seen more than
    FORGET_AFTER ago, so the folder does not grow by one file for each database ever
    opened; returns those removed. What cannot be read or removed is left as it is."""
    cutoff = (now or datetime.now(UTC)) - FORGET_AFTER
    gone = []
    for path in folder.glob("*.json"):
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
            where, seen_at = kept["where"], datetime.fromisoformat(kept["seen_at"])
            if "://" in where or seen_at >= cutoff or Path(where).exists():
                continue
            path.unlink()
            gone.append(path)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.info("left the audit head kept in %s: %s", path, exc)
    return gone


def check_remembering(path: str | Path, desk: Desk | None = None,
                      seen: AuditCheck | None = None, folder: Path | None = None, *,
                      keep: bool = True) -> AuditCheck:
    """The window's check (on a worker thread: a connection of its own, signed in as `desk`
    is, or opened on the file at `path`): anchored at `seen`, this session's last intact
    check, or else at the head this PC last saw in an earlier run (`recall`); an intact
    chain's head is kept for the next run (`remember`), unless not to `keep`: the demo's
    throw-away copy, in a temporary folder of its own each run, which no later run opens
    (a file for each demo ever run, kept for good)."""
    with own_connection(path, desk) as store:
        check = check_audit_chain(store, seen=seen if seen is not None else recall(store, folder))
        if keep:
            remember(store, check, folder)
    return check
