"""Corrections and recounts (desk/declarations.py) against a real 2024 database: a correction
stays off air until someone else verifies it and is never keyed over; a recount's counts are
history until the last one is verified.

Tests taking `team` run on a file and on a server (see tests/desk/conftest.py).
"""

from __future__ import annotations

import pytest
from helpers.desk_state import actions, real_votes, row, seat_figures, snapshot, view_version
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import CLEAN, CON, HENDON, LAB, TIED

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain.model import Figures, Status

# --- corrections --------------------------------------------------------------------------


def test_correction_needs_a_reason_and_new_figures(night_store):
    store = night_store
    old = dk.load_sheet(store, HENDON).verified
    votes = list(old.votes)
    votes[LAB] += 1
    before = snapshot(store)
    for reason in ("", "   "):
        with pytest.raises(dk.DeskRefusal, match="needs a reason"):
            dk.correct(store, HENDON, user="dave", figures=Figures(votes, old.invalid_votes),
                       reason=reason, overrides=["recount_range"])
    with pytest.raises(dk.DeskRefusal, match="same as the verified"):
        dk.correct(store, HENDON, user="dave", figures=Figures(old.votes, old.invalid_votes),
                   reason="no change", overrides=["recount_range"])
    with pytest.raises(dk.FiguresRefused):  # corrections are validated like any entry
        dk.correct(store, HENDON, user="dave", figures=Figures(votes, old.invalid_votes),
                   reason="restated")
    assert snapshot(store) == before


def test_declare_on_a_verified_seat_without_a_recount_is_refused(night_store):
    store = night_store
    before = snapshot(store)
    with pytest.raises(dk.DeskRefusal, match=r"already has a verified result.*correction"):
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 120))
    assert snapshot(store) == before


def test_no_correction_without_a_verified_result(team):
    t = team
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    with pytest.raises(dk.DeskRefusal, match="no verified result to correct"):
        dk.correct(t.bob, HENDON, user=t.name("bob"), figures=Figures(CLEAN, 121), reason="x")


def test_a_correction_stays_off_air_until_someone_else_verifies_it(night_store):
    store = night_store
    before = national_summary(store)
    old = dk.load_sheet(store, HENDON).verified
    assert old.votes == tuple(real_votes(store, HENDON)) and old.status == "verified"
    assert before.seats["Lab"] == 411 and before.seats["Con"] == 121
    votes = list(old.votes)
    votes[CON] += 30  # Con 15,870 against Lab 15,855: the seat changes hands

    v = dk.correct(store, HENDON, user="dave", figures=Figures(votes, old.invalid_votes),
                   reason="  RO restated the Con total  ", overrides=["recount_range"])
    assert (v.version, v.kind, v.status, v.count_number) == (2, "correction", "provisional", 0)
    assert (v.reason, v.entered_by, v.overrides) == \
        ("RO restated the Con total", "dave", ("recount_range",))

    # Every view keeps the verified figures, even with provisional figures shown.
    for include in (False, True):
        s = national_summary(store, include_provisional=include)
        assert (s.seats, s.votes, s.gains, s.declared) == \
            (before.seats, before.votes, before.gains, 650)
        assert seat_figures(store, include_provisional=include) == old.votes
    assert view_version(store, "verified_declarations") == 1
    assert view_version(store, "latest_declarations") == 1
    r = row(store)
    assert r.status is Status.VERIFIED and r.winner_party == "Lab"
    assert r.correction_pending and "correction pending" in r.status_text
    sheet = dk.load_sheet(store, HENDON)
    assert sheet.correction_pending and sheet.verified.version == 1
    assert [(q.code, q.kind) for q in dk.verification_queue(store)] == [(HENDON, "correction")]
    entry = dk.history(store, HENDON).audit[-1]
    assert (entry["user"], entry["action"]) == ("dave", "correct")
    assert entry["details"]["reason"] == "RO restated the Con total"
    assert entry["details"]["old"]["votes"]["Ameet Jogia"] == 15_840
    assert entry["details"]["new"]["votes"]["Ameet Jogia"] == 15_870

    with pytest.raises(dk.FourEyesRefusal):
        dk.verify(store, HENDON, user="Dave", votes=None)
    result = dk.verify(store, HENDON, user="carol", votes=votes, invalid=old.invalid_votes)
    assert result.verified
    sheet = dk.load_sheet(store, HENDON)
    assert [(v.version, v.status, v.kind) for v in sheet.versions] == \
        [(1, "superseded", "declaration"), (2, "verified", "correction")]
    assert (sheet.verified.entered_by, sheet.verified.verified_by) == ("dave", "carol")
    assert not sheet.correction_pending

    after = national_summary(store)
    assert after.seats["Lab"] == 410 and after.seats["Con"] == 122
    assert after.votes["Con"] == before.votes["Con"] + 30
    assert after.votes["Lab"] == before.votes["Lab"]
    assert after.gains.get("Lab", 0) == before.gains["Lab"] - 1  # Hendon: now a Con hold
    assert seat_figures(store) == tuple(votes)
    assert view_version(store, "verified_declarations") == 2
    r = row(store)
    assert r.winner_party == "Con" and not r.correction_pending
    assert r.status_text == "verified"


