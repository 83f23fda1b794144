"""Synthetic elections in the HoC by-candidate format, for benchmarks at any size."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from resultsdesk.io.hoc_candidates import OPTIONAL, REQUIRED

PARTIES = [  # (abbreviation, name, MNIS id, relative strength)
    ("Lab", "Labour", 15, 34), ("Con", "Conservative", 4, 24), ("RUK", "Reform UK", 1036, 14),
    ("LD", "Liberal Democrat", 17, 12), ("Green", "Green", 44, 7),
    ("SNP", "Scottish National Party", 29, 3), ("PC", "Plaid Cymru", 22, 1),
    ("WPB", "Workers Party of Britain", 1042, 1),
]
HEADER = [*REQUIRED, "Votes", *OPTIONAL]


def write_election(path: str | Path, seats: int, candidates: int = 8, seed: int = 2024) -> Path:
    """A plausible election of `seats` constituencies with `candidates` candidates each."""
    rng = random.Random(seed)
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(HEADER)
        for i in range(seats):
            code = f"E{14000000 + i:08d}"
            name = f"Synthetic {i:05d}"
            for j, (abbr, party, mnis, strength) in enumerate(PARTIES[:candidates]):
                votes = max(0, int(rng.gauss(strength * 140, strength * 45)))
                row = {"ONS ID": code, "Constituency name": name,
                       "Region name": f"Region {i % 12}", "Country name": "England",
                       "Party name": party, "Party abbreviation": abbr,
                       "MNIS party ID": mnis, "Candidate first name": f"C{j}",
                       "Candidate surname": f"Candidate {i}-{j}", "Votes": votes,
                       "County name": "", "Constituency type": "County",
                       "Candidate gender": "", "Sitting MP": "No", "Former MP": "No",
                       "Member MNIS ID": "", "DC Person ID": "",
                       "Electoral Commission party ID": "",
                       "Electoral Commission adjunct party ID": ""}
                writer.writerow([row[c] for c in HEADER])
    return path
