"""A seat imported mid-night with parties the election has not met (Belfast East's DUP,
Alliance, UUP... on a night of English seats): a window already open names and colours
them as a window opened afresh does. On a file a new party's row took no change number
(only an update of a party did), so an open night never read the parties again: DUP's
seat was a grey bar named "DUP" until the window was reopened."""

from __future__ import annotations

from helpers.desk_target import trimmed

from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_candidates, import_results
from resultsdesk.desk.live import NightState
from resultsdesk.desk.session import open_desk
from resultsdesk.paths import CONSTITUENCIES_2024, ELECTION_2024, data_file

HENDON, BELFAST_EAST = "E14001279", "N05000001"


def _files(folder, code):
    return (trimmed(data_file(ELECTION_2024), folder / f"{code}.csv", (code,)),
            trimmed(data_file(CONSTITUENCIES_2024), folder / f"{code}-k.csv", (code,)))


def test_parties_new_to_the_night_reach_the_open_window(tmp_path):
    init_election(tmp_path / "night.db", "New parties").close()
    with open_desk(tmp_path / "night.db") as desk:
        candidates, seats = _files(tmp_path, HENDON)
        import_candidates(desk, candidates, constituencies=seats)
        open_before = NightState(desk)
        open_before.refresh()
        assert "DUP" not in open_before.parties

        candidates, seats = _files(tmp_path, BELFAST_EAST)
        import_results(desk, candidates, constituencies=seats, add_seats=True)
        assert BELFAST_EAST in open_before.refresh()
        fresh = NightState(desk)
        fresh.refresh()
        assert open_before.parties == fresh.parties
        assert open_before.seat_chart_data() == fresh.seat_chart_data()
        assert open_before.hemicycle_data() == fresh.hemicycle_data()
        bar = open_before.seat_chart_data().bars[0]
        assert (bar.party, bar.name) == ("DUP", "Democratic Unionist Party")
        assert bar.colour != "#909090"
