"""A baseline imported again replaces the one in place whole: one of fewer seats (a one-seat
file picked for the 650-seat notional one) left every other seat without a baseline and took
their gains and holds off air (303 gains went). The desk refuses it (`FewerBaselineSeatsRefusal`:
both counts and `--fewer-seats`), nothing written, unless `fewer_seats` says it is meant; the
same on a file and on a team desk's server (the desk's check, before the server's call)."""

from __future__ import annotations

import pytest
from helpers.desk_state import snapshot
from helpers.desk_target import SEATS, desk_target_fixture, trimmed  # noqa: F401  (fixture)
from helpers.locations import GE2024

from resultsdesk.desk.errors import DeskRefusal
from resultsdesk.desk.import_seats import FewerBaselineSeatsRefusal
from resultsdesk.desk.imports import import_baseline
from resultsdesk.store import repository as repo


def _state(desk) -> tuple:
    return (*snapshot(desk), repo.baseline_name(desk), repo.baseline_seats(desk))


def test_a_baseline_of_fewer_seats_is_refused_unless_asked(desk_target, tmp_path):
    desk, ann = desk_target.open("ann"), desk_target.name("ann")
    import_baseline(desk, trimmed(GE2024, tmp_path / "whole.csv"), user=ann)
    assert len(repo.baseline_seat_codes(desk)) == len(SEATS)
    one = trimmed(GE2024, tmp_path / "one.csv", SEATS[:1])
    before = _state(desk)
    with pytest.raises(FewerBaselineSeatsRefusal) as refused:
        import_baseline(desk, one, user=ann)
    refusal = refused.value
    assert isinstance(refusal, DeskRefusal)
    assert (refusal.file, refusal.seats_in_file, refusal.seats_before) == \
        ("one.csv", 1, len(SEATS))
    assert str(refusal) == (
        f"one.csv is a baseline of 1 seat that leaves out {len(SEATS) - 1} of the "
        f"{len(SEATS)} seats of the baseline it would replace: they would have no baseline, "
        "and their gains and holds would go off air; nothing imported. If that is meant, "
        "import again with --fewer-seats.")
    assert _state(desk) == before

    report = import_baseline(desk, one, user=ann, fewer_seats=True)
    assert report.constituencies == 1
    assert len(repo.baseline_seat_codes(desk)) == 1
    assert list(repo.baseline_seats(desk)) == [SEATS[0]]


def test_a_first_baseline_or_one_covering_every_seat_before_needs_no_word(desk_target,
                                                                          tmp_path):
    desk, ann = desk_target.open("ann"), desk_target.name("ann")
    assert len(repo.baseline_seat_codes(desk)) == 0
    import_baseline(desk, trimmed(GE2024, tmp_path / "two.csv", SEATS[:2]), user=ann)
    import_baseline(desk, trimmed(GE2024, tmp_path / "two-again.csv", SEATS[:2]), user=ann)
    import_baseline(desk, trimmed(GE2024, tmp_path / "all.csv"), user=ann)
    assert len(repo.baseline_seat_codes(desk)) == len(SEATS)


def test_as_many_other_seats_are_refused_too(desk_target, tmp_path):
    """The Scottish file picked for the Welsh one: no fewer seats, but others."""
    desk, ann = desk_target.open("ann"), desk_target.name("ann")
    import_baseline(desk, trimmed(GE2024, tmp_path / "two.csv", SEATS[:2]), user=ann)
    before = _state(desk)
    with pytest.raises(FewerBaselineSeatsRefusal, match=r"^other-two\.csv is a baseline "
                       r"of 2 seats that leaves out 2 of the 2 seats"):
        import_baseline(desk, trimmed(GE2024, tmp_path / "other-two.csv", SEATS[2:4]),
                        user=ann)
    assert _state(desk) == before
    import_baseline(desk, trimmed(GE2024, tmp_path / "other-two.csv", SEATS[2:4]), user=ann,
                    fewer_seats=True)
    assert sorted(repo.baseline_seats(desk)) == sorted(SEATS[2:4])
