"""A small election on constituency codes no bundled map layout holds (E149…), imported from a
HoC-style by-candidate CSV written on the spot."""

from __future__ import annotations

import csv
from pathlib import Path

from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_results
from resultsdesk.io.hoc_candidates import OPTIONAL, REQUIRED

SEATS = (("E14900001", "Elsewhere", (("Ann", "Lab", "Labour", 15, 900),
                                     ("Bob", "Con", "Conservative", 4, 800))),
         ("E14900002", "Nowhere", (("Cat", "LD", "Liberal Democrat", 17, 700),
                                   ("Dan", "Con", "Conservative", 4, 650))))


def synthetic_election(folder: Path, name: str = "Synthetic election",
                       codes: tuple[str, str] | None = None) -> Path:
    """A two-seat election, every seat verified; returns the database's path. `codes`: the
    two seats' codes instead (two on a bundled layout make an election it draws)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "synthetic.csv"
    header = [*REQUIRED, "Votes", *OPTIONAL]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, restval="")
        writer.writeheader()
        for i, (code, seat, people) in enumerate(SEATS):
            code = code if codes is None else codes[i]
            for first, abbr, party, mnis, votes in people:
                writer.writerow({"ONS ID": code, "Constituency name": seat,
                                 "Region name": "North East", "Country name": "England",
                                 "Party name": party, "Party abbreviation": abbr,
                                 "MNIS party ID": mnis, "Candidate first name": first,
                                 "Candidate surname": "Test", "Votes": votes,
                                 "Constituency type": "County", "Sitting MP": "No",
                                 "Former MP": "No"})
    db = folder / "synthetic.db"
    store = init_election(db, name)
    try:
        import_results(store, path)
    finally:
        store.close()
    return db
