"""`resultsdesk history` (a seat's versions and its audit trail as sentences, or JSON) and
`audit --out` (the whole log as CSV with formulae neutralised, or JSON), run in-process."""

from __future__ import annotations

import csv
import json
import re
import sqlite3

from helpers.cli import assert_one_error_line, run, usage_refused
from helpers.cli_declarations import declare, verify
from helpers.seats import CLEAN, HENDON, PARTIES

from resultsdesk.desk import declarations as dk
from resultsdesk.io.audit_export import COLUMNS
from resultsdesk.store import Store

# --- history ---------------------------------------------------------------------------------


def test_history_prints_versions_and_json_gives_versions_and_audit(capsys, nominations_db):
    code, out, _ = run(capsys, "history", "--db", nominations_db, "--constituency", HENDON)
    assert code == 0 and "Hendon (E14001279)" in out and "no declarations yet" in out

    declare(capsys, nominations_db, "alice", CLEAN, "--invalid", "120")
    run(capsys, "reject", "--db", nominations_db, "--constituency", HENDON, "--user", "bob",
        "--comment", "Lab looks high")
    declare(capsys, nominations_db, "alice", CLEAN, "--invalid", "121")
    verify(capsys, nominations_db, "bob", CLEAN, "--invalid", "121")

    code, out, err = run(capsys, "history", "--db", nominations_db, "--constituency",
                         "Hendon")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Hendon (E14001279)"
    v1 = next(line for line in lines if line.strip().startswith("v1 "))
    v2 = next(line for line in lines if line.strip().startswith("v2 "))
    assert "REJECTED" in v1 and "First count" in v1 and "entered by alice" in v1
    assert "VERIFIED" in v2 and "entered by alice" in v2 and "verified by bob" in v2
    assert "note: Lab looks high" in out
    assert "David Pinto-Duschinsky (Lab) 18,000; Ben Rend (REU) 233; rejected 121" in out
    # The trail reads as sentences, each at a local time with its offset, never as JSON.
    trail = out.split("Audit trail (local time):\n")[1].rstrip().splitlines()
    timed = [re.fullmatch(r" +(\d\d:\d\d:\d\d [+-]\d\d:\d\d)  (.+)", line) for line in trail]
    sentences = [m[2] for m in timed if m]
    assert len(sentences) == 4 and len(trail) in (5, 6)  # plus a heading for each local day
    assert sentences[0].startswith(
        "alice declared version 1 of Hendon (first count): Bailey (Green) 2,667, ")
    assert sentences[0].endswith("Pinto-Duschinsky (Lab) 18,000, Rend (REU) 233; "
                                 "rejected ballots 120")
    assert sentences[1] == ("bob rejected version 1 of Hendon back to the desk (entered by "
                            "alice): “Lab looks high”")
    assert sentences[2].startswith("alice declared version 2 of Hendon (first count): ")
    assert sentences[3] == "bob verified version 2 of Hendon by blind re-key (entered by alice)"
    assert "{" not in "".join(trail)

    code, out, _ = run(capsys, "history", "--db", nominations_db, "--constituency", HENDON,
                       "--json")
    data = json.loads(out)
    assert (data["code"], data["constituency"], data["recount_under_way"]) == \
        (HENDON, "Hendon", False)
    assert [c["party"] for c in data["candidates"]] == list(PARTIES)
    assert [(v["version"], v["status"], v["count"], v["entered_by"], v["verified_by"])
            for v in data["versions"]] == [(1, "rejected", "First count", "alice", None),
                                           (2, "verified", "First count", "alice", "bob")]
    assert data["versions"][1]["votes"]["Ameet Jogia"] == 12000
    assert data["versions"][1]["invalid_votes"] == 121
    # the electorate given with the figures: the seat's, as the form started from it
    with sqlite3.connect(nominations_db) as db:
        (electorate,) = db.execute("SELECT electorate FROM constituencies WHERE code = ?",
                                   (HENDON,)).fetchone()
    assert electorate and data["versions"][1]["electorate"] == electorate
    assert data["versions"][0]["note"] == "Lab looks high"
    assert [(a["user"], a["action"]) for a in data["audit"]] == [
        ("alice", "declare"), ("bob", "reject"), ("alice", "declare"), ("bob", "verify")]
    assert data["audit"][1]["details"]["comment"] == "Lab looks high"


def test_history_of_an_unknown_seat(capsys, nominations_db):
    result = run(capsys, "history", "--db", nominations_db, "--constituency", "Atlantis")
    assert_one_error_line(*result, "No constituency 'Atlantis'")


# --- the audit export ------------------------------------------------------------------------


def test_audit_export_csv_and_json(capsys, nominations_db, tmp_path):
    db = nominations_db
    declare(capsys, db, "=cmd", CLEAN, "--invalid", "120")
    verify(capsys, db, "bob", CLEAN, "--invalid", "120")
    with Store(db) as store:
        total = len(dk.audit_log(store))

    out_csv = tmp_path / "audit.csv"
    code, out, _ = run(capsys, "audit", "--db", db, "--out", out_csv)
    assert code == 0 and f"Wrote {total} audit entries to {out_csv}." in out
    with out_csv.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == total and tuple(rows[0]) == COLUMNS
    declared = [r for r in rows if r["entity_key"] == HENDON]
    assert [(r["user"], r["action"]) for r in declared] == [("'=cmd", "declare"),
                                                           ("bob", "verify")]
    assert all(not r["user"].startswith("=") for r in rows)
    assert json.loads(declared[1]["details"])["entered_by"] == "=cmd"

    out_json = tmp_path / "audit.json"
    assert run(capsys, "audit", "--db", db, "--out", out_json)[0] == 0
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert len(data) == total
    assert [(e["user"], e["action"]) for e in data if e["entity_key"] == HENDON] == \
        [("=cmd", "declare"), ("bob", "verify")]
    assert data[-1]["details"]["figures"]["votes"]["David Pinto-Duschinsky"] == 18000

    line = usage_refused(capsys, "audit", "--db", db, "--out", tmp_path / "audit.xlsx")
    assert line.endswith(f"argument --out: {tmp_path / 'audit.xlsx'}: the audit export is "
                         ".csv or .json")
    assert not (tmp_path / "audit.xlsx").exists()
