"""Backups are the server's job: the README's recipe (pg_dumpall --roles-only, pg_dump,
pg_restore on a fresh server, prepare) brings back the election, its accounts and an intact
audit chain, and the desks carry on."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg
import pytest
from helpers.pg_chain import check_chain
from helpers.pg_cluster import PgCluster
from helpers.pg_election import SEAT

from resultsdesk.store.postgres import calls, prepare


@pytest.fixture
def second_server(pg_cluster):
    cluster = PgCluster(pg_cluster.bindir, Path(tempfile.mkdtemp(prefix="resultsdesk-pg-",
                                                                 dir=pg_cluster.root.parent)))
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        cluster.stop("immediate")
        shutil.rmtree(cluster.root, ignore_errors=True)


def _client(cluster: PgCluster, program: str, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run([str(cluster.bindir / program), "-h", str(cluster.socket_dir), "-p",
                           str(cluster.port), "-U", "postgres", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_dump_and_restore_on_a_fresh_server(pg_election, pg_cluster, second_server, tmp_path):
    db = pg_election.database
    calls.declare(pg_election.connect("alice"), SEAT, [20_000, 15_000, 5_000], 120)
    calls.verify(pg_election.connect("bob"), SEAT, [20_000, 15_000, 5_000], 120)
    roles = _client(pg_cluster, "pg_dumpall", "--roles-only")
    dump = tmp_path / "night.dump"
    _client(pg_cluster, "pg_dump", "-Fc", "-f", str(dump), db)

    _client(second_server, "psql", "-q", "-d", "postgres", stdin=roles)
    _client(second_server, "createdb", "-T", "template0", "-E", "UTF8", "--locale=C", "-O",
            f"{db}_owner", db)
    _client(second_server, "pg_restore", "-d", db, str(dump))
    report = prepare(second_server.superuser_url(db), "Test election")
    assert report.version_before == report.version_after and not report.created_database

    bob = pg_election.user("bob")
    with psycopg.connect(second_server.url(bob, pg_election.passwords[bob], db),
                         autocommit=True) as conn:
        assert check_chain(conn) > 0
        assert calls.correct(conn, SEAT, [20_000, 15_000, 5_001], 120,
                             reason="after the restore") == 2
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM resultsdesk.audit_log")
        assert check_chain(conn) > 0
