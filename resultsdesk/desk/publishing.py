"""The watch folder graphics systems read: on every verification or correction, the chosen
graphics and a JSON feed are rewritten there atomically (temporary name, then rename), so a
reader polling the folder never sees half a file. Files the desk wrote there earlier that it
no longer publishes (a graphic or its data unticked) are removed (`watch_folder`), and so
are those of a folder it moved from, once the new one has its own. A
rehearsal's files are named `rehearsal-seats.png`, `rehearsal-feed.json`...: a graphics system
reading the live names never takes a rehearsal's figures for the night's."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..domain import tally
from ..domain.errors import Cause, FileProblem, KnownError
from ..domain.others import DEFAULT_NAMED
from ..domain.records import factory, record, replace
from ..domain.wording import sentence
from ..files import (
    LeftOut,
    drop_in_the_way,
    held_part,
    held_renames,
    made_read_only,
    os_error_message,
    same_file,
)
from ..io import folder_lock
from ..io.safe_csv import write_json
from ..store import Store
from ..store import repository as repo
from ..store.live import current_seq
from .declarations import history
from .graphic_kinds import KINDS
from .processes import this_host
from .summary import national_summary
from .watch_folder import (
    MANIFEST_NAME,
    REHEARSAL_MARK,
    Moment,
    fingerprint,
    kept_as_left,
    overtaken,
    owned,
    read_latest,
    read_manifest,
    read_owners,
    retire,
    split,
    still_published,
    sweep_temps,
    withdraw,
    write_manifest,
    write_pending,
)

if TYPE_CHECKING:
    from .live import NightState

__all__ = ["FEED_NAME", "MANIFEST_NAME", "REHEARSAL_MARK", "PublishError", "PublishSettings",
           "feed", "publish", "publish_news", "usable_settings"]

FEED_NAME = "feed.json"
LOCK_NAME = ".resultsdesk-publishing.lock"  # held while a publish is at the folder
DEFAULT_SIZE = "hd"
DEFAULT_THEME = "broadcast"
log = logging.getLogger(__name__)
T = TypeVar("T")


@record
class PublishSettings:
    folder: Path
    kinds: tuple[str, ...] = KINDS
    formats: tuple[str, ...] = ("png",)
    size: str = DEFAULT_SIZE
    theme: str = DEFAULT_THEME
    transparent: bool = False
    data: bool = False  # also each graphic's data, as KIND.json beside its picture
    parties: int = DEFAULT_NAMED  # parties named on every graphic; the rest: "Others"
    # What the recount watch, the card's badge, the map's rings and feed.json's watch call
    # close: the desk's Preferences, as its own Recount watch dock (they used the defaults
    # whatever the desk had set, so a seat the dock alerted on never reached the graphic)
    recount: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS
    extra: dict = factory(dict)
    # Who publishes (`watch_folder.owned`): a file this computer wrote is removed by its
    # own publishes alone, never because another desk PC publishes fewer into the folder
    computer: str = factory(this_host)


def usable_settings(settings: PublishSettings) -> tuple[PublishSettings, list[str]]:
    """The settings with what this version cannot draw put right, and a line for each: a
    graphic left out, the default theme or size for one it does not have (settings from
    another version, or edited by hand). Unchecked, such a publish failed every time and
    was retried every 15 s all night, publishing nothing at all."""
    from ..charts.export import parse_size
    from ..charts.theme import THEMES

    problems = []
    unknown = [k for k in settings.kinds if k not in KINDS]
    if unknown:
        problems.append(f"no graphic called {', '.join(map(repr, unknown))}: left out")
    theme, size = settings.theme, settings.size
    if theme not in THEMES:
        problems.append(f"no theme called {theme!r}: the {DEFAULT_THEME} theme used")
        theme = DEFAULT_THEME
    try:
        parse_size(size)
    except ValueError as exc:
        problems.append(f"{exc}: {DEFAULT_SIZE} used")
        size = DEFAULT_SIZE
    kinds = tuple(k for k in settings.kinds if k in KINDS)
    return replace(settings, kinds=kinds, theme=theme, size=size), problems


class PublishError(KnownError):
    """The folder could not be written (gone, full, not allowed): retried, never dropped."""

    cause = Cause.IO


def feed(store: Store, code: str | None, files: list[str] | None = None,
         thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS,
         sequence: int | None = None) -> dict:
    """`summary --json` plus the declaration just verified (its current version), and
    `files`: the graphics (and data) the desk has in the folder beside it now; the recount
    watch at `thresholds`. `sequence`: the election's change number it was read at (the
    store's now, if not given), which only grows, for a reader to tell a newer feed."""
    summary = national_summary(store, thresholds=thresholds)
    data = {"published_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "sequence": current_seq(store) if sequence is None else sequence,
            "rehearsal": summary.rehearsal,  # never mistaken for the live night's feed
            "summary": summary.to_json_dict(), "declaration": None,
            "files": sorted(files or [])}
    if code is not None:
        seat = history(store, code).to_json_dict()
        verified = [v for v in seat["versions"] if v["status"] == "verified"]
        data["declaration"] = {
            "code": seat["code"], "constituency": seat["constituency"],
            "candidates": seat["candidates"], "recount_under_way": seat["recount_under_way"],
            "version": verified[-1] if verified else None,
        }
    return data


