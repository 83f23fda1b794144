"""The desk's one rule for seats an import would add (desk/import_seats.py), the same on a
file and on a team desk's server: into an election that has seats, refused
(`NewSeatsRefusal`, what a front end needs to ask: the seats, how many before, how many in
the file) with nothing written, unless `add_seats`; a new, empty election takes them."""

from __future__ import annotations

import pytest
from helpers.desk_state import snapshot
from helpers.desk_target import (  # noqa: F401  (fixtures)
    SEATS,
    desk_target_fixture,
    server_fixture,
    trimmed,
)

from resultsdesk.desk import imports
from resultsdesk.desk.errors import DeskRefusal
from resultsdesk.desk.import_seats import NewSeatsRefusal
from resultsdesk.desk.imports import import_candidates, import_results
from resultsdesk.paths import ELECTION_2024, data_file

EXTRA = ("E14001063", "E14001064")  # two 2024 seats the small election lacks


def _seats(desk) -> int:
    return desk.scalar("SELECT count(*) FROM constituencies")


@pytest.mark.parametrize("read", [import_candidates, import_results])
def test_seats_the_election_lacks_are_refused_unless_asked(desk_target, tmp_path, read):
    desk, ann = desk_target.open("ann"), desk_target.name("ann")
    path = trimmed(data_file(ELECTION_2024), tmp_path / "more.csv", (*SEATS, *EXTRA))
    before = snapshot(desk), _seats(desk)
    with pytest.raises(NewSeatsRefusal) as refused:
        read(desk, path, user=ann)
    refusal = refused.value
    assert refusal.seats_before == len(SEATS) and refusal.seats_in_file == len(SEATS) + 2
    assert [seat.split()[0] for seat in refusal.new_seats] == list(EXTRA)
    assert not refusal.looks_like_another_election  # 2 new beside 5 known
    assert str(refusal).startswith(f"more.csv would add 2 seats to the {len(SEATS)} already "
                                   f"in the election ({EXTRA[0]} ")
    assert (snapshot(desk), _seats(desk)) == before

    report = read(desk, path, user=ann, add_seats=True)
    assert report.new_seats == refusal.new_seats
    assert _seats(desk) == len(SEATS) + 2


def test_a_file_of_mostly_other_seats_looks_like_another_elections(desk_target, tmp_path):
    desk, ann = desk_target.open("ann"), desk_target.name("ann")
    path = trimmed(data_file(ELECTION_2024), tmp_path / "other.csv", (SEATS[0], *EXTRA))
    with pytest.raises(NewSeatsRefusal) as refused:
        import_candidates(desk, path, user=ann)
    assert refused.value.looks_like_another_election
    assert "2 of its 3 seats are not in this election, so it looks like another " \
           "election's file" in str(refused.value)


def test_the_servers_own_refusal_names_the_file(server, tmp_path, monkeypatch):
    """A team desk's server asks again under its lock (migration 38), for another desk's
    import landing between this desk's check and its call: its refusal names the file, as
    every import problem does, rather than "The file would add..." of no file."""
    desk, ann = server.open("ann"), server.name("ann")
    path = trimmed(data_file(ELECTION_2024), tmp_path / "more.csv", (*SEATS, *EXTRA))
    before = snapshot(desk), _seats(desk)
    # the desk's own check passed: it read the election before the other desk's import
    monkeypatch.setattr(imports, "refuse_new_seats", lambda *args, **kwargs: None)
    with pytest.raises(DeskRefusal) as refused:
        import_candidates(desk, path, user=ann)
    assert str(refused.value).startswith(
        f"more.csv: The file would add 2 seat(s) ({EXTRA[0]} among them) to the {len(SEATS)} "
        "already in the election; nothing imported.")
    assert (snapshot(desk), _seats(desk)) == before
