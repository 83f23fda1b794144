"""The audit chain's rows are read lazily (`audit_chain.chain_rows`), so a command stopped
while it checks the chain (SIGTERM from `timeout` or a service manager, Ctrl+C: `export`
checks after writing, `restore` before) leaves the generator part-read. The store is closed
as the stop unwinds; Python closes the generator later, at exit. Closing it then must raise
nothing: it printed "Exception ignored in: <generator object chain_rows …> Traceback …
sqlite3.ProgrammingError: Cannot operate on a closed database." under the command's own
"terminated" line, a traceback in a cron job's mail."""

from __future__ import annotations

import sqlite3

from resultsdesk.store import audit_chain


def test_rows_part_read_when_the_database_closes_close_quietly(night_db):
    conn = sqlite3.connect(night_db)
    rows = audit_chain.chain_rows(conn)
    assert next(rows)[0] == 1
    conn.close()  # the stop unwinding: the store closed first
    rows.close()  # then Python finalising the generator


def test_rows_still_read_whole(night_db):
    conn = sqlite3.connect(night_db)
    try:
        ids = [row[0] for row in audit_chain.chain_rows(conn)]
    finally:
        conn.close()
    assert ids == sorted(ids) and len(ids) > 1
