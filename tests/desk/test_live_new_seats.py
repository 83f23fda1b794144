"""A seat added mid-night by an import of nominations alone (`import candidates --add-seats`
of a HoC by-candidate file, which gives no electorate, without --constituencies), while a
window is open on the file: the open night shows it as a night read afresh does. Its row
took no change number on a file (only a declaration, an electorate set or a new party
numbers one), so a window already open never read the seats again: the new seat was
missing from its list, its count of seats and every chart until it was reopened, and the
seat could not be found to enter its declaration there. (A server numbers every new seat
as it is inserted.)"""

from __future__ import annotations

from helpers.new_seat import NEW_NAME, NEW_SEAT, new_seat_file

from resultsdesk.desk.imports import import_candidates
from resultsdesk.desk.live import NightState
from resultsdesk.desk.session import open_desk


def test_a_seat_added_without_an_electorate_reaches_the_open_night(nominations_db, tmp_path):
    with open_desk(nominations_db) as desk:
        open_before = NightState(desk)
        open_before.refresh()
        assert open_before.seats_total == 650

        import_candidates(desk, new_seat_file(tmp_path / "new.csv"), add_seats=True)
        assert NEW_SEAT in open_before.refresh()
        fresh = NightState(desk)
        fresh.refresh()
        assert open_before.seats_total == fresh.seats_total == 651
        assert open_before.seats[NEW_SEAT].name == NEW_NAME
        assert open_before.strip_data() == fresh.strip_data()
