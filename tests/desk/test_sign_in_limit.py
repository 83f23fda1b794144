"""The file desk's sign-in throttle (desk/sign_in_limit.py, desk/accounts.sign_in).

Five failed sign-ins in a row for one name within 15 minutes lock it out for 15 minutes:
attempts are refused without the password being checked, each refusal audited; an admin can
unlock it sooner, and a successful sign-in (audited too) starts the count afresh. The clock
is the test's: the times the store stamps on audit entries and the `now` each sign-in is
given move together, never by sleeping.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from helpers.accounts import FAST
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)

import resultsdesk.desk.local_writes as local_writes
import resultsdesk.store.database as database
from resultsdesk.desk import accounts as acc
from resultsdesk.desk import sign_in_limit as limit
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.audit_text import trail_lines
from resultsdesk.store import Store

# 23:00 in London on election night (BST): the messages tell the UK clock, not UTC's.
START = datetime(2024, 7, 4, 22, 0, tzinfo=UTC)


class Clock:
    """The wall clock of the desk and of the store's own stamps (the audit log's times)."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def iso(self) -> str:
        return self.now.isoformat(timespec="seconds")


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(database, "now_iso", fake.iso)
    monkeypatch.setattr(local_writes, "now_iso", fake.iso)
    return fake


@pytest.fixture
def store(nominations_db, clock):
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "root-password", admin=None, kdf=FAST)
        for name, role in (("carol", "desk"), ("bob", "desk"), ("dan", "desk")):
            acc.add_account(store, name, role, f"{name}-password", admin="root", kdf=FAST)
        yield store


def entries(store, since: int = 0) -> list[dict]:
    return store.query("SELECT id, user, action, entity_key, details FROM audit_log "
                       "WHERE id > ? ORDER BY id", (since,))


def last_id(store) -> int:
    return store.scalar("SELECT max(id) FROM audit_log")


def fail(store, clock: Clock, name: str, times: int, *, every: float = 60) -> None:
    """`times` wrong passwords for `name`, `every` seconds apart."""
    for _ in range(times):
        with pytest.raises(acc.SignInFailed):
            acc.sign_in(store, name, "not-the-password", now=clock(seconds=every))


@pytest.fixture
def hashed(monkeypatch) -> list[str]:
    """Whose password was checked (or the stand-in's, for an unknown name)."""
    seen: list[str] = []
    real = acc.password_matches

    def counting(row, password):
        seen.append(password)
        return real(row, password)

    monkeypatch.setattr(acc, "password_matches", counting)
    return seen


def test_five_failures_lock_the_name_out_unchecked(store, clock, hashed):
    """Alice and alice are one name: five wrong passwords under any spelling of it lock it
    out; the right password is then refused without being checked, and the refusal is
    recorded under its own action, with no password in it."""
    for spelling in ("carol", "Carol", "carol ", "CAROL", "\uff43arol"):  # a full-width c
        with pytest.raises(acc.SignInFailed):
            acc.sign_in(store, spelling, "not-the-password", now=clock(seconds=60))
    hashed.clear()
    before = last_id(store)
    with pytest.raises(acc.SignInLocked) as refused:
        acc.sign_in(store, "carol", "carol-password", now=clock(seconds=30))
    assert hashed == []  # refused before any password was checked
    # Locked at 23:05:00 BST for 15 minutes: try again at 23:20.
    assert str(refused.value) == ("Too many failed sign-ins for carol: try again at 23:20 "
                                  "(UK time), or ask an admin to unlock it.")
    new = entries(store, before)
    assert [(e["user"], e["action"], e["entity_key"]) for e in new] == [
        ("carol", "sign-in refused: locked", "carol")]
    assert json.loads(new[0]["details"]) == {"until": "2024-07-04T22:20:00+00:00"}
    assert "password" not in new[0]["details"]
    # Other names are not affected.
    assert acc.sign_in(store, "bob", "bob-password", now=clock.now).name == "bob"