def test_nobody_replaces_another_persons_pending_correction(night_store):
    """A correction awaiting verification is verified or rejected by others, never keyed
    over: the second person's figures would silently supersede the first's."""
    code = "E14001279"  # Hendon, verified on the 2024 night
    sheet = dk.load_sheet(night_store, code)
    figures = list(sheet.verified.votes)
    figures[0] += 1
    dk.correct(night_store, code, user="alice",
               figures=Figures(figures, sheet.verified.invalid_votes), reason="sheet 2",
               overrides=["recount_range"])
    figures[0] += 1
    with pytest.raises(dk.DeskRefusal, match="alice entered version"):
        dk.correct(night_store, code, user="bob",
                   figures=Figures(figures, sheet.verified.invalid_votes), reason="sheet 3",
                   overrides=["recount_range"])
    assert dk.load_sheet(night_store, code).pending.entered_by == "alice"


# --- recounts ------------------------------------------------------------------------------


def test_a_recount_can_be_called_before_any_result(team):
    t = team
    sheet = dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    assert sheet.recount_under_way and sheet.current_count == 1 and sheet.versions == ()
    r = row(t.alice)
    assert r.recount_under_way and r.status is Status.AWAITING
    assert r.status_text.startswith("RECOUNT")
    assert actions(t.alice) == [(t.name("ann"), "recount under way")]

    v = dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    assert (v.version, v.count_number, v.count_label) == (1, 1, "Recount 1")
    (item,) = dk.verification_queue(t.bob)
    assert item.recount_under_way and item.count_number == 1
    assert row(t.bob).recount_under_way

    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120)
    assert not dk.load_sheet(t.bob, HENDON).recount_under_way
    assert not row(t.bob).recount_under_way
    assert national_summary(t.bob).seats == {"Lab": 1}


def test_three_counts_only_the_verified_last_one_counts(team):
    t = team
    real = real_votes(t.alice, HENDON)  # Lab by 15
    first = list(real)
    first[CON] += 20  # Con by 5 on the first count
    second = list(real)
    second[LAB] += 3  # Lab by 18 on the first recount
    counts = [first, second, real]

    for number, figures in enumerate(counts):
        if number:
            sheet = dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
            assert sheet.recount_under_way and sheet.current_count == number
            assert row(t.alice).recount_under_way
            # the unverified earlier count is history now, not something to verify
            assert dk.verification_queue(t.alice) == []
        v = dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(figures, 190),
                       overrides=["recount_range"])
        assert (v.version, v.count_number) == (number + 1, number)
        assert row(t.alice).recount_under_way == bool(number)

    shown = national_summary(t.eve, include_provisional=True)  # an editor sees it pending
    assert shown.seats == {"Lab": 1} and national_summary(t.bob).declared == 0
    result = dk.verify(t.bob, HENDON, user=t.name("bob"), votes=real, invalid=190)
    assert result.verified

    hist = dk.history(t.bob, HENDON)
    assert [(v.version, v.count_number, v.count_label, v.status) for v in hist.sheet.versions] \
        == [(1, 0, "First count", "superseded"), (2, 1, "Recount 1", "superseded"),
            (3, 2, "Recount 2", "verified")]
    # The counts a recount replaced were never verified: on a server bob, who verified the
    # last one, reads none of their figures (blind through a recount); an editor reads all.
    unverified = [(0,) * len(real)] * 2 if t.target.on_server else [tuple(c) for c in counts[:2]]
    assert [v.votes for v in hist.sheet.versions] == [*unverified, tuple(real)]
    assert [v.votes for v in dk.history(t.eve, HENDON).sheet.versions] == \
        [tuple(c) for c in counts]
    assert not hist.sheet.recount_under_way
    assert [a["action"] for a in hist.audit] == [
        "declare", "recount under way", "declare", "recount under way", "declare", "verify"]
    assert [a["details"].get("count") for a in hist.audit[:5]] == [0, 1, 1, 2, 2]
    as_json = hist.to_json_dict()
    assert [v["count"] for v in as_json["versions"]] == ["First count", "Recount 1",
                                                         "Recount 2"]

    summary = national_summary(t.bob)
    sheet = hist.sheet
    assert summary.declared == 1 and summary.seats == {"Lab": 1}
    assert summary.votes == {c.party: n for c, n in zip(sheet.candidates, real, strict=True)}
    (watch,) = summary.recount_watch
    assert (watch.code, watch.winner_party, watch.majority) == (HENDON, "Lab", 15)
    r = row(t.bob)
    assert not r.recount_under_way and r.status is Status.VERIFIED
    assert r.status_text == "verified"


