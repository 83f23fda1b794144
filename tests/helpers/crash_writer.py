"""A desk that saves declarations one after another through the store API, until killed.

    python tests/helpers/crash_writer.py DB --seats CODE,CODE,... --seed N [--max-ops N]

Prints READY once the database is open, then, only after each save's transaction has
committed (the desk function has returned), one line:

    ACK <action> <code> <version> <user> <votes as JSON>

where action is declare, correct or verify. tests/reliability/test_crash_safety.py kills this
process with SIGKILL at random moments and checks every acknowledged save is in the file.
"""

from __future__ import annotations

import argparse
import json
import random
import sys

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store

ALL_WARNINGS = WARNING_CODES
USERS = ("ann", "bob")


def figures(rng: random.Random, sheet: dk.SeatSheet) -> tuple[list[int], int]:
    """Plausible figures that pass the hard checks: the ballots cast stay under the electorate."""
    electorate = sheet.electorate or 70_000
    total = int(electorate * rng.uniform(0.3, 0.7))
    weights = [rng.random() + 0.01 for _ in sheet.candidates]
    votes = [int(total * w / sum(weights)) for w in weights]
    return votes, rng.randint(0, 300)


def step(store: Store, rng: random.Random, code: str) -> tuple[str, dk.Version, str]:
    """One save on a seat, whichever its state calls for; returns (action, version, user)."""
    sheet = dk.load_sheet(store, code)
    pending = sheet.pending
    if pending is not None and rng.random() < 0.6:
        user = next(u for u in USERS if u != pending.entered_by)
        result = dk.verify(store, code, user=user, votes=list(pending.votes),
                           invalid=pending.invalid_votes, expected_version=sheet.current_version)
        assert result.verified, result.differences
        return "verify", result.version, user
    # Only an entry's author may replace it with new figures (the desk's rule).
    user = pending.entered_by if pending is not None else rng.choice(USERS)
    votes, invalid = figures(rng, sheet)
    if sheet.verified is None:
        version = dk.declare(store, code, user=user, figures=Figures(votes, invalid),
                             expected_version=sheet.current_version, overrides=ALL_WARNINGS)
        return "declare", version, user
    version = dk.correct(store, code, user=user, figures=Figures(votes, invalid),
                         reason="returning officer's corrected sheet",
                         expected_version=sheet.current_version, overrides=ALL_WARNINGS)
    return "correct", version, user


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--seats", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-ops", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    seats = args.seats.split(",")
    with Store(args.db) as store:
        print("READY", flush=True)
        for _ in range(args.max_ops):
            code = rng.choice(seats)
            action, version, user = step(store, rng, code)
            print(f"ACK {action} {code} {version.version} {user} {json.dumps(list(version.votes))}",
                  flush=True)
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
