"""Who may run a rehearsal's clock (README, "Rehearsing the night"): on a rehearsal with
accounts, the editor running the night (and admins); the desk practises against it. Every
change of the clock (start, resume, pause, stop, jump, speed, until) by a desk account was
taken, for every window and command on the file; now it is refused, naming the role, and
writes nothing. A driver's upkeep of a clock its lost driver left (held over a gap, taken
over on opening) is no change of course and stays any account's; an open desk, no one's."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers import rehearsal as helper
from helpers.accounts import FAST
from helpers.rehearsal import WALL

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk import rehearsal_resume
from resultsdesk.store import Store

_watch_2019, watch_db = helper._watch_2019, helper.watch_db

REFUSAL = ("carol is a desk account and cannot run the rehearsal's clock: that needs an "
           "editor or an admin account.")

# Each change of the clock, at wall time WALL + 1 s, by `user`.
CLOCK = {
    "start": lambda desk, user: rh.start(desk, WALL + timedelta(seconds=1), user=user),
    "resume": lambda desk, user: rh.resume(desk, WALL + timedelta(seconds=1), user=user),
    "pause": lambda desk, user: rh.pause(desk, WALL + timedelta(seconds=1), user=user),
    "stop": lambda desk, user: rh.stop(desk, WALL + timedelta(seconds=1), user=user),
    "jump": lambda desk, user: rh.jump_to(desk, "01:00", WALL + timedelta(seconds=1),
                                          user=user),
    "speed": lambda desk, user: rh.set_speed(desk, 120, WALL + timedelta(seconds=1),
                                             user=user),
    "until": lambda desk, user: rh.set_until(desk, "04:00", WALL + timedelta(seconds=1),
                                             user=user),
}
ACTIONS = {"start": "rehearsal running", "resume": "rehearsal running",
           "pause": "rehearsal paused", "stop": "rehearsal stopped",
           "jump": "rehearsal clock set", "speed": "rehearsal speed",
           "until": "rehearsal until"}


@pytest.fixture
def team_rehearsal(watch_db):
    """The 2019 watch rehearsal with accounts: root (admin), ed (editor), carol (desk);
    ed has started the clock at WALL."""
    with Store(watch_db) as desk:
        acc.add_account(desk, "root", "admin", "root-password", admin=None, kdf=FAST)
        acc.add_account(desk, "ed", "editor", "ed-password", admin="root", kdf=FAST)
        acc.add_account(desk, "carol", "desk", "carol-password", admin="root", kdf=FAST)
        rh.start(desk, WALL, user="ed")
        yield desk


def _written(desk) -> tuple:
    """Everything a change of the clock writes: the audit log and the clock's row."""
    return (desk.scalar("SELECT count(*) FROM audit_log"),
            desk.scalar("SELECT max(id) FROM audit_log"),
            tuple(desk.query("SELECT * FROM rehearsal")[0].values()))


@pytest.mark.parametrize("change", CLOCK)
def test_a_desk_account_cannot_run_the_clock_and_nothing_is_written(team_rehearsal, change):
    desk = team_rehearsal
    before = _written(desk)
    carol = acc.find_account(desk, "carol")
    for user in ("carol", carol):  # by name (the command line) or its Account (a window)
        with pytest.raises(acc.RoleRefusal) as refused:
            CLOCK[change](desk, user)
        assert str(refused.value) == REFUSAL
        assert _written(desk) == before


def test_the_role_is_asked_before_the_clock_is_read(team_rehearsal):
    """A jump back past a seat delivered is refused for its time, but a desk account is
    refused for its role first: it learns nothing, and is told what matters."""
    desk = team_rehearsal
    rh.step(desk, WALL + timedelta(seconds=1))
    with pytest.raises(acc.RoleRefusal, match="cannot run the rehearsal's clock"):
        rh.jump_to(desk, "23:00", WALL + timedelta(seconds=2), user="carol")


@pytest.mark.parametrize("who", ["ed", "root"])
@pytest.mark.parametrize("change", CLOCK)
def test_an_editor_or_an_admin_runs_the_clock(team_rehearsal, change, who):
    desk = team_rehearsal
    before = desk.scalar("SELECT max(id) FROM audit_log")
    CLOCK[change](desk, who)
    entry = desk.query("SELECT user, action FROM audit_log WHERE id > ?", (before,))
    assert entry == [{"user": who, "action": ACTIONS[change]}]


def test_nobody_signed_in_runs_the_clock_of_a_rehearsal_with_accounts(team_rehearsal):
    desk = team_rehearsal
    before = _written(desk)
    for user in (rh.REHEARSAL_USER, "mallory", acc.open_desk_user("ed")):
        with pytest.raises(acc.DeskRefusal):
            rh.pause(desk, WALL + timedelta(seconds=1), user=user)
    acc.disable_account(desk, "ed", admin="root")
    with pytest.raises(acc.SignInFailed):
        rh.pause(desk, WALL + timedelta(seconds=1), user="ed")
    assert _written(desk)[2] == before[2]  # the clock as it was (the disabling is audited)