def test_a_recount_after_a_verified_result(night_store):
    store = night_store
    before = national_summary(store)
    old = dk.load_sheet(store, HENDON).verified
    dk.mark_recount(store, HENDON, user="returning desk")
    assert row(store).recount_under_way
    recount = list(old.votes)
    recount[CON] += 40  # Con by 25 after the recount
    v = dk.declare(store, HENDON, user="alice", figures=Figures(recount, old.invalid_votes),
                   overrides=["recount_range"])
    assert (v.version, v.count_label, v.status) == (2, "Recount 1", "provisional")
    assert national_summary(store).seats == before.seats  # the verified count stays on air
    assert seat_figures(store, include_provisional=True) == old.votes
    with pytest.raises(dk.FourEyesRefusal):
        dk.verify(store, HENDON, user="alice", votes=None)
    assert dk.verify(store, HENDON, user="bob", votes=recount,
                     invalid=old.invalid_votes).verified
    sheet = dk.load_sheet(store, HENDON)
    assert [v.status for v in sheet.versions] == ["superseded", "verified"]
    assert not sheet.recount_under_way and not row(store).recount_under_way
    after = national_summary(store)
    assert after.seats["Con"] == before.seats["Con"] + 1
    assert after.seats["Lab"] == before.seats["Lab"] - 1
    assert row(store).winner_party == "Con"


def test_a_recount_called_off(team):
    t = team
    with pytest.raises(dk.DeskRefusal, match="no recount under way"):
        dk.mark_recount(t.ann, HENDON, user=t.name("ann"), under_way=False)
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    sheet = dk.mark_recount(t.bob, HENDON, user=t.name("bob"), under_way=False)
    assert not sheet.recount_under_way and not row(t.bob).recount_under_way
    assert actions(t.bob) == [(t.name("ann"), "recount under way"),
                              (t.name("bob"), "recount ended")]


def test_a_recount_called_twice_before_any_figures_of_it_is_one_recount(team):
    """Two people hear "recount" (or one presses twice): the second mark is refused, so
    the figures to come are recount 1, not "recount 2" of a recount never entered. Once
    figures of it stand, another recount may be called."""
    t = team
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    before = snapshot(t.ann)
    for who in ("ann", "bob"):
        with pytest.raises(dk.DeskRefusal, match="recount 1 is already under way"):
            dk.mark_recount(getattr(t, who), HENDON, user=t.name(who))
    assert snapshot(t.ann) == before and dk.load_sheet(t.ann, HENDON).current_count == 1
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    assert dk.mark_recount(t.ann, HENDON, user=t.name("ann")).current_count == 2


def test_a_correction_verified_during_a_recount_leaves_the_recount_under_way(team):
    """A correction keyed before a recount was called (kept when it was) is verified while
    the recount is still being counted: its figures go on air, and the seat stays under
    recount until the recount's own figures are verified."""
    t = team
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120)
    corrected = list(CLEAN)
    corrected[LAB] += 1
    dk.correct(t.alice, HENDON, user=t.name("alice"), figures=Figures(corrected, 120),
               reason="misread")
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=corrected, invalid=120).verified
    sheet = dk.load_sheet(t.bob, HENDON)
    assert sheet.verified.votes == tuple(corrected) and sheet.verified.count_number == 0
    assert sheet.recount_under_way and sheet.current_count == 1
    assert row(t.bob).recount_under_way

    recount = list(corrected)
    recount[CON] += 1
    v = dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(recount, 120))
    assert v.count_label == "Recount 1"
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=recount, invalid=120).verified
    assert not dk.load_sheet(t.bob, HENDON).recount_under_way
    assert not row(t.bob).recount_under_way


