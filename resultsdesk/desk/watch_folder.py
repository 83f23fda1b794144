"""Which files in the watch folder are the desk's: a hidden list of what it wrote there (name,
size, modification time), so that when a graphic or a format is unticked, or the desk moves
to another folder, its old files are removed instead of staying on for a graphics system to
put on air, while a file the desk did not write, or one someone has changed since (or made
read-only), is never touched.

The list lives in the folder itself (`.resultsdesk-published.json`), so it goes with the
folder from one desk PC to another; a damaged or missing list only means nothing is
removed. It also names the seat on the card the desk last put there (`latest`), so that a
later publish, from another window or PC, never puts an older seat's card back over it, and
the change number of the night the folder shows (`sequence`), so that a publish of an older
reading, finishing late, never replaces it (`overtaken`).

Each file's entry names the computers publishing it (`owners`): two desk PCs publishing
into one folder with different graphics or formats ticked each keep the other's files. A
file goes when no computer that wrote it publishes it any more (each unticks it, or moves
to another folder), never because another PC publishes fewer; an entry with no owners (a
list from before they were kept) is any publish's to retire, as before."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterable
from pathlib import Path

from ..files import made_read_only
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
        files = {name: (int(fp[0]), int(fp[1])) for name, fp in data["files"].items()
                 if _plain_name(name)}
        # A publish killed among its renames (`write_pending`): a file that is as it was
        # about to be put in place is the desk's, under its new fingerprint; one as before,
        # under the old. Else a card it had renamed in looked "changed since the desk wrote
        # it" and stayed on air once unticked.
        for name, fp in data.get("pending", {}).items():
            if _plain_name(name) and fingerprint(folder / name) == (int(fp[0]), int(fp[1])):
                files[name] = (int(fp[0]), int(fp[1]))
        return files
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        log.warning("watch folder: the list of files the desk wrote in %s is unreadable "
                    "(%s); nothing earlier is removed", folder, exc)
        return {}


Owners = dict[str, frozenset[str]]  # file name -> the computers publishing it


def read_owners(folder: Path) -> Owners:
    """Who publishes each file the list names (`PublishSettings.computer`); a file with
    none recorded is in no entry (any publish retires it)."""
    try:
        data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        owners = data.get("owners", {})
        return {name: frozenset(map(str, who)) for name, who in owners.items()
                if _plain_name(name) and isinstance(who, list) and who}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def still_published(files: Iterable[str], owners: Owners, computer: str) -> set[str]:
    """The files of `files` another computer than `computer` still publishes: kept there
    whatever `computer` now publishes."""
    return {name for name in files if owners.get(name, frozenset()) - {computer}}


def owned(files: Iterable[str], owners: Owners, computer: str,
          written: set[str]) -> Owners:
    """`owners` of `files` once `computer` has published `written`: it is among the owners
    of those, and of no other file."""
    return {name: who for name in files
            if (who := owners.get(name, frozenset()) - {computer}
                | ({computer} if name in written else set()))}


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
        if current != recorded or made_read_only(path):  # chmod 444 leaves the time
            log.warning("watch folder: left %s, no longer published, in place: it has "
                        "%s since the desk wrote it", path, "changed" if current != recorded
                        else "been made read-only")
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


def withdraw(folder: Path, *, rehearsal: bool, computer: str) -> None:
    """The folder is published to no more by `computer` (its watch folder moved): remove
    every file of the live night's (or a rehearsal's) the list says the desk wrote there,
    if still as it left it, but those another computer still publishes; the list keeps
    the other's, and what could not be removed. Else a graphics system still reading the
    folder would show figures the desk no longer updates."""
    if not folder.is_dir():  # gone: nothing of it left on air
        return
    mine, others = split(read_manifest(folder), rehearsal=rehearsal)
    if mine:
        owners = read_owners(folder)
        shared = still_published(mine, owners, computer)
        files = others | retire(folder, mine, set(), shared)
        write_manifest(folder, files, owners=owned(files, owners, computer, set()),
                       forget=None if shared else rehearsal)


def _kind(rehearsal: bool) -> str:
    return "rehearsal" if rehearsal else "live"


def _entries(folder: Path, key: str, fields: tuple[str, ...]) -> dict[str, dict]:
    """The list's `latest` or `sequence`, as far as it is readable: {} otherwise (nothing
    compared)."""
    try:
        data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        entries = data.get(key, {})
        return {k: {f: v[f] if isinstance(v[f], int) else str(v[f]) for f in fields}
                for k, v in entries.items() if k in ("live", "rehearsal")}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _latest_entries(folder: Path) -> dict[str, dict[str, str]]:
    return _entries(folder, "latest", ("election", "code"))


Moment = tuple[str, int]  # (the election's identity, its change number): `overtaken`


def overtaken(folder: Path, *, rehearsal: bool, moment: Moment) -> int | None:
    """The change number of the night the folder shows, if newer than `moment`'s (the
    same election's: another's numbers say nothing of this one's), else None. A publish
    of an older reading than the folder's, from another PC (on a share offering no locks,
    the two overlap), put its older figures over newer ones: the folder went backwards."""
    entry = _entries(folder, "sequence", ("election", "change")).get(_kind(rehearsal))
    if entry is None or entry["election"] != moment[0] or \
            not isinstance(entry["change"], int):
        return None
    return entry["change"] if entry["change"] > moment[1] else None


def shown_night(folder: Path, *, rehearsal: bool) -> tuple[Moment | None, bool]:
    """In one read of the list: the election and change number of the night the folder
    shows, live or rehearsal (None: no publish of that kind recorded, or no list it can
    read), and whether a publish of that kind was cut short among its renames (its
    `pending` entry still there). For `catch_up`, when a night is opened."""
    try:
        data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        entry = data.get("sequence", {}).get(_kind(rehearsal))
        moment = ((str(entry["election"]), entry["change"])
                  if isinstance(entry, dict) and type(entry.get("change")) is int
                  and "election" in entry else None)
        pending = any(_plain_name(name) and name.startswith(REHEARSAL_MARK) == rehearsal
                      for name in data.get("pending", {}))
    except (OSError, ValueError, TypeError, AttributeError):
        return None, False
    return moment, pending


def read_latest(folder: Path, *, rehearsal: bool, election: str) -> str | None:
    """The seat whose card (and feed.json's declaration) the desk last put in `folder` for
    this election, live or rehearsal: None when there is none, or it was another
    election's (its codes say nothing of this night's order)."""
    entry = _latest_entries(folder).get(_kind(rehearsal))
    return entry["code"] if entry and entry["election"] == election else None


def write_manifest(folder: Path, files: dict[str, Fingerprint], *,
                   owners: Owners | None = None,
                   latest: tuple[bool, str, str] | None = None,
                   moment: tuple[bool, Moment] | None = None,
                   forget: bool | None = None,
                   pending: dict[str, Fingerprint] | None = None) -> None:
    """Write the list (atomically, like every file in the folder). `owners`: who publishes
    each file (None: as the list had them). `latest`: (rehearsal, election, code) of the
    seat just published on the card; `moment`: (rehearsal, `Moment`) of the night just
    published; the other kind's, and this one's with none given, stay as the list had
    them. `forget` (rehearsal or not): that kind's seat and moment are dropped (its files
    taken out of the folder). `pending`: files about to be renamed in (`write_pending`)."""
    entries = _latest_entries(folder)
    moments = _entries(folder, "sequence", ("election", "change"))
    if owners is None:
        owners = read_owners(folder)
    if latest is not None:
        rehearsal, election, code = latest
        entries[_kind(rehearsal)] = {"election": election, "code": code}
    if moment is not None:
        rehearsal, (election, change) = moment
        moments[_kind(rehearsal)] = {"election": election, "change": change}
    if forget is not None:
        entries.pop(_kind(forget), None)
        moments.pop(_kind(forget), None)
    data: dict = {"about": "files ResultsDesk wrote here; it removes them when no longer "
                           "published, unless changed since",
                  "files": dict(sorted(files.items()))}
    who = {name: sorted(owners[name]) for name in sorted({*files, *(pending or {})})
           if owners.get(name)}
    if pending:
        data["pending"] = dict(sorted(pending.items()))
    if who:
        data["owners"] = who
    if entries:
        data["latest"] = dict(sorted(entries.items()))
    if moments:
        data["sequence"] = dict(sorted(moments.items()))
    write_json(folder / MANIFEST_NAME, data)


def write_pending(folder: Path, files: dict[str, Fingerprint], owners: Owners,
                  computer: str, placing: list[tuple[Path, Path]]) -> None:
    """Before a publish renames its files into `folder` (`held_renames`' `before`): the
    list as it was (`files`, `owners`), with what each is about to become (a rename keeps
    the temporary file's size and time) as `pending`, `computer` among its owners. A
    publish killed among its renames, or before it writes the list again after them (a
    power cut, SIGKILL), thus leaves the files it put in place still the desk's."""
    pending = {path.name: fp for tmp, path in placing
               if path.parent == folder and (fp := fingerprint(tmp)) is not None}
    if not pending:
        return
    who = {**owners, **{name: owners.get(name, frozenset()) | {computer}
                        for name in pending}}
    write_manifest(folder, files, owners=who, pending=pending)


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
