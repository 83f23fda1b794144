"""A re-key or a rejection of an entry that stopped awaiting verification while its form
was open says what became of the version opened, on either store, and writes nothing: it
said only "Hendon has nothing awaiting verification" (the two windows' race:
tests/ui/test_ui_team_rekey_meanwhile.py). On a server the same when the other desk's
change lands between this desk's check and its call (the server's own refusal, reworded)."""

from __future__ import annotations

import pytest
from helpers.desk_state import snapshot
from helpers.desk_target import (  # noqa: F401  (fixtures)
    Team,
    desk_target_fixture,
    server_fixture,
    team_fixture,
)
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures


def _meanwhile(t, what: str) -> None:
    if what == "verified":
        dk.verify(t.ann, HENDON, user=t.name("ann"), votes=CLEAN, invalid=50)
    elif what == "withdrawn":
        dk.withdraw(t.alice, HENDON, user=t.name("alice"))
    elif what == "rejected":
        dk.reject(t.ann, HENDON, user=t.name("ann"), comment="Lab misread")
    else:
        dk.mark_recount(t.ann, HENDON, user=t.name("ann"))


FATES = [
    ("verified", "version 1 was verified by {ann} at "),
    ("withdrawn", "{alice}, who entered version 1, withdrew it."),
    ("rejected", "version 1 was sent back to {alice}'s desk."),
    ("recount", "recount 1 was called, so version 1 no longer counts."),
]


@pytest.mark.parametrize(("what", "told"), FATES)
def test_an_entry_gone_while_its_rekey_was_open_is_said_gone_and_how(team, what, told):
    t = team
    dk.declare(t.alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    opened = dk.load_sheet(t.bob, HENDON).current_version  # bob's form opens
    _meanwhile(t, what)
    before = snapshot(t.eve)
    told = told.format(ann=t.name("ann"), alice=t.name("alice"))
    with pytest.raises(dk.DeskRefusal) as verifying:
        dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=50,
                  expected_version=opened)
    with pytest.raises(dk.DeskRefusal) as rejecting:
        dk.reject(t.bob, HENDON, user=t.name("bob"), comment="x", expected_version=opened)
    for said in (str(verifying.value), str(rejecting.value)):
        assert said.startswith("Hendon has nothing awaiting verification: "), said
        assert told in said and "\n" not in said, said
    assert snapshot(t.eve) == before


def test_with_no_version_opened_the_refusal_is_as_before(team):
    with pytest.raises(dk.DeskRefusal, match=r"^Hendon has nothing awaiting verification\.$"):
        dk.verify(team.bob, HENDON, user=team.name("bob"), votes=CLEAN, invalid=50)


@pytest.mark.parametrize("action", ["verify", "reject"])
@pytest.mark.parametrize(("what", "told"), FATES)
def test_an_entry_gone_between_the_desks_check_and_the_servers_call(server, monkeypatch,
                                                                    action, what, told):
    """The other desk's change lands after bob's desk found the entry awaiting
    verification, before its call of the server's function: the server refuses (RD003),
    and bob hears what became of it, not the server's bare "nothing awaiting verification"
    (a file checks and writes under one lock: no moment in between)."""
    t = Team(server)
    dk.declare(t.alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    checked, before = dk._pending_for, []

    def then_another_desk(*args, **kwargs):
        found = checked(*args, **kwargs)  # bob's desk: version 1 awaits verification
        monkeypatch.setattr(dk, "_pending_for", checked)  # the other desk goes through
        _meanwhile(t, what)
        before.append(snapshot(t.eve))
        return found

    monkeypatch.setattr(dk, "_pending_for", then_another_desk)
    with pytest.raises(dk.DeskRefusal) as refused:
        if action == "verify":
            dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=50,
                      expected_version=1)
        else:
            dk.reject(t.bob, HENDON, user=t.name("bob"), comment="x", expected_version=1)
    said = str(refused.value)
    assert before, "the other desk's change never came"  # the server refused, not the desk
    assert type(refused.value) is dk.DeskRefusal, said
    assert said.startswith("Hendon has nothing awaiting verification: "), said
    assert told.format(ann=t.name("ann"), alice=t.name("alice")) in said, said
    assert "\n" not in said, said
    assert [snapshot(t.eve)] == before  # bob's call wrote nothing
