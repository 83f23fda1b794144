"""The SQLite store's tests: schema, transactions, the append-only audit log and its chain,
backups, migrations and the database files it refuses. The 2024 night and nominations files
(night_db, nominations_db and their open stores) come from the top conftest; the PostgreSQL
store's tests and their server fixtures are in postgres/."""
