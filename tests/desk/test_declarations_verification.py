"""Four-eyes verification of a declaration (desk/declarations.py) against a real 2024 database:
nobody verifies their own entry, blind re-key and check mode, rejection back to the desk and
withdrawal by the author.

Tests taking `team` run on a file and on a server (see tests/desk/conftest.py).
"""

from __future__ import annotations

import json

import pytest
from helpers.desk_state import actions, row, seat_figures, snapshot
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import CLEAN, CON, HENDON, LAB, TIED

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain.model import Figures, Status

# --- four eyes -------------------------------------------------------------------------


@pytest.mark.parametrize(("author", "second"), [
    ("alice", "alice"), ("alice", "Alice"), ("alice", "  ALICE "), ("alice", "alice\t"),
    ("  Alice Smith ", "alice smith"), ("STRASSE", "straße"),
])
@pytest.mark.parametrize("action", ["rekey", "check", "reject"])
def test_nobody_verifies_or_rejects_their_own_entry(nominations_store, author, second, action):
    store = nominations_store
    dk.declare(store, HENDON, user=author, figures=Figures(CLEAN, 120))
    assert dk.load_sheet(store, HENDON).latest.entered_by == author.strip()
    before = snapshot(store)
    with pytest.raises(dk.FourEyesRefusal, match="a second person must"):
        if action == "rekey":
            dk.verify(store, HENDON, user=second, votes=CLEAN, invalid=120)
        elif action == "check":
            dk.verify(store, HENDON, user=second, votes=None)
        else:
            dk.reject(store, HENDON, user=second, comment="looks wrong")
    assert snapshot(store) == before
    assert dk.load_sheet(store, HENDON).pending.version == 1


@pytest.mark.parametrize("corrector", ["dave", " DAVE ", "Dave"])
def test_the_corrector_cannot_verify_their_correction(night_store, corrector):
    store = night_store
    old = dk.load_sheet(store, HENDON).verified
    votes = list(old.votes)
    votes[LAB] += 5
    dk.correct(store, HENDON, user="dave", figures=Figures(votes, old.invalid_votes),
               reason="Returning officer restated the Lab total", overrides=["recount_range"])
    before = snapshot(store)
    for attempt in (lambda: dk.verify(store, HENDON, user=corrector, votes=None),
                    lambda: dk.verify(store, HENDON, user=corrector, votes=votes,
                                      invalid=old.invalid_votes),
                    lambda: dk.reject(store, HENDON, user=corrector, comment="no")):
        with pytest.raises(dk.FourEyesRefusal):
            attempt()
    assert snapshot(store) == before


# --- blind re-key and check mode ---------------------------------------------------------


def test_blind_rekey_mismatch_writes_nothing_but_an_audit_entry_then_a_match_verifies(team):
    t = team
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    declarations, votes, audit, seats = snapshot(t.bob)

    wrong = list(CLEAN)
    wrong[LAB] = 18009
    result = dk.verify(t.bob, HENDON, user=t.name("bob"), votes=wrong, invalid=121)
    assert result.verified is False
    assert result.differences == (f"votes:{LAB}", "invalid")
    assert result.describe_differences() == \
        "David Pinto-Duschinsky (Lab), rejected ballots"
    assert result.version.status == "provisional" and result.version.verified_by is None

    after = snapshot(t.bob)
    assert (after[0], after[1], after[3]) == (declarations, votes, seats)
    assert after[2][:-1] == audit and len(after[2]) == len(audit) + 1
    mismatch = after[2][-1]
    assert (mismatch["user"], mismatch["action"], mismatch["entity_key"]) == \
        (t.name("bob"), "verify mismatch", HENDON)
    assert json.loads(mismatch["details"]) == {"version": 1,
                                               "fields": [f"votes:{LAB}", "invalid"]}
    assert national_summary(t.bob).declared == 0
    assert [q.version for q in dk.verification_queue(t.bob)] == [1]

    result = dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120)
    assert result.verified is True and result.differences == ()
    v = result.version
    assert (v.version, v.status, v.entered_by, v.verified_by, v.verification_mode) == \
        (1, "verified", t.name("alice"), t.name("bob"), "rekey")
    assert v.verified_at is not None
    assert national_summary(t.alice).seats == {"Lab": 1}
    assert national_summary(t.alice).votes["Lab"] == 18000
    assert row(t.alice).status is Status.VERIFIED
    assert dk.verification_queue(t.alice) == []
    assert actions(t.alice) == [(t.name("alice"), "declare"), (t.name("bob"), "verify mismatch"),
                                (t.name("bob"), "verify")]
    verify_entry = dk.history(t.alice, HENDON).audit[-1]["details"]
    assert (verify_entry["entered_by"], verify_entry["mode"]) == (t.name("alice"), "rekey")
    assert verify_entry["figures"]["votes"]["Ameet Jogia"] == 12000


@pytest.mark.parametrize(("entered", "rekeyed"), [(120, None), (None, 120), (120, 0)])
def test_rejected_ballots_left_out_or_different_is_a_difference(team, entered, rekeyed):
    t = team
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, entered))
    result = dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=rekeyed)
    assert not result.verified
    assert result.differences == ("invalid",)
    assert result.describe_differences() == "rejected ballots"
    assert dk.load_sheet(t.bob, HENDON).verified is None


