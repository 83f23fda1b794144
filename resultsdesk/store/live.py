"""Queries for live views: only the seats changed since a given change number.

Each query is driven by the `change_seq` index of `constituencies`, so a refresh after one
change reads that seat's rows whatever the size of the night (tests/store/test_live_plans.py
checks the plans on SQLite and PostgreSQL). Two habits keep it so: no `ORDER BY k.code`
(sorting by the code's unique index would walk every seat; the callers key by code), and
`CROSS JOIN` to a declarations view, which SQLite takes as "constituencies first" (on
PostgreSQL a plain join, planned from statistics).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from operator import itemgetter
from typing import Any

from ..domain.model import CandidateVotes, SeatResult, Status
from ..domain.records import record
from ..domain.timeline import VersionTimes
from . import timeline
from .database import Store
from .errors import DamagedDatabase


def current_seq(store: Store, known: int | None = None) -> int:
    """The change number; `known` if the caller has just read it (a server's data_version
    is: `desk.session.night_seq`), not asked again."""
    if known is not None:
        return known
    return store.scalar("SELECT seq FROM change_counter WHERE id = 1") or 0


# The night's stamp: what no seat's change number tells of, in one read: the election the
# file holds (its name, when it was made), its newest seat, and the baseline in place (its
# name, when it was imported, its newest line). A baseline imported mid-night changes it;
# so does a restore putting back another election, or a backup taken before seats were
# added (whose seats no longer there no change number can tell of). Index reads only: it is
# read at every refresh, at any size of night. Beside it, whether a party changed since a
# change number (`changes_since`: `Changes.stamp`, `Changes.parties_moved`).
_STAMP = ("SELECT e.name, e.created_at, (SELECT max(k.id) FROM constituencies k) AS seat, "
          "b.name AS baseline, b.imported_at, (SELECT max(v.id) FROM baseline_votes v) AS line, "
          "EXISTS (SELECT 1 FROM parties p WHERE p.change_seq > ?) AS parties_moved "
          "FROM election e LEFT JOIN baseline b ON b.id = 1 WHERE e.id = 1")


_CHANGED_COLUMNS = ("id", "code", "name", "nation", "region", "electorate",
                    "recount_under_way", "current_count", "change_seq",
                    "pending_over_verified", "pending_by")
_CHANGED = """SELECT k.id, k.code, k.name, k.nation, k.region, k.electorate, k.recount_under_way,
                  k.current_count, k.change_seq,
                  (SELECT d.kind FROM declarations d WHERE d.constituency_id = k.id
                          AND d.status = 'provisional' AND EXISTS (
                              SELECT 1 FROM declarations v WHERE v.constituency_id = k.id
                              AND v.status = 'verified' AND v.version < d.version))
                  AS pending_over_verified,
                  (SELECT d.entered_by FROM declarations d WHERE d.constituency_id = k.id
                   AND d.status = 'provisional' ORDER BY d.version DESC LIMIT 1)
                  AS pending_by
           FROM constituencies k WHERE k.change_seq > ?"""


def changed_constituencies(store: Store, since: int) -> list[dict[str, Any]]:
    """The seats changed since change number `since` (-1: all), by code; `pending_by`: who
    keyed the version awaiting verification, if any (a server may not let the reader see
    its figures, but says who keyed it); `pending_over_verified`: its kind, where the seat
    has a verified result (a correction, a recount's count, a lot), else NULL. (A refresh
    reads them with the rest, `changes_since`.)"""
    return _by_code(store._conn.execute(_CHANGED, (since,)).fetchall())


def _by_code(rows: list) -> list[dict[str, Any]]:
    return sorted((dict(zip(_CHANGED_COLUMNS, row, strict=True)) for row in rows),
                  key=lambda r: r["code"])


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
    with store.snapshot():
        seats, lines = (store._conn.execute(sql, params).fetchall()
                        for sql, params in _figure_reads(store, view, *_seats(since, codes)))
    return _results(seats, lines)


def _figure_reads(store: Store, view: str, where: str, params: tuple,
                  extra: str = "") -> list[tuple[str, tuple]]:
    """The two reads of the seats' declarations in `view` (of one snapshot): each seat's
    declaration once (with `extra` columns), then the candidates' lines (a seat's columns
    repeated on every candidate's row cost more than the second query)."""
    return [(_SEATS.format(view=view, extra=extra, seats=where), params),
            (_lines(store, view, where), params)]


