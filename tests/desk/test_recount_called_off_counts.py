"""A recount called off puts the seat back at the count before it.

A recount called over a first count nobody verified, then called off before any figures of
it came: the figures keyed next were recorded as "Recount 1", with no recount under way,
and went on air as "figures after recount 1" (a lot drawn on a verified result after a
recount called off, likewise). The recount did not happen: those figures are the count
before it, and the record says so; the audit log keeps the call and the call-off ("recount
ended" for count 1, back to the first count). Called again, it is recount 1 again.

And a form's figures typed for a count the seat has left are refused in the words of
whoever typed them: the window's ("since you opened it"), or a command's (nothing was
opened there: "while this command was saving figures for the first count").

Every test runs on a file and on a server (`team`)."""

from __future__ import annotations

import pytest
from helpers.desk_state import seat_figures, snapshot
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import CLEAN, CON, HENDON, LAB, TIED

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit_text import describe_entry, seat_names
from resultsdesk.desk.graphics import card_data, night_state
from resultsdesk.domain.model import Figures

RECOUNT = list(CLEAN)
RECOUNT[LAB] -= 500


def test_figures_keyed_after_a_recount_called_off_are_the_first_count(team):
    t = team
    dk.declare(t.alice, HENDON, Figures(CLEAN, 120), user=t.name("alice"))
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    sheet = dk.mark_recount(t.ann, HENDON, user=t.name("ann"), under_way=False)
    assert (sheet.recount_under_way, sheet.current_count) == (False, 0)

    keyed = dk.declare(t.alice, HENDON, Figures(RECOUNT, 120), user=t.name("alice"))
    assert (keyed.count_number, keyed.count_label) == (0, "First count")  # was Recount 1
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=RECOUNT, invalid=120).verified
    history = dk.history(t.eve, HENDON).to_json_dict()
    assert [(v["count"], v["status"]) for v in history["versions"]] == [
        ("First count", "superseded"), ("First count", "verified")]
    ended = next(a for a in history["audit"] if a["action"] == "recount ended")
    assert ended["details"] == {"count": 1, "back_to": 0}
    # on air: no "figures after recount 1" for a recount that did not happen
    card = card_data(night_state(t.eve), t.eve, HENDON)
    assert "recount" not in card.subtitle and card.recounts == 0


def test_called_again_it_is_recount_1_again(team):
    t = team
    dk.declare(t.alice, HENDON, Figures(CLEAN, 120), user=t.name("alice"))
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"), under_way=False)
    sheet = dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    assert (sheet.recount_under_way, sheet.current_count) == (True, 1)
    keyed = dk.declare(t.alice, HENDON, Figures(RECOUNT, 120), user=t.name("alice"))
    assert keyed.count_label == "Recount 1"
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=RECOUNT, invalid=120).verified
    assert not dk.load_sheet(t.eve, HENDON).recount_under_way
    assert seat_figures(t.eve) == tuple(RECOUNT)


def test_a_lot_after_a_recount_called_off_is_of_the_verified_count(team):
    t = team
    dk.declare(t.alice, HENDON, Figures(TIED, 120), user=t.name("alice"), overrides=["tie"])
    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=TIED, invalid=120)
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"), under_way=False)
    con = dk.load_sheet(t.alice, HENDON).candidates[CON].id
    lot = dk.decide_tie(t.alice, HENDON, user=t.name("alice"), winner_id=con, note="drawn")
    assert lot.count_label == "First count"


def test_a_form_opened_before_the_recount_was_called_and_called_off_saves(team):
    """alice opened Hendon at the first count; a recount was called and called off while
    she typed: the seat is at the first count again, the count she typed."""
    t = team
    opened = dk.load_sheet(t.alice, HENDON)
    dk.mark_recount(t.bob, HENDON, user=t.name("bob"))
    dk.mark_recount(t.bob, HENDON, user=t.name("bob"), under_way=False)
    saved = dk.declare(t.alice, HENDON, Figures(CLEAN, 120), user=t.name("alice"),
                       expected_version=opened.current_version,
                       expected_count=opened.current_count)
    assert saved.count_label == "First count"


