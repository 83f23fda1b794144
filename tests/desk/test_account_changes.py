"""An admin re-roles or disables an account while its desk is open: the desk finds out on
its next refresh (the change it hears of) or its next action, not only when it signs in
again; on both stores (`desk_target`), and on a server what its cached account did."""

from __future__ import annotations

import pytest
from helpers.desk_target import (  # noqa: F401  (fixture)
    desk_target_fixture,
    server_fixture,
)
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.desk import session
from resultsdesk.desk.errors import StoreError
from resultsdesk.domain.model import Figures


def _signed_in(t, short: str):
    """`short` at a desk of their own, signed in, as a window holds them."""
    desk = t.open(short)
    return desk, acc.sign_in(desk, t.name(short), t.passwords[short])


def test_a_re_roled_account_is_found_so_on_the_next_refresh(desk_target):
    t = desk_target
    alice, signed = _signed_in(t, "alice")
    assert signed.role == "desk" and signed.allows(acc.Permission.DECLARE)
    acc.change_role(t.open("ann"), t.name("alice"), "editor", admin=t.name("ann"))
    session.data_version(alice)  # what a window's refresh reads first
    now = acc.account_now(alice, signed)
    assert (now.name, now.role, now.disabled) == (t.name("alice"), "editor", False)
    assert not now.allows(acc.Permission.DECLARE) and now.allows(acc.Permission.PUBLISH)
    if t.on_server:  # what every action of that desk checks first
        assert acc.server_account(alice).role == "editor"


def test_a_disabled_account_is_found_so_on_the_next_refresh(desk_target):
    """On a file the account reads as disabled (it allows nothing); on a server its
    connection has been ended and cannot sign in again, which is said as such."""
    t = desk_target
    alice, signed = _signed_in(t, "alice")
    acc.disable_account(t.open("ann"), t.name("alice"), admin=t.name("ann"))
    if t.on_server:
        with pytest.raises(StoreError, match="or the account is disabled"):
            session.data_version(alice)
        return
    session.data_version(alice)
    now = acc.account_now(alice, signed)
    assert now.disabled and not any(now.allows(p) for p in acc.Permission)
    with pytest.raises(acc.SignInFailed):
        dk.declare(alice, HENDON, Figures(CLEAN, 50), user=now)


def test_an_open_desks_typed_name_is_as_it_was(desk_target):
    t = desk_target
    typed = acc.open_desk_user("Sam")
    assert acc.account_now(t.open("alice"), typed) is typed


def test_a_server_refusal_by_role_makes_the_next_action_read_the_account_again(server):
    """alice's desk remembers the desk role it signed in with; an admin makes her an editor;
    her next declare is refused by the server (it enforces the group), and from then on her
    desk knows her as an editor, without a refresh or signing in again."""
    t = server
    alice = t.open("alice")
    assert acc.server_account(alice).role == "desk"
    acc.change_role(t.open("ann"), t.name("alice"), "editor", admin=t.name("ann"))
    with pytest.raises(acc.RoleRefusal):
        dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    assert acc.server_account(alice).role == "editor"
    with pytest.raises(acc.RoleRefusal, match="editor"):  # said by the desk now
        dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))


def test_an_account_given_a_role_acts_with_it_at_once(desk_target):
    """eve, an editor, is refused entering figures; an admin makes her a desk account and
    her next entry, on the same desk, goes in (no refresh between): on a server her desk
    had remembered the old role and refused her again by it, never asking the server
    (found by the file-against-server walk)."""
    t = desk_target
    eve = t.open("eve")
    with pytest.raises(acc.RoleRefusal):
        dk.declare(eve, HENDON, Figures(CLEAN, 50), user=t.name("eve"))
    acc.change_role(t.open("ann"), t.name("eve"), "desk", admin=t.name("ann"))
    assert dk.declare(eve, HENDON, Figures(CLEAN, 50), user=t.name("eve")).version == 1


def test_an_account_demoted_while_its_desk_is_open_is_refused_by_its_new_role(desk_target):
    """alice, a desk account, keys Hendon; an admin makes her an editor; her next action
    on the same desk is refused as an editor's, in the desk's words: on a server it was
    PostgreSQL's own, "permission denied for function withdraw" (found by the walk)."""
    t = desk_target
    alice = t.open("alice")
    dk.declare(alice, HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    acc.change_role(t.open("ann"), t.name("alice"), "editor", admin=t.name("ann"))
    with pytest.raises(acc.RoleRefusal, match=r"is an editor account") as refused:
        dk.withdraw(alice, HENDON, user=t.name("alice"), expected_version=1)
    assert "permission denied" not in str(refused.value)
    assert dk.load_sheet(t.open("eve"), HENDON).versions[-1].status == "provisional"


def test_an_editor_made_desk_staff_verifies_nothing_read_as_an_editor(desk_target):
    """eve, an editor, could read alice's Hendon figures awaiting verification; an admin
    made her a desk account to help verify, and her "blind" re-key of what she had read
    verified them. Refused now, by the desk on a file and on a server (whose own check,
    migration 71, is in test_pg_insider.py); bob verifies them, and a seat keyed after
    the change eve verifies as anyone does."""
    t = desk_target
    dk.declare(t.open("alice"), HENDON, Figures(CLEAN, 50), user=t.name("alice"))
    acc.change_role(t.open("ann"), t.name("eve"), "desk", admin=t.name("ann"))
    eve = t.open("eve")
    with pytest.raises(dk.FourEyesRefusal) as refused:
        dk.verify(eve, HENDON, user=t.name("eve"), votes=CLEAN, invalid=50)
    assert str(refused.value) == (
        f"{t.name('eve')} was an editor account while figures of Hendon awaited "
        "verification, and editors read them: a re-key of them would not be blind, so "
        "another person verifies them.")
    assert dk.verify(t.open("bob"), HENDON, user=t.name("bob"), votes=CLEAN,
                     invalid=50).verified
    dk.correct(t.open("alice"), HENDON, Figures((CLEAN[0] + 1, *CLEAN[1:]), 50), reason="RO",
               user=t.name("alice"))
    assert dk.verify(eve, HENDON, user=t.name("eve"), votes=(CLEAN[0] + 1, *CLEAN[1:]),
                     invalid=50).verified