def shown_and_counting(store: Store, since: int,
                       codes: tuple[str, ...] | None = None) -> tuple[Figures, Figures]:
    """`seat_results` shown (verified_only=False) and counting (True), the same answers,
    from one read where one suffices: the shown declarations with, beside each, the id of
    the counting one. Where they are the same declaration (every verified seat, as the
    views stand) the counting entry IS the shown one, the same objects, so whoever derives
    from both can tell by `is` and work once; only if some seat counts a declaration other
    than the one shown (the data says so, by id) are the counting ones read as well."""
    return _with_figures(store, since, codes, [])[1]


@record
class Changes:
    """What a refresh reads of the night since a change number, of one state of it."""

    stamp: tuple  # the night's stamp (`_STAMP`)
    parties_moved: bool  # a party changed since
    seats: list[dict[str, Any]]  # `changed_constituencies`
    shown: Figures  # `shown_and_counting`
    counting: Figures
    times: dict[str, list[VersionTimes]]  # `timeline.version_times`


def changes_since(store: Store, since: int) -> Changes:
    """The night's stamp, whether a party changed, `changed_constituencies`,
    `shown_and_counting` and `timeline.version_times`, since change number `since` (-1:
    all), read together: on a server in one round trip, where they took eight (each read,
    and the transaction that held two of them together), at every refresh of a window. A
    window over a regional office's VPN waited 20-40 ms for each, on its GUI thread."""
    head = [(_STAMP, (since,)), (_CHANGED, (since,)), (timeline.VERSION_TIMES, (since,))]
    (stamp, seats, versions), (shown, counting) = _with_figures(store, since, None, head)
    return Changes(stamp=tuple(stamp[0])[:-1] if stamp else (),
                   parties_moved=bool(stamp[0][-1]) if stamp else True,
                   seats=_by_code(seats), shown=shown, counting=counting,
                   times=timeline.times_by_code(versions))


def _with_figures(store: Store, since: int, codes: tuple[str, ...] | None,
                  head: list[tuple[str, tuple]]) -> tuple[list[list], tuple[Figures, Figures]]:
    """The rows of the reads `head`, and `shown_and_counting`, all of one state."""
    where, params = _seats(since, codes)
    reads = [*head, *_figure_reads(store, "latest_declarations", where, params,
                                   extra=_COUNTING_ID)]
    # Some seat may count a declaration other than the one shown (a correction awaiting
    # verification, as an editor sees it): its counting one read as well, in the same state.
    rows = _read_together(store, reads, lambda rows: _figure_reads(
        store, "verified_declarations", where, params) if any(
            seat[9] not in (None, seat[0]) for seat in rows[-2]) else [])  # (the seats)
    counting = _results(*rows[-2:]) if len(rows) > len(reads) else None
    seats, lines = rows[len(reads) - 2:len(reads)]
    same = {seat[1] for seat in seats if seat[9] == seat[0]}
    shown = _results(seats, lines)
    if counting is None:
        return rows[:len(head)], (shown, {code: entry for code, entry in shown.items()
                                          if code in same})
    return rows[:len(head)], (shown, {code: shown[code] if code in same else entry
                                      for code, entry in counting.items()})


def _read_together(store: Store, reads: list[tuple[str, tuple]],
                   then: Callable[[list[list]], list[tuple[str, tuple]]]) -> list[list]:
    """The rows of each read, then of the reads `then` asks for once it has them (none:
    []), all of one state of the election: on a server sent together
    (`PgStore.read_together`: one round trip, not one each and two more for the
    transaction; the reads `then` asks for, rarely, sent again with them all), on a file
    one after another in one read transaction."""
    if store.dialect == "postgresql":
        rows = store.read_together(reads)
        more = then(rows)
        return store.read_together([*reads, *more]) if more else rows
    with store.snapshot():
        rows = [store._conn.execute(sql, params).fetchall() for sql, params in reads]
        return rows + [store._conn.execute(sql, params).fetchall()
                       for sql, params in then(rows)]


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


