"""Ties decided by lot and stale-version conflicts between two desks (desk/declarations.py)
against a real 2024 database: a tie counts for nobody until a lot is recorded and verified by
someone who keyed none of it; a save, verification or correction made on an old version is
refused, naming who changed the seat.

Tests taking `team` run on a file and on a server (see tests/desk/conftest.py).
"""

from __future__ import annotations

import pytest
from helpers.desk_state import row, snapshot
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import CLEAN, CON, HENDON, LAB, TIED

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store

# --- ties decided by lot ---------------------------------------------------------------------


def test_a_tie_counts_for_nobody_until_the_lot_is_recorded_and_verified(team):
    t = team
    sheet = dk.load_sheet(t.alice, HENDON)
    jogia, pinto = sheet.candidates[CON], sheet.candidates[LAB]
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(TIED, 50),
               overrides=["tie"])
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=50).verified

    s = national_summary(t.bob)
    assert s.declared == 1 and s.seats == {} and s.ties == [HENDON]
    (watch,) = s.recount_watch
    assert (watch.code, watch.winner_party, watch.majority) == (HENDON, None, 0)
    r = row(t.bob)
    assert r.tie and r.winner_party is None and r.status_text == "tie · verified"

    before = snapshot(t.ann)
    with pytest.raises(dk.DeskRefusal, match="note"):
        dk.decide_tie(t.ann, HENDON, user=t.name("ann"), winner_id=jogia.id, note="  ")
    with pytest.raises(dk.DeskRefusal, match="one of the tied candidates"):
        dk.decide_tie(t.ann, HENDON, user=t.name("ann"), winner_id=sheet.candidates[0].id,
                      note="drawn")
    assert snapshot(t.ann) == before

    v = dk.decide_tie(t.ann, HENDON, user=t.name("ann"), winner_id=jogia.id,
                      note=" Returning officer drew lots from a box ")
    assert (v.version, v.kind, v.status, v.tie_winner_id) == (2, "lot", "provisional",
                                                              jogia.id)
    assert v.note == "Returning officer drew lots from a box" and v.votes == TIED
    assert national_summary(t.ann).seats == {}  # not until someone else verifies it
    entry = dk.history(t.ann, HENDON).audit[-1]
    assert (entry["user"], entry["action"]) == (t.name("ann"), "decide tie by lot")
    assert entry["details"]["winner"] == "Ameet Jogia"
    assert entry["details"]["note"] == "Returning officer drew lots from a box"

    with pytest.raises(dk.FourEyesRefusal):
        dk.verify(t.ann, HENDON, user=t.name("ann").upper(), votes=None)
    # alice keyed the tied figures, but bob verified them: the lot is ann's alone
    assert dk.verify(t.alice, HENDON, user=t.name("alice"), votes=TIED, invalid=50,
                     tie_winner=jogia.id).verified
    s = national_summary(t.alice)
    assert s.seats == {"Con": 1} and s.declared == 1
    r = row(t.alice)
    assert (r.winner_party, r.winner_name) == ("Con", jogia.name)
    # the Status column tells the tie decided by lot from the tie awaiting it
    assert r.status_text == "won by lot · verified"
    sheet = dk.load_sheet(t.alice, HENDON)
    assert [v.status for v in sheet.versions] == ["superseded", "verified"]
    history = dk.history(t.alice, HENDON).to_json_dict()
    assert history["versions"][-1]["tie_winner"] == "Ameet Jogia"
    assert pinto.name not in {v["tie_winner"] for v in history["versions"]}


def test_a_lot_can_be_recorded_before_the_tie_is_verified(team):
    """...by whoever keyed the tied figures (anyone else would enter a version holding
    figures nobody verified: test_blind_rejections.py)."""
    t = team
    jogia = dk.load_sheet(t.alice, HENDON).candidates[CON]
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(TIED, 50),
               overrides=["tie"])
    v = dk.decide_tie(t.alice, HENDON, user=t.name("alice"), winner_id=jogia.id,
                      note="drawn by the RO")
    assert v.version == 2
    assert [x.status for x in dk.load_sheet(t.bob, HENDON).versions] == \
        ["superseded", "provisional"]
    assert national_summary(t.alice, include_provisional=True).seats == {"Con": 1}
    assert national_summary(t.bob).seats == {}
    dk.verify(t.ann, HENDON, user=t.name("ann"), votes=TIED, invalid=50, tie_winner=jogia.id)
    assert national_summary(t.bob).seats == {"Con": 1}


