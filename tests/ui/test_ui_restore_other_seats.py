"""A window open while another election is restored over its database (`resultsdesk restore
--other-election`, the 2019 night's file put back over the 2024 one): the title and charts
said the 2019 night, but the results table kept listing the 2024 seats and results, "0 of
650 declared" above "Aldershot verified". Both nights have 650 seats, and the table was
loaded whole only when the number of seats changed; otherwise rows were replaced by code,
and no 2019 code was in it. The table now lists the seats the database holds."""

from __future__ import annotations

import shutil

from resultsdesk.store.backup import restore


def test_another_election_of_as_many_seats_replaces_the_tables_rows(main_window, night_db,
                                                                    _night_2019, tmp_path):
    window = main_window(night_db, user="carol")
    before = {row.name for row in window.model.rows}
    assert "Aberafan Maesteg" in before and "Aberavon" not in before  # 2024's seats
    other = shutil.copyfile(_night_2019, tmp_path / "ge2019-copy.db")
    restore(other, night_db, other_election=True)
    window.refresh_if_changed()
    assert window.night.election == "UK general election 2019"
    names = {row.name for row in window.model.rows}
    assert "Aberavon" in names and "Aberafan Maesteg" not in names
    assert {row.code for row in window.model.rows} == set(window.night.seats)
