"""Which files in the watch folder are the desk's: a hidden list of what it wrote there (name,
size, modification time), so that when a graphic or a format is unticked, or the desk moves
to another folder, its old files are removed instead of staying on for a graphics system to
put on air, while a file the desk did not write, or one someone has changed since, is never
touched.

The list lives in the folder itself (`.resultsdesk-published.json`), so it goes with the
folder from one desk PC to another; a damaged or missing list only means nothing is
removed. It also names the seat on the card the desk last put there (`latest`), so that a
later publish, from another window or PC, never puts an older seat's card back over it."""

from __future__ import annotations

import json
import logging
import re
import time
from pathlib import Path

from ..io.safe_csv import write_json

MANIFEST_NAME = ".resultsdesk-published.json"
# Starts the name of each file a rehearsal writes (the export dialog offers the same), so
# that a graphics system reading the live names never puts a rehearsal's figures on air.
REHEARSAL_MARK = "rehearsal-"
log = logging.getLogger(__name__)

Fingerprint = tuple[int, int]  # (size, modification time in ns) as the desk left it


def fingerprint(path: Path) -> Fingerprint | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _plain_name(name: object) -> bool:
    """A file directly in the folder: a list edited by hand (or another program's) must
    never make the desk remove anything elsewhere, nor its own hidden files."""
    return (isinstance(name, str) and bool(name) and Path(name).name == name
            and not name.startswith(".") and "\\" not in name)


def read_manifest(folder: Path) -> dict[str, Fingerprint]:
    """What the desk last recorded writing in `folder`; {} when there is no list, or one
    it cannot read (nothing is removed on its word then)."""
    try:
        data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        files = data["files"]
        return {name: (int(fp[0]), int(fp[1])) for name, fp in files.items()
                if _plain_name(name)}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        log.warning("watch folder: the list of files the desk wrote in %s is unreadable "
                    "(%s); nothing earlier is removed", folder, exc)
        return {}


def split(files: dict[str, Fingerprint], *, rehearsal: bool
          ) -> tuple[dict[str, Fingerprint], dict[str, Fingerprint]]:
    """(a rehearsal's files, the rest) or (the live night's, the rest): each retires only
    its own, so a rehearsal opened in the window never takes the night's graphics away."""
    mine = {n: fp for n, fp in files.items() if n.startswith(REHEARSAL_MARK) == rehearsal}
    return mine, {n: fp for n, fp in files.items() if n not in mine}


def kept_as_left(folder: Path, previous: dict[str, Fingerprint],
                 keep: set[str]) -> dict[str, Fingerprint]:
    """Of the files `keep` names, those `previous` lists that are still as the desk left
    them: the desk's still, and in place."""
    return {name: previous[name] for name in keep
            if name in previous and fingerprint(folder / name) == previous[name]}


def retire(folder: Path, previous: dict[str, Fingerprint], now: set[str],
           keep: set[str]) -> dict[str, Fingerprint]:
    """Remove each file `previous` lists that this publish did not write (`now`) and does
    not `keep`, if it is still as the desk left it. Returns what of `previous` stays the
    desk's (the kept files, as recorded)."""
    stays = kept_as_left(folder, previous, keep - now)
    for name, recorded in previous.items():
        if name in now or name in keep:
            continue
        path = folder / name
        current = fingerprint(path)
        if current is None:  # gone already (a shorter recount watch's page 2)
            continue
        if current != recorded:
            log.warning("watch folder: left %s, no longer published, in place: it has "
                        "changed since the desk wrote it", path)
            continue
        try:
            path.unlink()
            log.info("watch folder: removed %s, no longer published", path)
        except FileNotFoundError:
            pass
        except OSError as exc:  # kept on the list: tried again next time
            log.warning("watch folder: could not remove %s (%s)", path, exc.strerror or exc)
            stays[name] = recorded
    return stays


def withdraw(folder: Path, *, rehearsal: bool) -> None:
    """The folder is published to no more (the watch folder moved): remove every file of
    the live night's (or a rehearsal's) the list says the desk wrote there, if still as it
    left it; the list keeps the other's, and what could not be removed. Else a graphics
    system still reading the folder would show figures the desk no longer updates."""
    if not folder.is_dir():  # gone: nothing of it left on air
        return
    mine, others = split(read_manifest(folder), rehearsal=rehearsal)
    if mine:
        write_manifest(folder, others | retire(folder, mine, set(), set()), forget=rehearsal)


def _kind(rehearsal: bool) -> str:
    return "rehearsal" if rehearsal else "live"


def _latest_entries(folder: Path) -> dict[str, dict[str, str]]:
    """The list's `latest`, as far as it is readable: {} otherwise (nothing compared)."""
    try:
        data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        latest = data.get("latest", {})
        return {k: {"election": str(v["election"]), "code": str(v["code"])}
                for k, v in latest.items() if k in ("live", "rehearsal")}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def read_latest(folder: Path, *, rehearsal: bool, election: str) -> str | None:
    """The seat whose card (and feed.json's declaration) the desk last put in `folder` for
    this election, live or rehearsal: None when there is none, or it was another
    election's (its codes say nothing of this night's order)."""
    entry = _latest_entries(folder).get(_kind(rehearsal))
    return entry["code"] if entry and entry["election"] == election else None


def write_manifest(folder: Path, files: dict[str, Fingerprint], *,
                   latest: tuple[bool, str, str] | None = None,
                   forget: bool | None = None) -> None:
    """Write the list (atomically, like every file in the folder). `latest`: (rehearsal,
    election, code) of the seat just published on the card; the other kind's, and this
    one's with none given, stay as the list had them. `forget` (rehearsal or not): that
    kind's seat is dropped (its files taken out of the folder)."""
    entries = _latest_entries(folder)
    if latest is not None:
        rehearsal, election, code = latest
        entries[_kind(rehearsal)] = {"election": election, "code": code}
    if forget is not None:
        entries.pop(_kind(forget), None)
    data: dict = {"about": "files ResultsDesk wrote here; it removes them when no longer "
                           "published, unless changed since",
                  "files": dict(sorted(files.items()))}
    if entries:
        data["latest"] = dict(sorted(entries.items()))
    write_json(folder / MANIFEST_NAME, data)


# A hidden temporary file of the desk's this old in the folder is a publish killed part-way
# (one running finishes in seconds): removed by the next publish (`sweep_temps`).
CUT_SHORT_AFTER_S = 3600


def sweep_temps(folder: Path, names: str,
                older_than_s: float = CUT_SHORT_AFTER_S) -> list[Path]:
    """Remove the hidden temporary files a publish killed part-way left for any file the
    desk writes there (`names`, a pattern matching them all: `.seats.png.1a2b3c4d.tmp`),
    once `older_than_s` old (a publish running now finishes in seconds); later publishes
    never wrote over them, so they stayed for good. Every name of the desk's, not only
    those published now: a graphic unticked since kept its temporaries. Returns those
    removed."""
    removed = []
    stale = time.time() - older_than_s
    own = re.compile(rf"\.(?:{names})\.[0-9a-f]{{8}}\.tmp")
    for temp in folder.glob(".*.tmp"):
        try:
            if own.fullmatch(temp.name) and temp.stat().st_mtime < stale:
                temp.unlink()
                removed.append(temp)
        except OSError:  # gone meanwhile, or not ours to remove
            continue
    if removed:
        log.info("watch folder: removed %d temporary files of publishes cut short",
                 len(removed))
    return removed