def test_the_winner_by_lot_is_re_keyed_blind(team):
    """A verification compared the winner by lot only when the verifier gave one: bob
    re-keyed ann's lot's tied figures and it went on air with her winner, though he never
    said who won the draw. Now the winner is re-keyed as the figures are, on a file and on
    a server (migration 27): left out, or another candidate, verifies nothing; and naming
    one where the entry drew none is a difference too."""
    t = team
    sheet = dk.load_sheet(t.alice, HENDON)
    jogia, pinto = sheet.candidates[CON], sheet.candidates[LAB]
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(TIED, 50),
               overrides=["tie"])
    drawn_none = dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=50,
                           tie_winner=jogia.id)
    assert (drawn_none.verified, drawn_none.differences) == (False, ("tie_winner",))
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=50).verified
    dk.decide_tie(t.ann, HENDON, user=t.name("ann"), winner_id=jogia.id, note="drawn")
    for given in (None, pinto.id):
        result = dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=50,
                           tie_winner=given)
        assert (result.verified, result.differences) == (False, ("tie_winner",))
        assert "the winner by lot" in result.describe_differences()
    assert national_summary(t.bob).seats == {}
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=50,
                     tie_winner=jogia.id).verified
    assert national_summary(t.bob).seats == {"Con": 1}


def test_no_lot_on_an_earlier_count_while_a_recount_is_under_way(team):
    """A tie verified, then a recount called (as a returning officer does on a tie): a lot
    recorded before the recount's figures came was a version of the recount's count on the
    first count's figures, and verifying it ended the recount, the seat on air decided by
    lot with the recount still going on. Refused now on a file and on a server (migration
    28); on the recount's own figures the lot is recorded as before."""
    t = team
    jogia = dk.load_sheet(t.alice, HENDON).candidates[CON]
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(TIED, 50),
               overrides=["tie"])
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=50).verified
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    before = snapshot(t.ann)
    with pytest.raises(dk.DeskRefusal, match="recount 1 is under way; a lot is drawn on its "
                                             "figures, once they are entered"):
        dk.decide_tie(t.ann, HENDON, user=t.name("ann"), winner_id=jogia.id, note="drawn")
    assert snapshot(t.ann) == before
    assert dk.load_sheet(t.ann, HENDON).recount_under_way

    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(TIED, 51),
               overrides=["tie"])
    lot = dk.decide_tie(t.alice, HENDON, user=t.name("alice"), winner_id=jogia.id,
                        note="drawn after the recount")
    assert lot.count_number == 1 and lot.invalid_votes == 51
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=51,
                     tie_winner=jogia.id).verified
    assert not dk.load_sheet(t.bob, HENDON).recount_under_way
    assert national_summary(t.bob).seats == {"Con": 1}


def test_a_lot_on_a_recounts_unverified_count_goes_with_it_when_another_is_called(team):
    """Recount 1's tied count keyed, a lot drawn on it, then recount 2 called before anyone
    verified either: the count was replaced, but the lot on it was kept (a lot "of a
    verified result"), so verifying it put recount 1's figures on air, decided by lot, with
    recount 2 under way, and nobody could key recount 2 until then. A lot on figures
    nobody verified is those figures': replaced with them, on a file and on a server."""
    t = team
    jogia = dk.load_sheet(t.alice, HENDON).candidates[CON]
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 50))
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=50).verified
    dk.mark_recount(t.bob, HENDON, user=t.name("bob"))
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(TIED, 51),
               overrides=["tie"])
    dk.decide_tie(t.alice, HENDON, user=t.name("alice"), winner_id=jogia.id, note="drawn")
    sheet = dk.mark_recount(t.bob, HENDON, user=t.name("bob"))
    assert (sheet.recount_under_way, sheet.current_count) == (True, 2)
    assert sheet.pending is None  # nothing of recount 1 left to verify
    with pytest.raises(dk.DeskRefusal):
        dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=51,
                  tie_winner=jogia.id)
    keyed = dk.declare(t.ann, HENDON, user=t.name("ann"), figures=Figures(RECOUNT_2, 52),
                       overrides=["recount_range"])
    assert keyed.count_number == 2  # recount 2's figures are the desk's to key now
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=RECOUNT_2, invalid=52).verified
    assert national_summary(t.bob).seats == {"Lab": 1}


RECOUNT_2 = list(TIED)
RECOUNT_2[LAB] += 7


