"""The watch folder graphics systems read: on every verification or correction, the chosen
graphics and a JSON feed are rewritten there atomically (temporary name, then rename), so a
reader polling the folder never sees half a file."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from ..domain.errors import Cause, FileProblem, KnownError
from ..domain.others import DEFAULT_NAMED
from ..domain.records import factory, record
from ..io.safe_csv import write_json
from ..store import Store
from .declarations import history
from .graphic_kinds import KINDS
from .summary import national_summary

FEED_NAME = "feed.json"
log = logging.getLogger(__name__)


@record
class PublishSettings:
    folder: Path
    kinds: tuple[str, ...] = KINDS
    formats: tuple[str, ...] = ("png",)
    size: str = "hd"
    theme: str = "broadcast"
    transparent: bool = False
    data: bool = False  # also each graphic's data, as KIND.json beside its picture
    parties: int = DEFAULT_NAMED  # parties named on every graphic; the rest: "Others"
    extra: dict = factory(dict)


class PublishError(KnownError):
    """The folder could not be written (gone, full, not allowed): retried, never dropped."""

    cause = Cause.IO


def feed(store: Store, code: str | None) -> dict:
    """`summary --json` plus the declaration just verified (its current version)."""
    summary = national_summary(store)
    data = {"published_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "rehearsal": summary.rehearsal,  # never mistaken for the live night's feed
            "summary": summary.to_json_dict(), "declaration": None}
    if code is not None:
        seat = history(store, code).to_json_dict()
        verified = [v for v in seat["versions"] if v["status"] == "verified"]
        data["declaration"] = {
            "code": seat["code"], "constituency": seat["constituency"],
            "candidates": seat["candidates"], "recount_under_way": seat["recount_under_way"],
            "version": verified[-1] if verified else None,
        }
    return data


def publish(store: Store, settings: PublishSettings, code: str | None) -> list[Path]:
    """Write the feed and every chosen graphic for the seat just verified (or corrected)."""
    from .graphics import DATA, GraphicsRefusal, export_pages, night_state

    folder = settings.folder
    if not folder.is_dir():
        raise PublishError(f"The publishing folder {folder} does not exist.",
                           cause=Cause.MISSING)
    written: list[Path] = []
    night = night_state(store)  # read once for every graphic: they show the same moment
    try:
        formats = (*settings.formats, DATA) if settings.data else settings.formats
        for kind in settings.kinds:
            if kind == "card" and code is None:
                continue
            try:
                for fmt in dict.fromkeys(formats):
                    written += export_pages(
                        store, kind, folder / f"{kind}.{fmt}", size=settings.size,
                        theme=settings.theme, transparent=settings.transparent,
                        constituency=code if kind == "card" else None,
                        parties=settings.parties, night=night)
            except GraphicsRefusal as exc:
                if kind != "map":
                    raise
                # codes on no bundled layout: no map, and the rest still goes out
                log.warning("watch folder: no map (%s)", exc)
        out = folder / FEED_NAME
        write_json(out, feed(store, code))  # last: a feed always describes files in place
        written.append(out)
    except FileProblem as exc:  # gone meanwhile, full, not allowed
        raise PublishError(f"Could not write to {folder}: {exc}.", cause=exc.cause) from None
    except OSError as exc:
        raise PublishError(f"Could not write to {folder}: {exc.strerror or exc}.") from None
    log.info("published %d files to %s%s", len(written), folder,
             f" for {code}" if code else "")
    return written
