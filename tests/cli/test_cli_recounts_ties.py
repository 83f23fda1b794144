"""`resultsdesk recount` and `lot`, run in-process as a desk would type them: three counts of
which only the verified last one counts, a tie decided by lot, and a correction of a seat
decided by lot that keeps the drawn winner while the figures still tie.

Refusals and `team` as in tests/cli/conftest.py.
"""

from __future__ import annotations

import json

from helpers.cli import assert_one_error_line, run, run_as
from helpers.cli_declarations import sheet, summary, verify, votes
from helpers.desk_state import snapshot as snapshot_of
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import HENDON, PARTIES, TIED
from helpers.seats import HENDON_2024 as REAL

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store

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
    assert code == 0 and "Hendon: recount called off." in out
    assert not dk.load_sheet(t.eve, HENDON).recount_under_way


def test_a_recount_whose_count_awaits_verification_is_not_ended(team, capsys, monkeypatch):
    """`recount --ended` with recount 1's figures keyed and not yet verified ended it, and
    those figures, verified, went on air for a recount called off: one line says why not
    and what to do, and nothing is written; once they are rejected it ends."""
    t = team

    def as_(short, *args):
        return run_as(capsys, monkeypatch, t, short, *args, "--constituency", HENDON)

    assert as_("alice", "declare", *votes(REAL), "--invalid", "190",
               "--override", "recount_range")[0] == 0
    assert as_("bob", "verify", *votes(REAL), "--invalid", "190")[0] == 0
    assert as_("ann", "recount")[0] == 0
    assert as_("alice", "declare", *votes(REAL), "--invalid", "191",
               "--override", "recount_range")[0] == 0
    before = snapshot_of(t.eve)
    assert_one_error_line(*as_("ann", "recount", "--ended"),
                          "Hendon: recount 1's figures (version 2, entered by "
                          f"{t.name('alice')} at ", ") await verification, so the recount "
                          "cannot be called off: verify them, which ends it, or reject them "
                          f"(or {t.name('alice')} withdraws them) first.")
    assert snapshot_of(t.eve) == before
    assert as_("bob", "reject", "--comment", "recount not going ahead")[0] == 0
    code, out, _ = as_("ann", "recount", "--ended")
    assert code == 0 and "Hendon: recount called off." in out


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
    (watch,) = s["recount_watch"]  # the shape README gives, a tie's parties not in it
    assert set(watch) == {"code", "constituency", "winner_party", "runner_up_party",
                          "majority", "majority_pct"}
    # Nobody's, and nobody is second: "Lab" there read on air as the seat's loser.
    assert (watch["winner_party"], watch["runner_up_party"], watch["majority"]) == \
        (None, None, 0)
    code, out, _ = run_as(capsys, monkeypatch, t, "eve", "summary")
    assert f"Ties awaiting a decision by lot: {HENDON}" in out
    (line,) = [ln for ln in out.splitlines() if ln.strip().startswith("Hendon")]
    assert "TIE Con = Lab" in line  # both level parties, in ballot order, not one

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
    # The winner drawn is re-keyed as the figures are: left out, verified nothing.
    code, _, err = as_("alice", "verify", *votes(TIED), "--invalid", "50")
    assert code == 1 and "differ from the first entry for: the winner by lot" in err
    assert counted()["seats"] == {}
    assert as_("alice", "verify", *votes(TIED), "--invalid", "50", "--winner", "Con")[0] == 0
    s = counted()
    assert s["seats"] == {"Con": 1}
    (watch,) = s["recount_watch"]  # decided: the lot's loser is second
    assert (watch["winner_party"], watch["runner_up_party"]) == ("Con", "Lab")
    # The text's watch read "Con over Lab  0  0.00%", a majority of nothing that said
    # nothing of the lot; the window's watch, the card and the graphic say BY LOT.
    code, out, _ = run_as(capsys, monkeypatch, t, "eve", "summary")
    (line,) = [ln for ln in out.splitlines() if ln.strip().startswith("Hendon")]
    assert "Con over Lab by lot" in line, line
    data = json.loads(as_("eve", "history", "--json")[1])
    assert (data["versions"][-1]["tie_winner"], data["versions"][-1]["note"]) == \
        ("Ameet Jogia", "Drawn from a box by the RO")


def test_a_lot_on_someone_elses_unverified_tie_is_refused(team, capsys, monkeypatch):
    """bob cannot record the draw on alice's tie awaiting verification (the version would be
    his, holding her figures): one error line, the desk's message, even for a candidate
    that does not tie (whether they tie is the figures' to say), and nothing written."""
    t = team

    def as_(short, *args):
        return run_as(capsys, monkeypatch, t, short, *args, "--constituency", HENDON)

    assert as_("alice", "declare", *votes(TIED), "--invalid", "50", "--override", "tie")[0] == 0
    before = snapshot_of(t.eve)
    for winner in ("Con", "Green"):
        result = as_("bob", "lot", "--winner", winner, "--note", "drawn")
        assert_one_error_line(*result, f"{t.name('alice')} entered the figures of version 1 "
                              f"of Hendon, awaiting verification: only {t.name('alice')} can "
                              "record a lot on them until a second person verifies them")
    assert snapshot_of(t.eve) == before
    assert as_("alice", "lot", "--winner", "Con", "--note", "drawn")[0] == 0


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
    assert verify(capsys, db, "frank", TIED, "--invalid", "51", "--winner", "ameet jogia")[0] == 0
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