def test_a_lot_drawn_again_on_a_verified_tie_is_kept_when_a_recount_is_called(team):
    """A recount keeps a lot of a verified tie awaiting verification (its figures are
    verified: nothing of the count it replaces). A lot drawn again on top of that lot is a
    lot of the same verified figures: it was replaced, as if its figures were a count
    nobody verified (the version before it was the first lot, superseded and never
    verified). Kept now, on a file and on a server, and verified as a single lot is."""
    t = team
    sheet = dk.load_sheet(t.alice, HENDON)
    jogia, pinto = sheet.candidates[CON], sheet.candidates[LAB]
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(TIED, 50),
               overrides=["tie"])
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=50).verified
    dk.decide_tie(t.ann, HENDON, user=t.name("ann"), winner_id=pinto.id, note="drawn")
    again = dk.decide_tie(t.ann, HENDON, user=t.name("ann"), winner_id=jogia.id,
                          note="drawn again: the first draw was void")
    sheet = dk.mark_recount(t.bob, HENDON, user=t.name("bob"))
    assert (sheet.recount_under_way, sheet.current_count) == (True, 1)
    assert sheet.pending is not None and sheet.pending.version == again.version
    assert sheet.pending.kind == "lot"
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=50,
                     tie_winner=jogia.id).verified
    assert national_summary(t.bob).seats == {"Con": 1}
    assert dk.load_sheet(t.bob, HENDON).recount_under_way  # its own figures still to come


def test_a_lot_drawn_on_a_pending_correction_is_kept_when_a_recount_is_called(team):
    """A recount keeps a correction of the verified count awaiting verification; a lot
    drawn on that correction (it tied) is the correction's, and was replaced as if it
    were drawn on a count nobody verified. Kept now, with the correction's figures,
    on a file and on a server."""
    t = team
    jogia = dk.load_sheet(t.alice, HENDON).candidates[CON]
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 50))
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=50).verified
    dk.correct(t.alice, HENDON, Figures(TIED, 50), user=t.name("alice"),
               reason="RO restated", overrides=["tie"])
    lot = dk.decide_tie(t.alice, HENDON, user=t.name("alice"), winner_id=jogia.id,
                        note="drawn")
    sheet = dk.mark_recount(t.bob, HENDON, user=t.name("bob"))
    assert sheet.pending is not None and sheet.pending.version == lot.version
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=50,
                     tie_winner=jogia.id).verified
    assert national_summary(t.bob).seats == {"Con": 1}


def test_no_lot_without_a_tie(team):
    t = team
    with pytest.raises(dk.DeskRefusal, match="no figures yet"):
        dk.decide_tie(t.ann, HENDON, user=t.name("ann"), winner_id=1, note="x")
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 50))
    lab = dk.load_sheet(t.ann, HENDON).candidates[LAB]
    with pytest.raises(dk.DeskRefusal, match="only be recorded when the top candidates tie"):
        dk.decide_tie(t.alice, HENDON, user=t.name("alice"), winner_id=lab.id, note="x")


def test_a_lot_recorded_on_unverified_figures_keeps_their_author_out(team):
    """Alice records the draw on her own unverified tie (only she may: bob is refused):
    her keying is in that version, so she cannot verify it; a second person can."""
    t = team
    sheet = dk.load_sheet(t.alice, HENDON)
    votes = [100, 200, 300, 20000, 400, 500, 20000, 600]
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 7),
               overrides=["tie"])
    jogia = next(c.id for c in sheet.candidates if c.name == "Ameet Jogia")
    with pytest.raises(dk.FourEyesRefusal, match=r"only .* can record a lot"):
        dk.decide_tie(t.bob, HENDON, user=t.name("bob"), winner_id=jogia, note="hat")
    dk.decide_tie(t.alice, HENDON, user=t.name("alice"), winner_id=jogia, note="hat")
    with pytest.raises(dk.FourEyesRefusal, match=f"{t.name('alice')} entered the figures"):
        dk.verify(t.alice, HENDON, user=t.name("alice").upper(), votes=None)
    result = dk.verify(t.ann, HENDON, user=t.name("ann"), votes=votes, invalid=7,
                       tie_winner=jogia)
    assert result.verified
    assert national_summary(t.ann).seats == {"Con": 1}


