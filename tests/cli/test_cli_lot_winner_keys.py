"""`--winner` of `lot` and `verify` takes a candidate's key as `--vote` does, and as
`history --json` gives `tie_winner` back (`domain.candidate_keys`). Mid Buckinghamshire had
two Greg Smiths in 2024 (Green, and the Conservative): `--vote "Greg Smith (Con)=N"` was
taken, but `--winner "Greg Smith (Con)"`, the key `history --json` printed for the lot, was
refused ("does not name one candidate"); two candidates of one name and one party (each
keyed "John Smith (Ind, 3)"), neither name nor party tells apart, so a lot between them
could not be recorded or re-keyed from the command line at all.

Refusals as in tests/cli/conftest.py: one error line, nothing written.
"""

from __future__ import annotations

import json

from helpers.cli import assert_one_error_line, run
from helpers.cli_declarations import snapshot

from resultsdesk.desk import declarations as dk
from resultsdesk.store import Store

MID_BUCKS = "E14001360"


def _keys_and_tie(db) -> tuple[list[str], list[int]]:
    """Mid Buckinghamshire's candidate keys, and figures tying Greg Smith (Con) with the
    Labour candidate at the top."""
    with Store(db) as store:
        sheet = dk.load_sheet(store, MID_BUCKS)
    keys = sheet.candidate_keys()
    figures = [300 + 10 * i for i in range(len(keys))]
    figures[keys.index("Greg Smith (Con)")] = 20_000
    figures[[c.party for c in sheet.candidates].index("Lab")] = 20_000
    return keys, figures


def _votes(keys, figures) -> list[str]:
    return [arg for k, n in zip(keys, figures, strict=True) for arg in ("--vote", f"{k}={n}")]


def test_the_winner_by_lot_is_given_by_its_key(capsys, nominations_db):
    db = nominations_db
    keys, tie = _keys_and_tie(db)
    seat = ("--db", db, "--constituency", MID_BUCKS)
    assert run(capsys, "declare", *seat, "--user", "alice", *_votes(keys, tie),
               "--invalid", "40", "--override", "tie")[0] == 0

    code, out, err = run(capsys, "lot", *seat, "--user", "alice",
                         "--winner", "Greg Smith (Con)", "--note", "drawn from a hat")
    assert code == 0, err
    code, out, err = run(capsys, "verify", *seat, "--user", "bob", *_votes(keys, tie),
                         "--invalid", "40", "--winner", "greg smith (CON)")
    assert code == 0 and "VERIFIED by bob" in out, err

    drawn = json.loads(run(capsys, "history", *seat, "--json")[1])["versions"][-1]
    assert (drawn["status"], drawn["tie_winner"]) == ("verified", "Greg Smith (Con)")


def test_the_name_two_share_is_still_refused(capsys, nominations_db):
    db = nominations_db
    keys, tie = _keys_and_tie(db)
    seat = ("--db", db, "--constituency", MID_BUCKS)
    assert run(capsys, "declare", *seat, "--user", "alice", *_votes(keys, tie),
               "--invalid", "40", "--override", "tie")[0] == 0
    before = snapshot(db)
    assert_one_error_line(*run(capsys, "lot", *seat, "--user", "alice", "--winner",
                               "Greg Smith", "--note", "drawn from a hat"),
                          "'Greg Smith' does not name one candidate in Mid Buckinghamshire: "
                          "give each as 'Greg Smith (Green)', 'Greg Smith (Con)'")
    assert snapshot(db) == before