def test_the_lock_ends_after_fifteen_minutes(store, clock):
    fail(store, clock, "carol", 5)
    locked_at = clock.now
    clock.now = locked_at + limit.LOCKOUT - timedelta(seconds=1)
    with pytest.raises(acc.SignInLocked):
        acc.sign_in(store, "carol", "carol-password", now=clock.now)
    clock.now = locked_at + limit.LOCKOUT
    # A lock that has ended is not renewed by one more mistake: five new ones it takes
    # (asked of the throttle, since a sign-in would start the count afresh).
    fail(store, clock, "carol", 4, every=1)
    assert limit.locked_until(store, "carol", clock.now) is None
    fail(store, clock, "carol", 1, every=1)
    with pytest.raises(acc.SignInLocked):
        acc.sign_in(store, "carol", "carol-password", now=clock(seconds=1))
    clock.now += limit.LOCKOUT
    assert acc.sign_in(store, "carol", "carol-password", now=clock.now).name == "carol"


def test_failures_older_than_the_window_do_not_count(store, clock):
    """Five failures spread over more than 15 minutes lock nothing: a sign-in after them
    works."""
    fail(store, clock, "carol", 4, every=60)
    clock(minutes=12)
    fail(store, clock, "carol", 1)  # the first of the five is now 16 minutes old
    assert limit.locked_until(store, "carol", clock(seconds=1)) is None
    fail(store, clock, "carol", 2, every=1)  # five within 15 minutes now
    with pytest.raises(acc.SignInLocked):
        acc.sign_in(store, "carol", "carol-password", now=clock(seconds=1))


def test_a_successful_sign_in_starts_the_count_afresh(store, clock):
    """Failures count in a row: carol mistypes twice, signs in, and mistypes three times
    within the same 15 minutes: not locked, she proved her password in between. Two more
    make five since her sign-in, which lock her out as any five do."""
    before = last_id(store)
    fail(store, clock, "carol", 2)
    assert acc.sign_in(store, "Carol ", "carol-password", now=clock(seconds=60)).name == "carol"
    fail(store, clock, "carol", 3)
    assert limit.locked_until(store, "carol", clock.now) is None
    fail(store, clock, "carol", 2)
    with pytest.raises(acc.SignInLocked):
        acc.sign_in(store, "carol", "carol-password", now=clock(seconds=60))
    assert [e["action"] for e in entries(store, before)] == (
        ["sign-in failed"] * 2 + ["sign in"] + ["sign-in failed"] * 5
        + ["sign-in refused: locked"])


def test_a_sign_in_is_audited_and_the_chain_holds(store, clock):
    """The entry is the account's, under its recorded name however it was typed, with no
    password in it; the chain verifies and the trail reads it as a sentence."""
    before = last_id(store)
    fail(store, clock, "carol", 1)
    acc.sign_in(store, "CAROL", "carol-password", now=clock(seconds=60))
    new = entries(store, before)
    assert [(e["user"], e["action"], e["entity_key"], e["details"]) for e in new][-1] == (
        "carol", "sign in", "carol", "{}")
    assert store.query("SELECT entity FROM audit_log WHERE id = ?",
                       (new[-1]["id"],))[0]["entity"] == "account"
    assert check_audit_chain(store).intact
    assert [line.text for line in trail_lines(store)][-2:] == [
        "carol's sign-in failed: wrong password", "carol signed in"]


def test_a_locked_name_is_refused_with_its_right_password_and_no_sign_in_recorded(
        store, clock, hashed):
    fail(store, clock, "carol", 5)
    hashed.clear()
    before = last_id(store)
    with pytest.raises(acc.SignInLocked):
        acc.sign_in(store, "carol", "carol-password", now=clock(seconds=60))
    assert hashed == []
    assert [e["action"] for e in entries(store, before)] == ["sign-in refused: locked"]


def test_an_unknown_name_is_throttled_as_a_known_one(store, clock, hashed):
    """The throttle says nothing about which names exist: an unknown name is locked after
    as many failures, with the same message and entries, and no password checked."""
    outcomes = {}
    for name in ("bob", "nobody"):
        clock.now = START
        before = last_id(store)
        fail(store, clock, name, 5)
        hashed.clear()
        with pytest.raises(acc.SignInLocked) as refused:
            acc.sign_in(store, name, "whatever-password", now=clock(seconds=1))
        assert hashed == []
        outcomes[name] = (str(refused.value).replace(name, "NAME"),
                          [(e["action"], e["details"].replace("unknown account",
                                                              "wrong password"))
                           for e in entries(store, before)])
    assert outcomes["bob"] == outcomes["nobody"]


