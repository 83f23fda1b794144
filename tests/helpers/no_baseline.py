"""A night with no baseline imported: five 2024 seats (`desk_target.SEATS`, Hendon a Labour
gain from the Conservatives on the notional baseline) declared and verified by import, as a
rehearsal of one's own files without a previous election, or any night before `import
baseline`; `add_baseline` imports the notional 2019 baseline of the same seats."""

from __future__ import annotations

from pathlib import Path

from helpers.desk_target import trimmed
from helpers.locations import GE2024, GE2024_SEATS, NOTIONAL
from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_baseline, import_results
from resultsdesk.store import Store


def five_seats_no_baseline(folder: Path) -> Path:
    """The database file of the five seats, every one verified, no baseline."""
    db = folder / "no-baseline.db"
    store = init_election(db, "Five seats")
    try:
        import_results(store, trimmed(GE2024, folder / "by-candidate.csv"),
                       constituencies=trimmed(GE2024_SEATS, folder / "by-constituency.csv"))
    finally:
        store.close()
    return db


def add_baseline(db: Path, folder: Path) -> None:
    """The notional 2019 baseline of the same five seats."""
    with Store(db) as store:
        import_baseline(store, trimmed(NOTIONAL, folder / "notional.csv"))
