"""A save whose reply the network lost, on a team desk's server: the server committed it,
the desk heard only that the connection went ("saved whole or not at all"). The person
saves again, as the window tells them, with the form still holding what they typed: the
desk finds their own save already there and reports it done, once, instead of refusing it
as a change by "someone else" or "nothing awaiting verification" (which left them unsure
whether their verification counted). Nothing is ever recorded twice."""

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


def test_a_verification_whose_reply_was_lost_is_reported_done_when_saved_again(server,
                                                                              relay):
    t = server
    dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    bob = _through(relay, t, "bob")
    opened = dk.load_sheet(bob, HENDON).current_version  # the form, as bob opened it
    relay.lose_reply_to("resultsdesk.verify")
    with pytest.raises(StoreError, match="saved whole or not at all"):
        dk.verify(bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=50,
                  expected_version=opened)
    assert relay.cut.is_set() and _audit(t, "verify") == 1  # the server did verify it

    # the same figures from another PC, not a retry: refused as before (no lost reply there)
    with pytest.raises(dk.DeskRefusal, match="nothing awaiting verification"):
        dk.verify(t.open("bob"), HENDON, user=t.name("bob"), votes=CLEAN, invalid=50,
                  expected_version=opened)
    again = dk.verify(bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=50,
                      expected_version=opened, retry=True)  # the form, after the StoreError
    assert again.verified and again.version.version == opened
    assert again.version.verified_by == t.name("bob")
    assert _audit(t, "verify") == 1  # once

    # other figures typed since: not his verification, so not reported as done
    with pytest.raises(dk.DeskRefusal, match="nothing awaiting verification"):
        dk.verify(bob, HENDON, user=t.name("bob"), votes=(1, *CLEAN[1:]), invalid=50,
                  expected_version=opened, retry=True)


def test_a_declaration_whose_reply_was_lost_is_reported_saved_when_saved_again(server,
                                                                               relay):
    t = server
    alice = _through(relay, t, "alice")
    opened = dk.load_sheet(alice, HENDON).current_version
    relay.lose_reply_to("resultsdesk.declare")
    with pytest.raises(StoreError, match="saved whole or not at all"):
        dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"),
                   expected_version=opened)
    assert relay.cut.is_set() and _audit(t, "declare") == 1

    # not a retry: refused, as her own change from elsewhere (not "someone else")
    with pytest.raises(dk.Conflict, match=r"changed since you opened it, by you \("):
        dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"),
                   expected_version=opened)
    again = dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"),
                       expected_version=opened, retry=True)
    assert (again.version, again.status.value, again.entered_by) == (
        1, "provisional", t.name("alice"))
    assert _audit(t, "declare") == 1 and len(dk.load_sheet(alice, HENDON).versions) == 1

    # bob's entry is someone else's change, whatever its figures
    with pytest.raises(dk.Conflict, match="changed by someone else"):
        dk.declare(t.open("bob"), HENDON, Figures(CLEAN, 50), user=t.name("bob"),
                   expected_version=opened, retry=True)


def test_a_lot_whose_reply_was_lost_is_recorded_once_when_drawn_again(server, relay):
    """alice records the returning officer's lot on her tied figures; the reply is lost
    ("saved whole or not at all: reload and check before saving again") and she records
    it again from Declaration > Decide tie, as the window lets her. That made a second lot
    version, the same draw twice in the history and the audit log; now the lot already
    there, hers, with that winner and note, is reported done, once. Another winner (or
    another note) is a new version, as before."""
    from helpers.seats import TIED

    t = server
    alice = _through(relay, t, "alice")
    dk.declare(alice, HENDON, Figures(TIED, 50), user=t.name("alice"), overrides=["tie"])
    sheet = dk.load_sheet(alice, HENDON)
    con, lab = sheet.candidates[3], sheet.candidates[6]
    relay.lose_reply_to("resultsdesk.decide_tie")
    with pytest.raises(StoreError, match="saved whole or not at all"):
        dk.decide_tie(alice, HENDON, user=t.name("alice"), winner_id=con.id, note="drawn")
    assert relay.cut.is_set() and _audit(t, "decide tie by lot") == 1

    again = dk.decide_tie(alice, HENDON, user=t.name("alice"), winner_id=con.id,
                          note=" drawn ")
    assert (again.version, again.kind.value, again.tie_winner_id) == (2, "lot", con.id)
    assert _audit(t, "decide tie by lot") == 1
    assert [v.kind.value for v in dk.load_sheet(alice, HENDON).versions] == [
        "declaration", "lot"]

    other = dk.decide_tie(alice, HENDON, user=t.name("alice"), winner_id=lab.id,
                          note="drawn")
    assert (other.version, other.tie_winner_id) == (3, lab.id)
    assert _audit(t, "decide tie by lot") == 2
