"""A recount watch page holding one seat names it as one ("Seat 13 of 13"), not as a
range from a seat to itself ("Seats 13–13 of 13", on the last page of the 2024 night's
watch at 200 x 200)."""

from __future__ import annotations

from resultsdesk.charts import THEMES, RecountWatchChart
from resultsdesk.charts.data import RecountWatchData, WatchedSeat
from resultsdesk.charts.export import at_size


def _watch(n: int) -> RecountWatchData:
    seats = tuple(WatchedSeat(f"Seat number {i:02d}", "Lab", "#d50000", "Con", "#0063ba",
                              10 + i, 0.02 + i / 1000) for i in range(n))
    return RecountWatchData(seats, declared=650, seats_total=650)


def _notes(chart, size) -> list[tuple[int, str]]:
    """(seats shown, the note under them) for each page at `size`."""
    notes = []
    chart.set_paging(True)
    try:
        with at_size(chart, size):
            while True:
                chart.figure.draw_without_rendering()
                notes.append((chart.shown, chart.more.get_text()))
                if not chart.more_pages():
                    break
                chart.next_page()
    finally:
        chart.set_paging(False)
    return notes


def test_a_page_of_one_seat_says_which_seat():
    chart = RecountWatchChart(theme=THEMES["broadcast"])
    chart.update(_watch(13))
    notes = _notes(chart, (200, 200))
    assert len(notes) > 1
    first = 0
    for shown, note in notes:
        if shown == 1:
            where = f"Seat {first + 1} of 13"
        else:
            where = f"Seats {first + 1}\u2013{first + shown} of 13"
        last = first + shown == 13
        assert note == where + ("" if last else " \u00b7 continued on the next graphic")
        first += shown
    assert any(shown == 1 for shown, _ in notes)  # the case this is about was drawn
