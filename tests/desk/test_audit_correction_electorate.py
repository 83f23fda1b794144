"""A correction of the electorate alone is said in the audit trail.

The returning officer restated Hendon's electorate and the desk corrected that alone (the
turnout on air moves with it): the trail read "alice corrected Hendon as version 2:
figures unchanged", with nothing to say what had changed. The entry now records the
electorate beside the votes, on a file and a server alike, and the sentence names it; an
entry without it (one written before) says what is the same, never "figures unchanged"."""

from __future__ import annotations

from helpers.desk_target import desk_target_fixture  # noqa: F401  (fixture)
from helpers.seats import CLEAN, HENDON, HENDON_ELECTORATE

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit_text import SeatNames, describe_entry
from resultsdesk.domain.model import Figures

RESTATED = HENDON_ELECTORATE + 100


def test_a_files_correction_of_the_electorate_names_it(nominations_store):
    desk = nominations_store
    dk.declare(desk, HENDON, Figures(CLEAN, 120), user="alice")
    dk.verify(desk, HENDON, user="bob", votes=CLEAN, invalid=120)
    dk.correct(desk, HENDON, Figures(CLEAN, 120, electorate=RESTATED), user="alice",
               reason="RO restated the electorate")
    entry = next(e for e in dk.audit_log(desk) if e["action"] == "correct")
    assert (entry["details"]["old"]["electorate"], entry["details"]["new"]["electorate"]) == (
        HENDON_ELECTORATE, RESTATED)
    sentence = describe_entry(entry, {HENDON: SeatNames("Hendon", ())})
    assert f"electorate {HENDON_ELECTORATE:,} → {RESTATED:,}" in sentence


def test_an_entry_without_the_electorate_never_reads_figures_unchanged():
    votes = {"Ann Smith": 1_234}
    entry = {"user": "alice", "action": "correct", "entity": "constituency",
             "entity_key": "X1", "details": {
                 "version": 2, "reason": "RO restated the electorate",
                 "old": {"votes": votes, "invalid_votes": 10},
                 "new": {"votes": votes, "invalid_votes": 10}}}
    sentence = describe_entry(entry, {"X1": SeatNames("Hendon", (("Ann Smith", "Smith",
                                                                   "Lab"),))})
    assert "figures unchanged" not in sentence
    assert "votes and rejected ballots unchanged" in sentence


def test_a_correction_of_the_electorate_names_it_on_a_file_and_a_server(desk_target):
    """The server's entry records it as the file's does (migration 73): on a team desk the
    trail read "votes and rejected ballots unchanged" for the same correction."""
    t = desk_target
    alice, bob = t.open("alice"), t.open("bob")
    dk.declare(alice, HENDON, Figures(CLEAN, 120), user=t.name("alice"))
    dk.verify(bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120)
    before = dk.load_sheet(alice, HENDON).prefilled_electorate()
    dk.correct(alice, HENDON, Figures(CLEAN, 120, electorate=before + 100),
               user=t.name("alice"), reason="RO restated the electorate")
    editor = t.open("eve")
    entry = next(e for e in dk.audit_log(editor) if e["action"] == "correct")
    assert (entry["details"]["old"]["electorate"], entry["details"]["new"]["electorate"]) == (
        before, before + 100)
    sentence = describe_entry(entry, {HENDON: SeatNames("Hendon", ())})
    assert f"electorate {before:,} → {before + 100:,}" in sentence
