"""The shape of a results import on a team server (not its time): the rows it reads by
sequential scans grow as the seats it imports, not as their square. Counted by the server
(pg_stat_user_tables.seq_tup_read), which no load moves.

A 50,000-seat night's nominations, then the results of half its seats, on a server: 592 s,
where a file takes 14 s (5,000 seats: 34 s, against 2.6 s). Each seat's audit entry found
the newest entry by reading the whole audit log (`rd_audit_chain`, `rd_audit_in_order`:
"ORDER BY id DESC LIMIT 1", planned once per connection while the election's log was a
few rows, a sequential scan kept for the rest of the import), and the seat's own rows were
looked up the same way in `declarations` and `declaration_votes` (`rd_audit_as_stored`,
the import's supersede and `rd_latest`, planned while those tables were empty): every seat
read every row written before it. 1,250 and 5,000 seats of a 10,000-seat night read
8.7 and 138 million rows of `declarations`, 1.6 and 25 million of `audit_log`."""

from __future__ import annotations

import itertools

import psycopg
from helpers.sized_nights import seat_code, synthetic

from resultsdesk.desk.imports import import_candidates, import_results
from resultsdesk.desk.session import open_desk
from resultsdesk.store.postgres import prepare

SMALL, LARGE = 100, 400
_numbers = itertools.count(1)


def _rows_scanned(admin_url: str) -> dict[str, int]:
    """Rows read by sequential scans of each of the election's tables so far."""
    with psycopg.connect(admin_url) as conn:
        return dict(conn.execute(
            "SELECT relname, seq_tup_read FROM pg_stat_user_tables "
            "WHERE schemaname = 'resultsdesk'").fetchall())


def _flushed(desk) -> None:
    """The desk's session's statistics put into the server's shared memory before it
    closes: a backend flushes them at most once a second while it works, and as it exits,
    which a client's close does not wait for, so a read from another connection straight
    after could miss the last of them (PostgreSQL 15: flushed as the call returns)."""
    desk._execute("SELECT pg_stat_force_next_flush()")


def _planned_by_the_imports_alone(admin_url: str) -> None:
    """No autovacuum on the election's tables: its sampling of what an earlier import
    committed (the nominations, the change counter) came at a moment of its own, between
    the two sizes' imports or not, and moved their lookups from a sequential scan to the
    index or back (a one-row counter read 0 rows by scans at 100 seats and 804 at 400, in
    one run in several). The imports' own sampling (migrations 47 and 66) is what is
    tested, and then the only sampling there is."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        tables = [name for (name,) in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'resultsdesk'").fetchall()]
        for table in tables:
            conn.execute(f'ALTER TABLE resultsdesk."{table}" SET (autovacuum_enabled = false)')


def _import_scans(pg_cluster, tmp_path, seats: int) -> dict[str, int]:
    """Rows the import of `seats` seats' results read by sequential scans, table by table,
    into a new election holding their nominations (as a desk sets its night up)."""
    every = synthetic().write_election(tmp_path / f"night-{seats}.csv", seats)
    admin_url = pg_cluster.superuser_url(f"rd_import_shape_{next(_numbers)}")
    prepare(admin_url, f"Synthetic {seats}")
    _planned_by_the_imports_alone(admin_url)
    with open_desk(admin_url) as desk:
        import_candidates(desk, every)
        _flushed(desk)
    before = _rows_scanned(admin_url)
    with open_desk(admin_url) as desk:
        import_results(desk, every)
        assert seat_code(seats - 1) in {r[0] for r in desk._conn.execute(
            "SELECT code FROM resultsdesk.constituencies").fetchall()}
        _flushed(desk)
    after = _rows_scanned(admin_url)
    return {table: after[table] - before.get(table, 0) for table in after}


def test_an_import_reads_no_row_again_for_each_seat_after_it(pg_cluster, tmp_path):
    small = _import_scans(pg_cluster, tmp_path, SMALL)
    large = _import_scans(pg_cluster, tmp_path, LARGE)
    grows = LARGE / SMALL
    # A read of every row per seat grows as the square: 16 times the rows for 4 times the
    # seats. Linear work (a table read once or a few times) grows 4 times.
    squared = {table: (small[table], large[table]) for table in large
               if large[table] > 2 * grows * max(small.get(table, 0), SMALL)}
    assert not squared, squared
