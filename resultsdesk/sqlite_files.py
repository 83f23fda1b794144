"""The files SQLite keeps beside a database, by suffix: the write-ahead log and its
shared-memory index (WAL mode), and the rollback journal (before WAL mode is set, as on a
new file). The one list: `files` (building a database) and `store` (opening, backing up,
restoring) each take their part of it.

Like `paths.py` it belongs to no layer, and it imports nothing: opening a database for a
read (`summary`) loads it without `files` and what that brings."""

WAL, WAL_INDEX, ROLLBACK_JOURNAL = "-wal", "-shm", "-journal"
SQLITE_JOURNALS = (WAL, WAL_INDEX, ROLLBACK_JOURNAL)
