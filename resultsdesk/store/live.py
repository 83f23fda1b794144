"""Queries for live views: only the seats changed since a given change number.

Each query is driven by the `change_seq` index of `constituencies`, so a refresh after one
change reads that seat's rows whatever the size of the night (tests/store/test_live_plans.py
checks the plans on SQLite and PostgreSQL). Two habits keep it so: no `ORDER BY k.code`
(sorting by the code's unique index would walk every seat; the callers key by code), and
`CROSS JOIN` to a declarations view, which SQLite takes as "constituencies first" (on
PostgreSQL a plain join, planned from statistics).
"""

from __future__ import annotations

from itertools import groupby
from operator import itemgetter
from typing import Any

from ..domain.model import CandidateVotes, SeatResult, Status
from .database import Store
from .errors import DamagedDatabase


def current_seq(store: Store) -> int:
    return store.scalar("SELECT seq FROM change_counter WHERE id = 1") or 0


def night_stamp(store: Store) -> tuple:
    """What no seat's change number tells of, in one read: the election the file holds (its
    name, when it was made), its newest seat, and the baseline in place (its name, when it
    was imported, its newest line). A baseline imported mid-night changes it; so does a
    restore putting back another election, or a backup taken before seats were added
    (whose seats no longer there no change number can tell of). Index reads only: it is
    read at every refresh, at any size of night."""
    row = store.query(
        "SELECT e.name, e.created_at, (SELECT max(k.id) FROM constituencies k) AS seat, "
        "b.name AS baseline, b.imported_at, (SELECT max(v.id) FROM baseline_votes v) AS line "
        "FROM election e LEFT JOIN baseline b ON b.id = 1 WHERE e.id = 1")
    return tuple(row[0].values()) if row else ()


def changed_constituencies(store: Store, since: int) -> list[dict[str, Any]]:
    """The seats changed since change number `since` (-1: all), by code; `pending_by`: who
    keyed the version awaiting verification, if any (a server may not let the reader see
    its figures, but says who keyed it); `pending_over_verified`: its kind, where the seat
    has a verified result (a correction, a recount's count, a lot), else NULL."""
    rows = store.query(
        """SELECT k.id, k.code, k.name, k.nation, k.region, k.electorate, k.recount_under_way,
                  k.current_count, k.change_seq,
                  (SELECT d.kind FROM declarations d WHERE d.constituency_id = k.id
                          AND d.status = 'provisional' AND EXISTS (
                              SELECT 1 FROM declarations v WHERE v.constituency_id = k.id
                              AND v.status = 'verified' AND v.version < d.version))
                  AS pending_over_verified,
                  (SELECT d.entered_by FROM declarations d WHERE d.constituency_id = k.id
                   AND d.status = 'provisional' ORDER BY d.version DESC LIMIT 1)
                  AS pending_by
           FROM constituencies k WHERE k.change_seq > ?""", (since,))
    return sorted(rows, key=lambda r: r["code"])


# By seat code: (the result, its verification time, who entered it).
Figures = dict[str, tuple[SeatResult, str | None, str]]

# Each seat's declaration, one row; `{extra}` adds columns, `{view}` names the view,
# `{seats}` says which seats (`_seats`).
_SEATS = """SELECT d.id, k.code, k.name, d.status, COALESCE(d.electorate, k.electorate),
                   d.invalid_votes, d.verified_at, d.tie_winner_candidate_id, d.entered_by{extra}
            FROM constituencies k
            CROSS JOIN {view} d
            WHERE {seats} AND d.constituency_id = k.id"""
# The candidates' lines of those declarations, each declaration's together in ballot order
# (sorted by both, as cheaply as by the second alone: `_results` takes each declaration's
# lines as they come, not each line into its declaration's list).
_LINES = """SELECT v.declaration_id, c.id, trim(c.first_name || ' ' || c.surname),
                   p.abbreviation, v.votes
            FROM constituencies k
            CROSS JOIN {view} d
            JOIN declaration_votes v ON v.declaration_id = d.id
            JOIN candidates c ON c.id = v.candidate_id
            JOIN parties p ON p.id = c.party_id
            WHERE {seats} AND d.constituency_id = k.id
            ORDER BY v.declaration_id, c.ballot_order"""
# The same lines on a server, where the votes view is a security barrier (figures nobody
# verified stay hidden from who may not read them) that no join condition can enter:
# joined, it is worked out for every vote of the night. There the changed declarations' ids
# are worked out first and handed to it as one list, a condition it may take (comparing
# integers reveals nothing), so it reads only their votes, by its index.
_LINES_BY_IDS = """SELECT v.declaration_id, c.id, trim(c.first_name || ' ' || c.surname),
                   p.abbreviation, v.votes
            FROM declaration_votes v
            JOIN candidates c ON c.id = v.candidate_id
            JOIN parties p ON p.id = c.party_id
            WHERE v.declaration_id = ANY (ARRAY(
                SELECT d.id FROM constituencies k CROSS JOIN {view} d
                WHERE {seats} AND d.constituency_id = k.id))
            ORDER BY v.declaration_id, c.ballot_order"""


