"""`summary` of a new election, before its seats are imported: "GE2029: 0 of 0 declared (1
for a majority)" gave the majority line of no seats (half of none, plus one); it says what the
window's strip says."""

from __future__ import annotations

import json

from helpers.cli import run_cli


def test_summary_of_a_new_election_says_it_has_no_seats_yet(tmp_path):
    db = tmp_path / "new.db"
    assert run_cli("init", "--db", db, "--name", "GE2029")[0] == 0
    code, out, err = run_cli("summary", "--db", db)
    assert code == 0 and err == "", (out, err)
    assert out.splitlines()[0] == "GE2029: No seats yet: import the nominations"
    assert "for a majority" not in out
    code, out, _ = run_cli("summary", "--db", db, "--json")  # its documented shape, as was
    assert code == 0 and json.loads(out)["seats_total"] == 0