def publish_news(store: Store, settings: PublishSettings, codes: Sequence[str | None],
                 leaving: Sequence[Path] = (), warned: list[str] | None = None) -> list[Path]:
    """One publish for every seat verified since the last (`codes`, None for a publish
    asked for with no seat: settings saved): the night as it stands, which has them all,
    and the card of the most recently verified of them. Seats verified together, or
    queued while the folder was out of reach, go out at once: one at a time, card.png
    stepped through them (each a publish of every graphic) and ended on whichever came
    last in the queue, in code order, not on the newest. Never an older seat than the
    folder's card already shows (`_not_older`: another desk's publish got there first).

    `leaving`: folders published to before (the watch folder moved), whose files of the
    desk's are then removed (`watch_folder.withdraw`), only once this publish is in
    place: until the new folder has its graphics, the old keeps its own.

    `warned`: given a line for each graphic with words no font here draws, gone out as
    boxes (logged too), for the window to show (`write_pages`)."""
    from .graphics import latest_verified_seat, night_state

    rehearsal = False

    def once(guarded: bool) -> list[Path]:
        nonlocal rehearsal
        with store.snapshot():  # one moment for the card's choice and all that is drawn
            night = night_state(store)
            rehearsal = night.rehearsal
            seats = [c for c in codes if c is not None]
            code = (latest_verified_seat(night, store, among=set(seats)) or seats[-1]) \
                if seats else None  # one no longer verified (withdrawn since): the last
            lines: list[str] = []  # this attempt's: one overtaken puts nothing out
            written = _publish(store, settings, code, night, settings.folder, lines,
                               guarded=guarded)
        if warned is not None:
            warned.extend(lines)
        return written

    with _turn(settings.folder):  # the folder's turn first
        written = _not_going_back(once, settings.folder)
    for old in leaving:
        if same_file(old, settings.folder):  # moved back before it was left
            continue
        try:
            withdraw(old, rehearsal=rehearsal, computer=settings.computer)
        except (FileProblem, OSError) as exc:  # the old folder, not this publish
            log.warning("watch folder: could not take the desk's files out of %s, no longer "
                        "published to (%s)", old, exc)
    return written


def publish(store: Store, settings: PublishSettings, code: str | None, *,
            night: NightState | None = None) -> list[Path]:
    """Write the feed and every chosen graphic for the seat just verified (or corrected).
    `night`: the store's night, if just read."""
    # One read snapshot for the whole publish: the night, the card's own reads and the
    # feed's summary and declaration all see the same moment. Read bit by bit, a seat
    # verified while the graphics were drawing reached feed.json ("2 declared") beside a
    # seats.png that says 1 of 650.
    def once(guarded: bool) -> list[Path]:
        with store.snapshot():  # (the night given is read again after an overtaken try)
            return _publish(store, settings, code, night if guarded else None,
                            settings.folder, guarded=guarded)

    with _turn(settings.folder):
        return _not_going_back(once, settings.folder)


