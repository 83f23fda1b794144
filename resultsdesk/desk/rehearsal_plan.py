"""Building a rehearsal's plan: the nominations go in as an import's do, and every seat with
a declaration time is kept, in order, with its figures checked by the desk's own rules; its
mode and the night's times as typed ("04:30"), read as the replay's rules read them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from ..domain.declaration_time import uk_clock, uk_date_clock, uk_iso
from ..domain.replay import ReplayMode, check_speed, next_day_form, night_time
from ..store import Store
from ..store import repository as repo
from .backends import ImportPlan, writes_for
from .imports import (
    IMPORT_USER,
    ImportReport,
    _checked_figures,
    _electorates,
    _known_names,
    _nominate,
)
from .rehearsal_target import RehearsalRefusal

# the feed: who delivers, and who moves an open desk's clock when nobody is named
REHEARSAL_USER = "rehearsal"
BUNDLED_NIGHT = "UK general election 2019"
BUNDLED_BASELINE = "UK general election 2017"


def wall_iso(now: datetime) -> str:
    # microseconds: at speed 3600 a second of wall time is an hour of the night
    return now.astimezone(UTC).isoformat(timespec="microseconds")


def checked_speed(speed: float) -> float:
    try:
        return check_speed(speed)
    except ValueError as exc:
        raise RehearsalRefusal(str(exc)) from None


def replay_mode(mode: str | ReplayMode) -> ReplayMode:
    try:
        return ReplayMode(mode)
    except ValueError:
        raise RehearsalRefusal(f"no rehearsal mode '{mode}' (choose "
                               f"{' or '.join(m.value for m in ReplayMode)})") from None


def night_moment(text: str | datetime, night: tuple[datetime, datetime], what: str) -> datetime:
    """`text` as a time of the `night` (its first and last declaration), or refused."""
    try:
        return night_time(text, *night)
    except ValueError as exc:
        raise RehearsalRefusal(f"{what}: {exc}") from None


def start_moment(text: str | datetime, night: tuple[datetime, datetime]) -> datetime:
    """A start the replay can run from: one after the night's last declaration would
    deliver the whole night at once. "17:26" on the 2019 night (the first 17:26 from six
    hours before its first seat at 23:27) is the next afternoon, past St Ives at 14:52: the
    clock said "from 14:52" and every seat arrived in a burst."""
    start_at = night_moment(text, night, "start")
    if start_at > night[1]:
        raise RehearsalRefusal(
            f"start {uk_date_clock(start_at)} is after the night's last declaration "
            f"({uk_date_clock(night[1])}): nothing would be left to replay (its declarations "
            f"run from {uk_date_clock(night[0])})")
    return start_at


def replay_window(night: tuple[datetime, datetime], start: str | datetime | None,
                   until: str | datetime | None) -> tuple[datetime, datetime | None]:
    """Where the night's clock starts (the first declaration unless told) and stops."""
    start_at = start_moment(start, night) if start else night[0]
    until_at = night_moment(until, night, "until") if until else None
    if until_at is not None and until_at < start_at:
        raise until_before_start(until, until_at, start_at, night)
    return start_at, until_at


def until_before_start(until: str | datetime, until_at: datetime, start_at: datetime,
                       night: tuple[datetime, datetime]) -> RehearsalRefusal:
    """The refusal of an until before the start; for an HH:MM (the first such time from six
    hours before the night's first seat, as documented) whose next day's is on the night, it
    says how to ask for that one: "until 21:00 is before the start 23:01; for the next day's
    21:00 give 2017-06-09T21:00"."""
    said = f"until {uk_clock(until_at)} is before the start {uk_clock(start_at)}"
    later = next_day_form(until, until_at, *night)
    if later is not None:
        said += f"; for the next day's {uk_clock(until_at)} give {later}"
    return RehearsalRefusal(said)


def nominate_for_replay(store: Store, results: str | Path, constituencies: str | Path,
                         records: list, figures: dict, report: ImportReport) -> dict:
    """The nominations and electorates, in as an import's are (a rehearsal is always a
    file); returns each candidate row's id by its key."""
    plan = ImportPlan()
    positions = _nominate(store, results, records, report, plan)
    plan.electorates = _electorates(constituencies, figures, _known_names(store, plan))
    writes_for(store).import_candidates(IMPORT_USER, results, plan, {
        "constituencies": report.constituencies, "candidates": report.candidates,
        "new_parties": report.new_parties})
    ids = repo.constituency_ids(store)
    by_slot = {(c["constituency_id"], c["ballot_order"]): c["id"]
               for rows in repo.nominations(store).values() for c in rows}
    return {key: by_slot[ids[key[0]], ballot] for key, ballot in positions.items()}


def plan_rows(store: Store, results: str | Path, constituencies: str | Path, order: list,
               seats: dict, figures: dict, candidate_ids: dict,
               report: ImportReport) -> tuple[list[dict], list[dict]]:
    """Each seat to replay, in order, with its figures checked by the desk's rules."""
    ids = repo.constituency_ids(store)
    planned: list[dict] = []
    votes: list[dict] = []
    for position, item in enumerate(order, start=1):
        recs, fig = seats[item.code], figures[item.code]
        accepted = _checked_figures(results, constituencies, recs, fig, fig.electorate,
                                    fig.invalid_votes, report)
        planned.append({"position": position, "constituency_id": ids[item.code],
                        "declared_at": uk_iso(item.declared_at), "electorate": fig.electorate,
                        "invalid_votes": fig.invalid_votes, "overrides": json.dumps(accepted)})
        votes += [{"position": position, "candidate_id": candidate_ids[r.key],
                   "votes": r.votes or 0} for r in recs]
    return planned, votes
