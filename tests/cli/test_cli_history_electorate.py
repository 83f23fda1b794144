"""`resultsdesk history` prints the electorate each version was keyed with: a correction
of the electorate alone (the returning officer's restated figure, which moves the turnout
on air) printed two versions that read the same, and the trail "figures unchanged"."""

from __future__ import annotations

from helpers.cli import run
from helpers.cli_declarations import declare, verify, votes
from helpers.seats import CLEAN, HENDON, HENDON_ELECTORATE

RESTATED = HENDON_ELECTORATE + 100


def test_history_prints_each_versions_electorate(capsys, nominations_db):
    declare(capsys, nominations_db, "alice", CLEAN, "--invalid", "120")
    verify(capsys, nominations_db, "bob", CLEAN, "--invalid", "120")
    code, _, err = run(capsys, "correct", "--db", nominations_db, "--constituency", HENDON,
                       "--user", "alice", *votes(), "--invalid", "120", "--electorate",
                       str(RESTATED), "--reason", "RO restated the electorate")
    assert (code, err) == (0, "")
    verify(capsys, nominations_db, "bob", CLEAN, "--invalid", "120", "--electorate",
           str(RESTATED))
    code, out, _ = run(capsys, "history", "--db", nominations_db, "--constituency", HENDON)
    lines = out.splitlines()
    figures = [lines[i + 1] for i, line in enumerate(lines)
               if line.strip().startswith(("v1 ", "v2 "))]
    assert figures[0].endswith(f"; rejected 120; electorate {HENDON_ELECTORATE:,}")
    assert figures[1].endswith(f"; rejected 120; electorate {RESTATED:,}")
    assert f"electorate {HENDON_ELECTORATE:,} → {RESTATED:,}" in out
    assert "figures unchanged" not in out
