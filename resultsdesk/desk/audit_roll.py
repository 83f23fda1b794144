"""What the audit check asks of the parties, seats and baseline the figures are read as on
air (`desk.audit` walks the chain and calls this).

A version's seal names its candidates and parties by id, so the figures stayed intact
while Labour's and the Conservatives' abbreviations, names and colours were swapped by hand
(every seat, vote and gain on air changing hands), a seat's two leading candidates' names
were swapped, or the baseline was edited to turn a hold into a gain. On a file only an
import writes those columns, and each import's entry records what it leaves (`ROLL`):
the parties in full, the seats with their ballot papers and the baseline as digests. The
file must still be what the last such entry records.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Recorded = tuple[int, str, dict[str, Any]]  # the entry's id and time, and what it records
# What a check says of a change no entry records (the banner then says no more of it).
OUTSIDE = "outside ResultsDesk"
_OUTSIDE = f"it was changed {OUTSIDE}"


def _party(pid: str, value: Any) -> str:
    """'"Lab" (Labour, #E4003B)', or the id where the value is no [abbreviation, name,
    colour]."""
    if isinstance(value, list) and len(value) == 3:
        abbreviation, name, colour = (json.dumps(v, ensure_ascii=False) if i == 0 else v
                                      for i, v in enumerate(value))
        return f"{abbreviation} ({name}, {colour})"
    return f"id {pid}"


def roll_problem(recorded: Recorded | None, now: Callable[[], dict[str, Any]] | None
                 ) -> tuple[str, int, str] | None:
    """Why the parties, seats or baseline no longer match what the last import's entry
    recorded (problem, that entry's id and time), or None (also when no entry recorded
    them: a server, or a file whose imports came before the entries did)."""
    if recorded is None or now is None:
        return None
    entry_id, at, then = recorded

    def found(problem: str) -> tuple[str, int, str]:
        return problem, entry_id, at

    try:
        current = now()
    except (TypeError, ValueError):  # a blob or NaN where ResultsDesk writes text, numbers
        return found("the parties, seats or baseline hold what ResultsDesk never writes: "
                     f"{_OUTSIDE}")
    parties = then.get("parties") if isinstance(then.get("parties"), dict) else {}
    for pid, was in parties.items():
        is_now = current["parties"].get(pid)
        if is_now is None:
            return found(f"party {_party(pid, was)}, recorded by this entry, is gone from "
                         f"the file: {_OUTSIDE}")
        if is_now != was:
            return found(f"party {pid} is {_party(pid, is_now)}, but this entry records it "
                         f"as {_party(pid, was)}: {_OUTSIDE}")
    for pid, is_now in current["parties"].items():
        if pid not in parties:
            return found(f"party {_party(pid, is_now)} has no audit entry recording it: "
                         f"it was added {OUTSIDE}")
    if then.get("seats") != current["seats"]:
        return found("the seats and their ballot papers (names, regions, electorates, "
                     "candidates' names, parties or order) are not those this entry "
                     f"records: {_OUTSIDE}")
    if then.get("baseline") != current["baseline"]:
        return found("the baseline (its name, votes or electorates) is not the one this "
                     f"entry records: {_OUTSIDE}")
    return None


def election_problem(kind: str | None, name: str | None, created_kind: str,
                     created_name: str | None) -> str | None:
    """Why a file's election row (its `kind` and `name`; None: not read, a server's) is
    not the one its first entry made (`created_kind`, `created_name`), if it is not."""
    if kind is not None and name is None:
        # On a file (its kind read) the row itself is gone: deleted in the sqlite3 shell
        # (its trigger dropped and put back), every graphic then said "Untitled election"
        # and the check said intact.
        return (f"the election {created_name!r} this entry created is gone from the file: "
                f"it was deleted {OUTSIDE}")
    if kind is not None and kind != created_kind:
        # A rehearsal's figures never go into a live election: its export is marked, and a
        # live election refuses the mark. Made "live" in the file, it was not.
        return (f"the election is marked {kind}, but this entry created it as a "
                f"{created_kind}: its kind was changed {OUTSIDE}")
    if name is not None and name != created_name:
        # The name every graphic's subtitle puts on air; no entry renames an election.
        return (f"the election is called {name!r}, but this entry created it as "
                f"{created_name!r}: its name was changed {OUTSIDE}")
    return None
