"""The night's first full load does each piece of work once (issue 15): the shown and the
counting declarations come from one read where they are the same declaration, and each
seat's outcome is worked out once when they are; on a file and on a server, with what a
viewer may not see still hidden. Rows, statements and calls counted, never times."""

from __future__ import annotations

import pytest
from helpers.desk_target import desk_target_fixture, sqlite_target  # noqa: F401  (fixture)
from helpers.rows_read import rows_read
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import live
from resultsdesk.desk.live import NightState
from resultsdesk.desk.summary import national_summary
from resultsdesk.desk.visibility import Viewer
from resultsdesk.domain.model import Figures, Status
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import live as sql

BEACONSFIELD, ABERAFAN = "E14001082", "W07000081"  # in the desk_target's election


@pytest.fixture
def outcomes_worked_out(monkeypatch) -> list[str]:
    """The codes of the seats `NightState` works an outcome out for, one per call."""
    calls: list[str] = []
    real = live.seat_outcome

    def counted(seat, base=None):
        calls.append(seat.code)
        return real(seat, base)

    monkeypatch.setattr(live, "seat_outcome", counted)
    return calls


def _figures_read(reads) -> list[str]:
    return [s for s, _ in reads.statements if "declaration_votes" in s]


# --- a whole verified night (the 2024 file) ------------------------------------------------

def test_first_load_of_a_verified_night_reads_each_declaration_once(night_store,
                                                                     outcomes_worked_out):
    count = night_store.scalar
    seats = count("SELECT count(*) FROM constituencies")
    lines = count("SELECT count(*) FROM declaration_votes")
    versions = count("SELECT count(*) FROM declarations")
    assert seats == versions == 650  # every seat verified, once
    night = NightState(night_store)
    with rows_read(night_store) as reads:
        night.refresh()
    assert len(_figures_read(reads)) == 1  # the candidates' lines, read once
    # The seats' flags, their declarations and their version times once each, every line
    # once, the parties and the baseline once, and a few single values: not the lines twice.
    once = (3 * seats + lines + count("SELECT count(*) FROM parties")
            + count("SELECT count(*) FROM baseline_votes"))
    assert once <= reads.rows <= once + 5
    assert sorted(outcomes_worked_out) == sorted(night.seats)  # one outcome per seat
    for seat in night.seats.values():
        assert seat.verified is seat.shown and seat.verified_outcome is seat.outcome


# --- a night in every state, on both stores ------------------------------------------------

def _mixed_night(t):
    """Hendon keyed by alice, not verified; Beaconsfield verified with alice's correction
    pending; Aberafan verified; the other seats undeclared."""
    alice, bob = t.open("alice"), t.open("bob")
    keyed = {}
    for code in (HENDON, BEACONSFIELD, ABERAFAN):
        n = len(dk.load_sheet(alice, code).candidates)
        keyed[code] = CLEAN if code == HENDON else tuple(3000 + 101 * i for i in range(n))
        dk.declare(alice, code, Figures(keyed[code], 50), user=t.name("alice"),
                   overrides=WARNING_CODES)
    for code in (BEACONSFIELD, ABERAFAN):
        assert dk.verify(bob, code, user=t.name("bob"), votes=keyed[code], invalid=50).verified
    n = len(dk.load_sheet(alice, BEACONSFIELD).candidates)
    dk.correct(alice, BEACONSFIELD, Figures(tuple(4000 + 7 * i for i in range(n)), 50),
               user=t.name("alice"), reason="misread", overrides=WARNING_CODES)
    # An editor's desk: on a server the account that may read every pending figure, so
    # what each test's Viewer hides is the app's doing alone (a desk's own account reads
    # less there: tests/desk/test_team_desk.py).
    return t.open("eve")


