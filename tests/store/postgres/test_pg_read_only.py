"""A server that takes no writes for now: a hot standby a desk's URL named (no
`target_session_attrs=read-write`), or one its administrator made read-only for
maintenance or a disk in trouble (`default_transaction_read_only`). Reads go on; a write is
refused by the server with "cannot execute UPDATE in a read-only transaction", words about
a statement inside its own functions. That went up as it was: the command line said
"unexpected error ... This is a bug in ResultsDesk" with the server's CONTEXT lines, and
a window's save a traceback. Now it is one line of the desk's, read-only, nothing saved."""

from __future__ import annotations

import pytest
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON
from helpers.team_window import database_read_only

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.errors import Cause, KnownError
from resultsdesk.domain.model import Figures


def test_a_save_on_a_read_only_server_is_one_line_and_saves_nothing(server):
    t = server
    database_read_only(t, True)
    alice = t.open("alice")
    assert dk.load_sheet(alice, HENDON).pending is None  # reads go on
    with pytest.raises(KnownError) as refused:
        dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    said = str(refused.value)
    assert refused.value.cause is Cause.READ_ONLY
    assert "read-only" in said and "nothing was saved" in said, said
    assert "\n" not in said and "CONTEXT" not in said and "UPDATE" not in said, said

    database_read_only(t, False)
    bob = t.open("bob")  # a session begun since: writes again
    dk.declare(bob, HENDON, Figures(CLEAN, 50), user=t.name("bob"))
    assert dk.load_sheet(t.open("eve"), HENDON).pending.version == 1