def _seats(since: int, codes: tuple[str, ...] | None) -> tuple[str, tuple]:
    """Which seats the queries above read, and its parameters: those changed since a change
    number, or (`codes`) the seats named."""
    if codes is None:
        return "k.change_seq > ?", (since,)
    return f"k.code IN ({', '.join('?' * len(codes))})", codes


def _lines(store: Store, view: str, seats: str) -> str:
    return (_LINES_BY_IDS if store.dialect == "postgresql" else _LINES).format(view=view,
                                                                                seats=seats)


# Beside the shown declaration, the id of the one that counts (None: nothing verified).
_COUNTING_ID = """,
                   (SELECT w.id FROM verified_declarations w
                    WHERE w.constituency_id = k.id) AS counting_id"""


def seat_results(store: Store, since: int, *, verified_only: bool,
                 codes: tuple[str, ...] | None = None) -> Figures:
    """By seat code: the counting declaration (verified_only) or the displayed one, with its
    verification time and who entered it, for every seat changed since change number
    `since` (-1: all), or for the seats `codes` (by the code's unique index)."""
    view = "verified_declarations" if verified_only else "latest_declarations"
    where, params = _seats(since, codes)
    # Two reads of one snapshot: each seat's declaration once, then the candidates' lines
    # (a seat's columns repeated on every candidate's row cost more than the second query).
    with store.snapshot():
        seats = store._conn.execute(_SEATS.format(view=view, extra="", seats=where),
                                    params).fetchall()
        lines = store._conn.execute(_lines(store, view, where), params).fetchall()
    return _results(seats, lines)


def shown_and_counting(store: Store, since: int,
                       codes: tuple[str, ...] | None = None) -> tuple[Figures, Figures]:
    """`seat_results` shown (verified_only=False) and counting (True), the same answers,
    from one read where one suffices: the shown declarations with, beside each, the id of
    the counting one. Where they are the same declaration (every verified seat, as the
    views stand) the counting entry IS the shown one, the same objects, so whoever derives
    from both can tell by `is` and work once; only if some seat counts a declaration other
    than the one shown (the data says so, by id) are the counting ones read as well."""
    where, params = _seats(since, codes)
    with store.snapshot():
        seats = store._conn.execute(
            _SEATS.format(view="latest_declarations", extra=_COUNTING_ID, seats=where),
            params).fetchall()
        lines = store._conn.execute(_lines(store, "latest_declarations", where),
                                    params).fetchall()
        same = {seat[1] for seat in seats if seat[9] == seat[0]}
        counted = {seat[1] for seat in seats if seat[9] is not None}
        counting = (seat_results(store, since, verified_only=True, codes=codes)
                    if counted - same else None)
    shown = _results(seats, lines)
    if counting is None:
        return shown, {code: entry for code, entry in shown.items() if code in same}
    return shown, {code: shown[code] if code in same else entry
                   for code, entry in counting.items()}


_DECLARATION = itemgetter(0)  # of a line (`_LINES`)


def _results(seats: list[tuple], lines: list[tuple]) -> Figures:
    # each declaration's lines together, in ballot order (`_LINES`)
    by_declaration = {declaration: list(its) for declaration, its
                      in groupby(lines, _DECLARATION)}
    out = {}
    for seat in sorted(seats, key=itemgetter(1)):  # by code, as ever
        candidates = by_declaration.get(seat[0])
        if candidates:  # a declaration without figures is no result (as a join has it)
            out[seat[1]] = _seat(seat, candidates)
    return out


_STATUS = {s.value: s for s in Status}


def _seat(seat: tuple, lines: list[tuple]) -> tuple[SeatResult, str | None, str]:
    _id, code, name, status, electorate, invalid, verified_at, tie_id, entered_by = seat[:9]
    _whole_numbers(code, electorate, invalid, *(r[4] for r in lines))
    place = next((i for i, r in enumerate(lines) if r[1] == tie_id), None) if tie_id else None
    return SeatResult(code=code, name=name,
                      candidates=tuple([CandidateVotes(r[2], r[3], r[4]) for r in lines]),
                      electorate=electorate, invalid_votes=invalid, status=_STATUS[status],
                      tie_winner=None if place is None else lines[place][2],
                      tie_place=place), verified_at, entered_by


def _whole_numbers(code: str, *figures: object) -> None:
    """Refuse figures of a kind ResultsDesk never writes (text, a blob, a fraction, put
    there by hand) as damage, which a window's refresh puts off, rather than a bug's error
    at every read (other reads are judged so after they fail: `odd_values`)."""
    if any(figure is not None and type(figure) is not int for figure in figures):
        raise DamagedDatabase(
            f"The figures of {code} hold a value ResultsDesk never writes (changed outside "
            "it?): 'resultsdesk audit --check' says which entry it breaks; restore the file "
            "from a backup ('resultsdesk restore').")


def parties_changed_since(store: Store, since: int) -> bool:
    return bool(store.scalar("SELECT 1 FROM parties WHERE change_seq > ? LIMIT 1", (since,)))