def test_a_recount_called_over_a_recounts_count_awaiting_verification_replaces_it(team):
    """Hendon verified, then recounted: recount 1's figures are keyed, and before anyone
    verifies them the returning officer grants another recount. Recount 1's count stayed
    awaiting verification (the seat had a verified result, so it was kept as if it were
    a correction): verified, recount 1's figures went on air with recount 2 still under
    way, while the window had said they "will no longer count". It is history now, as a
    first count awaiting verification is: nothing to verify, the verified count on air."""
    t = team
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120)
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    recount = list(CLEAN)
    recount[LAB] -= 500
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(recount, 120))
    assert dk.mark_recount(t.ann, HENDON, user=t.name("ann")).current_count == 2

    sheet = dk.load_sheet(t.eve, HENDON)  # an editor reads every version
    assert [(v.version, v.count_number, v.status) for v in sheet.versions] == \
        [(1, 0, "verified"), (2, 1, "superseded")]
    assert sheet.pending is None and dk.verification_queue(t.bob) == []
    before = snapshot(t.bob)
    with pytest.raises(dk.DeskRefusal, match="nothing awaiting verification"):
        dk.verify(t.bob, HENDON, user=t.name("bob"), votes=recount, invalid=120)
    assert snapshot(t.bob) == before
    assert seat_figures(t.bob) == tuple(CLEAN) and row(t.bob).recount_under_way


def test_a_correction_keyed_during_a_recount_does_not_end_it(team):
    """Hendon verified, a recount called; then the desk finds a typo in the verified first
    count and corrects it. The correction was recorded as "Recount 1" (the count under way
    when keyed) and its verification ended the recount: RECOUNT gone from the seat, and
    the recount's own figures refused when they came ("already has a verified result").
    A correction is of the verified count: it goes on air when verified, and the seat
    stays under recount until the recount's figures are verified, as for a correction
    keyed before the recount was called."""
    t = team
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120)
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    corrected = list(CLEAN)
    corrected[0] += 1
    v = dk.correct(t.alice, HENDON, user=t.name("alice"), figures=Figures(corrected, 120),
                   reason="Bailey keyed one short")
    assert (v.kind, v.count_label) == ("correction", "First count")
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=corrected, invalid=120).verified
    sheet = dk.load_sheet(t.bob, HENDON)
    assert sheet.verified.votes == tuple(corrected)
    assert sheet.recount_under_way and sheet.current_count == 1
    assert row(t.bob).recount_under_way

    recount = list(corrected)
    recount[CON] += 1
    v = dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(recount, 120))
    assert v.count_label == "Recount 1"
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=recount, invalid=120).verified
    assert not dk.load_sheet(t.bob, HENDON).recount_under_way


def test_the_list_says_what_awaits_verification_over_a_verified_result(team):
    """The results table's status named every version awaiting verification over a
    verified result "correction pending": a recount's count keyed ("RECOUNT · verified ·
    correction pending", where nobody corrected anything) and a lot drawn on a verified
    tie ("tie · correction pending") too. It says which."""
    t = team
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120)
    corrected = list(CLEAN)
    corrected[0] += 1
    dk.correct(t.alice, HENDON, user=t.name("alice"), figures=Figures(corrected, 120),
               reason="one short")
    assert row(t.bob).status_text == "verified · correction pending"
    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=corrected, invalid=120)
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    r = row(t.bob)
    assert r.status_text == "RECOUNT · verified · recount 1 pending"
    assert not r.correction_pending
    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120)

    dk.correct(t.alice, HENDON, user=t.name("alice"), figures=Figures(TIED, 50),
               reason="RO restated", overrides=["tie"])
    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=50)
    jogia = dk.load_sheet(t.bob, HENDON).candidates[CON].id
    dk.decide_tie(t.alice, HENDON, user=t.name("alice"), winner_id=jogia, note="a hat")
    assert row(t.bob).status_text == "tie · verified · lot pending"
