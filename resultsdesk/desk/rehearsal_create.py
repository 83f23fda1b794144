"""Making a rehearsal: a new database, built beside its place and renamed into it, holding
the night's nominations, its baseline and the plan of every seat to replay; and opening one
(a live election never becomes a rehearsal). `desk.rehearsal` gives these to its callers."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from ..database_builds import built_beside
from ..domain.declaration_time import moment, uk_iso
from ..domain.replay import ElectionKind, PlanItem, ReplayMode, ReplayState, replay_order
from ..domain.validation import title_from
from ..files import REHEARSING
from ..io.csvfile import ImportFailure, ProgressCallback
from ..io.hoc_candidates import read_candidates
from ..io.hoc_constituencies import DECLARED, read_constituency_figures
from ..paths import (
    CONSTITUENCIES_2017,
    CONSTITUENCIES_2019,
    ELECTION_2017,
    ELECTION_2019,
    data_file,
)
from ..store import Store, StoreError
from ..store import rehearsal as sql
from ..store.commits import discarded_on_failure
from .election import refuse_new_database_place, said_of_place
from .errors import refuse_bad_title
from .imports import ImportReport, _by_seat, _check_valid_votes, import_baseline
from .rehearsal_plan import (
    REHEARSAL_USER,
    checked_speed,
    nominate_for_replay,
    plan_rows,
    replay_mode,
    replay_window,
    wall_iso,
)
from .rehearsal_target import RehearsalRefusal, refuse_server_target
from .session import Desk

_GENERAL_ELECTION = re.compile(r"(?:^|[^a-z0-9])hoc-ge((?:19|20)\d\d)(?![0-9])", re.IGNORECASE)


def bundled_night() -> tuple[Path, Path, Path]:
    """The night shipped to rehearse: 2019's results and declaration times, 2017 (same
    boundaries) as the baseline."""
    return (data_file(ELECTION_2019), data_file(CONSTITUENCIES_2019),
            data_file(ELECTION_2017))


def bundled_baseline_constituencies() -> Path:
    """The bundled baseline's (2017's) by-constituency file: its electorates, without which
    the rehearsal could say no seat's turnout change."""
    return data_file(CONSTITUENCIES_2017)


def night_name(results: str | Path) -> str:
    """The rehearsal's name where none is given: every graphic's subtitle on air. A HoC
    results file says its general election in its name (HoC-GE2017-results-by-candidate):
    "UK general election 2017", as the bundled night is called, not the file's name (which
    put "REHEARSAL · Rehearsal: HoC-GE2017-results-by-candidate" under every title). A
    file named otherwise is named after the file."""
    stem = Path(results).stem
    found = _GENERAL_ELECTION.search(stem)
    return f"UK general election {found.group(1)}" if found else \
        title_from(f"Rehearsal: {stem}", "Rehearsal")  # (a name nobody typed, any file's)


def create_rehearsal(path: str | Path, results: str | Path, constituencies: str | Path,
                     baseline: str | Path | None = None, *,
                     mode: str | ReplayMode = ReplayMode.WATCH, speed: float = 60.0,
                     start: str | datetime | None = None, until: str | datetime | None = None,
                     name: str | None = None, baseline_name: str | None = None,
                     baseline_constituencies: str | Path | None = None,
                     progress: ProgressCallback | None = None) -> Desk:
    """A new rehearsal database at `path` (which must not exist): the nominations and
    electorates of `results`/`constituencies`, the baseline if given (its electorates from
    `baseline_constituencies`, as `import_baseline` reads them), no declarations yet,
    and every seat with a declaration time kept for replay. The clock is not running until
    `start`. Built beside `path` and renamed into place: all or nothing. A team desk
    server is refused (`rehearsal_target`)."""
    refuse_server_target(path)
    name = name or night_name(results)
    refuse_bad_title(name, "election")
    if baseline_name is not None:
        refuse_bad_title(baseline_name, "baseline")
    path = Path(path)
    # before the night is read: a pipe there, or a folder missing, was said once it was
    # built, of the hidden file built under ("….rehearsal-1a2b3c4d.db: Permission denied")
    refuse_new_database_place(path, "rehearsal.db", _taken)
    mode, speed = replay_mode(mode), checked_speed(speed)
    records = read_candidates(results, with_votes=True, progress=progress)
    figures = read_constituency_figures(constituencies, progress=progress)
    seats = _by_seat(records)
    _check_valid_votes(results, constituencies, seats, figures)
    order = replay_order(PlanItem(code, moment(f.declared_at), f.row)
                         for code, f in figures.items() if f.declared_at and code in seats)
    if not order:
        raise ImportFailure(constituencies, "has no declaration times for the seats in "
                            f"{Path(results).name}: there is no night to replay",
                            column=DECLARED)
    first, last = order[0].declared_at, order[-1].declared_at
    start_at, until_at = replay_window((first, last), start, until)
    with discarded_on_failure(), said_of_place(path, _taken), \
            built_beside(path, REHEARSING) as building:
        store = Store(building, create=True)
        try:
            with store.write():
                sql.create_election(store, name, ElectionKind.REHEARSAL)
                store.audit(REHEARSAL_USER, "create election", "election", name,
                            {"kind": ElectionKind.REHEARSAL.value})
            with store.write():
                report = ImportReport(str(results))
                candidate_ids = nominate_for_replay(store, results, constituencies, records,
                                                     figures, report)
                planned, votes = plan_rows(store, results, constituencies, order, seats,
                                            figures, candidate_ids, report)
                sql.insert_plan(store, {
                    "mode": mode.value, "speed": speed, "results_file": Path(results).name,
                    "constituencies_file": Path(constituencies).name,
                    "night_until": uk_iso(until_at) if until_at else None,
                    "state": ReplayState.READY.value, "anchor_night": uk_iso(start_at),
                    "anchor_wall": None, "created_at": wall_iso(datetime.now(UTC))},
                    planned, votes)
                store.audit(REHEARSAL_USER, "plan rehearsal", "election", str(results), {
                    "seats": len(planned), "mode": mode.value, "speed": speed,
                    "first": uk_iso(first), "last": uk_iso(last), "start": uk_iso(start_at),
                    "until": uk_iso(until_at) if until_at else None,
                    "without_time": len(seats) - len(planned)})
            if baseline is not None:
                import_baseline(store, baseline, name=baseline_name, progress=progress,
                                constituencies=baseline_constituencies)
        finally:
            store.close()  # checkpoints the WAL into the main file before the rename
    return Store(path)


def _taken(path: Path) -> StoreError:
    return StoreError(f"{path} already exists; a rehearsal needs a new file.")


def open_rehearsal(path: str | Path) -> Desk:
    """An existing rehearsal database; a live one is refused (it never becomes one), and so
    is a team desk server (`rehearsal_target`)."""
    refuse_server_target(path)
    desk = Store(path)
    if not sql.is_rehearsal(desk):
        desk.close()
        raise RehearsalRefusal(f"{path} is a live election, not a rehearsal: rehearse into a "
                               "new file")
    return desk
