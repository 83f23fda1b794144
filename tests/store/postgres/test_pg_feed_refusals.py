"""A server that is there but refuses the live feed is told apart from one that cannot be
reached: the LISTEN side failing for the server's own reason (a permission, a LISTEN it
will not run, as a standby's "cannot execute LISTEN during recovery") was reported as the
server lost, or escaped as psycopg's own error."""

from __future__ import annotations

import pytest
from helpers.pg_election import SEAT

from resultsdesk.store.postgres import calls, live
from resultsdesk.store.postgres.live import ChangeListener
from resultsdesk.store.server import FeedRefused, ServerUnreachable

# A LISTEN the server refuses: its parser does (a stand-in for a standby, which refuses
# every LISTEN, or a pooler's refusal; the connection stays up either way).
REFUSED_CHANNEL = "select"
VOTES = [20_000, 15_000, 5_000]


def test_a_listen_the_server_refuses_leaves_the_counter_to_be_read(pg_election, monkeypatch):
    monkeypatch.setattr(live, "CHANNEL", REFUSED_CHANNEL)
    with ChangeListener(pg_election.url("eve"), "the test's server") as listener:
        assert listener.refused is not None
        assert listener.refused.startswith("the test's server refused the live feed: ")
        assert "syntax error" in listener.refused and "\n" not in listener.refused
        calls.declare(pg_election.connect("alice"), SEAT, VOTES, 120)
        assert listener.drain() is None  # nothing is told...
        assert listener.poll() == calls.change_seq(pg_election.admin())  # ...but it is read


def test_a_counter_read_the_server_refuses_is_not_the_server_lost(pg_election):
    editors = f"{pg_election.database}_editor"
    with ChangeListener(pg_election.url("eve"), "the test's server") as listener:
        assert listener.refused is None
        pg_election.admin().execute(f"REVOKE SELECT ON resultsdesk.change_counter FROM {editors}")
        with pytest.raises(FeedRefused) as refused:
            listener.poll()
        assert not isinstance(refused.value, ServerUnreachable)
        assert str(refused.value) == ("the test's server refused the live feed: permission "
                                      "denied for table change_counter")
        assert listener.conn.closed  # a new listener is the way back, as for a lost one
    with pytest.raises(FeedRefused, match="permission denied"):
        ChangeListener(pg_election.url("eve"))
    pg_election.admin().execute(f"GRANT SELECT ON resultsdesk.change_counter TO {editors}")
    with ChangeListener(pg_election.url("eve")) as listener:
        assert listener.refused is None


def test_a_listener_whose_server_went_is_still_unreachable(pg_election):
    listener = ChangeListener(pg_election.url("eve"))
    pg_election.admin().execute("SELECT pg_terminate_backend(%s)",
                                (listener.conn.info.backend_pid,))
    with pytest.raises(ServerUnreachable, match="lost the connection"):
        listener.wait(10)
    assert listener.conn.closed


def test_a_listen_refused_is_tried_again_and_told_once_taken(pg_election, monkeypatch):
    """A standby refuses LISTEN; promoted, it keeps the connection and would take it. The
    listener asked LISTEN once, so it was never told again (the window's "No live
    updates" bar for good): its reads try LISTEN again now and then."""
    monkeypatch.setattr(live, "CHANNEL", REFUSED_CHANNEL)
    monkeypatch.setattr(live, "RELISTEN_S", 0.0, raising=False)
    with ChangeListener(pg_election.url("eve"), "the test's server") as listener:
        assert listener.refused is not None
        assert listener.poll() is None and listener.refused is not None  # refused again
        monkeypatch.setattr(live, "CHANNEL", calls.CHANNEL)  # the server takes it now
        assert listener.poll() is None
        assert listener.refused is None
        calls.declare(pg_election.connect("alice"), SEAT, VOTES, 120)
        assert listener.wait(10) == calls.change_seq(pg_election.admin())  # told