def test_a_stopped_clock_goes_on_when_an_editor_opens_it_not_the_desk(team_rehearsal):
    desk = team_rehearsal
    rh.stop(desk, WALL + timedelta(seconds=1), user="ed")
    before = _written(desk)
    later = WALL + timedelta(seconds=30)
    with pytest.raises(acc.RoleRefusal) as refused:
        rehearsal_resume.resume_on_opening(desk, later, user="carol")
    assert str(refused.value) == REFUSAL
    assert _written(desk) == before
    state = rehearsal_resume.resume_on_opening(desk, later, user="ed")
    assert state.state is rh.ReplayState.RUNNING


def test_any_account_keeps_a_lost_drivers_clock(team_rehearsal):
    """Upkeep, not a change of course: a running clock nobody drove for an hour is held
    where its driver left it by whichever window is back, a desk account's too (else its
    next step would deliver the whole hour at once), in that account's name."""
    desk = team_rehearsal
    rh.step(desk, WALL)
    back = WALL + timedelta(hours=1)
    held = rehearsal_resume.hold_over_gap(desk, WALL, back, user="carol")
    assert held.state is rh.ReplayState.RUNNING
    assert held.night < rh.rehearsal_state(desk, WALL).first + timedelta(hours=1)
    users = desk.query("SELECT user, action FROM audit_log ORDER BY id DESC LIMIT 2")
    assert [(e["user"], e["action"]) for e in users] == [
        ("carol", "rehearsal running"), ("carol", "rehearsal paused")]
    opened = back + timedelta(hours=1)  # and then nobody again: carol's window opens it
    state = rehearsal_resume.resume_on_opening(desk, opened, user="carol")
    assert state.state is rh.ReplayState.RUNNING and not state.has_due
    # ...but only a signed-in account: a name nobody signed in keeps nothing
    with pytest.raises(acc.SignInFailed):
        rehearsal_resume.hold_over_gap(desk, opened, opened + timedelta(hours=1),
                                       user="mallory")


def test_an_open_desk_rehearsal_lets_whoever_is_at_it_run_the_clock(watch_db):
    with Store(watch_db) as desk:
        for user in ("carol", rh.REHEARSAL_USER, acc.open_desk_user("dan")):
            rh.start(desk, WALL, user=user)
            rh.pause(desk, WALL + timedelta(seconds=1), user=user)
        users = desk.query("SELECT DISTINCT user FROM audit_log WHERE entity = 'rehearsal'")
        assert {e["user"] for e in users} == {"carol", "rehearsal", "dan"}


def test_the_role_is_asked_again_under_the_write_lock(team_rehearsal, watch_db, monkeypatch):
    """The role was asked before the clock's transaction began, and not in it: an admin
    making ed a desk account in between (another desk, another connection) was too late,
    and ed, a desk account by then, paused everyone's night. As every other write of the
    desk does, the change is decided under the lock that writes it."""
    desk = team_rehearsal
    wall = rh._wall

    def demoted_meanwhile(now):  # just before the clock's transaction begins
        monkeypatch.setattr(rh, "_wall", wall)
        with Store(watch_db) as admins_desk:
            acc.change_role(admins_desk, "ed", "desk", admin="root")
        return wall(now)

    monkeypatch.setattr(rh, "_wall", demoted_meanwhile)
    before = _written(desk)[2]
    with pytest.raises(acc.RoleRefusal, match="ed is a desk account and cannot run"):
        rh.pause(desk, WALL + timedelta(seconds=1), user="ed")
    assert _written(desk)[2] == before  # the clock as it was (the role change is audited)


def test_an_open_desk_name_is_asked_again_as_the_window_it_is(watch_db, monkeypatch):
    """Under the write lock the role was asked again of the name alone: an open desk's
    window (sam, typed, no password) whose file had its first account added in between
    (another desk: an admin named sam) acted as that admin. As everywhere else, a window
    whose file now has accounts must sign in (SignInNeeded), and nothing is written."""
    with Store(watch_db) as desk:
        rh.start(desk, WALL, user="ed")
        wall = rh._wall

        def first_account_meanwhile(now):  # just before the clock's transaction begins
            monkeypatch.setattr(rh, "_wall", wall)
            with Store(watch_db) as admins_desk:
                acc.add_account(admins_desk, "sam", "admin", "sam-password", admin=None,
                                kdf=FAST)
            return wall(now)

        monkeypatch.setattr(rh, "_wall", first_account_meanwhile)
        before = _written(desk)[2]
        with pytest.raises(acc.SignInNeeded):
            rh.pause(desk, WALL + timedelta(seconds=1), user=acc.open_desk_user("sam"))
        assert _written(desk)[2] == before  # the clock as it was