class _Overtaken(Exception):  # not an error: a newer publish got there first
    """The folder shows a newer reading of the night than the publish drawing for it."""

    def __init__(self, shown: int, read: int) -> None:
        super().__init__(shown, read)
        self.shown, self.read = shown, read


def _not_going_back(once: Callable[[bool], list[Path]], folder: Path) -> list[Path]:
    """`once(True)`, the publish; if another desk's publish of a newer reading of
    the night got to the folder meanwhile (`watch_folder.overtaken`: two PCs on a share
    offering no locks), nothing of it goes into place, and it is done again from a new
    reading (which has the other's), unguarded: a database that still reads older than
    the folder (a copy put back by hand, a standby promoted without the last commits) is
    the night now, and is published as such rather than never again."""
    try:
        return once(True)
    except _Overtaken as exc:
        log.info("watch folder: %s shows the night at change %d, this publish read it at "
                 "%d; published again from a new reading", folder, exc.shown, exc.read)
    return once(False)


@contextmanager
def _turn(folder: Path) -> Iterator[None]:
    """The folder to this publish alone, from reading the list of the desk's files there to
    writing it again: another desk's publish into it (a rehearsal's window beside the live
    night's, a second window) waits its turn (`folder_lock.exclusive` on a hidden file).
    Side by side, each rewrote the list from what it had read before the other wrote, so
    the other's files dropped off it (or kept their old sizes and times) and were never
    removed once unticked: an old graphic left on air."""
    if not folder.is_dir():
        if folder.exists() or folder.is_symlink():  # it was called missing too
            raise PublishError(f"The publishing folder {folder} is a file, not a folder: "
                               "choose a folder.", cause=Cause.WRONG_KIND)
        raise PublishError(f"The publishing folder {folder} does not exist.",
                           cause=Cause.MISSING)
    with ExitStack() as stack:
        try:
            locked = stack.enter_context(folder_lock.exclusive(
                folder / LOCK_NAME, waiting=lambda: _waiting(folder)))
        except OSError as exc:  # a read-only disk, the folder gone meanwhile
            problem = os_error_message(folder / LOCK_NAME, exc)
            raise PublishError(sentence(f"Could not write to {folder}: {problem}"),
                               cause=problem.cause) from None
        if not locked:
            log.warning("watch folder: %s offers no file locks; publishing without", folder)
        yield


def _waiting(folder: Path) -> None:
    log.info("watch folder: waiting for another publish into %s to finish", folder)


