"""The PostgreSQL store's tests: a throw-away server cluster (initdb as the postgres user, on a
free port) started once per session, and an election prepared on it per test. Without server
binaries these tests skip, saying why (CI refuses to pass that way: .ci/run)."""

from __future__ import annotations

from helpers.pg_cluster import pg_cluster  # noqa: F401  (fixture: throw-away PostgreSQL)
from helpers.pg_election import pg_election  # noqa: F401  (fixture: a prepared election)
