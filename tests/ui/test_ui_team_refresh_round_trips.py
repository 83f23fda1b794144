"""The shape of a team desk window's refresh after another PC's verification, in round trips
to the server (libpq's own trace of the window's connection), never timed. Each is a wait
of the GUI thread: a regional office on a VPN waits 20-40 ms for one, and a refresh of 13
held the window ~0.5 s, many times a minute at the peak. The change number was read three
times, the account once more, the night's stamp and its parties apart, the changed seats,
their figures (in a transaction of their own: BEGIN, two reads, COMMIT) and their version
times each alone. Now: the change number with the account, the night's reads sent together
(one snapshot), the verification queue."""

from __future__ import annotations

from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.pg_trace import statements_sent
from helpers.seats import CLEAN, HENDON
from helpers.team_window import status_of, team_window

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures

MOST_ROUND_TRIPS = 3


def _refresh_after_verification(qtbot, t, short: str) -> list[str]:
    """What `short`'s window sends the server in the refresh after bob, at another PC,
    verified alice's Hendon."""
    window = team_window(qtbot, t, short)
    # psycopg prepares a statement the fifth time it is sent (one round trip, once per
    # connection): not the refresh's shape, and when it comes depends on the feed's wakes
    window.desk._pg.prepare_threshold = None
    alice, bob = t.open("alice"), t.open("bob")
    dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    window.refresh_if_changed()  # the entry: seen, not what is measured
    dk.verify(bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=50)
    with statements_sent(window.desk) as sent:
        window.refresh_if_changed()
    assert status_of(window, HENDON) == "verified"  # shown as before, in fewer trips
    assert window.queue_model.rowCount() == 0
    return sent


def test_a_refresh_after_another_pcs_verification_is_three_round_trips(qtbot, server):
    t = server
    sent = _refresh_after_verification(qtbot, t, "alice")
    assert len(sent) <= MOST_ROUND_TRIPS, "\n".join(" ".join(s.split())[:120] for s in sent)
    assert "change_counter" in sent[0] and "accounts" in sent[0]  # one question, not two
    assert sum("change_counter" in s for s in sent) == 1


def test_an_editors_refresh_is_as_short(qtbot, server):
    """An editor reads every figure (the pending ones too): the same reads, no more."""
    sent = _refresh_after_verification(qtbot, server, "eve")
    assert len(sent) <= MOST_ROUND_TRIPS, "\n".join(" ".join(s.split())[:120] for s in sent)