def test_every_differing_candidate_is_named(team):
    t = team
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    swapped = list(CLEAN)
    swapped[CON], swapped[LAB] = swapped[LAB], swapped[CON]  # a classic keying slip
    result = dk.verify(t.bob, HENDON, user=t.name("bob"), votes=swapped, invalid=120)
    assert result.differences == (f"votes:{CON}", f"votes:{LAB}")
    assert result.describe_differences() == \
        "Ameet Jogia (Con), David Pinto-Duschinsky (Lab)"


def test_check_mode_verifies_without_rekeying_on_a_file_only(team):
    """Check mode (votes None) is left in the desk's API for scripts on a file: no window
    or command offers it. A server verifies only a blind re-key (its migration 11)."""
    t = team
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    if t.target.on_server:
        with pytest.raises(dk.DeskRefusal, match=r"^A verification is a blind re-key: "):
            dk.verify(t.bob, HENDON, user=t.name("bob"), votes=None)
        assert [q.version for q in dk.verification_queue(t.bob)] == [1]
        return
    result = dk.verify(t.bob, HENDON, user=t.name("bob"), votes=None)
    assert result.verified
    assert (result.version.status, result.version.verified_by,
            result.version.verification_mode) == ("verified", t.name("bob"), "check")
    assert national_summary(t.bob).seats == {"Lab": 1}
    assert dk.history(t.bob, HENDON).audit[-1]["details"]["mode"] == "check"


def test_nothing_to_verify(team):
    with pytest.raises(dk.DeskRefusal, match="nothing awaiting verification"):
        dk.verify(team.bob, HENDON, user=team.name("bob"), votes=None)


def test_a_rekey_with_a_different_winner_by_lot_is_a_difference(team):
    t = team
    sheet = dk.load_sheet(t.alice, HENDON)
    jogia, pinto = sheet.candidates[CON].id, sheet.candidates[LAB].id
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(TIED, 10),
               overrides=["tie"], tie_winner=jogia, note="Drawn from a hat")
    result = dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=10,
                       tie_winner=pinto)
    assert not result.verified and result.differences == ("tie_winner",)
    assert "winner by lot" in result.describe_differences()
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=10,
                     tie_winner=jogia).verified


# --- reject and withdraw ------------------------------------------------------------------


def test_reject_sends_the_entry_back_to_the_desk(team):
    t = team
    alice, bob = t.name("alice"), t.name("bob")
    dk.declare(t.alice, HENDON, user=alice, figures=Figures(CLEAN, 120))
    before = snapshot(t.bob)
    with pytest.raises(dk.DeskRefusal, match="Say why"):
        dk.reject(t.bob, HENDON, user=bob, comment="   ")
    assert snapshot(t.bob) == before

    v = dk.reject(t.bob, HENDON, user=bob, comment="  Lab figure misread: check sheet  ")
    assert (v.version, v.status, v.note) == (1, "rejected", "Lab figure misread: check sheet")
    assert dk.verification_queue(t.bob) == []
    assert dk.load_sheet(t.bob, HENDON).pending is None
    assert national_summary(t.bob, include_provisional=True).declared == 0
    assert row(t.bob).status is Status.AWAITING
    entry = dk.history(t.bob, HENDON).audit[-1]
    assert (entry["user"], entry["action"]) == (bob, "reject")
    assert entry["details"] == {"version": 1, "comment": "Lab figure misread: check sheet",
                                "entered_by": alice}
    with pytest.raises(dk.DeskRefusal, match="nothing awaiting verification"):
        dk.verify(t.ann, HENDON, user=t.name("ann"), votes=None)

    # The desk re-enters the figures: a new version, back in the queue.
    v2 = dk.declare(t.alice, HENDON, user=alice, figures=Figures(CLEAN, 121), expected_version=1)
    assert (v2.version, v2.status) == (2, "provisional")
    assert [q.version for q in dk.verification_queue(t.bob)] == [2]
    assert [v.status for v in dk.load_sheet(t.bob, HENDON).versions] == \
        ["rejected", "provisional"]


def test_only_the_author_withdraws(team):
    t = team
    alice = t.name("alice")
    dk.declare(t.alice, HENDON, user=alice, figures=Figures(CLEAN, 120))
    before = snapshot(t.bob)
    with pytest.raises(dk.DeskRefusal, match=f"Only {alice}, who entered it, can withdraw"):
        dk.withdraw(t.bob, HENDON, user=t.name("bob"))
    assert snapshot(t.bob) == before

    v = dk.withdraw(t.alice, HENDON, user=f" {alice.upper()} ")  # her account, any spelling
    assert (v.version, v.status) == (1, "withdrawn")
    assert dk.verification_queue(t.bob) == []
    assert national_summary(t.bob, include_provisional=True).declared == 0
    assert actions(t.bob)[-1] == (alice, "withdraw")  # recorded as the account's name
    with pytest.raises(dk.DeskRefusal, match="no provisional entry to withdraw"):
        dk.withdraw(t.alice, HENDON, user=alice)


def test_withdrawing_a_correction_leaves_the_verified_result(night_store):
    store = night_store
    old = dk.load_sheet(store, HENDON).verified
    votes = list(old.votes)
    votes[0] += 1
    dk.correct(store, HENDON, user="dave", figures=Figures(votes, old.invalid_votes),
               reason="typo", overrides=["recount_range"])
    dk.withdraw(store, HENDON, user="dave")
    sheet = dk.load_sheet(store, HENDON)
    assert [v.status for v in sheet.versions] == ["verified", "withdrawn"]
    assert not sheet.correction_pending and not row(store).correction_pending
    assert seat_figures(store) == old.votes
