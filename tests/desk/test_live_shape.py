"""The shape of a live update (issue 15): one verification costs the same database reads
whether the night has 650 seats or 10,000, on a file and on a server; and on the server,
as on the file (tests/store/test_live_plans.py), the change queries are planned on the
`change_seq` index, not a walk over every seat. Rows and plans, never times."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.desk_target import trimmed
from helpers.rows_read import Reads, rows_read
from helpers.sized_nights import seat_code, synthetic

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.declarations import verification_queue
from resultsdesk.desk.election import init_election
from resultsdesk.desk.graphics import as_of
from resultsdesk.desk.imports import import_candidates, import_results
from resultsdesk.desk.live import NightState
from resultsdesk.desk.session import open_desk
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import live as live_sql
from resultsdesk.store.postgres import prepare

SMALL, LARGE = 650, 10_000
MOST_ROWS = 60  # one seat of 8 candidates (once: shown and counting read together), scalars


def _fill(desk, folder: Path, seats: int, verified: int) -> Path:
    """Every seat nominated, the first `verified` declared by import; returns the file with
    every seat's figures (for picking one more)."""
    every = synthetic().write_election(folder / f"all-{seats}.csv", seats)
    import_candidates(desk, every)
    import_results(desk, trimmed(every, folder / f"first-{seats}.csv",
                                 tuple(seat_code(i) for i in range(verified))))
    return every


def _views(night: NightState, desk) -> None:
    """What the main window reads after a change, short of drawing."""
    night.refresh()
    night.summary()
    night.summary(include_provisional=True)
    night.strip_data()
    night.recount_watch()
    night.seat_chart_data(show_provisional=True)
    night.hemicycle_data(show_provisional=True)
    night.vote_share_data()
    night.provisional_count()
    as_of(night)
    verification_queue(desk)


# --- a file -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def file_nights(tmp_path_factory) -> dict[int, Path]:
    nights = {}
    for seats in (SMALL, LARGE):
        folder = tmp_path_factory.mktemp(f"night-{seats}")
        with init_election(folder / "night.db", f"Synthetic {seats}") as store:
            _fill(store, folder, seats, seats // 2)
        nights[seats] = folder / "night.db"
    return nights


def _file_update(path: Path, code: str) -> tuple[int, Reads]:
    """Rows read by the first look (the whole night) and by the views after one seat is
    declared and verified at another desk."""
    with open_desk(path) as desk, open_desk(path) as other:
        night = NightState(desk)
        with rows_read(desk) as first:
            _views(night, desk)
        votes = [1000 + 7 * i for i in range(len(dk.load_sheet(other, code).candidates))]
        dk.declare(other, code, user="alice", figures=Figures(votes, 10),
                   overrides=WARNING_CODES)
        _views(night, desk)  # the provisional entry: seen, not what is measured
        dk.verify(other, code, user="bob", votes=None)
        with rows_read(desk) as update:
            _views(night, desk)
        assert night.seats[code].verified is not None
    return first.rows, update


def test_one_verification_reads_the_same_rows_at_650_and_10000_seats(file_nights):
    first_small, small = _file_update(file_nights[SMALL], seat_code(SMALL - 1))
    first_large, large = _file_update(file_nights[LARGE], seat_code(LARGE - 1))
    assert first_large > LARGE > first_small  # the counter sees a whole night's load
    assert small.rows == large.rows <= MOST_ROWS
    assert len(small.statements) == len(large.statements)


# --- a server ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server_nights(pg_cluster, tmp_path_factory) -> dict[int, tuple[str, Path]]:
    """Two elections on the server; the administrator imports (a server checks the four
    eyes by account: a verification by import stands in for one here)."""
    nights = {}
    for seats in (SMALL, LARGE):
        folder = tmp_path_factory.mktemp(f"server-{seats}")
        url = pg_cluster.superuser_url(f"rd_shape_{seats}")
        prepare(url, f"Synthetic {seats}")
        with open_desk(url) as desk:
            every = _fill(desk, folder, seats, seats // 2)
            desk._execute("ANALYZE")  # as autovacuum would after an import this size
        nights[seats] = (url, every)
    return nights


def _server_update(url: str, every: Path, code: str, folder: Path) -> Reads:
    with open_desk(url) as desk, open_desk(url) as other:
        night = NightState(desk)
        _views(night, desk)
        import_results(other, trimmed(every, folder / f"{code}.csv", (code,)))
        with rows_read(desk) as update:
            _views(night, desk)
        assert night.seats[code].verified is not None
    return update


def test_one_verification_on_a_server_reads_the_same_rows(server_nights, tmp_path):
    small = _server_update(*server_nights[SMALL], seat_code(SMALL - 1), tmp_path)
    large = _server_update(*server_nights[LARGE], seat_code(LARGE - 1), tmp_path)
    assert small.rows == large.rows <= MOST_ROWS
    assert len(small.statements) == len(large.statements)


def test_server_change_queries_use_the_change_index(server_nights, tmp_path):
    url, every = server_nights[LARGE]
    code = seat_code(LARGE - 2)
    with open_desk(url) as desk, open_desk(url) as other:
        night = NightState(desk)
        night.refresh()
        import_results(other, trimmed(every, tmp_path / "one.csv", (code,)))
        with rows_read(desk) as update:
            night.refresh()
        changes = [(sql, params) for sql, params in update.statements
                   if "k.change_seq > " in sql]  # (the parties are a few rows: any plan)
        assert len(changes) >= 4  # the seats, their declarations, the lines, version times
        for sql, params in changes:
            plan = [r[0] for r in desk._execute("EXPLAIN " + sql, params)]
            assert "constituencies_by_change" in "\n".join(plan), "\n".join(plan)
            assert _whole_tables_read(plan) <= {"parties"}, "\n".join(plan)


def _whole_tables_read(plan: list[str]) -> set[str]:
    """The tables a plan reads whole: a sequential scan, or an index scan with no
    condition (walking an index end to end, as a join into a security-barrier view did).
    The parties are a few rows: any plan."""
    whole = set()
    for i, line in enumerate(plan):
        scan = re.search(r"(Seq Scan|Index Scan|Index Only Scan)(?: Backward)?"
                         r"(?: using \S+)? on (\w+)", line)
        if scan is None:
            continue
        if scan[1] == "Seq Scan":
            whole.add(scan[2])
            continue
        depth = len(line) - len(line.lstrip(" ->"))
        details = []
        for after in plan[i + 1:]:
            if len(after) - len(after.lstrip(" ")) <= depth or after.lstrip().startswith("->"):
                break
            details.append(after)
        if not any("Index Cond" in d for d in details):
            whole.add(scan[2])
    return whole


def test_reading_every_seat_on_a_server_compares_no_seat_with_every_other(server_nights):
    """The window's first look and the summary read every seat. On a server the seats'
    views were planned as a loop of every seat over every declaration (migration 46 made
    them anti-joins): at 650 seats 211,000 rows compared and thrown away, at 10,000 some
    fifty million. Counted by the server (EXPLAIN ANALYZE), which no load moves."""
    for seats, (url, _) in server_nights.items():
        with open_desk(url) as desk:
            every, params = live_sql._seats(-1, None)
            for view in ("verified_declarations", "latest_declarations"):
                plan = "\n".join(r[0] for r in desk._execute(
                    "EXPLAIN ANALYZE " + live_sql._SEATS.format(view=view, extra="",
                                                                seats=every), params))
                thrown_away = sum(int(n) for n in re.findall(
                    r"Rows Removed by Join Filter: (\d+)", plan))
                assert thrown_away <= seats, plan
