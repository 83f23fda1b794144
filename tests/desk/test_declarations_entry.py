"""Entering a seat's figures (desk/declarations.py) against a real 2024 database: the ballot
paper, provisional entries that count for nothing until verified, and votes given as KEY=VOTES
(as feeds and the command line give them).

These tests need the whole 2024 election (`nominations_store`), which only a file has.
"""

from __future__ import annotations

import pytest
from helpers.desk_state import actions, hoc_2024, row, snapshot, view_version
from helpers.seats import BEACONSFIELD, CLEAN, CON, HENDON, HENDON_ELECTORATE, LAB

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain.model import DeclarationKind, DeclarationStatus, Figures, Status

# --- the ballot paper ------------------------------------------------------------------


def test_hendon_ballot_paper_matches_the_2024_nominations(nominations_store):
    sheet = dk.load_sheet(nominations_store, HENDON)
    assert sheet.name == "Hendon" and sheet.electorate == HENDON_ELECTORATE
    assert [(c.name, c.party) for c in sheet.candidates][CON] == ("Ameet Jogia", "Con")
    assert [(c.name, c.party) for c in sheet.candidates][LAB] == \
        ("David Pinto-Duschinsky", "Lab")
    assert sorted(c.name for c in sheet.candidates) == sorted(hoc_2024(HENDON))
    assert sheet.versions == () and sheet.current_version == 0 and sheet.latest is None
    assert dk.load_sheet(nominations_store, "hendon").code == HENDON  # by name, any case
    with pytest.raises(dk.DeskRefusal, match="No constituency 'Nowhere'"):
        dk.load_sheet(nominations_store, "Nowhere")


# --- declare: provisional until verified ------------------------------------------------


def test_declare_saves_a_provisional_version_that_does_not_count(nominations_store):
    store = nominations_store
    v = dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 120))
    assert (v.version, v.status, v.kind, v.count_number, v.count_label) == \
        (1, "provisional", "declaration", 0, "First count")
    assert (v.votes, v.invalid_votes, v.electorate) == (CLEAN, 120, HENDON_ELECTORATE)
    assert (v.status, v.kind) == (DeclarationStatus.PROVISIONAL, DeclarationKind.DECLARATION)
    assert v.figures == Figures(list(CLEAN), 120, electorate=HENDON_ELECTORATE)  # as saved
    assert (v.entered_by, v.verified_by, v.verified_at, v.overrides) == \
        ("alice", None, None, ())

    counted = national_summary(store)
    assert (counted.declared, counted.seats, counted.votes) == (0, {}, {})
    shown = national_summary(store, include_provisional=True)
    assert shown.declared == 1 and shown.seats == {"Lab": 1}
    assert shown.votes["Lab"] == 18000 and shown.valid_votes == sum(CLEAN)

    r = row(store)
    assert r.status is Status.PROVISIONAL and r.status_text == "provisional"
    assert (r.winner_party, r.winner_name) == ("Lab", "David Pinto-Duschinsky")
    assert not r.correction_pending and not r.recount_under_way
    assert [(q.code, q.version, q.kind, q.entered_by) for q in dk.verification_queue(store)] \
        == [(HENDON, 1, "declaration", "alice")]
    assert view_version(store, "verified_declarations") is None
    assert view_version(store, "latest_declarations") == 1

    (entry,) = dk.history(store, HENDON).audit
    assert (entry["user"], entry["action"], entry["entity_key"]) == ("alice", "declare", HENDON)
    assert entry["details"]["version"] == 1
    assert entry["details"]["new"]["votes"]["David Pinto-Duschinsky"] == 18000
    assert entry["details"]["new"]["invalid_votes"] == 120
    assert entry["details"]["old"] is None


def test_a_new_entry_before_verification_is_the_next_version(nominations_store):
    store = nominations_store
    dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 120))
    again = list(CLEAN)
    again[0] += 1
    v2 = dk.declare(store, HENDON, user="alice", figures=Figures(again, 120), expected_version=1)
    assert v2.version == 2 and v2.status == "provisional"
    sheet = dk.load_sheet(store, HENDON)
    assert [(v.version, v.status) for v in sheet.versions] == \
        [(1, "superseded"), (2, "provisional")]
    assert [q.version for q in dk.verification_queue(store)] == [2]
    assert national_summary(store, include_provisional=True).votes["Green"] == again[0]
    assert actions(store) == [("alice", "declare"), ("alice", "declare")]


def test_every_change_records_who_made_it(nominations_store):
    before = snapshot(nominations_store)
    with pytest.raises(dk.DeskRefusal, match="Say who you are"):
        dk.declare(nominations_store, HENDON, user="  ", figures=Figures(CLEAN, 1))
    assert snapshot(nominations_store) == before


def test_wrong_number_of_figures_is_refused(nominations_store):
    before = snapshot(nominations_store)
    with pytest.raises(dk.DeskRefusal, match="8 candidates; 7 figures"):
        dk.declare(nominations_store, HENDON, user="alice", figures=Figures(CLEAN[:-1], 1))
    assert snapshot(nominations_store) == before


# --- KEY=VOTES, as feeds and the command line give figures ------------------------------------


def test_votes_from_keys_by_name_or_party(nominations_store):
    sheet = dk.load_sheet(nominations_store, HENDON)
    pairs = [("Lab", "18,000"), ("ameet   JOGIA", "12000"), ("Green", "2667"), ("LD", "1966"),
             ("SDP", "139"), ("WPB", "1 518"), ("Joshua Pearl", "3038"), ("reu", "233")]
    assert dk.votes_from_keys(sheet, pairs) == list(CLEAN)


@pytest.mark.parametrize(("pairs", "message"), [
    ([("Nobody", "5")], "'Nobody' is not a candidate in Hendon"),
    ([("Lab", "12a")], "'12a' for David Pinto-Duschinsky is not a whole number"),
    ([("Lab", "-5")], "is below zero: a count is 0 or more"),
    ([("Lab", "1.5")], "is not a whole number"),
    ([("Lab", "")], "is not a whole number"),
    ([("Lab", "5"), ("David Pinto-Duschinsky", "5")], "David Pinto-Duschinsky is given twice"),
    ([("Lab", "5")], "No votes given for Gabrielle Bailey, Clareine Enderby"),
])
def test_votes_from_keys_refusals(nominations_store, pairs, message):
    sheet = dk.load_sheet(nominations_store, HENDON)
    with pytest.raises(dk.DeskRefusal, match=message):
        dk.votes_from_keys(sheet, pairs)


def test_an_ambiguous_party_key_is_refused(nominations_store):
    sheet = dk.load_sheet(nominations_store, BEACONSFIELD)
    independents = [c.name for c in sheet.candidates if c.party == "Ind"]
    assert independents == ["Pippa Allen", "Cole Caesar"]
    with pytest.raises(dk.DeskRefusal, match=r"'Ind' stands for 2 candidates.*Pippa Allen, "
                                             r"Cole Caesar.*full name"):
        dk.votes_from_keys(sheet, [("Ind", "710")])
    figures = hoc_2024(BEACONSFIELD)
    votes = dk.votes_from_keys(sheet, [(c.name, str(figures[c.name])) for c in sheet.candidates])
    assert votes == [figures[c.name] for c in sheet.candidates]