def test_a_disabled_account_is_throttled_and_enabling_it_clears_the_lock(store, clock):
    acc.disable_account(store, "dan", admin="root")
    fail(store, clock, "dan", 5)
    with pytest.raises(acc.SignInLocked):
        acc.sign_in(store, "dan", "dan-password", now=clock(seconds=1))
    acc.enable_account(store, "dan", admin="root")
    assert acc.sign_in(store, "dan", "dan-password", now=clock(seconds=1)).name == "dan"


def test_an_admin_unlocks_a_locked_account(store, clock):
    fail(store, clock, "carol", 5)
    before = last_id(store)
    with pytest.raises(acc.RoleRefusal, match="bob is a desk account and cannot manage"):
        acc.unlock_sign_in(store, "carol", admin="bob", now=clock.now)
    with pytest.raises(acc.DeskRefusal, match="No account 'nobody' in this database"):
        acc.unlock_sign_in(store, "nobody", admin="root", now=clock.now)
    with pytest.raises(acc.DeskRefusal, match="bob is not locked out: it can sign in already"):
        acc.unlock_sign_in(store, "bob", admin="root", now=clock.now)
    assert last_id(store) == before  # refusals write nothing

    assert acc.unlock_sign_in(store, "Carol ", admin="root", now=clock(seconds=5)).name == "carol"
    assert [(e["user"], e["action"], e["entity_key"]) for e in entries(store, before)] == [
        ("root", "unlock sign-in", "carol")]
    assert acc.sign_in(store, "carol", "carol-password", now=clock(seconds=5)).name == "carol"
    # The failures before the unlock no longer count: one more does not lock her again.
    fail(store, clock, "carol", 1)
    assert acc.sign_in(store, "carol", "carol-password", now=clock(seconds=5)).name == "carol"


def test_a_lock_landing_while_the_password_is_checked_refuses_it(store, clock, nominations_db,
                                                                 monkeypatch):
    """Another desk (or a script) records the fifth failure while this attempt's password
    is being hashed: the attempt is refused, even with the right password, and with a wrong
    one no sixth failure is recorded."""
    real = acc.password_matches

    def meanwhile(row, password):
        monkeypatch.setattr(acc, "password_matches", real)
        with Store(nominations_db) as other, pytest.raises(acc.SignInFailed):
            acc.sign_in(other, "carol", "not-the-password", now=clock.now)
        return real(row, password)

    for password in ("carol-password", "wrong-password"):
        start = last_id(store)
        fail(store, clock, "carol", 4)
        monkeypatch.setattr(acc, "password_matches", meanwhile)
        with pytest.raises(acc.SignInLocked):
            acc.sign_in(store, "carol", password, now=clock.now)
        actions = [e["action"] for e in entries(store, start)]
        assert actions == ["sign-in failed"] * 5 + ["sign-in refused: locked"], password
        acc.unlock_sign_in(store, "carol", admin="root", now=clock.now)


def test_the_audit_chain_holds_and_reads_the_lock_out(store, clock):
    fail(store, clock, "carol", 5)
    with pytest.raises(acc.SignInLocked):
        acc.sign_in(store, "carol", "carol-password", now=clock(seconds=1))
    acc.unlock_sign_in(store, "carol", admin="root", now=clock(seconds=1))
    assert check_audit_chain(store).intact
    text = [line.text for line in trail_lines(store)][-2:]
    assert text[0].startswith("carol's sign-in was refused, the password unchecked: too many "
                              "failed sign-ins for carol, locked until ")
    assert text[1] == "root unlocked sign-in for carol, locked out by failed sign-ins"


