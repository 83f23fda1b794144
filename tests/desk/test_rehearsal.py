"""Rehearsals in watch mode: the 2019 night replayed through `step` with a fake clock, its
order, its clock (start, pause, stop, resume, jump, speed, until), and what it refuses."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta

import pytest
from helpers import rehearsal as helper
from helpers.rehearsal import (
    GAINS_2019,
    HOC_2019,
    LOSSES_2019,
    MAJORITY_2019,
    WALL,
    autumn_rehearsal,
    build,
    file_order,
    replay,
    undo_leaner_inserts_migration,
    undo_rehearsal_holders_migration,
    undo_rehearsal_migration,
)

from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_baseline, import_results
from resultsdesk.desk.live import NightState
from resultsdesk.desk.overview import rows_of
from resultsdesk.desk.publishing import feed
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain.declaration_time import moment
from resultsdesk.io.csvfile import ImportFailure
from resultsdesk.store import Store, StoreError

NEWCASTLE_CENTRAL, BLYTH_VALLEY = "E14000831", "E14000575"
_watch_2019, watch_db, watch_desk = helper._watch_2019, helper.watch_db, helper.watch_desk


def test_the_2019_night_replayed_in_watch_mode(watch_desk):
    _, constituencies, _ = rh.bundled_night()
    state = rh.rehearsal_state(watch_desk, WALL)
    assert (state.state, state.delivered, state.total) == (rh.ReplayState.READY, 0, 650)
    assert rh.step(watch_desk, WALL).delivered == ()  # nothing before the clock starts
    rh.start(watch_desk, WALL)
    delivered, end = replay(watch_desk, WALL)
    codes = [d.code for d in delivered]
    assert codes == file_order(constituencies)  # by time, the file's order within a minute
    assert codes[0] == NEWCASTLE_CENTRAL and delivered[0].clock == "23:27"
    assert BLYTH_VALLEY in codes[:3] and delivered[codes.index(BLYTH_VALLEY)].clock == "23:32"
    # speed 3600: the 15 h 25 min from 23:27 to 14:52 take 15.42 s of wall time
    assert abs(end - WALL - timedelta(hours=15, minutes=25) / 3600) < timedelta(
        microseconds=2)
    summary = national_summary(watch_desk)
    assert summary.seats == HOC_2019
    assert (summary.gains, summary.losses) == (GAINS_2019, LOSSES_2019)
    as_json = summary.to_json_dict()
    assert as_json["majority_reached"] == MAJORITY_2019
    assert as_json["rehearsal"] is True
    night = NightState(watch_desk)
    night.refresh()
    assert night.strip_data().majority_text == "Con majority reached at 05:05"
    assert night.summary().to_json_dict() == as_json  # the live views say the same
    rows = {r.code: r for r in rows_of(night)}  # the table's Declared column
    assert rows[NEWCASTLE_CENTRAL].declared_text == "23:27"
    assert rows[BLYTH_VALLEY].declared_at == "2019-12-12T23:32:00+00:00"
    assert check_audit_chain(watch_desk).intact
    rows = watch_desk.query("SELECT DISTINCT entered_by, verified_by, source, status "
                            "FROM declarations")
    assert rows == [{"entered_by": "rehearsal", "verified_by": "rehearsal",
                     "source": "import", "status": "verified"}]
    assert rh.rehearsal_state(watch_desk, end).finished


def test_a_replay_gives_what_an_import_of_the_same_files_gives(watch_desk, tmp_path):
    rh.start(watch_desk, WALL)
    replay(watch_desk, WALL)
    results, constituencies, baseline = rh.bundled_night()
    with init_election(tmp_path / "imported.db", rh.BUNDLED_NIGHT) as imported:
        import_results(imported, results, constituencies=constituencies)
        import_baseline(imported, baseline)
        expected = national_summary(imported).to_json_dict()
        declared = {r["code"]: r for r in imported.query(
            "SELECT k.code, d.declared_at, d.overrides, d.invalid_votes FROM declarations d "
            "JOIN constituencies k ON k.id = d.constituency_id")}
    got = national_summary(watch_desk).to_json_dict()
    assert (expected.pop("rehearsal"), got.pop("rehearsal")) == (False, True)
    assert got == expected
    replayed = {r["code"]: r for r in watch_desk.query(
        "SELECT k.code, d.declared_at, d.overrides, d.invalid_votes FROM declarations d "
        "JOIN constituencies k ON k.id = d.constituency_id")}
    assert replayed == declared  # times, accepted warnings, rejected ballots: the same


def test_the_plan_is_the_same_whatever_the_speed(watch_db, tmp_path):
    other = build(tmp_path / "slow.db", speed=1, mode="practise")
    query = ("SELECT s.position, k.code, s.declared_at FROM rehearsal_seats s "
             "JOIN constituencies k ON k.id = s.constituency_id ORDER BY s.position")
    with Store(watch_db) as a, Store(other) as b:
        assert a.query(query) == b.query(query)


def test_stop_and_start_continues_where_it_left_off(watch_db):
    with Store(watch_db) as desk:
        rh.start(desk, WALL)
        first, wall = replay(desk, WALL, limit=200)
        stopped = rh.stop(desk, wall)
        assert stopped.state is rh.ReplayState.STOPPED
    later = wall + timedelta(hours=5)  # five wall hours at speed 3600 would be 208 days
    with Store(watch_db) as desk:  # a new driver, as after quitting
        state = rh.rehearsal_state(desk, later)
        assert (state.night, state.delivered) == (stopped.night, len(first))
        assert rh.step(desk, later).delivered == ()  # stopped: nothing arrives
        resumed = rh.start(desk, later)
        assert resumed.night == stopped.night
        rest, _ = replay(desk, later)
        assert {d.code for d in first}.isdisjoint(d.code for d in rest)
        assert len(first) + len(rest) == 650
        assert national_summary(desk).seats == HOC_2019
        assert check_audit_chain(desk).intact


def test_a_driver_that_vanished_is_continued_from_its_last_delivery(watch_db):
    with Store(watch_db) as desk:
        rh.start(desk, WALL)
        first, _ = replay(desk, WALL, limit=50)
    # closed without stop (as if killed): the database still says running
    later = WALL + timedelta(days=2)
    with Store(watch_db) as desk:
        state = rh.start(desk, later)
        assert state.night == moment(first[-1].declared_at)
        assert rh.step(desk, later).delivered == ()  # the next one is later than that
        rest, _ = replay(desk, later)
        assert len(first) + len(rest) == 650


def test_pause_resume_jump_and_speed(watch_desk):
    rh.start(watch_desk, WALL)
    paused = rh.pause(watch_desk, WALL + timedelta(seconds=1))  # an hour of the night
    assert paused.night_text == "00:27"
    assert rh.step(watch_desk, WALL + timedelta(hours=1)).delivered  # due before the pause
    assert rh.step(watch_desk, WALL + timedelta(hours=2)).delivered == ()
    assert rh.rehearsal_state(watch_desk, WALL + timedelta(hours=3)).night_text == "00:27"
    rh.resume(watch_desk, WALL + timedelta(hours=3))
    jumped = rh.jump_to(watch_desk, "05:00", WALL + timedelta(hours=3))
    assert jumped.night.isoformat() == "2019-12-13T05:00:00+00:00"
    burst = rh.step(watch_desk, WALL + timedelta(hours=3))
    assert burst.delivered and all(moment(d.declared_at) <= jumped.night
                                   for d in burst.delivered)
    assert national_summary(watch_desk).majority_reached is None  # Con's 326th: 05:05
    with pytest.raises(rh.RehearsalRefusal, match="cannot go back to 04:00"):
        rh.jump_to(watch_desk, "04:00", WALL + timedelta(hours=3))
    slow = rh.set_speed(watch_desk, 60, WALL + timedelta(hours=3))
    assert slow.night_text == "05:00" and slow.speed == 60
    # 05:05 is five night minutes away: five wall seconds at 60
    assert slow.next_due_wall - (WALL + timedelta(hours=3)) <= timedelta(seconds=5)
    step = rh.step(watch_desk, WALL + timedelta(hours=3, seconds=5))
    assert "05:05" in {d.clock for d in step.delivered}
    assert national_summary(watch_desk).majority_reached.at == MAJORITY_2019["at"]
    with pytest.raises(rh.RehearsalRefusal, match="speed"):
        rh.set_speed(watch_desk, 0)


def test_a_step_has_work_only_when_a_seat_is_due_or_the_night_ends(watch_desk):
    """`has_due` is how the window knows to hand a step to a worker, so it must never say
    no while a step would deliver (the clock would stall) nor yes when nothing is due."""
    assert not rh.rehearsal_state(watch_desk, WALL).has_due  # not started
    rh.start(watch_desk, WALL)
    rh.pause(watch_desk, WALL)
    assert rh.rehearsal_state(watch_desk, WALL).has_due  # the first seat, at the start
    assert len(rh.step(watch_desk, WALL).delivered) == 1
    assert not rh.rehearsal_state(watch_desk, WALL).has_due
    rh.jump_to(watch_desk, "01:00", WALL)
    state = rh.rehearsal_state(watch_desk, WALL)
    assert state.has_due
    seen: list[tuple[int, int]] = []
    step = rh.step(watch_desk, WALL, progress=lambda done, due: seen.append((done, due)))
    assert len(step.delivered) > 1 and seen[-1] == (len(seen), len(seen))
    assert not step.state.has_due and not rh.rehearsal_state(watch_desk, WALL).has_due
    rh.set_until(watch_desk, "01:00", WALL)  # nothing left before the end: it ends
    assert rh.rehearsal_state(watch_desk, WALL).has_due
    assert rh.step(watch_desk, WALL).finished
    assert not rh.rehearsal_state(watch_desk, WALL).has_due


def test_start_and_until(tmp_path):
    path = build(tmp_path / "window.db", speed=3600, start="03:00", until="04:00")
    with Store(path) as desk:
        state = rh.start(desk, WALL)
        assert state.night.isoformat() == "2019-12-13T03:00:00+00:00"
        burst = rh.step(desk, WALL)  # everything before 03:00 at once
        assert burst.delivered[0].code == NEWCASTLE_CENTRAL
        assert moment(burst.delivered[-1].declared_at) <= state.night
        delivered, _ = replay(desk, WALL)
        assert all(moment(d.declared_at) <= state.until for d in delivered)
        assert moment(delivered[-1].declared_at) > state.night
        state = rh.rehearsal_state(desk, WALL)
        assert state.finished and state.delivered < state.total
        again = rh.set_until(desk, None, WALL)  # the rest of the night after all
        assert again.state is rh.ReplayState.PAUSED and again.until is None
        rh.start(desk, WALL)
        replay(desk, WALL)
        assert national_summary(desk).seats == HOC_2019


def test_the_clock_never_passes_until_or_the_last_declaration(tmp_path):
    """At speed 100,000 a second of wall time is 28 hours of the night: a step a second
    late must still finish the clock at `until`, and with no `until` at the last seat."""
    late = WALL + timedelta(seconds=1)
    path = build(tmp_path / "fast.db", speed=100_000, until="03:30")
    with Store(path) as desk:
        rh.start(desk, WALL)
        assert rh.rehearsal_state(desk, late).night_text == "03:30"  # running, not stepped
        done = rh.step(desk, late)
        assert done.finished and done.delivered
        assert all(moment(d.declared_at) <= done.state.until for d in done.delivered)
        assert done.state.night == done.state.until
        assert rh.rehearsal_state(desk, late + timedelta(hours=1)).night_text == "03:30"
        entry = desk.query("SELECT details FROM audit_log WHERE action = "
                           "'rehearsal finished'")[0]["details"]
        assert json.loads(entry)["night"] == "2019-12-13T03:30:00+00:00"
        jumped = rh.jump_to(desk, "05:00", late)  # the end of the night is the end
        assert jumped.night_text == "03:30"
    path = build(tmp_path / "whole.db", speed=100_000)
    with Store(path) as desk:
        rh.start(desk, WALL)
        done = rh.step(desk, late)
        assert done.finished and done.state.delivered == 650
        assert done.state.night == done.state.last and done.state.night_text == "14:52"


def test_until_never_sets_the_clock_back_past_a_delivered_seat(tmp_path):
    """"23:00" is polling day's evening (the first 23:00 of the night): typed as the new
    until once seats to 04:00 were on air, it set the clock back to 23:00 and said
    "finished at 23:00" with those seats delivered. Refused now, as a jump back is."""
    path = build(tmp_path / "until.db", speed=100_000, until="04:00")
    with Store(path) as desk:
        rh.start(desk, WALL)
        done = rh.step(desk, WALL + timedelta(seconds=1))
        assert done.finished and done.state.night_text == "04:00"
        for until in ("23:00", "03:00", "2019-12-12T23:00"):
            with pytest.raises(rh.RehearsalRefusal, match="already been delivered"):
                rh.set_until(desk, until, WALL)
        state = rh.rehearsal_state(desk, WALL)
        assert state.finished and state.night_text == "04:00" and state.until == done.state.until
        later = rh.set_until(desk, "05:00", WALL)  # later in the night: goes on, paused
        assert later.until.isoformat() == "2019-12-13T05:00:00+00:00"
        assert later.night_text == "04:00"


def test_start_times_of_the_night():
    from resultsdesk.domain.replay import night_time

    first = moment("2019-12-12T23:27:00+00:00")
    assert night_time("22:00", first).isoformat() == "2019-12-12T22:00:00+00:00"
    assert night_time("05:05", first).isoformat() == "2019-12-13T05:05:00+00:00"
    assert night_time("14:00", first).isoformat() == "2019-12-13T14:00:00+00:00"
    assert night_time("2019-12-13T01:00", first).isoformat() == "2019-12-13T01:00:00+00:00"
    summer = moment("2017-06-08T22:59:00+01:00")
    assert night_time("03:00", summer).isoformat() == "2017-06-09T03:00:00+01:00"
    for bad in ("25:00", "5am", ""):
        with pytest.raises(ValueError):
            night_time(bad, first)


def test_refusals_when_creating(tmp_path, watch_db):
    results, constituencies, _ = rh.bundled_night()
    with pytest.raises(StoreError, match="already exists"):
        rh.create_rehearsal(watch_db, results, constituencies)
    with pytest.raises(rh.RehearsalRefusal, match="choose watch or practise"):
        rh.create_rehearsal(tmp_path / "a.db", results, constituencies, mode="rehearse")
    with pytest.raises(rh.RehearsalRefusal, match="start: '9pm'"):
        rh.create_rehearsal(tmp_path / "a.db", results, constituencies, start="9pm")
    with pytest.raises(rh.RehearsalRefusal, match="until 01:00 is before the start 02:00"):
        rh.create_rehearsal(tmp_path / "a.db", results, constituencies, start="02:00",
                            until="01:00")
    from resultsdesk.paths import CONSTITUENCIES_2024, ELECTION_2024, data_file

    with pytest.raises(ImportFailure, match="no declaration times") as info:
        rh.create_rehearsal(tmp_path / "a.db", data_file(ELECTION_2024),
                            data_file(CONSTITUENCIES_2024))
    assert info.value.column == "Declaration time"
    assert sorted(p.name for p in tmp_path.iterdir()) == [watch_db.name]  # nothing left


def test_a_live_database_never_becomes_a_rehearsal(tmp_path):
    live = tmp_path / "live.db"
    init_election(live, "Live night").close()
    with Store(live) as desk:
        assert not rh.is_rehearsal(desk) and rh.rehearsal_state(desk) is None
        with pytest.raises(rh.RehearsalRefusal, match="not a rehearsal"):
            rh.step(desk)
    with pytest.raises(rh.RehearsalRefusal, match="live election, not a rehearsal"):
        rh.open_rehearsal(live)
    conn = sqlite3.connect(live, isolation_level=None)
    for sql in ("UPDATE election SET kind = 'rehearsal'",
                "DELETE FROM election",
                "INSERT OR REPLACE INTO election (id, name, created_at, kind) "
                "VALUES (1, 'x', 'y', 'rehearsal')"):
        with pytest.raises(sqlite3.IntegrityError, match="whole life"):
            conn.execute(sql)
    conn.close()
    with Store(live) as desk:
        assert not rh.is_rehearsal(desk)


def test_a_rehearsal_never_becomes_live(watch_db):
    conn = sqlite3.connect(watch_db, isolation_level=None)
    with pytest.raises(sqlite3.IntegrityError, match="whole life"):
        conn.execute("UPDATE election SET kind = 'live'")
    conn.execute("UPDATE election SET name = 'renamed'")  # the name may change
    conn.close()
    with Store(watch_db) as desk:
        assert rh.is_rehearsal(desk)


def test_a_rehearsal_is_declared_only_on_an_empty_database(nominations_db):
    conn = sqlite3.connect(nominations_db, isolation_level=None)
    conn.execute("DROP TRIGGER election_no_delete")  # even with the row gone...
    conn.execute("DELETE FROM election")
    with pytest.raises(sqlite3.IntegrityError, match="whole life"):
        conn.execute("INSERT INTO election (id, name, created_at, kind) "
                      "VALUES (1, 'x', 'y', 'rehearsal')")  # ...its seats are there
    conn.close()


def test_databases_from_before_rehearsals_are_live(nominations_db):
    conn = sqlite3.connect(nominations_db, isolation_level=None)
    undo_rehearsal_holders_migration(conn)  # the latest first
    undo_rehearsal_migration(conn)
    undo_leaner_inserts_migration(conn)  # the one after it
    conn.execute("PRAGMA user_version = 5")
    conn.close()
    with Store(nominations_db) as desk:
        assert desk.scalar("SELECT kind FROM election") == "live"
        assert not rh.is_rehearsal(desk)


def test_feed_and_summary_say_rehearsal(watch_desk, night_store):
    rh.start(watch_desk, WALL)
    replay(watch_desk, WALL, limit=10)
    data = feed(watch_desk, None)
    assert data["rehearsal"] is True and data["summary"]["rehearsal"] is True
    live = feed(night_store, None)
    assert live["rehearsal"] is False and live["summary"]["rehearsal"] is False
    # the 2024 files have no declaration times: no moment is made up
    assert live["summary"]["majority_reached"] is None


def test_a_seat_due_across_the_end_of_bst_is_due_at_its_moment(tmp_path):
    """At 01:05 GMT the seat declared at 01:40 BST (00:40 UTC, 25 minutes before) is due.
    The state compared two Europe/London times by their wall clocks (01:40 > 01:05), so
    the window's `has_due` said no and the seat waited until the clock read 01:40 GMT."""
    with Store(autumn_rehearsal(tmp_path)) as desk:
        rh.start(desk, WALL)
        assert [d.clock for d in rh.step(desk, WALL).delivered] == ["00:30"]
        late = WALL + timedelta(seconds=95)  # a minute a second: 95 minutes of the night
        state = rh.rehearsal_state(desk, late)
        assert state.night.isoformat() == "2023-10-29T01:05:00+00:00"
        assert state.next_due.isoformat() == "2023-10-29T01:40:00+01:00"
        assert state.has_due
        assert [d.clock for d in rh.step(desk, late).delivered] == ["01:40"]
        state = rh.rehearsal_state(desk, late)
        assert state.next_due.isoformat() == "2023-10-29T01:20:00+00:00"
        assert not state.has_due


def test_a_gap_is_held_over_only_when_nobody_drove_the_clock(watch_db):
    """`hold_over_gap`: a driver back after a gap holds the clock over it, unless another
    driver delivered meanwhile (then the clock ran for everyone, and stays as it is)."""
    from resultsdesk.desk.rehearsal_resume import hold_over_gap

    with Store(watch_db) as desk:
        rh.set_speed(desk, 1, WALL)  # the night's own pace: 30 minutes bring a few seats
        rh.start(desk, WALL)
        rh.step(desk, WALL)
        last = rh.rehearsal_state(desk, WALL)
        back = WALL + timedelta(minutes=30)
        assert hold_over_gap(desk, WALL, WALL + timedelta(seconds=30)) is None  # no gap
        rh.step(desk, back)  # another driver, the `rehearse` command, kept delivering
        assert hold_over_gap(desk, WALL, back) is None
        later = back + timedelta(hours=1)  # and then nobody, for an hour
        held = hold_over_gap(desk, back, later)
        assert held.state is rh.ReplayState.RUNNING
        assert held.night == rh.rehearsal_state(desk, back).night  # where it was left
        assert held.night > last.night
