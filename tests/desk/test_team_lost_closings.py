"""A reject, a withdrawal or a recount mark whose reply the network lost, on a team desk's
server: the server committed it, the desk heard "saved whole or not at all". Sent again,
it was refused, accurately but unhelpfully ("Hendon has nothing awaiting verification",
"no provisional entry to withdraw", "recount 1 is already under way", "no recount under
way"): nothing said whether the first attempt had counted. Sent again as a retry (the form
or window that was told so, the command line), the person's own action already there is
done, once, and the desk can say when it was saved."""

from __future__ import annotations

import psycopg
import pytest
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.pg_proxy import LossyRelay
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.errors import StoreError
from resultsdesk.desk.session import open_desk
from resultsdesk.domain.model import Figures

LOST = "saved whole or not at all"


@pytest.fixture
def relay(pg_cluster):
    relay = LossyRelay(pg_cluster.port)
    yield relay
    relay.close()


def _through(relay: LossyRelay, t, short: str):
    database = str(t.target).rsplit("/", 1)[1]
    desk = open_desk(relay.url(t.name(short), t.passwords[short], database))
    t._open.append(desk)
    return desk


def _audit(t, action: str) -> int:
    with psycopg.connect(str(t.admin_target), autocommit=True) as conn:
        return conn.execute("SELECT count(*) FROM resultsdesk.audit_log WHERE action = %s",
                            (action,)).fetchone()[0]


def test_a_withdrawal_whose_reply_was_lost_is_reported_saved_when_sent_again(server, relay):
    t = server
    alice = _through(relay, t, "alice")
    dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    opened = dk.load_sheet(alice, HENDON).current_version
    relay.lose_reply_to("resultsdesk.withdraw")
    with pytest.raises(StoreError, match=LOST):
        dk.withdraw(alice, HENDON, user=t.name("alice"), expected_version=opened)
    assert relay.cut.is_set() and _audit(t, "withdraw") == 1

    with pytest.raises(dk.DeskRefusal, match="no provisional entry to withdraw"):
        dk.withdraw(alice, HENDON, user=t.name("alice"), expected_version=opened)  # no retry
    landed = []
    again = dk.withdraw(alice, HENDON, user=t.name("alice"), expected_version=opened,
                        retry=True, on_landed=landed.append)
    assert (again.version, again.status.value) == (opened, "withdrawn")
    again = dk.withdraw(alice, HENDON, user=t.name("alice"), retry=True)  # the command line
    assert again.version == opened and _audit(t, "withdraw") == 1
    said = landed[0].says()
    assert said.startswith("Your withdrawal of Hendon was saved (version 1, at ")
    assert said.endswith("): nothing more to do.")


def test_a_rejection_whose_reply_was_lost_is_reported_saved_when_sent_again(server, relay):
    t = server
    dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    bob = _through(relay, t, "bob")
    opened = dk.load_sheet(bob, HENDON).current_version
    relay.lose_reply_to("resultsdesk.reject")
    with pytest.raises(StoreError, match=LOST):
        dk.reject(bob, HENDON, user=t.name("bob"), comment="Lab misread",
                  expected_version=opened)
    assert relay.cut.is_set() and _audit(t, "reject") == 1

    with pytest.raises(dk.DeskRefusal, match="nothing awaiting verification"):
        dk.reject(bob, HENDON, user=t.name("bob"), comment="Lab misread",
                  expected_version=opened)
    landed = []
    again = dk.reject(bob, HENDON, user=t.name("bob"), comment="Lab misread",
                      expected_version=opened, retry=True, on_landed=landed.append)
    assert (again.version, again.status.value) == (opened, "rejected")
    assert _audit(t, "reject") == 1
    assert landed[0].says().startswith(
        "Your rejection of Hendon was saved (version 1, at ")
    # ann rejected nothing: her retry is refused as before, not reported done
    with pytest.raises(dk.DeskRefusal, match="nothing awaiting verification"):
        dk.reject(t.open("ann"), HENDON, user=t.name("ann"), comment="x",
                  expected_version=opened, retry=True)


def test_a_recount_mark_whose_reply_was_lost_is_done_once_when_sent_again(server, relay):
    t = server
    alice = _through(relay, t, "alice")
    relay.lose_reply_to("resultsdesk.mark_recount")
    with pytest.raises(StoreError, match=LOST):
        dk.mark_recount(alice, HENDON, user=t.name("alice"))
    with pytest.raises(dk.DeskRefusal, match="already under way"):
        dk.mark_recount(alice, HENDON, user=t.name("alice"))
    landed = []
    sheet = dk.mark_recount(alice, HENDON, user=t.name("alice"), retry=True,
                            on_landed=landed.append)
    assert (sheet.recount_under_way, sheet.current_count) == (True, 1)
    assert _audit(t, "recount under way") == 1
    assert landed.pop().says().startswith(
        "Your recount call of Hendon was saved (at ")
    # bob calling it too is the double call the desk refuses, retry or not
    with pytest.raises(dk.DeskRefusal, match="already under way"):
        dk.mark_recount(t.open("bob"), HENDON, user=t.name("bob"), retry=True)

    relay.lose_reply_to("resultsdesk.mark_recount")
    with pytest.raises(StoreError, match=LOST):
        dk.mark_recount(alice, HENDON, user=t.name("alice"), under_way=False)
    with pytest.raises(dk.DeskRefusal, match="no recount under way"):
        dk.mark_recount(alice, HENDON, user=t.name("alice"), under_way=False)
    sheet = dk.mark_recount(alice, HENDON, user=t.name("alice"), under_way=False, retry=True,
                            on_landed=landed.append)
    assert not sheet.recount_under_way and _audit(t, "recount ended") == 1
    assert landed.pop().says().startswith(
        "Your end of the recount of Hendon was saved (at ")


def test_a_recount_whose_figures_stand_is_called_again_even_on_a_retry(nominations_store):
    """Once a recount's figures are entered, a call is a new recount, retry or not."""
    desk = nominations_store
    dk.mark_recount(desk, HENDON, user="alice")
    dk.declare(desk, HENDON, Figures(CLEAN, 50), user="alice")
    landed = []
    sheet = dk.mark_recount(desk, HENDON, user="alice", retry=True, on_landed=landed.append)
    assert sheet.current_count == 2 and not landed
