"""Counting what a store hands back: every row its queries return, on SQLite or PostgreSQL,
for tests of the *shape* of work (a live update reads the changed seats' rows, however big
the night), never of its time; and the statements, to EXPLAIN.

The count wraps the one path every read takes: `Store._conn` on a file (what `query`,
`scalar` and the read modules call), `PgStore._execute` on a server.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Reads:
    rows: int = 0
    statements: list[tuple[str, tuple]] = field(default_factory=list)  # (sql, parameters)
    # On a file: each executemany, and each `insert_many` (its statements of many rows
    # each, folded into one), as (sql, how many rows of parameters it was given); the sql
    # of an `insert_many` is written for one row.
    batches: list[tuple[str, int]] = field(default_factory=list)
    _open_batch: str | None = None  # the insert_many whose statements are being sent


# `store.database.insert_many`'s statements: 'INSERT INTO "table" (columns) VALUES (?, ...),
# (?, ...)', the one statement made with a quoted table name.
_INSERT_MANY = re.compile(r'(INSERT INTO "\w+" \((.*?)\) VALUES \([?, ]*\))')


class _Cursor:
    def __init__(self, cursor: Any, reads: Reads) -> None:
        self._cursor, self._reads = cursor, reads

    @property
    def description(self) -> Any:
        return self._cursor.description

    def fetchall(self) -> list:
        rows = self._cursor.fetchall()
        self._reads.rows += len(rows)
        return rows

    def fetchone(self) -> Any:
        row = self._cursor.fetchone()
        self._reads.rows += row is not None
        return row

    def __iter__(self) -> Iterator:
        for row in self._cursor:
            self._reads.rows += 1
            yield row


class _Connection:
    def __init__(self, conn: Any, reads: Reads) -> None:
        self._conn, self._reads = conn, reads

    def execute(self, sql: str, params: Any = ()) -> _Cursor:
        many = _INSERT_MANY.match(sql)
        if many is None:
            self._reads._open_batch = None
            self._reads.statements.append((sql, tuple(params)))
        else:  # a statement of rows of an insert_many: counted in its batch
            one, columns = many.groups()
            rows = len(params) // (columns.count(",") + 1)
            batches = self._reads.batches
            if self._reads._open_batch == one:
                batches[-1] = (one, batches[-1][1] + rows)
            else:
                batches.append((one, rows))
            self._reads._open_batch = one
        return _Cursor(self._conn.execute(sql, params), self._reads)

    def executemany(self, sql: str, rows: Any) -> Any:
        rows = list(rows)
        self._reads._open_batch = None
        self._reads.batches.append((sql, len(rows)))
        return self._conn.executemany(sql, rows)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


@contextmanager
def rows_read(store: Any) -> Iterator[Reads]:
    """Inside the block, `reads.rows` counts the rows the store's queries returned,
    `reads.statements` lists what was sent and (on a file) `reads.batches` each
    executemany."""
    reads = Reads()
    pg = sys.modules.get("resultsdesk.store.postgres.store")
    if pg is not None and isinstance(store, pg.PgStore):
        execute = store._execute

        def counted(sql: str, params: Any = ()) -> _Cursor:
            reads.statements.append((sql, tuple(params)))
            return _Cursor(execute(sql, params), reads)

        store._execute = counted
        try:
            yield reads
        finally:
            del store._execute
    else:
        conn = store._conn
        store._conn = _Connection(conn, reads)
        try:
            yield reads
        finally:
            store._conn = conn