def _publish(store: Store, settings: PublishSettings, code: str | None,
             night: NightState | None, folder: Path,
             warned: list[str] | None = None, *, guarded: bool = True) -> list[Path]:
    from .graphics import DATA, night_state

    written: list[Path] = []
    if night is None:  # read once for every graphic: they show the same moment
        night = night_state(store)
    mark = REHEARSAL_MARK if night.rehearsal else ""
    previous = read_manifest(folder)
    code = _not_older(store, night, code, read_latest(
        folder, rehearsal=night.rehearsal, election=night.election))
    mine, others = split(previous, rehearsal=bool(mark))
    owners = read_owners(folder)
    # another desk PC's, not this publish's to retire: only its own publishes take it out
    keep = still_published(mine, owners, settings.computer) - {f"{mark}{FEED_NAME}"}
    moment = _moment(store, night)
    formats = tuple(dict.fromkeys((*settings.formats, DATA) if settings.data
                                  else settings.formats))
    card = _card_seat(store, settings, code, night)
    # With no seat verified yet there is no card: one the desk left there is another
    # night's (a test night's, last year's file) and goes, as `export all`'s does. Kept,
    # feed.json named York Outer's card, "650 of 650 declared", beside "0 declared".
    out = folder / f"{mark}{FEED_NAME}"
    done = False
    try:
        # Every graphic drawn before any goes into place: a failure (a disk full) half
        # way leaves the folder as the last publish left it, never a mix of two seats.
        # The feed goes in with them, the last of the set, built before any (its list:
        # this publish's files and the kept ones): built after, the old feed.json stood
        # beside the new graphics for its 40-50 ms ("2 declared" beside "3 of 650").
        with held_renames(written, left_out=_left_out, before=partial(
                write_pending, folder, previous, owners, settings.computer)):
            drawn = _write_graphics(store, settings, card, formats, night, mark, warned)
            # a folder made in the way while they drew (a graphics system's seats.png/):
            # that graphic out, as the next publish would leave it, and not in the feed
            for gone in drop_in_the_way():
                _left_out(gone)
                drawn = [p for p in drawn if p not in gone.paths]
            kept = kept_as_left(folder, mine, keep)
            _unless_in_the_way(out, partial(_write_feed, out, store, code,
                                            {p.name for p in drawn} | set(kept),
                                            settings.recount, night.seq))
            _unless_overtaken(folder, night.rehearsal, moment, guarded)  # the last look
        # what went into place (one met by a folder at its very rename did not)
        names = {p.name for p in written} - {out.name}
        # and only then the old pages go: the old feed never named a file already gone
        ours = retire(folder, mine, names | {out.name}, keep) | {
            n: fingerprint(folder / n) for n in names}
        if out in written:  # the feed is the desk's too: taken out of a folder it moves from
            ours[out.name] = fingerprint(out)
        sweep_temps(folder, _desk_names())
        files = others | {n: fp for n, fp in ours.items() if fp}
        write_manifest(folder, files,
                       owners=owned(files, owners, settings.computer, names | {out.name}),
                       latest=(night.rehearsal, night.election, code) if code else None,
                       moment=(night.rehearsal, moment))
        done = True
    except FileProblem as exc:  # gone meanwhile, full, not allowed
        raise PublishError(sentence(f"Could not write to {folder}: {exc}"),
                           cause=exc.cause) from None
    except OSError as exc:
        raise PublishError(sentence(f"Could not write to {folder}: {exc.strerror or exc}")
                           ) from None
    finally:
        if not done and written:
            _remember(folder, previous, written, settings.computer)
    log.info("published %d files to %s%s", len(written), folder,
             f" for {code}" if code else "")
    return written


def _moment(store: Store, night: NightState) -> Moment:
    """The election (when it was made: kept by a rename, another for another election) and
    the change number `night` was read at."""
    return repo.election_created(store) or night.election, night.seq


def _unless_overtaken(folder: Path, rehearsal: bool, moment: Moment, guarded: bool) -> None:
    """Raises `_Overtaken` if the folder shows a newer reading than `moment`'s (and the
    publish is `guarded`): raised in `held_renames`, nothing of this publish goes into
    place over the newer one's."""
    if not guarded:
        return
    shown = overtaken(folder, rehearsal=rehearsal, moment=moment)
    if shown is not None:
        raise _Overtaken(shown, moment[1])


def _not_older(store: Store, night: NightState, code: str | None,
               published: str | None) -> str | None:
    """The seat this publish puts on the card and in feed.json's declaration: `code`, or
    the seat the folder's card already shows (`published`, by an earlier publish from any
    window or PC) if that one was verified more recently. Two desks take turns on the
    folder, and the later one, asked for a seat the earlier had already overtaken (its
    news read before the newer seat was verified), put the older card back over the
    newer one: the watch folder went backwards. Compared in this publish's own reading
    of the night, which (taken after the earlier publish's turn) has both."""
    if code is None or published is None or published == code:
        return code
    from .graphics import latest_verified_seat

    return latest_verified_seat(night, store, among={code, published}) or code


def _card_seat(store: Store, settings: PublishSettings, code: str | None,
               night: NightState) -> str | None:
    """Whose card a publish draws: the seat just verified; with none (the night as it
    stands: settings just saved, a new folder), the seat verified last, drawn as the
    settings now say (as `export all` does), where the card drawn before stayed in the
    old theme and size, and a new folder had none; None before any seat is verified."""
    if code is not None or "card" not in settings.kinds:
        return code
    from .graphics import latest_verified_seat

    return latest_verified_seat(night, store)


