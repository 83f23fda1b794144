"""A HoC by-candidate baseline's electorates come from its election's by-constituency file
(`import baseline --constituencies`, `rehearse --baseline-constituencies`): an electorate
there that cannot be is refused naming that file, its row and 'Electorate', as the same
file given to a results import is. It was named as a row of the by-candidate file, which
has no such column ("HoC-GE2017-results-by-candidate.csv, row 1 (line 2), column
'Electorate': W07000049: 99,999,999,999 is more than …", and "more than its 1 electors
(row 1)" of a candidate's row), so the desk looked for the mistake in the wrong file."""

from __future__ import annotations

import pytest
from helpers.cli import assert_one_error_line, run
from helpers.csv_tables import read_table, write_table

from resultsdesk.desk import rehearsal as rh
from resultsdesk.io import ImportFailure
from resultsdesk.io.baseline import read_baseline
from resultsdesk.paths import CONSTITUENCIES_2017, data_file

ELECTORATES = {  # the electorate written on the file's third row: what is said of it
    "99999999999": "electorate 99,999,999,999 is more than 2,147,483,647, the largest "
                   "figure a count may hold",
    "0": "an electorate of 0: every seat has electors; give the seat's electorate",
    "1": "its candidates in HoC-GE2017-results-by-candidate.csv have 36,757 votes, more "
         "than the electorate of 1",
}


def _constituencies(tmp_path, electorate: str):
    header, rows = read_table(data_file(CONSTITUENCIES_2017))
    rows[2][header.index("Electorate")] = electorate
    return write_table(tmp_path / "constituencies.csv", header, rows), rows[2][2]


@pytest.mark.parametrize("electorate", ELECTORATES)
def test_its_electorate_is_refused_at_its_own_row(tmp_path, electorate):
    seats, name = _constituencies(tmp_path, electorate)
    with pytest.raises(ImportFailure) as failure:
        read_baseline(rh.bundled_night()[2], constituencies=seats)
    assert str(failure.value) == ("constituencies.csv, row 3 (line 4), column 'Electorate': "
                                  f"{name}: {ELECTORATES[electorate]}")


def test_the_command_says_it_in_one_line_and_writes_nothing(capsys, tmp_path):
    results, constituencies, baseline = rh.bundled_night()
    db = tmp_path / "night.db"
    assert run(capsys, "init", "--db", db, "--name", "GE2019")[0] == 0
    assert run(capsys, "import", "candidates", results, "--db", db,
               "--constituencies", constituencies)[0] == 0
    seats, _ = _constituencies(tmp_path, "1")
    before = db.read_bytes()
    assert_one_error_line(*run(capsys, "import", "baseline", baseline, "--db", db,
                               "--constituencies", seats),
                          "constituencies.csv, row 3 (line 4), column 'Electorate'")
    assert db.read_bytes() == before
