"""What `export results` says it wrote counts as every figure the desk shows does
(`domain.wording.count_of`): "Wrote 1 verified results" was said for one seat."""

from __future__ import annotations

from helpers.cli import run
from helpers.cli_declarations import declare, verify


def test_one_verified_seat_is_one_result(capsys, nominations_db, tmp_path):
    assert declare(capsys, nominations_db)[0] == 0
    assert verify(capsys, nominations_db)[0] == 0
    out = tmp_path / "results.csv"
    code, printed, _err = run(capsys, "export", "results", "--db", nominations_db,
                              "--out", out)
    assert code == 0 and printed.startswith("Wrote 1 verified result to "), printed


def test_a_whole_night_is_counted_in_results(capsys, night_db, tmp_path):
    code, printed, _err = run(capsys, "export", "results", "--db", night_db,
                              "--out", tmp_path / "results.json")
    assert code == 0 and printed.startswith("Wrote 650 verified results to "), printed
