"""Two admins edit the chamber order at once, on a file or a server (`desk_target`): the one
who saves second is refused, saying who saved meanwhile and when, rather than overwriting
an order they never saw (last writer won); and on a server the server itself refuses it."""

from __future__ import annotations

import re

import pytest
from helpers.desk_target import (  # noqa: F401  (fixture)
    desk_target_fixture,
    server_fixture,
)

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import parties
from resultsdesk.desk.errors import Conflict
from resultsdesk.store import repository as repo

CHANGED = re.compile(r"(\S+) changed the chamber order at \d\d:\d\d:\d\d while you were "
                     r"editing it, so yours was not saved\.")


def _order(desk) -> list[str]:
    return [p.abbreviation for p in repo.parties(desk)]


def test_an_order_saved_meanwhile_is_not_overwritten(desk_target):
    t = desk_target
    mine, theirs = t.open("ann"), t.open("ann")  # two windows, or two admins' PCs
    started = _order(mine)  # as A's dialog opened
    parties.set_political_order(theirs, list(reversed(started)), user=t.name("ann"))
    saved = _order(theirs)
    entries = len(dk.audit_log(theirs))

    with pytest.raises(Conflict) as refused:
        parties.set_political_order(mine, started[1:] + started[:1], user=t.name("ann"),
                                    expected=started)
    said = CHANGED.fullmatch(str(refused.value))
    assert said and said[1] == t.name("ann"), str(refused.value)
    assert _order(mine) == saved and len(dk.audit_log(mine)) == entries  # nothing written

    # Made again on theirs (as the dialog reopens with it), it is saved.
    parties.set_political_order(mine, started[1:] + started[:1], user=t.name("ann"),
                                expected=saved)
    assert _order(theirs) == started[1:] + started[:1]


def test_the_server_refuses_it_when_the_desk_s_own_check_missed_it(desk_target,
                                                                   monkeypatch):
    """The other desk's save landed between this desk's read and its call: the server
    compares again under its lock (migration 60); a file's check is already under its."""
    t = desk_target
    if not t.on_server:
        pytest.skip("a file's desk checks inside its write lock")
    mine, theirs = t.open("ann"), t.open("ann")
    started = _order(mine)
    parties.set_political_order(theirs, list(reversed(started)), user=t.name("ann"))
    monkeypatch.setattr(parties, "order_changed", lambda current, expected: False)
    with pytest.raises(Conflict, match=CHANGED.pattern):
        parties.set_political_order(mine, ["Con"], user=t.name("ann"), expected=started)
    assert _order(mine) == list(reversed(started))


@pytest.mark.parametrize(("now", "changed"), [
    (["Lab", "LD", "Con"], False),
    (["Lab", "New", "LD", "Con"], False),  # a party an import added since: not theirs
    (["LD", "Lab", "Con"], True),
    (["Lab", "Con"], True),  # one gone
])
def test_what_counts_as_changed(now, changed):
    assert parties.order_changed(now, ["Lab", "LD", "Con"]) is changed
