"""`export all`: every graphic in every format, and its data, into one folder, as a
graphics system or a presenter's folder takes them."""

from __future__ import annotations

import logging
import warnings
from contextlib import suppress
from pathlib import Path

from ..charts import Theme
from ..charts.export import FORMATS, made_here
from ..domain import tally
from ..domain.errors import FileProblem
from ..domain.others import DEFAULT_NAMED
from ..files import broken_link, held_renames, os_error_message
from ..store import Store
from .graphic_kinds import KINDS
from .graphics import (
    DATA,
    GraphicsRefusal,
    chart_for,
    latest_verified_seat,
    night_state,
    size_in_pixels,
    theme_named,
    write_pages,
)
from .live import NightState
from .watch_folder import REHEARSAL_MARK

log = logging.getLogger(__name__)


class LeftOut(UserWarning):
    """A graphic `export_all` could not make (no map layout fits the election's codes):
    the command line prints it, so the folder's missing map.png is explained."""

# Other files' names a folder is not given (`--out results.csv`, `--out card.jpg`).
FILE_SUFFIXES = ("csv", "jpg", "jpeg", "gif", "webp", "tif", "tiff", "txt")


def export_all(store: Store, out_dir: str | Path, *, size: str | tuple = "hd",
               theme: str | Theme = "light", transparent: bool = False,
               parties: int = DEFAULT_NAMED,
               thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS) -> list[Path]:
    """Every kind in every format, and its data, into `out_dir` (made if missing, in a
    folder that exists): `seats.png`, `hemicycle.svg`, ..., `seats.json` (a long recount
    watch continues on `recounts-2.png`, ...).

    A rehearsal's are `rehearsal-seats.png`, ..., as its watch folder and export dialog
    name them: a graphics system reading the live names (`seats.png`) from the folder
    never puts a rehearsal's figures on air.

    The card (`card.png`, ...) is the most recently verified seat's
    (`latest_verified_seat`); with nothing verified yet there is no card. An election whose
    codes fit no bundled map layout gets no map (logged). Returns the paths written, kind
    by kind.
    """
    folder = Path(out_dir)
    if folder.exists() and not folder.is_dir():
        raise GraphicsRefusal(f"{folder} is a file; export all writes into a folder")
    if not folder.exists() and folder.suffix.lower().lstrip(".") in (*FORMATS, DATA,
                                                                      *FILE_SUFFIXES):
        # a file's name (`--out seats.png` meant for one graphic): not made into a folder
        raise GraphicsRefusal(f"{folder} names a file; export all writes every graphic "
                              "into a folder: name one (or export one KIND to a file)")
    pixels = size_in_pixels(size)
    th = theme_named(theme)
    # One moment of the night for every file (as a publish): the card reads its seat
    # again, and read bit by bit took "after 1 recount" from a recount verified while
    # the graphics before it were drawn, beside the first count's figures.
    with store.snapshot():
        return _export_all(store, folder, night_state(store), pixels, th, transparent,
                           parties, thresholds)


def _export_all(store: Store, folder: Path, night: NightState, pixels: tuple[int, int],
                th: Theme, transparent: bool, parties: int,
                thresholds: tally.RecountThresholds) -> list[Path]:
    made = True  # by this export: taken away again if it fails before writing anything
    try:
        # The folder named is made; a missing one above it is refused, as every other
        # output refuses a missing folder: a typo in the path is said, not built.
        folder.mkdir()
    except OSError as exc:
        if not (isinstance(exc, FileExistsError) and folder.is_dir()):
            raise broken_link(folder) or os_error_message(folder, exc) from None
        made = False  # there before: never removed
    try:
        return _export_into(store, folder, night, pixels, th, transparent, parties,
                            thresholds)
    except BaseException:
        if made:  # refused part way (too many pages, a full disk): not left behind empty
            _remove_if_empty(folder)
        raise


def _remove_if_empty(folder: Path) -> None:
    """Take away the folder this export made, if nothing is in it (rmdir refuses else):
    never one that was there before, nor anything someone put in it meanwhile."""
    with suppress(OSError):
        folder.rmdir()


def _export_into(store: Store, folder: Path, night: NightState, pixels: tuple[int, int],
                 th: Theme, transparent: bool, parties: int,
                 thresholds: tally.RecountThresholds) -> list[Path]:
    written: list[Path] = []
    mark = REHEARSAL_MARK if night.rehearsal else ""
    # Every file drawn before any goes into place: a failure half way (a disk full) leaves
    # the folder as the last export left it, never this night's seats.png beside the last
    # one's card.json, as a publish does.
    absent = []
    try:
        with held_renames(written):
            for kind in KINDS:
                if not _export_kind(kind, night, store, folder / f"{mark}{kind}", pixels,
                                    th, transparent, parties, thresholds):
                    absent.append(kind)
    except FileProblem as exc:
        if exc.path.parent != folder or not exc.path.is_dir():
            raise
        # A folder under one of its names (a graphics system's own `seats.png/`): the
        # one-file refusal ("give a file name inside it") answered nothing asked here.
        raise FileProblem(exc.path, f"{exc.path} is a folder where export all writes "
                          f"{exc.path.name}: move it away or export into another folder",
                          cause=exc.cause) from None
    for kind in absent:
        _remove_ours(folder / f"{mark}{kind}")
    log.info("exported %d graphics to %s", len(written), folder)
    return written


def _remove_ours(stem: Path) -> None:
    """An earlier export's files of a kind this one has none of (no card before a seat is
    verified: the last night's card stayed beside this night's "0 of 650"), ours only (a
    graphic names its maker; a data file its source): a graphics system never shows a card
    of another night or time. Never a file of someone else's named like one."""
    for suffix in (*FORMATS, DATA):
        path = stem.with_name(f"{stem.name}.{suffix}")
        try:
            if path.is_file() and made_here(path):
                path.unlink()
        except OSError as exc:  # the rest is written: said, not raised
            log.warning("export all: could not remove %s (%s)", path, exc)


def _export_kind(kind: str, night: NightState, store: Store, stem: Path,
                 pixels: tuple[int, int], th: Theme, transparent: bool, parties: int,
                 thresholds: tally.RecountThresholds) -> bool:
    """One kind of `export_all`: every format and its data, named `stem`.png, ...; the
    card of the most recently verified seat (none before one is); no map where no layout
    fits (logged)."""
    from .graphic_data import write_graphic_json

    constituency = None
    if kind == "card":
        constituency = latest_verified_seat(night, store)
        if constituency is None:
            return False
    try:
        chart = chart_for(kind, night, store, constituency=constituency, theme=th,
                          parties=parties, thresholds=thresholds)
    except GraphicsRefusal as exc:
        if kind != "map":
            raise
        # every other graphic still goes; said (the command line prints it), not only
        # logged: a by-election's graphics team looked in vain for map.png
        log.warning("export all: %s", exc)
        warnings.warn(str(exc), LeftOut, stacklevel=2)
        return False
    for fmt in FORMATS:
        write_pages(kind, chart, stem.with_name(f"{stem.name}.{fmt}"), pixels,
               transparent=transparent)
    write_graphic_json(stem.with_name(f"{stem.name}.{DATA}"), kind, night, store,
                       constituency=constituency, size=pixels, theme=th.name, parties=parties,
                       thresholds=thresholds)
    return True
