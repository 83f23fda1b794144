"""The declaration commands of `resultsdesk`, run in-process as a desk would type them.

Every refusal a user can cause exits 1 with one `resultsdesk: error:` line, no traceback,
and leaves the database exactly as it was. Tests taking `team` run each command signed in
as its person, on a file and on a server (`--db postgresql://...`).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from helpers.cli import run, run_as
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import BEACONSFIELD, CLEAN, HENDON, PARTIES, TIED
from helpers.seats import HENDON_2024 as REAL

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.io.audit_export import COLUMNS
from resultsdesk.store import Store


def votes(figures=CLEAN, keys=PARTIES) -> list[str]:
    args = []
    for key, n in zip(keys, figures, strict=True):
        args += ["--vote", f"{key}={n}"]
    return args


def snapshot(db: Path) -> tuple:
    with Store(db) as store:
        return (store.query("SELECT * FROM declarations ORDER BY id"),
                store.query("SELECT * FROM declaration_votes "
                            "ORDER BY declaration_id, candidate_id"),
                store.query("SELECT * FROM audit_log ORDER BY id"),
                store.query("SELECT code, recount_under_way, current_count "
                            "FROM constituencies ORDER BY code"))


def snapshot_of(desk) -> tuple:
    """Everything a command may write, read through a desk handle on either store."""
    return (desk.query("SELECT * FROM declarations ORDER BY id"),
            desk.query("SELECT * FROM declaration_votes ORDER BY declaration_id, candidate_id"),
            desk.query("SELECT * FROM audit_log ORDER BY id"),
            desk.query("SELECT code, recount_under_way, current_count FROM constituencies "
                       "ORDER BY code"))


def sheet(db: Path, code: str = HENDON) -> dk.SeatSheet:
    with Store(db) as store:
        return dk.load_sheet(store, code)


def summary(capsys, db: Path, *extra) -> dict:
    code, out, _ = run(capsys, "summary", "--db", db, "--json", *extra)
    assert code == 0
    return json.loads(out)


def seat_actions(db: Path, code: str = HENDON) -> list[tuple[str, str]]:
    with Store(db) as store:
        return [(a["user"], a["action"]) for a in dk.history(store, code).audit]


def assert_one_error_line(code: int, out: str, err: str, *fragments: str) -> None:
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("resultsdesk: error: ")
    for fragment in fragments:
        assert fragment in lines[0]


def declare(capsys, db, user="alice", figures=CLEAN, *extra, code=HENDON):
    return run(capsys, "declare", "--db", db, "--constituency", code, "--user", user,
               *votes(figures), *extra)


def verify(capsys, db, user="bob", figures=CLEAN, *extra, code=HENDON):
    return run(capsys, "verify", "--db", db, "--constituency", code, "--user", user,
               *votes(figures), *extra)


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


# --- refusals: one line, nothing written -------------------------------------------------


def _without(key: str) -> list[str]:
    return [a for pair in zip(votes()[::2], votes()[1::2], strict=True)
            if not pair[1].startswith(f"{key}=") for a in pair]


def _replace(key: str, value: str) -> list[str]:
    return [f"{key}={value}" if a.startswith(f"{key}=") else a for a in votes()]


BAD_FIGURES = [
    pytest.param(HENDON, _replace("Lab", "12a"), "'12a' for David Pinto-Duschinsky is not a "
                 "whole number", id="letters"),
    pytest.param(HENDON, _replace("Lab", "-5"), "'-5' for David Pinto-Duschinsky is not a "
                 "whole number", id="negative"),
    pytest.param(HENDON, _replace("Lab", "1.5"), "'1.5' for David Pinto-Duschinsky is not a "
                 "whole number", id="decimal"),
    pytest.param(HENDON, _replace("Lab", ""), "is not a whole number", id="empty"),
    pytest.param(HENDON, [*votes(), "--vote", "Lab=18000"], "David Pinto-Duschinsky is given "
                 "twice", id="duplicate-key"),
    pytest.param(HENDON, [*_without("Lab"), "--vote", "David Pinto-Duschinsky=1",
                          "--vote", "lab=2"], "given twice", id="duplicate-by-name-and-party"),
    pytest.param(HENDON, _without("REU"), "No votes given for Ben Rend in Hendon",
                 id="missing-candidate"),
    pytest.param(HENDON, [*votes(), "--vote", "Nobody=5"], "'Nobody' is not a candidate in "
                 "Hendon", id="unknown-candidate"),
    pytest.param(HENDON, ["Lab" if a.startswith("Lab=") else a for a in votes()],
                 "--vote 'Lab' should be KEY=VOTES", id="no-equals"),
    pytest.param("E14999999", votes(), "No constituency 'E14999999'",
                 id="unknown-constituency"),
    pytest.param(BEACONSFIELD,
                 ["--vote", "Ind=710", "--vote", "Cole Caesar=104", "--vote", "LD=13039",
                  "--vote", "RUK=6055", "--vote", "SDP=131", "--vote", "Con=18494",
                  "--vote", "Lab=7216", "--vote", "Green=1977"],
                 "'Ind' stands for 2 candidates in Beaconsfield (Pippa Allen, Cole Caesar)",
                 id="ambiguous-party"),
]


@pytest.mark.parametrize(("seat", "vote_args", "message"), BAD_FIGURES)
def test_bad_declare_input_is_one_error_line_and_writes_nothing(capsys, nominations_db, seat,
                                                                vote_args, message):
    before = snapshot(nominations_db)
    result = run(capsys, "declare", "--db", nominations_db, "--constituency", seat,
                 "--user", "alice", *vote_args, "--invalid", "10")
    assert_one_error_line(*result, message)
    assert snapshot(nominations_db) == before


@pytest.mark.parametrize(("seat", "vote_args", "message"), BAD_FIGURES)
def test_bad_verify_input_is_one_error_line_and_writes_nothing(capsys, nominations_db, seat,
                                                               vote_args, message):
    for code in (HENDON, BEACONSFIELD):
        with Store(nominations_db) as store:
            n = len(dk.load_sheet(store, code).candidates)
            dk.declare(store, code, user="alice",
                       figures=Figures([1000 * (i + 1) for i in range(n)], 10))
    before = snapshot(nominations_db)
    result = run(capsys, "verify", "--db", nominations_db, "--constituency", seat,
                 "--user", "bob", *vote_args, "--invalid", "10")
    assert_one_error_line(*result, message)
    assert snapshot(nominations_db) == before


def test_the_full_name_settles_an_ambiguous_party(capsys, nominations_db):
    args = ["--vote", "Pippa Allen=710", "--vote", "Cole Caesar=104", "--vote", "LD=13039",
            "--vote", "RUK=6055", "--vote", "SDP=131", "--vote", "Con=18494",
            "--vote", "Lab=7216", "--vote", "Green=1977"]
    code, out, _ = run(capsys, "declare", "--db", nominations_db, "--constituency",
                       "Beaconsfield", "--user", "alice", *args, "--invalid", "100")
    assert code == 0 and "Beaconsfield: version 1" in out
    s = sheet(nominations_db, BEACONSFIELD)
    assert dict(zip((c.name for c in s.candidates), s.latest.votes, strict=True)) == {
        "Pippa Allen": 710, "Cole Caesar": 104, "Anna Crabtree": 13039, "John Halsall": 6055,
        "Catherine Harker": 131, "Joy Morrissey": 18494, "Matthew Patterson": 7216,
        "Dominick Pegram": 1977}


def test_a_missing_database_is_one_error_line(capsys, tmp_path):
    result = run(capsys, "history", "--db", tmp_path / "none.db", "--constituency", HENDON)
    assert_one_error_line(*result, "No database at")
    assert not (tmp_path / "none.db").exists()


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
    assert data["versions"][0]["note"] == "Lab looks high"
    assert [(a["user"], a["action"]) for a in data["audit"]] == [
        ("alice", "declare"), ("bob", "reject"), ("alice", "declare"), ("bob", "verify")]
    assert data["audit"][1]["details"]["comment"] == "Lab looks high"


def test_history_of_an_unknown_seat(capsys, nominations_db):
    result = run(capsys, "history", "--db", nominations_db, "--constituency", "Atlantis")
    assert_one_error_line(*result, "No constituency 'Atlantis'")


# --- reject and withdraw ---------------------------------------------------------------------


def test_reject_and_withdraw(team, capsys, monkeypatch):
    t = team
    alice, bob = t.name("alice"), t.name("bob")

    def as_(short, *args):
        return run_as(capsys, monkeypatch, t, short, *args, "--constituency", HENDON)

    as_("alice", "declare", *votes(CLEAN), "--invalid", "120")
    before = snapshot_of(t.eve)
    result = as_("bob", "withdraw")
    assert_one_error_line(*result, f"Only {alice}, who entered it, can withdraw version 1")
    result = as_("alice", "reject", "--comment", "mine")
    assert_one_error_line(*result, "a second person must")
    result = as_("bob", "reject", "--comment", "  ")
    assert_one_error_line(*result, "Say why it is rejected")
    assert snapshot_of(t.eve) == before

    code, out, _ = as_("bob", "reject", "--comment", "Con figure unreadable")
    assert code == 0 and "Version 1 rejected back to the desk." in out
    assert dk.load_sheet(t.eve, HENDON).latest.status == "rejected"

    as_("alice", "declare", *votes(CLEAN), "--invalid", "120")
    code, out, _ = as_("alice", "withdraw")
    assert code == 0 and "Version 2 withdrawn." in out
    assert [v.status for v in dk.load_sheet(t.eve, HENDON).versions] == \
        ["rejected", "withdrawn"]
    code, out, _ = run_as(capsys, monkeypatch, t, "eve", "summary", "--json",
                          "--include-provisional")
    assert code == 0 and json.loads(out)["declared"] == 0
    result = as_("alice", "withdraw")
    assert_one_error_line(*result, "no provisional entry to withdraw")
    assert [(a["user"], a["action"]) for a in dk.history(t.eve, HENDON).audit] == [
        (alice, "declare"), (bob, "reject"), (alice, "declare"), (alice, "withdraw")]


# --- corrections -----------------------------------------------------------------------------


def test_correct_a_verified_result(capsys, night_db):
    db = night_db
    before = summary(capsys, db)
    result = declare(capsys, db, "alice", REAL, "--invalid", "190", "--override",
                     "recount_range")
    assert_one_error_line(*result, "already has a verified result")

    fixed = list(REAL)
    fixed[3] += 30  # Con 15,870: Con by 15
    no_override = run(capsys, "correct", "--db", db, "--constituency", HENDON, "--user",
                      "dave", *votes(fixed), "--reason", "RO restated Con")
    assert_one_error_line(*no_override, "warning 'recount_range'")
    code, out, _ = run(capsys, "correct", "--db", db, "--constituency", HENDON, "--user",
                       "dave", *votes(fixed), "--reason", "RO restated Con", "--override",
                       "recount_range")
    assert code == 0
    assert "correction saved as version 2, awaiting verification" in out
    v = sheet(db).latest
    assert (v.kind, v.status, v.reason, v.invalid_votes) == \
        ("correction", "provisional", "RO restated Con", 190)  # rejected ballots kept
    pending = summary(capsys, db)
    assert pending["seats"] == before["seats"] and pending["votes"] == before["votes"]

    code, out, _ = run(capsys, "history", "--db", db, "--constituency", HENDON)
    assert "reason: RO restated Con" in out and "CORRECTION" not in out
    assert "PROVISIONAL correction" in out

    result = verify(capsys, db, "DAVE", fixed, "--invalid", "190")
    assert_one_error_line(*result, "a second person must")
    code, out, _ = verify(capsys, db, "carol", fixed, "--invalid", "190")
    assert code == 0 and "VERIFIED by carol (entered by dave)" in out
    after = summary(capsys, db)
    assert after["seats"]["Con"] == before["seats"]["Con"] + 1
    assert after["seats"]["Lab"] == before["seats"]["Lab"] - 1
    assert after["votes"]["Con"] == before["votes"]["Con"] + 30
    assert [v.status for v in sheet(db).versions] == ["superseded", "verified"]


# --- recounts --------------------------------------------------------------------------------


def test_recount_with_three_counts(team, capsys, monkeypatch):
    t = team

    def as_(short, *args):
        return run_as(capsys, monkeypatch, t, short, *args, "--constituency", HENDON)

    first = list(REAL)
    first[3] += 20
    second = list(REAL)
    second[6] += 3
    result = as_("ann", "recount", "--ended")
    assert_one_error_line(*result, "no recount under way")

    for number, figures in enumerate((first, second, REAL)):
        if number:
            code, out, _ = as_("ann", "recount")
            assert code == 0
            assert f"RECOUNT UNDER WAY; the next figures entered are recount {number}." in out
            code, out, _ = as_("eve", "history")
            assert "RECOUNT UNDER WAY" in out.splitlines()[0]
        code, out, _ = as_("alice", "declare", *votes(figures), "--invalid", "190",
                           "--override", "recount_range")
        assert code == 0
        label = "first count" if number == 0 else f"recount {number}"
        assert f"version {number + 1} ({label}) saved as PROVISIONAL" in out

    # a first-count re-key no longer verifies anything: only the last count is pending
    code, _, err = as_("bob", "verify", *votes(first), "--invalid", "190")
    assert code == 1 and "Ameet Jogia (Con)" in err
    code, out, _ = as_("bob", "verify", *votes(REAL), "--invalid", "190")
    assert code == 0 and f"version 3 VERIFIED by {t.name('bob')}" in out

    data = json.loads(as_("eve", "history", "--json")[1])
    assert not data["recount_under_way"]
    assert [(v["count"], v["status"]) for v in data["versions"]] == [
        ("First count", "superseded"), ("Recount 1", "superseded"), ("Recount 2", "verified")]
    assert [a["action"] for a in data["audit"]] == [
        "declare", "recount under way", "declare", "recount under way", "declare",
        "verify mismatch", "verify"]
    s = json.loads(run_as(capsys, monkeypatch, t, "eve", "summary", "--json")[1])
    assert s["declared"] == 1 and s["seats"] == {"Lab": 1}
    assert s["votes"] == dict(zip(PARTIES, REAL, strict=True))

    # and called off: a recount marked, then ended
    assert as_("ann", "recount")[0] == 0
    code, out, _ = as_("ann", "recount", "--ended")
    assert code == 0 and "Hendon: recount ended." in out
    assert not dk.load_sheet(t.eve, HENDON).recount_under_way


# --- ties ------------------------------------------------------------------------------------


def test_tie_decided_by_lot(team, capsys, monkeypatch):
    t = team

    def as_(short, *args):
        return run_as(capsys, monkeypatch, t, short, *args, "--constituency", HENDON)

    def counted() -> dict:
        return json.loads(run_as(capsys, monkeypatch, t, "eve", "summary", "--json")[1])

    result = as_("alice", "declare", *votes(TIED), "--invalid", "50")
    assert_one_error_line(*result, "warning 'tie'")
    assert as_("alice", "declare", *votes(TIED), "--invalid", "50", "--override", "tie")[0] == 0
    assert as_("bob", "verify", *votes(TIED), "--invalid", "50")[0] == 0
    s = counted()
    assert s["seats"] == {} and s["ties"] == [HENDON] and s["declared"] == 1
    code, out, _ = run_as(capsys, monkeypatch, t, "eve", "summary")
    assert f"Ties awaiting a decision by lot: {HENDON}" in out

    before = snapshot_of(t.eve)
    for winner, message in (("Ind", "'Ind' does not name one candidate in Hendon"),
                            ("Green", "must be one of the tied candidates")):
        result = as_("ann", "lot", "--winner", winner, "--note", "drawn")
        assert_one_error_line(*result, message)
    assert snapshot_of(t.eve) == before

    code, out, _ = as_("ann", "lot", "--winner", "Con", "--note", "Drawn from a box by the RO")
    assert code == 0
    assert "Ameet Jogia recorded as winner by lot (version 2, awaiting verification)" in out
    assert counted()["seats"] == {}
    result = as_("ann", "verify", *votes(TIED), "--invalid", "50")
    assert_one_error_line(*result, "a second person must")
    assert as_("alice", "verify", *votes(TIED), "--invalid", "50")[0] == 0
    assert counted()["seats"] == {"Con": 1}
    data = json.loads(as_("eve", "history", "--json")[1])
    assert (data["versions"][-1]["tie_winner"], data["versions"][-1]["note"]) == \
        ("Ameet Jogia", "Drawn from a box by the RO")


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

    result = run(capsys, "audit", "--db", db, "--out", tmp_path / "audit.xlsx")
    assert_one_error_line(*result, "audit.xlsx: the audit export is .csv or .json")
    assert not (tmp_path / "audit.xlsx").exists()


def test_correcting_a_seat_decided_by_lot_keeps_the_drawn_winner(capsys, nominations_db):
    db = nominations_db
    with Store(db) as store:
        jogia = dk.load_sheet(store, HENDON).candidates[3]
        dk.declare(store, HENDON, user="alice", figures=Figures(TIED, 50), overrides=["tie"])
        dk.verify(store, HENDON, user="bob", votes=None)
        dk.decide_tie(store, HENDON, user="carol", winner_id=jogia.id, note="drawn")
        dk.verify(store, HENDON, user="dave", votes=None)
    assert summary(capsys, db)["seats"] == {"Con": 1}

    # Only the rejected ballots were wrong: the tie, and the lot, still stand.
    code, _, _ = run(capsys, "correct", "--db", db, "--constituency", HENDON, "--user", "erin",
                     *votes(TIED), "--invalid", "51", "--reason", "rejected ballots restated",
                     "--override", "tie")
    assert code == 0
    assert sheet(db).latest.tie_winner_id == jogia.id
    assert verify(capsys, db, "frank", TIED, "--invalid", "51")[0] == 0
    s = summary(capsys, db)
    assert s["seats"] == {"Con": 1} and s["declared"] == 1

    # Figures that no longer tie need no lot.
    untied = list(TIED)
    untied[6] += 1
    assert run(capsys, "correct", "--db", db, "--constituency", HENDON, "--user", "erin",
               *votes(untied), "--reason", "Lab restated", "--override", "recount_range")[0] == 0
    assert sheet(db).latest.tie_winner_id is None
    assert verify(capsys, db, "frank", untied, "--invalid", "51")[0] == 0
    assert summary(capsys, db)["seats"] == {"Lab": 1}


def test_declare_over_someone_elses_pending_entry_is_refused(team, capsys, monkeypatch):
    """The CLI used to replace another user's pending entry silently (it never passed the
    version it saw); the desk rule now refuses it wherever the declaration comes from, and
    on a server the server refuses it too."""
    t = team

    def as_(short, *args):
        return run_as(capsys, monkeypatch, t, short, *args, "--constituency", HENDON)

    assert as_("alice", "declare", *votes(CLEAN))[0] == 0
    before = snapshot_of(t.eve)
    code, out, err = as_("bob", "declare", *votes(TIED), "--override", "tie")
    assert_one_error_line(code, out, err, f"{t.name('alice')} entered version 1 of Hendon",
                          "reject it")
    assert snapshot_of(t.eve) == before
    # The author may still replace their own entry before anyone verifies it.
    assert as_("alice", "declare", *votes(REAL), "--override", "recount_range")[0] == 0
    assert dk.load_sheet(t.eve, HENDON).pending.votes == REAL


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

