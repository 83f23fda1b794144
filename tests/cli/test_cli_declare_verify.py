"""`resultsdesk declare` and `verify`, run in-process as a desk would type them: a provisional
entry verified by someone else's blind re-key, mismatches named, warnings accepted only by a
recorded --override (every warning the domain defines).

Refusals as in tests/cli/conftest.py: one error line, nothing written.
"""

from __future__ import annotations

import pytest
from helpers.cli import assert_one_error_line, run
from helpers.cli_declarations import declare, seat_actions, sheet, snapshot, summary, verify, votes
from helpers.seats import CLEAN, HENDON
from helpers.seats import HENDON_2024 as REAL

from resultsdesk.desk import declarations as dk
from resultsdesk.store import Store

# --- declare and verify ------------------------------------------------------------------


def test_declare_then_verify_by_someone_else(capsys, nominations_db):
    keys = ["Green", "Clareine Enderby", "sdp", "Ameet Jogia", "WPB", "RUK",
            "david pinto-duschinsky", "REU"]
    code, out, err = run(capsys, "declare", "--db", nominations_db, "--constituency", HENDON,
                         "--user", "alice", *votes(CLEAN, keys), "--invalid", "120",
                         "--total", sum(CLEAN))
    assert (code, err) == (0, "")
    assert "Hendon: version 1 (first count) saved as PROVISIONAL by alice" in out
    assert "David Pinto-Duschinsky (Lab) 18,000" in out and "rejected 120" in out
    v = sheet(nominations_db).latest
    assert (v.version, v.status, v.source, v.votes, v.invalid_votes, v.total_as_read) == \
        (1, "provisional", "cli", CLEAN, 120, sum(CLEAN))
    assert summary(capsys, nominations_db)["declared"] == 0
    assert summary(capsys, nominations_db, "--include-provisional")["seats"] == {"Lab": 1}

    code, out, err = verify(capsys, nominations_db, "bob", CLEAN, "--invalid", "120")
    assert (code, err) == (0, "")
    assert "Hendon: version 1 VERIFIED by bob (entered by alice)." in out
    v = sheet(nominations_db).latest
    assert (v.status, v.entered_by, v.verified_by, v.verification_mode) == \
        ("verified", "alice", "bob", "rekey")
    s = summary(capsys, nominations_db)
    assert s["declared"] == 1 and s["seats"] == {"Lab": 1} and s["votes"]["Con"] == 12000
    assert seat_actions(nominations_db) == [("alice", "declare"), ("bob", "verify")]


def test_verify_mismatch_names_the_candidates_and_verifies_nothing(capsys, nominations_db):
    declare(capsys, nominations_db, "alice", CLEAN, "--invalid", "120")
    before = snapshot(nominations_db)
    wrong = list(CLEAN)
    wrong[3], wrong[6] = wrong[6], wrong[3]
    code, out, err = verify(capsys, nominations_db, "bob", wrong, "--invalid", "120")
    assert code == 1 and out == "" and "Traceback" not in err
    assert "Ameet Jogia (Con), David Pinto-Duschinsky (Lab)" in err
    assert "Gabrielle Bailey" not in err and "rejected ballots" not in err
    assert "Nothing was verified" in err
    after = snapshot(nominations_db)
    assert (after[0], after[1], after[3]) == (before[0], before[1], before[3])
    assert len(after[2]) == len(before[2]) + 1 and after[2][-1]["action"] == "verify mismatch"
    assert sheet(nominations_db).latest.status == "provisional"

    # Leaving out the rejected ballots the entry had is a difference too.
    code, _, err = verify(capsys, nominations_db, "bob", CLEAN)
    assert code == 1 and "rejected ballots" in err and "Jogia" not in err
    assert sheet(nominations_db).verified is None

    code, out, _ = verify(capsys, nominations_db, "bob", CLEAN, "--invalid", "120")
    assert code == 0 and "VERIFIED by bob" in out


def test_verify_says_the_tries_left_then_refuses_a_fourth(capsys, nominations_db):
    declare(capsys, nominations_db, "alice", CLEAN, "--invalid", "120")
    said = []
    for guess in (1, 2, 3):
        wrong = list(CLEAN)
        wrong[0] += guess
        code, _, err = verify(capsys, nominations_db, "bob", wrong, "--invalid", "120")
        assert code == 1
        said.append(err.strip())
    assert said[0].endswith("check with the desk and re-key (2 tries left).")
    assert said[1].endswith("check with the desk and re-key (1 try left).")
    assert said[2].endswith("that was your last try at this version: another person "
                            "verifies it, or it is rejected and keyed again.")
    before = snapshot(nominations_db)
    result = verify(capsys, nominations_db, "bob", CLEAN, "--invalid", "120")
    assert_one_error_line(*result, "bob has re-keyed version 1 of Hendon 3 times without a "
                          "match, so cannot try again")
    assert snapshot(nominations_db) == before


@pytest.mark.parametrize("same", ["alice", "ALICE", " Alice "])
def test_the_same_user_cannot_verify(capsys, nominations_db, same):
    declare(capsys, nominations_db, "alice", CLEAN, "--invalid", "120")
    before = snapshot(nominations_db)
    result = verify(capsys, nominations_db, same, CLEAN, "--invalid", "120")
    assert_one_error_line(*result,
                          "alice entered the figures of version 1 of Hendon, so cannot verify",
                          "a second person must")
    assert snapshot(nominations_db) == before


def test_warnings_need_an_override_which_is_recorded(capsys, nominations_db):
    before = snapshot(nominations_db)
    result = declare(capsys, nominations_db, "alice", REAL, "--invalid", "190")
    assert_one_error_line(*result, "recount range", "warning 'recount_range'")
    assert snapshot(nominations_db) == before

    result = declare(capsys, nominations_db, "alice", REAL, "--invalid", "190",
                     "--total", sum(REAL) + 1, "--override", "recount_range")
    assert_one_error_line(*result, "not the 41,257 read out")
    assert snapshot(nominations_db) == before

    code, out, _ = declare(capsys, nominations_db, "alice", REAL, "--invalid", "190",
                           "--total", sum(REAL), "--override", "recount_range")
    assert code == 0 and "version 1 (first count) saved as PROVISIONAL" in out
    assert sheet(nominations_db).latest.overrides == ("recount_range",)
    with Store(nominations_db) as store:
        entry = dk.history(store, HENDON).audit[-1]
    assert entry["details"]["overrides"] == ["recount_range"]


def test_votes_cast_over_the_electorate_are_refused(capsys, nominations_db):
    before = snapshot(nominations_db)
    result = declare(capsys, nominations_db, "alice",
                     (1000, 1000, 1000, 30000, 1000, 1000, 39000, 800), "--invalid", "66",
                     "--override", "high_turnout")
    assert_one_error_line(*result, "74,866 ballots cast is more than the electorate of 74,865")
    assert snapshot(nominations_db) == before


def test_the_cli_offers_every_warning_the_domain_defines():
    """The --override choices are the domain's warning codes, not a copy of them: a new
    warning can be accepted from the command line the day it exists."""
    from resultsdesk.cli import build_parser
    from resultsdesk.domain.validation import WARNING_CODES, WarningCode

    assert tuple(code.value for code in WarningCode) == WARNING_CODES
    parser = build_parser()
    for code in WarningCode:
        args = parser.parse_args(["declare", "--db", "x.db", "--constituency", HENDON,
                                  "--user", "alice", "--vote", "Lab=1", "--override", code])
        assert args.override == [code.value]
