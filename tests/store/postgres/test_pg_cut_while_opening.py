"""A connection that breaks while it is being opened: signed in, but the server restarted,
the DBA ended it (pg_terminate_backend on the account's sessions) or the network dropped
before the desk's first reads (the schema check, who it signed in as) came back. Those
reads went up as psycopg's own error: the command line said "unexpected error:
AdminShutdown ... This is a bug in ResultsDesk", and a window's worker (the audit check,
a publish, an export, each opening a connection of its own) the same. Now it is the
desk's one line, "lost the connection to the server ...", like any other loss."""

from __future__ import annotations

import pytest
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.pg_proxy import LossyRelay

from resultsdesk.desk.session import open_desk
from resultsdesk.store.server import ServerUnreachable


@pytest.fixture
def relay(pg_cluster):
    relay = LossyRelay(pg_cluster.port)
    yield relay
    relay.close()


@pytest.mark.parametrize("first_read", ["to_regclass", "session_user"])
def test_a_connection_cut_as_it_opens_is_said_in_one_line(server, relay, first_read):
    t = server
    database = str(t.target).rsplit("/", 1)[1]
    relay.lose_reply_to(first_read)
    with pytest.raises(ServerUnreachable) as lost:
        open_desk(relay.url(t.name("alice"), t.passwords["alice"], database))
    said = str(lost.value)
    assert relay.cut.is_set()
    assert said.startswith("lost the connection to the server for "), said
    assert "\n" not in said and ":5432" not in said, said
    # and the next try, the network whole again, opens as usual
    desk = open_desk(relay.url(t.name("alice"), t.passwords["alice"], database))
    t._open.append(desk)
    assert desk.user == t.name("alice")
