"""On the 2017 night (23:01 to Kensington at 21:03 the next day) a bare "21:03" is polling
day's 21:03, by the documented HH:MM rule. Asked for once the night is under way (Jump to,
Deliver until, `rehearse --until` run again), it was refused as "cannot deliver only until
21:03: seats up to 09:51 have already been delivered": 21:03 read as after 09:51, and the
desk was left to work out that the next day's needs a date, though the refusal of an until
before the start already says so. Each refusal now names that form, which is taken."""

from __future__ import annotations

import pytest
from helpers.rehearsal import WALL, replay

from resultsdesk.desk import rehearsal as rh
from resultsdesk.paths import CONSTITUENCIES_2017, ELECTION_2017, data_file

HINT = "; for the next day's 21:03 give 2017-06-09T21:03"


@pytest.fixture(scope="module")
def _to_morning(tmp_path_factory):
    """The 2017 night delivered up to 09:51 (North Cornwall), Kensington still to come."""
    path = tmp_path_factory.mktemp("r2017") / "r2017.db"
    with rh.create_rehearsal(path, data_file(ELECTION_2017), data_file(CONSTITUENCIES_2017),
                             speed=100_000, until="2017-06-09T10:00") as desk:
        rh.start(desk, WALL)
        replay(desk, WALL)
        assert rh.rehearsal_state(desk).delivered == 649
    return path


@pytest.fixture
def desk(_to_morning, tmp_path):
    path = tmp_path / _to_morning.name
    path.write_bytes(_to_morning.read_bytes())
    with rh.open_rehearsal(path) as desk:
        yield desk


@pytest.mark.parametrize("change", [
    lambda desk: rh.jump_to(desk, "21:03", WALL),
    lambda desk: rh.set_until(desk, "21:03", WALL),
    lambda desk: rh.check_changes(desk, until="21:03"),
    lambda desk: rh.check_changes(desk, start="21:03"),
])
def test_a_refused_bare_time_names_the_next_days(desk, change):
    with pytest.raises(rh.RehearsalRefusal) as refused:
        change(desk)
    said = str(refused.value)
    assert said.endswith("seats up to 09:51 have already been delivered" + HINT), said
    assert rh.rehearsal_state(desk).delivered == 649  # nothing changed


def test_the_named_form_is_taken(desk):
    rh.set_until(desk, "2017-06-09T21:03", WALL)
    assert rh.rehearsal_state(desk).until is not None


def test_a_time_whose_next_day_is_off_the_night_names_none(desk):
    with pytest.raises(rh.RehearsalRefusal) as refused:
        rh.jump_to(desk, "09:00", WALL)  # the next day's 09:00 is no time of the night
    assert "next day" not in str(refused.value)


def test_a_next_days_time_already_passed_is_not_offered(desk):
    """Kensington delivered too (21:03): the next day's 21:00 would be refused in turn."""
    rh.set_until(desk, None, WALL)
    rh.start(desk, WALL)  # finished at its until, it waits, paused, for Resume
    replay(desk, WALL)
    assert rh.rehearsal_state(desk).delivered == 650
    with pytest.raises(rh.RehearsalRefusal) as refused:
        rh.jump_to(desk, "21:00", WALL)
    assert "next day" not in str(refused.value)
