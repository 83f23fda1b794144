"""A baseline's seat is checked as a whole, as the results importer checks a declaration:
an electorate of 1 under 44,423 votes was taken, and the result card put "Turnout 49.3%
−4442250.7 pts" on air; a seat of 0 votes everywhere, or given two electorates, too."""

from __future__ import annotations

import pytest

from resultsdesk.cli import main
from resultsdesk.io.baseline import check_seats, read_baseline
from resultsdesk.io.csvfile import ImportFailure
from resultsdesk.paths import NOTIONAL_2019, data_file


def _edited(tmp_path, edit) -> tuple:
    lines = data_file(NOTIONAL_2019).read_text(encoding="utf-8-sig").splitlines()
    lines = [edit(i, line) for i, line in enumerate(lines)]
    path = tmp_path / "notional.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _aberafan(i: int) -> bool:  # its rows: 1 to 9 (lines 2 to 10)
    return 1 <= i <= 9


CASES = {
    "electorate below the votes": (
        lambda i, s: s.replace(",63.6,69817,", ",63.6,1,") if _aberafan(i) else s,
        "row 9 (line 10), column 'Votes': the votes in W07000081 add up to 44,423, more than "
        "its 1 electors (row 1)"),
    "two electorates": (
        lambda i, s: s.replace(",69817,", ",50000,") if i == 3 else s,
        "row 3 (line 4), column 'Electorate': 50,000 electors for W07000081, where row 1 "
        "gives 69,817"),
    "no vote at all": (
        lambda i, s: ",".join([*s.split(",")[:12], "0", *s.split(",")[13:]])
        if _aberafan(i) else s,
        "row 9 (line 10), column 'Votes': no party has a vote in W07000081 (every row of it 0)"),
    "votes adding up past the largest count": (  # (found in the twenty-eighth session)
        lambda i, s: ",".join([*s.split(",")[:12], "2000000000", *s.split(",")[13:]])
        if _aberafan(i) else s,
        "row 9 (line 10), column 'Votes': the votes in W07000081 add up to 14,000,000,000, "
        "more than 2,147,483,647, the largest figure a count may hold"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_seat_that_cannot_be_is_refused_naming_its_row(tmp_path, case):
    edit, said = CASES[case]
    path = _edited(tmp_path, edit)
    with pytest.raises(ImportFailure) as failure:
        check_seats(path, read_baseline(path))
    assert str(failure.value) == f"notional.csv, {said}"


def test_the_command_refuses_it_in_one_line_and_writes_nothing(nominations_db, tmp_path,
                                                               capsys):
    path = _edited(tmp_path, CASES["electorate below the votes"][0])
    before = nominations_db.read_bytes()
    assert main(["import", "baseline", str(path), "--db", str(nominations_db)]) != 0
    err = capsys.readouterr().err
    assert "more than its 1 electors" in err and err.count("\n") == 1
    assert nominations_db.read_bytes() == before


def test_the_bundled_baselines_pass():
    path = data_file(NOTIONAL_2019)
    check_seats(path, read_baseline(path))
