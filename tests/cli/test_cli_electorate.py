"""`--electorate N` on `declare`, `correct` and `verify`: the returning officer's electorate
keyed, and re-keyed blind (it sets the turnout on air). Not given, it is the one the form
starts from (the verified result's, else the seat's), for the keyer and the verifier
alike, so a command that never names one verifies as it always did.

Refusals as in tests/cli/conftest.py: one error line, nothing written.
"""

from __future__ import annotations

import json

import pytest
from helpers.cli import run
from helpers.cli_declarations import declare, seat_actions, sheet, snapshot, verify, votes
from helpers.seats import CLEAN, HENDON, HENDON_ELECTORATE


def test_verify_compares_the_electorate_keyed(capsys, nominations_db):
    """alice keys the returning officer's 71,234; bob's re-key without one (the seat's
    74,865, as the form shows it) differs, and says so; with it, verified."""
    assert declare(capsys, nominations_db, "alice", CLEAN, "--invalid", "120",
                   "--electorate", "71234")[0] == 0
    assert sheet(nominations_db).latest.electorate == 71_234
    before = snapshot(nominations_db)
    code, out, err = verify(capsys, nominations_db, "bob", CLEAN, "--invalid", "120")
    assert (code, out) == (1, "")
    assert err == ("resultsdesk: Hendon: your figures differ from the first entry for: the "
                   "electorate. Nothing was verified; check with the desk and re-key "
                   "(2 tries left).\n")
    after = snapshot(nominations_db)
    assert after[2][-1]["action"] == "verify mismatch"
    assert json.loads(after[2][-1]["details"])["fields"] == ["electorate"]
    assert (after[0], after[1]) == (before[0], before[1])  # nothing verified
    code, out, err = verify(capsys, nominations_db, "bob", CLEAN, "--invalid", "120",
                            "--electorate", "71234")
    assert (code, err) == (0, "")
    assert out == "Hendon: version 1 VERIFIED by bob (entered by alice).\n"
    assert (sheet(nominations_db).verified.electorate, seat_actions(nominations_db)) == (
        71_234, [("alice", "declare"), ("bob", "verify mismatch"), ("bob", "verify")])


def test_without_electorates_declare_and_verify_work_as_before(capsys, nominations_db):
    assert declare(capsys, nominations_db, "alice", CLEAN, "--invalid", "120")[0] == 0
    code, _out, err = verify(capsys, nominations_db, "bob", CLEAN, "--invalid", "120")
    assert (code, err) == (0, "")
    assert sheet(nominations_db).verified.electorate == HENDON_ELECTORATE


def test_a_correction_of_the_electorate_alone_is_keyed_and_verified(capsys, nominations_db):
    declare(capsys, nominations_db, "alice", CLEAN, "--invalid", "120")
    verify(capsys, nominations_db, "bob", CLEAN, "--invalid", "120")
    code, _out, err = run(capsys, "correct", "--db", nominations_db, "--constituency", HENDON,
                         "--user", "alice", *votes(CLEAN), "--electorate", "71234",
                         "--reason", "RO restated the electorate")
    assert (code, err) == (0, "")
    code, _, err = verify(capsys, nominations_db, "bob", CLEAN, "--invalid", "120")
    assert code == 1 and "for: the electorate." in err
    code, _, err = verify(capsys, nominations_db, "bob", CLEAN, "--invalid", "120",
                          "--electorate", "71234")
    assert (code, err) == (0, "")
    assert sheet(nominations_db).verified.electorate == 71_234


def test_an_electorate_that_is_not_a_whole_number_is_one_line(capsys, nominations_db):
    before = snapshot(nominations_db)
    with pytest.raises(SystemExit) as info:  # argparse's usage error, as for --invalid
        verify(capsys, nominations_db, "bob", CLEAN, "--electorate", "7,1234")
    out, err = capsys.readouterr()
    assert info.value.code == 2 and out == "" and "Traceback" not in err
    assert err.splitlines()[-1].endswith(
        "argument --electorate: '7,1234' has a comma or space that does not separate "
        "thousands: check the figure")
    assert snapshot(nominations_db) == before
