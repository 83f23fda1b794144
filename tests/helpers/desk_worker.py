"""One results desk in its own process: declare / verify / correct on a set of seats of a
shared database, each action with the expected_version from its own load_sheet.

    python tests/helpers/desk_worker.py DB --desk NAME --users A,B --seats CODES --ops N
        --seed S --log FILE [--passwords FILE --sheets EDITOR]

DB is a file, or a server's postgresql:// URL: then each user signs in with a connection
of its own (passwords from the JSON file --passwords, {user: password}), since on a server
the connection's account is who acts. A verifier re-keys the figures of the returning
officer's sheet: read from the file, or on a server through --sheets (an editor's account:
a desk's own may not read figures awaiting its verification, and the server verifies
nothing but a re-key).

Prints READY once the database is open and waits for a line on stdin before starting, so
two desks begin together. Logs one JSON line per operation to FILE: accepted ones with the
version they produced, refused ones (Conflict, other DeskRefusal) with their message, and
anything else (a StoreError, an unexpected exception) so the test can show it escaped.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.session import Desk, is_server_target, open_desk
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store, StoreError

ALL_WARNINGS = WARNING_CODES


def figures(rng: random.Random, sheet: dk.SeatSheet) -> tuple[list[int], int]:
    electorate = sheet.electorate or 70_000
    total = int(electorate * rng.uniform(0.3, 0.7))
    weights = [rng.random() + 0.01 for _ in sheet.candidates]
    return [int(total * w / sum(weights)) for w in weights], rng.randint(0, 300)


def operate(stores: dict[str, Desk], rng: random.Random, users: list[str], pause: float,
            op: dict, sheets: Desk | None = None) -> None:
    """One action on op["code"], chosen from what this desk's load_sheet shows; fills in op
    (action, user, expected version, figures) before saving, then the version saved."""
    code = op["code"]
    user = op["user"] = rng.choice(users)
    store = stores[user]
    sheet = dk.load_sheet(store, code)
    expected = op["expected"] = sheet.current_version
    pending = sheet.pending
    if pending is not None and pending.entered_by.casefold() != user.casefold() \
            and rng.random() < 0.7:
        op["action"] = "verify"
        if rng.random() < 0.5 or sheets is not None:  # a blind re-key, or a check (a file)
            on_sheet = dk.load_sheet(sheets, code).pending if sheets is not None else pending
            if on_sheet is None or on_sheet.version != pending.version:
                on_sheet = pending  # changed meanwhile: the save is a conflict
            op["votes"], op["invalid"] = list(on_sheet.votes), on_sheet.invalid_votes
        else:
            op["votes"], op["invalid"] = None, None
    else:
        op["action"] = "correct" if sheet.verified is not None else "declare"
        op["votes"], op["invalid"] = figures(rng, sheet)
        if op["action"] == "correct":
            op["reason"] = f"sheet {rng.randrange(1000)} from the count"
    # The desk looks at the form before saving, its screen refreshing the seat meanwhile
    # (as the app's live views do when another desk commits).
    until = time.monotonic() + rng.uniform(0, pause)
    while time.monotonic() < until:
        dk.load_sheet(store, code)
    if op["action"] == "verify":
        result = dk.verify(store, code, user=user, votes=op["votes"], invalid=op["invalid"],
                           expected_version=expected)
        if not result.verified:
            raise AssertionError(f"a re-key of the figures shown differs: {result.differences}")
        op["version"] = result.version.version
    elif op["action"] == "declare":
        op["version"] = dk.declare(store, code, user=user,
                                   figures=Figures(op["votes"], op["invalid"]),
                                   expected_version=expected,
                                   overrides=ALL_WARNINGS).version
    else:
        op["version"] = dk.correct(store, code, user=user,
                                   figures=Figures(op["votes"], op["invalid"]), reason=op["reason"],
                                   expected_version=expected, overrides=ALL_WARNINGS).version


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--desk", required=True)
    parser.add_argument("--users", required=True)
    parser.add_argument("--seats", required=True)
    parser.add_argument("--ops", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pause", type=float, default=0.002)
    parser.add_argument("--log", required=True)
    parser.add_argument("--passwords")
    parser.add_argument("--sheets")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    users, seats = args.users.split(","), args.seats.split(",")
    if is_server_target(args.db):
        with open(args.passwords, encoding="utf-8") as fh:
            passwords = json.load(fh)
        stores = {u: open_desk(args.db, user=u, password=passwords[u]) for u in users}
        sheets = (open_desk(args.db, user=args.sheets, password=passwords[args.sheets])
                  if args.sheets else None)
    else:
        store = Store(args.db)
        stores = dict.fromkeys(users, store)
        sheets = None
    with open(args.log, "w", encoding="utf-8") as log:
        print("READY", flush=True)
        sys.stdin.readline()
        for i in range(args.ops):
            entry: dict = {"desk": args.desk, "n": i, "code": rng.choice(seats)}
            try:
                operate(stores, rng, users, args.pause, entry, sheets)
                entry["outcome"] = "accepted"
            except dk.Conflict as exc:
                entry |= {"outcome": "conflict", "message": str(exc)}
            except dk.DeskRefusal as exc:
                entry |= {"outcome": "refused", "message": str(exc),
                          "type": type(exc).__name__}
            except StoreError as exc:
                entry |= {"outcome": "store error", "message": str(exc)}
            except Exception as exc:
                entry |= {"outcome": "unexpected", "message": f"{type(exc).__name__}: {exc}",
                          "traceback": traceback.format_exc()}
            log.write(json.dumps(entry) + "\n")
    for desk in {*stores.values(), *([sheets] if sheets is not None else [])}:
        desk.close()
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