def test_the_lock_is_worked_out_from_the_entries_alone():
    """`lock_from`, the rule itself: the fifth failure within the window locks until
    LOCKOUT after it; a clearing entry forgets what came before."""
    t = [START + timedelta(minutes=m) for m in range(6)]
    five = [("sign-in failed", when) for when in t[:5]]
    assert limit.lock_from(five, t[5]) == t[4] + limit.LOCKOUT
    assert limit.lock_from(five[:4], t[5]) is None
    assert limit.lock_from(five, t[4] + limit.LOCKOUT) is None
    assert limit.lock_from([*five[:4], ("unlock sign-in", t[4]), five[4]], t[5]) is None
    assert limit.lock_from([*five, ("change password", t[5])], t[5]) is None


def test_the_time_shown_is_the_first_whole_minute_after_the_lock():
    """Trying at the minute shown works; the clock is the UK's (BST in July, GMT in
    December), as everywhere else the desk tells a time."""
    assert limit.try_again_at(datetime(2024, 7, 5, 2, 46, 30, tzinfo=UTC)) == "03:47"
    assert limit.try_again_at(datetime(2024, 7, 5, 2, 46, tzinfo=UTC)) == "03:46"
    assert limit.try_again_at(datetime(2024, 12, 5, 2, 59, 1, tzinfo=UTC)) == "03:00"


def test_a_server_records_no_sign_in(server):
    """On a server the server checked the password when the connection signed in:
    `sign_in` only names the connection's account, and writes nothing."""
    desk = server.open("alice")
    before = desk.scalar("SELECT count(*) FROM audit_log")
    assert acc.sign_in(desk, server.name("alice"), "").name == server.name("alice")
    assert desk.scalar("SELECT count(*) FROM audit_log") == before


def test_a_server_has_no_lock_to_lift(server):
    """A team desk's server checks passwords itself (its DBA's auth_delay): unlocking is
    refused there, saying so, rather than pretending to lift a lock it never kept."""
    with pytest.raises(acc.DeskRefusal, match="server checks passwords itself"):
        acc.unlock_sign_in(server.open("ann"), server.name("alice"), admin=server.name("ann"))


@pytest.mark.parametrize("later", [16, 45])
def test_failures_stamped_by_a_clock_set_ahead_lock_no_longer_than_lockout(store, clock,
                                                                          later):
    """The desk PC's clock ran a day fast while carol mistyped five times, then was put
    right (NTP at last). Her lock is one of LOCKOUT from then, not one that ends only when
    the right clock reaches the wrong one's stamps: a day for a sole admin, whom nobody
    could unlock. (Her next try, `later` minutes on, finds it over, however long after.)"""
    clock(days=1)
    fail(store, clock, "carol", 5, every=1)
    clock(days=-1)  # the clock put right
    clock(seconds=1)
    with pytest.raises(acc.SignInLocked) as refused:
        acc.sign_in(store, "carol", "carol-password", now=clock.now)
    assert refused.value.until == clock.now + limit.LOCKOUT
    clock(minutes=later)
    assert acc.sign_in(store, "carol", "carol-password", now=clock.now).name == "carol"


def test_each_locked_account_is_told_with_when_its_lock_ends(store, clock):
    """What `users list` shows the admin: the accounts locked out now, each with its lock's
    end; one unlocked, one whose lock ran out and one never locked are left out."""
    fail(store, clock, "carol", 5)  # locked at 22:05 UTC, until 22:20
    carol_until = clock.now + limit.LOCKOUT
    fail(store, clock, "Dan ", 5)  # as typed, padded and capitalised: dan's lock
    dan_until = clock.now + limit.LOCKOUT
    fail(store, clock, "bob", 4)  # one short
    names = [a.name for a in acc.list_accounts(store)]
    assert limit.lock_ends(store, names, clock.now) == {"carol": carol_until,
                                                        "dan": dan_until}
    acc.unlock_sign_in(store, "dan", admin="root", now=clock.now)
    assert limit.lock_ends(store, names, clock.now) == {"carol": carol_until}
    assert limit.lock_ends(store, names, carol_until) == {}  # its lock has run out


def test_a_server_lists_no_lock(server):
    """A server keeps no lock-out (it checks passwords itself): nobody is listed locked."""
    desk = server.open("ann")
    names = [a.name for a in acc.list_accounts(desk)]
    assert limit.lock_ends(desk, names) == {}