def test_one_read_gives_what_two_reads_gave(desk_target):
    desk = _mixed_night(desk_target)
    with rows_read(desk) as reads:
        shown, counting = sql.shown_and_counting(desk, -1)
    assert len(_figures_read(reads)) == 1
    assert shown == sql.seat_results(desk, -1, verified_only=False)
    assert counting == sql.seat_results(desk, -1, verified_only=True)
    assert list(shown) == sorted(shown) and list(counting) == sorted(counting)
    assert set(shown) == {HENDON, BEACONSFIELD, ABERAFAN}
    assert set(counting) == {BEACONSFIELD, ABERAFAN}  # the correction waits: not shown
    for code in counting:  # the same declaration, handed over once
        assert counting[code] is shown[code]


@pytest.mark.parametrize(("viewer", "hendon"), [
    (None, Status.PROVISIONAL), ("alice", Status.PROVISIONAL), ("bob", None), ("", None)])
def test_each_seat_counted_once_and_pending_figures_still_hidden(desk_target,
                                                                 outcomes_worked_out,
                                                                 viewer, hendon):
    desk = _mixed_night(desk_target)
    who = None if viewer is None else Viewer(desk_target.names.get(viewer, viewer),
                                             sees_all_provisional=False)
    night = NightState(desk) if who is None else NightState(desk, viewer=who)
    night.refresh()
    seat = night.seats[HENDON]
    assert (seat.shown.status if seat.shown else None) is hendon
    assert seat.hidden_entry_by == (None if hendon else desk_target.name("alice"))
    assert seat.verified is None and seat.verified_outcome is None
    for code in (BEACONSFIELD, ABERAFAN):
        assert night.seats[code].correction_pending is (code == BEACONSFIELD)
        assert night.seats[code].verified is night.seats[code].shown
        assert night.seats[code].shown.status is Status.VERIFIED
    declared = {BEACONSFIELD, ABERAFAN} | ({HENDON} if hendon else set())
    assert sorted(outcomes_worked_out) == sorted(declared)  # once each, none twice
    assert night.summary().declared == 2
    assert night.summary(include_provisional=True).declared == len(declared)


# --- if the shown declaration were not the counting one -------------------------------------

@pytest.fixture
def file_target(tmp_path):
    target = sqlite_target(tmp_path)
    try:
        yield target
    finally:
        target.close()


def test_a_counting_declaration_other_than_the_shown_one_is_read_as_well(file_target,
                                                                        outcomes_worked_out):
    """Should the views ever show something else than what counts (here, on a file, the
    shown view as it was before corrections: the newest entry), the one read notices it by
    id and reads the counting declarations too; the views keep both apart."""
    desk = _mixed_night(file_target)
    with desk.write():
        desk._conn.execute("DROP VIEW latest_declarations")
        desk._conn.execute(
            """CREATE VIEW latest_declarations AS
               SELECT d.* FROM declarations d
               WHERE d.status IN ('provisional', 'verified') AND d.version = (
                   SELECT MAX(v.version) FROM declarations v
                   WHERE v.constituency_id = d.constituency_id
                     AND v.status IN ('provisional', 'verified'))""")
    with rows_read(desk) as reads:
        shown, counting = sql.shown_and_counting(desk, -1)
    assert len(_figures_read(reads)) == 2
    assert shown == sql.seat_results(desk, -1, verified_only=False)
    assert counting == sql.seat_results(desk, -1, verified_only=True)
    assert shown[BEACONSFIELD][0].status is Status.PROVISIONAL  # the correction, shown
    assert counting[BEACONSFIELD][0].status is Status.VERIFIED
    night = NightState(desk)
    night.refresh()
    seat = night.seats[BEACONSFIELD]
    assert seat.verified is not seat.shown and seat.verified_outcome is not seat.outcome
    assert seat.verified_outcome.valid_votes == sum(c.votes for c in seat.verified.candidates)
    assert sorted(outcomes_worked_out) == sorted([HENDON, BEACONSFIELD, BEACONSFIELD,
                                                  ABERAFAN])


def test_the_summary_with_provisional_figures_reads_them_once(desk_target):
    desk = _mixed_night(desk_target)
    with rows_read(desk) as reads:
        summary = national_summary(desk, include_provisional=True)
    assert len(_figures_read(reads)) == 1  # shown and counting together
    assert summary.declared == 3 and national_summary(desk).declared == 2
