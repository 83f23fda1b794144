"""Two candidates of one name on one ballot paper keep their own figures in the server's
audit entries (migration 57), keyed as the desk keys them (`domain.candidate_keys`): the
name; name and party where two share it; with the place too where they share the party.
Keyed by name, Mid Buckinghamshire's two Greg Smiths (2024: Green, and the Conservative who
won) were one key, and the trail gave the Green the Conservative's votes."""

from __future__ import annotations

import json

from helpers.pg_chain import check_chain
from helpers.pg_election import NOMINATIONS, PgElection, _numbers

from resultsdesk.domain.candidate_keys import candidate_keys
from resultsdesk.store.postgres import calls, prepare

SEAT = "E14000009"
BALLOT = [("Greg", "Smith", "CON"), ("Ann", "Able", "LAB"), ("Greg", "Smith", "LD"),
          ("John", "Smith", "LAB"), ("John", "Smith", "LAB")]
KEYS = ["Greg Smith (CON)", "Ann Able", "Greg Smith (LD)", "John Smith (LAB, 4)",
        "John Smith (LAB, 5)"]


def _election(pg_cluster) -> PgElection:
    election = PgElection(pg_cluster, f"rd_test_{next(_numbers)}")
    prepare(election.admin_url, "Test election")
    election.add("ann", "admin")
    election.add("alice", "desk")
    election.add("eve", "editor")
    calls.import_candidates(election.connect("ann"), "nominations.csv", {
        "parties": NOMINATIONS["parties"],
        "constituencies": [{"code": SEAT, "name": "Smithton", "nation": "England",
                            "region": "London"}],
        "candidates": [{"code": SEAT, "party": party, "first_name": first, "surname": last,
                        "ballot_order": i} for i, (first, last, party) in
                       enumerate(BALLOT, start=1)],
        "electorates": {SEAT: 70_000}})
    return election


def _details(conn, action: str) -> dict:
    return json.loads(conn.execute("SELECT details FROM audit_log WHERE action = %s "
                                   "ORDER BY id DESC LIMIT 1", (action,)).fetchone()[0])


def test_the_keys_are_the_desks():
    assert candidate_keys([(f"{f} {s}", p) for f, s, p in BALLOT]) == KEYS


def test_an_imported_and_a_declared_version_name_each_candidates_votes(pg_cluster):
    election = _election(pg_cluster)
    try:
        ann, alice = election.connect("ann"), election.connect("alice")
        votes = [500, 400, 300, 200, 100]
        calls.import_results(ann, "results.csv", {"declarations": [
            {"code": SEAT, "votes": votes, "invalid_votes": 3,
             "names": dict(zip(KEYS, votes, strict=True))}]})
        assert _details(ann, "import declaration")["votes"] == dict(zip(KEYS, votes,
                                                                         strict=True))
        # a client naming them otherwise (the name alone: one key for two) is put right
        calls.import_results(ann, "again.csv", {"declarations": [
            {"code": SEAT, "votes": votes, "invalid_votes": 3,
             "names": {"Greg Smith": 500, "Ann Able": 400, "John Smith": 100}}]})
        assert _details(ann, "import declaration")["votes"] == dict(zip(KEYS, votes,
                                                                         strict=True))
        calls.correct(alice, SEAT, [510, 400, 300, 200, 100], 3, reason="RO restated")
        entry = json.loads(election.admin().execute(  # (unverified: hidden from the desk)
            "SELECT details FROM resultsdesk.audit_log ORDER BY id DESC LIMIT 1").fetchone()[0])
        assert entry["old"]["votes"] == dict(zip(KEYS, votes, strict=True))
        assert entry["new"]["votes"] == dict(zip(KEYS, [510, 400, 300, 200, 100],
                                                 strict=True))
        assert check_chain(election.connect("eve")) >= 3
    finally:
        election.close()