def _write_graphics(store: Store, settings: PublishSettings, card: str | None,
                    formats: tuple[str, ...], night, mark: str,
                    warned: list[str] | None) -> list[Path]:
    """Each chosen graphic in each format (the card of the seat `card`: none without);
    the files it wrote (into place once the set's renames are, `held_renames`). Words
    drawn as boxes: logged, and added to `warned`."""
    from .graphics import GraphicsRefusal, PagesRefusal, export_pages

    folder = settings.folder
    paths: list[Path] = []
    boxes: list[str] = []  # this publish's own list: it may run on a worker thread
    for kind in settings.kinds:
        if kind == "card" and card is None:
            continue
        try:
            for fmt in formats:
                out = folder / f"{mark}{kind}.{fmt}"
                paths += _unless_in_the_way(out, partial(
                    export_pages, store, kind, out, size=settings.size,
                    theme=settings.theme, transparent=settings.transparent,
                    constituency=card if kind == "card" else None,
                    parties=settings.parties, night=night, thresholds=settings.recount,
                    # a shorter recount watch's later pages: removed by `retire`, if the
                    # desk's list says it wrote them, never another's recounts-4.png
                    clear_later=False, warned=boxes)) or []
        except PagesRefusal as exc:  # too long a list for its pages at this size
            log.warning("watch folder: left out %s", exc)  # the rest still goes out
        except GraphicsRefusal as exc:
            if kind != "map":
                raise
            # codes on no bundled layout: no map, and the rest still goes out
            log.warning("watch folder: no map (%s)", exc)
    for line in boxes:
        log.warning("watch folder: %s", line)
    if warned is not None:
        warned += boxes
    return paths


def _write_feed(out: Path, store: Store, code: str | None, files: set[str],
                thresholds: tally.RecountThresholds, sequence: int) -> Path:
    write_json(out, feed(store, code, sorted(files), thresholds, sequence))
    return out


def _unless_in_the_way(out: Path, write: Callable[[], T]) -> T | None:
    """`write()`'s result; None, with a line saying so, where something not a file stands
    at one of its names (a graphics system's own `seats.png/` folder, left alone), or a
    file made read-only (`files.made_read_only`, left as it is): that output left out,
    its files dropped from the set, and the rest still goes out. Else every publish
    failed, all night, on one stray folder."""
    if out.is_dir():
        problem = f"{out} is a folder"
    else:
        try:
            with held_part():
                return write()
        except FileProblem as exc:  # a later page's name, not a regular file, read-only
            if exc.cause is not Cause.WRONG_KIND and not made_read_only(exc.path):
                raise
            problem = str(exc).split(";")[0]  # not "give a file name inside it": not ours
    _left_out(LeftOut(out, problem, [out]))
    return None


def _left_out(gone: LeftOut) -> None:
    log.warning("watch folder: left out %s: %s, left alone", gone.out.name, gone.problem)


def _desk_names() -> str:
    """A pattern of every name the desk writes in a watch folder, live or rehearsal: each
    graphic in each format, its later pages (`recounts-2.png`) and data, the feed and the
    list of its files; whether ticked now or not (`sweep_temps`). Never a graphics
    system's own names."""
    from ..charts.export import MAX_PAGES
    from .graphics import DATA, FORMATS

    kinds = "|".join(map(re.escape, KINDS))
    exts = "|".join(map(re.escape, (*FORMATS, DATA)))
    pages = "|".join(str(n) for n in range(2, MAX_PAGES + 1))
    return (rf"(?:{re.escape(REHEARSAL_MARK)})?(?:(?:{kinds})(?:-(?:{pages}))?\.(?:{exts})"
            rf"|{re.escape(FEED_NAME)})|{re.escape(MANIFEST_NAME)}")


def _remember(folder: Path, previous: dict, written: list[Path], computer: str) -> None:
    """After a publish cut short: what it wrote is the desk's too (removed once unticked),
    as far as the folder still lets the list be written."""
    try:
        owners = read_owners(folder)
        files = previous | {p.name: fp for p in written if (fp := fingerprint(p))}
        now = {p.name for p in written}
        write_manifest(folder, files, owners=owners | owned(now, owners, computer, now))
    except (FileProblem, OSError) as exc:
        log.warning("watch folder: could not update the list of the desk's files (%s)", exc)
