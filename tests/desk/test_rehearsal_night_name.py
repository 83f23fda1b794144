"""A rehearsal of a HoC night other than the bundled one (File > Rehearsal… or `rehearse
--results`: the 2017 night) was named after its file, so every graphic it put on air said
"REHEARSAL · Rehearsal: HoC-GE2017-results-by-candidate" under its title: REHEARSAL twice
and a file's name where the bundled night says "UK general election 2019". A HoC file's
name says its general election (HoC-GE2017-…): the rehearsal is called as the bundled night
is; a file named otherwise keeps the name it had."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.csv_tables import read_table, write_table

from resultsdesk.desk import graphics
from resultsdesk.desk import rehearsal as rh
from resultsdesk.store import Store


def _three_seats(folder: Path, stem: str) -> tuple[Path, Path]:
    """Three seats of the bundled 2019 night, written under the file name `stem`."""
    results, constituencies, _ = rh.bundled_night()
    header, rows = read_table(constituencies)
    rows = rows[:3]
    codes = {r[header.index("ONS ID")] for r in rows}
    seats = write_table(folder / f"{stem}-by-constituency.csv", header, rows)
    cand_header, cand_rows = read_table(results)
    code = cand_header.index("ONS ID")
    cands = write_table(folder / f"{stem}.csv", cand_header,
                        [r for r in cand_rows if r[code] in codes])
    return cands, seats


@pytest.mark.parametrize(("stem", "name"), [
    ("HoC-GE2017-results-by-candidate", "UK general election 2017"),
    ("hoc-ge2019-results-by-candidate", "UK general election 2019"),
    ("night", "Rehearsal: night"),
])
def test_a_hoc_night_is_named_as_its_general_election(tmp_path, stem, name):
    cands, seats = _three_seats(tmp_path, stem)
    path = tmp_path / "rehearsal.db"
    rh.create_rehearsal(path, cands, seats, speed=60).close()
    with Store(path) as store:
        night = graphics.night_state(store)
        assert night.election == name
        chart = graphics.chart_for("seats", night, store)
        assert chart.data.subtitle.endswith(name)  # (its REHEARSAL mark goes on as drawn)
