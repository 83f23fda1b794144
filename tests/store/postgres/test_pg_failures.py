"""What a desk lives through on a real server: others' changes pushed to it, a client
killed in the middle of a write, the server restarted under a running desk."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import psycopg
import pytest
from helpers.pg_election import SEAT

from resultsdesk.store.postgres import calls
from resultsdesk.store.postgres.live import ChangeListener

VOTES = [20_000, 15_000, 5_000]


def test_listener_hears_each_commit_and_nothing_uncommitted(pg_election):
    with ChangeListener(pg_election.url("eve")) as listener:
        assert listener.drain() is None
        alice = pg_election.connect("alice", autocommit=False)
        calls.declare(alice, SEAT, VOTES, 120)
        assert listener.wait(0.2) is None  # NOTIFY is delivered at commit, not before
        alice.commit()
        seq = listener.wait(10)
        assert seq == calls.change_seq(alice) == listener.seq
        pg_election.connect("eve").execute("NOTIFY resultsdesk, 'not a number'")
        calls.verify(pg_election.connect("bob"), SEAT, VOTES, 120)
        verified = listener.wait(10)
        assert verified > seq
        calls.audit_note(pg_election.connect("eve"), "publish")  # no seat changed: heard too
        assert listener.wait(10) > verified


def test_a_forged_notification_silences_no_view(pg_election):
    """Any account may NOTIFY the channel with any payload: the listener believes none, but
    reads the change counter itself, so a huge forged number hides no later change."""
    with ChangeListener(pg_election.url("eve")) as listener:
        forger = pg_election.connect("bob")
        forger.execute("NOTIFY resultsdesk, '999999999'")
        alice = pg_election.connect("alice")
        calls.mark_recount(alice, SEAT)
        assert listener.wait(10) == calls.change_seq(alice) == listener.seq
        forger.execute("NOTIFY resultsdesk, '999999999'")
        forger.execute("NOTIFY resultsdesk, '-1'")
        calls.mark_recount(alice, SEAT, under_way=False)
        assert listener.wait(10) == calls.change_seq(alice)
        forger.execute("NOTIFY resultsdesk, '999999999'")  # nothing changed: nothing new
        assert listener.wait(0.2) is None


_HALF_WRITE = textwrap.dedent("""
    import sys
    import psycopg
    from resultsdesk.store.postgres import calls
    conn = psycopg.connect(sys.argv[1])  # a transaction left open, holding the write lock
    calls.declare(conn, sys.argv[2], [20000, 15000, 5000], 120)
    print("written, not committed", flush=True)
    sys.stdin.read()
""")


def test_a_client_killed_mid_write_leaves_nothing_half_done(pg_election):
    child = subprocess.Popen([sys.executable, "-c", _HALF_WRITE, pg_election.url("alice"), SEAT],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": os.getcwd()})
    try:
        assert child.stdout.readline().strip() == "written, not committed"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    bob = pg_election.connect("bob")
    bob.execute("SET lock_timeout = '20s'")  # the server ends the dead client's transaction
    assert calls.declare(bob, SEAT, VOTES, 120, expected_version=0) == 1
    rows = bob.execute("SELECT entered_by FROM declarations").fetchall()
    assert rows == [(pg_election.user("bob"),)]
    actions = bob.execute("SELECT action FROM audit_log WHERE action = 'declare'"
                          ).fetchall()
    assert actions == [("declare",)]


def test_server_restart_under_a_running_desk_loses_nothing(pg_election, pg_cluster):
    alice = pg_election.connect("alice")
    calls.declare(alice, SEAT, VOTES, 120)
    pg_cluster.restart()
    with pytest.raises(psycopg.OperationalError):  # its connection died with the server
        calls.withdraw(alice, SEAT)
    # The desk reconnects to the same URL; what was committed is there, and work goes on.
    assert calls.verify(pg_election.connect("bob"), SEAT, VOTES, 120).verified
    eve = pg_election.connect("eve")
    assert eve.execute("SELECT status FROM declarations").fetchall() == [
        ("verified",)]


def test_connections_notice_a_network_that_silently_drops(pg_election):
    """A network gone without a reset (no RST: a switch unplugged) left the listener and
    every save waiting on a connection that looked open. The desk's connections, the live
    listener's too, probe idle TCP and give up on unacknowledged data; a URL's own
    settings win. (A real silent drop needs a firewall this machine has not: the settings
    the connections were made with are what is checked.)"""
    from resultsdesk.store.postgres.store import TCP_OPTIONS, PgStore

    with PgStore(pg_election.url("alice")) as store:
        made = store._pg.info.get_parameters()
        assert {k: made.get(k) for k in TCP_OPTIONS} == TCP_OPTIONS
        listener = store.listener()
        try:
            heard = listener.conn.info.get_parameters()
            assert {k: heard.get(k) for k in TCP_OPTIONS} == TCP_OPTIONS
        finally:
            listener.close()
    with PgStore(pg_election.url("alice") + "?keepalives_idle=60") as store:
        assert store._pg.info.get_parameters().get("keepalives_idle") == "60"


def test_a_file_shut_before_the_server_was_opened_takes_no_blame(pg_election,
                                                                   nominations_db):
    """A window that opened a file found damaged, then the team server (File > Open):
    a bug met on the server was said to be that file's damage, "restore it", and never
    logged as a bug."""
    from helpers.tampering import by_hand

    from resultsdesk.desk.failures import judge
    from resultsdesk.store import Store
    from resultsdesk.store.postgres.store import PgStore

    by_hand(nominations_db, "UPDATE parties SET colour = 'notacolour'").close()
    Store(nominations_db).close()
    assert judge(TypeError("a bug")).known  # (the file, the last opened: its damage)
    with PgStore(pg_election.url("alice")):
        failure = judge(TypeError("a bug"))
    assert not failure.known and "bug in ResultsDesk" in failure.message, failure


def test_a_file_shut_just_after_the_server_was_opened_takes_no_blame(pg_election,
                                                                     nominations_db):
    """File > Open of the team server opens it first and shuts the file after (so a
    server that will not open leaves the window on the file): the file, the last opened
    of the files, was blamed for every bug met on the server, "restore it", as damage
    (a value made by hand, a table renamed, or the file upgraded by a newer ResultsDesk
    since the window left it)."""
    from helpers.tampering import by_hand

    from resultsdesk.desk.failures import judge
    from resultsdesk.store import Store
    from resultsdesk.store.postgres.store import PgStore

    old = Store(nominations_db)  # the window on the file
    with PgStore(pg_election.url("alice")):  # File > Open: the server opened first...
        old.close()  # ...then the file shut
        by_hand(nominations_db, "UPDATE parties SET colour = 'notacolour'").close()
        failure = judge(TypeError("a bug"))
    assert not failure.known and "bug in ResultsDesk" in failure.message, failure
