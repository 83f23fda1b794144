"""`import baseline` of a file covering fewer seats than the baseline it would replace (one
seat for the 650-seat notional file, which took 303 gains off air): one refusal line naming
both counts and `--fewer-seats`, exit 1, nothing written; with `--fewer-seats`, imported."""

from __future__ import annotations

from helpers.cli import assert_one_error_line, run
from helpers.desk_target import trimmed
from helpers.locations import GE2024

from resultsdesk.store import Store
from resultsdesk.store import repository as repo

ABERAFAN = "W07000081"  # Aberafan Maesteg, in the 2024 file


def _baseline(db) -> tuple:
    with Store(db) as store:
        return repo.baseline_name(store), repo.baseline_seats(store)


def test_a_one_seat_baseline_over_the_650_is_refused_without_the_flag(capsys,
                                                                      nominations_db,
                                                                      tmp_path):
    before = _baseline(nominations_db)
    assert len(before[1]) == 650
    one = trimmed(GE2024, tmp_path / "one.csv", (ABERAFAN,))
    result = run(capsys, "import", "baseline", one, "--db", nominations_db)
    assert_one_error_line(*result, "one.csv is a baseline of 1 seat that leaves out 649 of "
                          "the 650 seats of the baseline it would replace",
                          "nothing imported", "--fewer-seats")
    assert _baseline(nominations_db) == before

    code, out, err = run(capsys, "import", "baseline", one, "--db", nominations_db,
                         "--fewer-seats")
    assert (code, err) == (0, ""), err
    assert out.startswith("Imported one.csv: 1 constituency")
    assert list(_baseline(nominations_db)[1]) == [ABERAFAN]


def test_a_whole_baseline_again_needs_no_flag(capsys, nominations_db):
    code, _, err = run(capsys, "import", "baseline", GE2024, "--db", nominations_db)
    assert (code, err) == (0, ""), err
    assert len(_baseline(nominations_db)[1]) == 650
