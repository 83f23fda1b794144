"""A HoC by-candidate file of one seat the 2024 election lacks, every party in it already in
the election: what an `import candidates --add-seats` mid-night adds."""

from __future__ import annotations

import csv
from pathlib import Path

from resultsdesk.paths import ELECTION_2024, data_file

ABERAFAN = "W07000081"  # Aberafan Maesteg, whose candidates the new seat borrows
NEW_SEAT, NEW_NAME = "W07999999", "Newtown and Llanidloes"


def new_seat_file(out: Path, code: str = NEW_SEAT, name: str = NEW_NAME) -> Path:
    """Aberafan Maesteg's rows under a code and name of their own (no electorate: a
    by-candidate file gives none)."""
    with open(data_file(ELECTION_2024), encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [r for r in reader if r["ONS ID"] == ABERAFAN]
        fields = reader.fieldnames
    for r in rows:
        r["ONS ID"], r["Constituency name"] = code, name
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return out