def test_figures_typed_for_a_recount_called_off_since_are_refused(team):
    """alice opened Hendon with recount 1 under way; it is called off before she saves.
    Saved, her figures were recorded as the first count's."""
    t = team
    dk.declare(t.alice, HENDON, Figures(CLEAN, 120), user=t.name("alice"))
    dk.mark_recount(t.bob, HENDON, user=t.name("bob"))
    opened = dk.load_sheet(t.alice, HENDON)
    dk.mark_recount(t.bob, HENDON, user=t.name("bob"), under_way=False)
    before = snapshot(t.alice)
    with pytest.raises(dk.Conflict) as refused:
        dk.declare(t.alice, HENDON, Figures(RECOUNT, 120), user=t.name("alice"),
                   expected_version=opened.current_version,
                   expected_count=opened.current_count)
    assert str(refused.value) == (
        "Hendon: recount 1 was called off since you opened it; the figures typed were for "
        "it. Close the form and key the count the seat is at now.")
    assert snapshot(t.alice) == before


WINDOW = ("Hendon: recount 1 was called since you opened it; the figures typed were for the "
          "count before it. Close the form and key the count the seat is at now.")
COMMAND = ("Hendon: recount 1 was called while this command was saving figures for the "
           "first count, so nothing was saved: run it again only with the figures of the "
           "count the seat is at now (resultsdesk history shows it).")


@pytest.mark.parametrize(("source", "said"), [("desk", WINDOW), ("cli", COMMAND)])
def test_a_recount_called_since_is_said_in_the_words_of_who_typed_the_figures(team, source,
                                                                             said):
    t = team
    opened = dk.load_sheet(t.alice, HENDON)
    dk.mark_recount(t.bob, HENDON, user=t.name("bob"))
    with pytest.raises(dk.Conflict) as refused:
        dk.declare(t.alice, HENDON, Figures(CLEAN, 120), user=t.name("alice"), source=source,
                   expected_count=opened.current_count)
    assert str(refused.value) == said


def test_the_audit_trail_says_where_a_recount_called_off_leaves_the_seat(team):
    t = team
    dk.declare(t.alice, HENDON, Figures(CLEAN, 120), user=t.name("alice"))
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"), under_way=False)
    entry = next(a for a in dk.history(t.eve, HENDON).audit if a["action"] == "recount ended")
    assert describe_entry(entry, seat_names(t.eve, HENDON)).endswith(
        "called off the recount in Hendon: the next figures entered are the first count")


def test_called_off_over_an_unfinished_recount_it_is_that_recount_again(team):
    """Recount 1 called over a verified result and its count keyed, recount 2 called (which
    replaced that count: recount 1 never finished), then recount 2 called off: the seat went
    back to count 1 with no recount under way, and recount 1's figures could be keyed only
    as a correction of the first count, or as "Recount 2". Recount 1 is under way again."""
    t = team
    dk.declare(t.alice, HENDON, Figures(CLEAN, 120), user=t.name("alice"))
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120).verified
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    dk.declare(t.alice, HENDON, Figures(RECOUNT, 120), user=t.name("alice"))
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    sheet = dk.mark_recount(t.ann, HENDON, user=t.name("ann"), under_way=False)
    assert (sheet.recount_under_way, sheet.current_count) == (True, 1)
    keyed = dk.declare(t.alice, HENDON, Figures(RECOUNT, 120), user=t.name("alice"))
    assert keyed.count_label == "Recount 1"
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=RECOUNT, invalid=120).verified
    sheet = dk.load_sheet(t.bob, HENDON)
    assert not sheet.recount_under_way and sheet.verified.count_label == "Recount 1"
    card = card_data(night_state(t.eve), t.eve, HENDON)
    assert card.recounts == 1


def test_called_off_over_a_finished_recount_no_recount_is_under_way(team):
    t = team
    dk.declare(t.alice, HENDON, Figures(CLEAN, 120), user=t.name("alice"))
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120).verified
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    dk.declare(t.alice, HENDON, Figures(RECOUNT, 120), user=t.name("alice"))
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=RECOUNT, invalid=120).verified
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))
    sheet = dk.mark_recount(t.ann, HENDON, user=t.name("ann"), under_way=False)
    assert (sheet.recount_under_way, sheet.current_count) == (False, 1)
