"""What a desk action leaves behind, read back by the declaration tests on either store:
everything it may write (snapshot), a seat's overview row, its audit actions, the version a
view shows, the figures counted; and a seat's real 2024 figures from the bundled HoC file."""

from __future__ import annotations

import csv

from helpers.seats import HENDON
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.overview import constituency_rows
from resultsdesk.desk.sign_in_limit import SIGNED_IN
from resultsdesk.paths import ELECTION_2024, data_file
from resultsdesk.store import Store
from resultsdesk.store import repository as repo


def hoc_2024(code: str) -> dict[str, int]:
    """The real 2024 votes of a seat by candidate name, from the bundled HoC file."""
    with data_file(ELECTION_2024).open(encoding="utf-8", newline="") as fh:
        return {f"{r['Candidate first name']} {r['Candidate surname']}".strip():
                int(r["Votes"]) for r in csv.DictReader(fh) if r["ONS ID"] == code}


def real_votes(store: Store, code: str) -> list[int]:
    sheet = dk.load_sheet(store, code)
    figures = hoc_2024(code)
    return [figures[c.name] for c in sheet.candidates]


def snapshot(store: Store) -> tuple:
    """Everything a desk action may write. Not the entries of successful sign-ins: the
    command line signs in before the action it runs, and on a file that sign-in is
    recorded (it happened) even when the desk then refuses the action."""
    return (
        store.query("SELECT * FROM declarations ORDER BY id"),
        store.query("SELECT * FROM declaration_votes ORDER BY declaration_id, candidate_id"),
        store.query("SELECT * FROM audit_log WHERE action <> ? ORDER BY id", (SIGNED_IN,)),
        store.query("SELECT code, recount_under_way, current_count FROM constituencies "
                    "ORDER BY code"),
    )


def row(store: Store, code: str = HENDON):
    return next(r for r in constituency_rows(store) if r.code == code)


def actions(store: Store, code: str = HENDON) -> list[tuple[str, str]]:
    return [(a["user"], a["action"]) for a in dk.history(store, code).audit]


def view_version(store: Store, view: str, code: str = HENDON) -> int | None:
    return store.scalar(f"SELECT d.version FROM {view} d JOIN constituencies k "
                        "ON k.id = d.constituency_id WHERE k.code = ?", (code,))


def seat_figures(store: Store, code: str = HENDON, *, include_provisional: bool = False):
    seat = next(s for s in repo.seat_results(store, include_provisional=include_provisional)
                if s.code == code)
    return tuple(c.votes for c in seat.candidates)
