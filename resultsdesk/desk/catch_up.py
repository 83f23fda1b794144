"""Catching the watch folder up when a night is opened (the app's start, File > Open).

The folder is published to on news alone (a verification, a settings save, Preferences).
An app killed, or a power cut, during the publish after a verification (or just before
it) left the folder without that seat when the window opened again, until the next
verification: after the night's last, for good, the graphics system showing a stale
night; one killed among its renames left a new `card.png` beside the old `card.json`.
The folder's hidden list says which election's night it shows, at which change number,
and names what a publish cut short was putting in place (`pending`): behind this
election's night, or cut short, the night goes out as it stands, as a settings save
publishes it.

Only into a folder whose list names this election, of this kind (live or rehearsal): a
past night opened to look at, or a rehearsal beside a live folder, never goes on air."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from ..store import Store
from ..store import repository as repo
from ..store.live import current_seq
from ..store.rehearsal import is_rehearsal
from .publishing import PublishSettings, publish_news
from .watch_folder import shown_night

__all__ = ["catch_up", "may_be_behind"]
log = logging.getLogger(__name__)


def may_be_behind(folder: Path, *, rehearsal: bool, seq: int) -> bool:
    """From the folder's list alone (one small file read, no database: off the GUI thread,
    at every start): whether the folder may be behind the night the window has read at
    change `seq`, or holds a publish of this kind, of that reading, cut short. A folder
    whose list shows this kind at `seq` with nothing pending is up to date, and one at a
    later change number newer than this reading (a backup opened: `catch_up`), or another
    election's: either costs nothing more; otherwise `catch_up` looks at the election."""
    shown, pending = shown_night(folder, rehearsal=rehearsal)
    return shown is not None and (shown[1] < seq or (pending and shown[1] == seq))


def catch_up(store: Store, settings: PublishSettings, *,
             leaving: Sequence[Path] = (), warned: list[str] | None = None
             ) -> list[Path] | None:
    """The night as it stands published into `settings.folder` (`publish_news` with no
    seat: the card of the seat verified last) if the folder's list names this election,
    live or rehearsal as it is, and shows it at an older change number, or a publish of it
    cut short; the files written, or None when the folder is left as it is."""
    rehearsal = is_rehearsal(store)
    shown, pending = shown_night(settings.folder, rehearsal=rehearsal)
    # the identity `publishing._moment` records: when the election was made, else its name
    election = repo.election_created(store) or repo.election_name(store)
    if shown is None or shown[0] != str(election):
        return None  # another election's folder (a past night opened), or never this kind's
    now = current_seq(store)
    if shown[1] > now or (shown[1] == now and not pending):
        # Up to date; or the folder shows a newer reading than this database has (an older
        # copy: a backup opened to look at), pending or not (another PC's publish under
        # way): `publish_news`, overtaken, would publish again unguarded, the copy's older
        # night over the live one on air.
        return None
    log.info("watch folder: %s shows the night at change %d, the election is at %d%s; "
             "publishing the night as it stands", settings.folder, shown[1], now,
             " (a publish cut short among its renames)" if pending else "")
    return publish_news(store, settings, [None], leaving=leaving, warned=warned)