def test_a_lot_on_verified_figures_is_not_blamed_on_who_keyed_them_again_unverified(team):
    """Found while writing tests/reliability/test_workflow_machine.py (a second person
    refused verifying: the machine's over-refusal check). Bob keys the verified tie again
    as a recount's count and withdraws it; the recount is called off and alice records
    the lot on the verified figures (as anyone may). Bob keyed nothing of her lot: he may
    verify it. He was told
    "bob entered the figures of version 3", because the lot's figures were traced to the
    newest earlier version holding the same ones (his withdrawn entry), not to the version
    the lot was recorded on."""
    t = team
    jogia = dk.load_sheet(t.alice, HENDON).candidates[CON].id
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(TIED, 50),
               overrides=["tie"])
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=50).verified
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    dk.declare(t.bob, HENDON, user=t.name("bob"), figures=Figures(TIED, 50),
               overrides=["tie"])
    dk.withdraw(t.bob, HENDON, user=t.name("bob"))
    # (called off: no lot on the first count's figures while a recount runs, below)
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"), under_way=False)
    lot = dk.decide_tie(t.alice, HENDON, user=t.name("alice"), winner_id=jogia, note="hat")
    assert lot.version == 3
    result = dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=50,
                       tie_winner=jogia)
    assert result.verified and result.version.verified_by == t.name("bob")
    assert national_summary(t.ann).seats == {"Con": 1}


# --- two desks, one file ----------------------------------------------------------------------


def test_a_stale_save_is_refused_naming_who_changed_the_seat(team):
    t = team
    one, two = t.alice, t.bob  # two desks, each with its own connection
    seen_by_one = dk.load_sheet(one, HENDON)
    seen_by_two = dk.load_sheet(two, HENDON)
    dk.declare(one, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120),
               expected_version=seen_by_one.current_version)
    before = snapshot(two), snapshot(one)
    other = list(CLEAN)
    other[LAB] += 100
    with pytest.raises(dk.Conflict) as e:
        dk.declare(two, HENDON, user=t.name("bob"), figures=Figures(other, 120),
                   expected_version=seen_by_two.current_version)
    message = str(e.value)
    assert "changed by someone else" in message and f"entered by {t.name('alice')}" in message
    assert (snapshot(two), snapshot(one)) == before
    assert [v.entered_by for v in dk.load_sheet(one, HENDON).versions] == [t.name("alice")]
    assert t.name("bob") not in {a["user"] for a in dk.audit_log(one)}
    # Reloaded, the second desk can go on.
    fresh = dk.load_sheet(two, HENDON)
    assert dk.verify(two, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120,
                     expected_version=fresh.current_version).verified


def test_a_stale_verification_is_refused(team):
    t = team
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
    opened = dk.load_sheet(t.bob, HENDON).current_version  # bob opens version 1
    again = list(CLEAN)
    again[CON] += 10
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(again, 120))  # re-entered
    before = snapshot(t.bob)
    with pytest.raises(dk.Conflict, match=f"entered by {t.name('alice')}"):
        dk.verify(t.bob, HENDON, user=t.name("bob"), votes=None, expected_version=opened)
    assert snapshot(t.bob) == before


def test_figures_typed_before_a_recount_is_called_are_not_saved_as_its_count(team):
    """A recount called while figures are typed adds no version (no figures came), so a
    save checked by version alone recorded the count typed as the recount's, and its
    verification would end the recount: refused by the count it was opened at. (A
    correction is of the verified count, which no recount moves, and is saved as such:
    test_correction_across_a_recount.py.)"""
    t = team
    opened = dk.load_sheet(t.alice, HENDON)  # alice opens Hendon: nothing declared yet
    dk.mark_recount(t.bob, HENDON, user=t.name("bob"), under_way=True)
    before = snapshot(t.alice)
    with pytest.raises(dk.Conflict, match="recount 1 was called since you opened it"):
        dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120),
                   expected_version=opened.current_version,
                   expected_count=opened.current_count)
    assert snapshot(t.alice) == before
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120),
               expected_count=1)  # opened again: recount 1's figures
    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120)


def test_two_desks_correcting_at_once(night_db):
    with Store(night_db) as one, Store(night_db) as two:
        old = dk.load_sheet(one, HENDON).verified
        opened = dk.load_sheet(two, HENDON).current_version
        a, b = list(old.votes), list(old.votes)
        a[0] += 1
        b[1] += 1
        dk.correct(one, HENDON, user="dave", figures=Figures(a, old.invalid_votes),
                   reason="first", overrides=["recount_range"], expected_version=opened)
        before = snapshot(two)
        with pytest.raises(dk.Conflict, match="dave"):
            dk.correct(two, HENDON, user="erin", figures=Figures(b, old.invalid_votes),
                       reason="second", overrides=["recount_range"], expected_version=opened)
        assert snapshot(two) == before
