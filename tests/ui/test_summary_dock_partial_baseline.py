"""The National summary dock on a night whose baseline leaves declared seats out (Scotland's
notional results, then Wales's seats added): every party of the seats outside it showed
"±0", read as holds, and nothing said those seats had no baseline. Its headline says how
many, as `summary` does."""

from __future__ import annotations

from helpers.desk_target import SEATS, trimmed
from helpers.locations import NOTIONAL
from helpers.no_baseline import five_seats_no_baseline

from resultsdesk.desk.imports import import_baseline
from resultsdesk.store import Store


def test_the_headline_says_how_many_declared_seats_are_not_in_the_baseline(main_window,
                                                                          tmp_path):
    db = five_seats_no_baseline(tmp_path)
    win = main_window(db)
    assert "baseline" not in win.summary_headline.text()  # none at all: the table says
    with Store(db) as store:
        import_baseline(store, trimmed(NOTIONAL, tmp_path / "notional.csv", SEATS[1:]))
    win.refresh()
    assert win.summary_headline.text().endswith(" · 1 not in the baseline")
