"""The declaration workflow (desk/declarations.py) against a real 2024 database.

Provisional entries, four-eyes verification by blind re-key or check, rejection and
withdrawal, validation with recorded overrides, corrections, recounts, ties decided by lot,
stale-version conflicts between two desks, and the append-only audit log.

Tests taking `team` run on both stores (`desk_target`: a SQLite file and a PostgreSQL
server's election of a few 2024 seats, Hendon among them), each person at their own desk;
those on `nominations_store` / `night_store` need the whole 2024 election or an open desk's
free-typed names, which only a file has.
"""

from __future__ import annotations

import csv
import json
import sqlite3

import pytest
from helpers.desk_target import desk_target_fixture, team_fixture  # noqa: F401  (fixtures)
from helpers.seats import BEACONSFIELD, CLEAN, HENDON, TIED
from hypothesis import given
from hypothesis import strategies as st

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.overview import constituency_rows
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain.errors import FileProblem
from resultsdesk.domain.model import DeclarationKind, DeclarationStatus, Figures, Status
from resultsdesk.domain.tally import RecountThresholds
from resultsdesk.domain.validation import WARNING_CODES, check_figures, differences
from resultsdesk.io.audit_export import COLUMNS, export_audit
from resultsdesk.io.safe_csv import neutralise
from resultsdesk.paths import ELECTION_2024, data_file
from resultsdesk.store import Store
from resultsdesk.store import repository as repo

# Hendon in ballot order: Bailey (Green), Enderby (LD), Gibson (SDP), Jogia (Con),
# Palekar (WPB), Pearl (RUK), Pinto-Duschinsky (Lab), Rend (REU). Electorate 74,865.
CON, LAB = 3, 6
HENDON_ELECTORATE = 74_865
WARNINGS = WARNING_CODES


def hoc_2024(code: str) -> dict[str, int]:
    """The real 2024 votes of a seat by candidate name, from the bundled HoC file."""
    with data_file(ELECTION_2024).open(encoding="utf-8", newline="") as fh:
        return {f"{r['Candidate first name']} {r['Candidate surname']}".strip():
                int(r["Votes"]) for r in csv.DictReader(fh) if r["ONS ID"] == code}


def real_votes(store: Store, code: str) -> list[int]:
    sheet = dk.load_sheet(store, code)
    figures = hoc_2024(code)
    return [figures[c.name] for c in sheet.candidates]


def snapshot(store: Store) -> tuple:
    """Everything a desk action may write."""
    return (
        store.query("SELECT * FROM declarations ORDER BY id"),
        store.query("SELECT * FROM declaration_votes ORDER BY declaration_id, candidate_id"),
        store.query("SELECT * FROM audit_log ORDER BY id"),
        store.query("SELECT code, recount_under_way, current_count FROM constituencies "
                    "ORDER BY code"),
    )


def row(store: Store, code: str = HENDON):
    return next(r for r in constituency_rows(store) if r.code == code)


def actions(store: Store, code: str = HENDON) -> list[tuple[str, str]]:
    return [(a["user"], a["action"]) for a in dk.history(store, code).audit]


def view_version(store: Store, view: str, code: str = HENDON) -> int | None:
    return store.scalar(f"SELECT d.version FROM {view} d JOIN constituencies k "
                        "ON k.id = d.constituency_id WHERE k.code = ?", (code,))


def seat_figures(store: Store, code: str = HENDON, *, include_provisional: bool = False):
    seat = next(s for s in repo.seat_results(store, include_provisional=include_provisional)
                if s.code == code)
    return tuple(c.votes for c in seat.candidates)


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


def test_check_mode_verifies_without_rekeying(team):
    t = team
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120))
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


# --- validation ---------------------------------------------------------------------------


def test_total_as_read_must_equal_the_sum(team):
    t = team
    before = snapshot(t.alice)
    with pytest.raises(dk.FiguresRefused, match="add up to 39,561, not the 39,651") as e:
        dk.declare(t.alice, HENDON, user=t.name("alice"),
                   figures=Figures(CLEAN, 120, total_as_read=39_651),
                   overrides=WARNINGS)  # errors cannot be overridden
    assert [p.code for p in e.value.problems] == ["total_mismatch"]
    assert snapshot(t.alice) == before
    v = dk.declare(t.alice, HENDON, user=t.name("alice"),
                   figures=Figures(CLEAN, 120, total_as_read=sum(CLEAN)))
    assert v.total_as_read == 39_561


def test_votes_cast_cannot_exceed_the_electorate(team):
    t = team
    votes = [1000, 1000, 1000, 30000, 1000, 1000, 39000, 800]  # 74,800 valid
    before = snapshot(t.alice)
    with pytest.raises(dk.FiguresRefused, match="74,866 ballots cast is more than the "
                                                "electorate of 74,865") as e:
        dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 66),
                   overrides=WARNINGS)
    assert [p.code for p in e.value.problems] == ["over_electorate"]
    assert snapshot(t.alice) == before
    # Exactly the electorate is possible (if remarkable: a 99.9 % turnout needs an override).
    with pytest.raises(dk.FiguresRefused) as e:
        dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 65))
    assert [p.code for p in e.value.problems] == ["high_turnout"]
    v = dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 65),
                   overrides=["high_turnout"])
    assert v.valid_votes + v.invalid_votes == HENDON_ELECTORATE


def test_the_electorate_given_with_the_figures_is_checked_and_kept(team):
    t = team
    with pytest.raises(dk.FiguresRefused) as e:
        dk.declare(t.alice, HENDON, user=t.name("alice"),
                   figures=Figures(CLEAN, 0, electorate=39_000))
    assert [p.code for p in e.value.problems] == ["over_electorate"]
    v = dk.declare(t.alice, HENDON, user=t.name("alice"),
                   figures=Figures(CLEAN, 0, electorate=60_000))
    assert v.electorate == 60_000


WARNING_FIGURES = {
    "low_turnout": (100, 200, 300, 5000, 400, 500, 9000, 600),  # 21.5 % turnout
    "high_turnout": (2000, 2000, 1000, 25000, 1000, 2000, 39000, 500),  # 96.8 %
    "zero_votes": (2667, 1966, 0, 12000, 1518, 3038, 18000, 233),
    "recount_range": None,  # the real 2024 result: Lab by 15
    "tie": TIED,
}


@pytest.mark.parametrize("code", WARNINGS)
def test_a_warning_refuses_the_save_unless_overridden_and_the_override_is_recorded(team, code):
    t = team
    votes = WARNING_FIGURES[code] or real_votes(t.alice, HENDON)
    others = [w for w in WARNINGS if w != code]
    before = snapshot(t.alice)
    with pytest.raises(dk.FiguresRefused, match=f"warning '{code}': override to accept") as e:
        dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 100),
                   overrides=others)
    assert [p.code for p in e.value.problems] == [code]
    assert all(not p.is_error for p in e.value.problems)
    assert snapshot(t.alice) == before

    v = dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 100),
                   overrides=[code])
    assert v.overrides == (code,) and v.status == "provisional"
    assert dk.load_sheet(t.alice, HENDON).latest.overrides == (code,)
    entry = dk.history(t.alice, HENDON).audit[-1]
    assert entry["action"] == "declare" and entry["details"]["overrides"] == [code]


def test_each_warning_needs_its_own_override(team):
    t = team
    votes = list(TIED)
    votes[0] = 0  # a tie and a candidate with no votes
    with pytest.raises(dk.FiguresRefused) as e:
        dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 5),
                   overrides=["tie"])
    assert [p.code for p in e.value.problems] == ["zero_votes"]
    assert "Gabrielle Bailey has 0 votes" in str(e.value)
    v = dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 5),
                   overrides=["zero_votes", "tie"])
    assert v.overrides == ("tie", "zero_votes")
    assert dk.history(t.alice, HENDON).audit[-1]["details"]["overrides"] == ["tie", "zero_votes"]


def test_the_recount_range_follows_the_desk_thresholds(team):
    t = team
    votes = list(CLEAN)
    votes[CON] = 17_850  # Lab by 150 (0.33 % of valid votes)
    with pytest.raises(dk.FiguresRefused):
        dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 1))
    v = dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 1),
                   thresholds=RecountThresholds(100, 0.2))
    assert v.overrides == ()


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

    dk.verify(t.bob, HENDON, user=t.name("bob"), votes=None)
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

    shown = national_summary(t.bob, include_provisional=True)
    assert shown.seats == {"Lab": 1} and national_summary(t.bob).declared == 0
    result = dk.verify(t.bob, HENDON, user=t.name("bob"), votes=real, invalid=190)
    assert result.verified

    hist = dk.history(t.bob, HENDON)
    assert [(v.version, v.count_number, v.count_label, v.status) for v in hist.sheet.versions] \
        == [(1, 0, "First count", "superseded"), (2, 1, "Recount 1", "superseded"),
            (3, 2, "Recount 2", "verified")]
    assert [v.votes for v in hist.sheet.versions] == [tuple(c) for c in counts]
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
    assert r.tie and r.winner_party is None and r.status_text == "tie"

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
    assert dk.verify(t.alice, HENDON, user=t.name("alice"), votes=None).verified
    s = national_summary(t.alice)
    assert s.seats == {"Con": 1} and s.declared == 1
    r = row(t.alice)
    assert (r.winner_party, r.winner_name) == ("Con", jogia.name)
    sheet = dk.load_sheet(t.alice, HENDON)
    assert [v.status for v in sheet.versions] == ["superseded", "verified"]
    history = dk.history(t.alice, HENDON).to_json_dict()
    assert history["versions"][-1]["tie_winner"] == "Ameet Jogia"
    assert pinto.name not in {v["tie_winner"] for v in history["versions"]}


def test_a_lot_can_be_recorded_before_the_tie_is_verified(team):
    t = team
    jogia = dk.load_sheet(t.alice, HENDON).candidates[CON]
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(TIED, 50),
               overrides=["tie"])
    v = dk.decide_tie(t.bob, HENDON, user=t.name("bob"), winner_id=jogia.id,
                      note="drawn by the RO")
    assert v.version == 2
    assert [x.status for x in dk.load_sheet(t.bob, HENDON).versions] == \
        ["superseded", "provisional"]
    assert national_summary(t.bob, include_provisional=True).seats == {"Con": 1}
    assert national_summary(t.bob).seats == {}
    dk.verify(t.ann, HENDON, user=t.name("ann"), votes=TIED, invalid=50)
    assert national_summary(t.bob).seats == {"Con": 1}


def test_no_lot_without_a_tie(team):
    t = team
    with pytest.raises(dk.DeskRefusal, match="no figures yet"):
        dk.decide_tie(t.ann, HENDON, user=t.name("ann"), winner_id=1, note="x")
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 50))
    lab = dk.load_sheet(t.ann, HENDON).candidates[LAB]
    with pytest.raises(dk.DeskRefusal, match="only be recorded when the top candidates tie"):
        dk.decide_tie(t.ann, HENDON, user=t.name("ann"), winner_id=lab.id, note="x")


# --- two desks, one file ----------------------------------------------------------------------


def test_a_stale_save_is_refused_naming_who_changed_the_seat(team):
    t = team
    one, two = t.alice, t.bob  # two desks, each with its own connection
    seen_by_one = dk.load_sheet(one, HENDON)
    seen_by_two = dk.load_sheet(two, HENDON)
    dk.declare(one, HENDON, user=t.name("alice"), figures=Figures(CLEAN, 120),
               expected_version=seen_by_one.current_version)
    before = snapshot(two)
    other = list(CLEAN)
    other[LAB] += 100
    with pytest.raises(dk.Conflict) as e:
        dk.declare(two, HENDON, user=t.name("bob"), figures=Figures(other, 120),
                   expected_version=seen_by_two.current_version)
    message = str(e.value)
    assert "changed by someone else" in message and f"entered by {t.name('alice')}" in message
    assert snapshot(two) == before == snapshot(one)
    assert [v.entered_by for v in dk.load_sheet(one, HENDON).versions] == [t.name("alice")]
    assert t.name("bob") not in {a["user"] for a in dk.audit_log(one)}
    # Reloaded, the second desk can go on.
    fresh = dk.load_sheet(two, HENDON)
    assert dk.verify(two, HENDON, user=t.name("bob"), votes=None,
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


# --- the audit log ---------------------------------------------------------------------------


def test_every_action_is_audited(team):
    t = team
    n = t.name
    imported = len(dk.audit_log(t.ann))  # creating the election and importing nominations
    jogia = dk.load_sheet(t.ann, HENDON).candidates[CON]
    wrong = list(TIED)
    wrong[0] += 1
    dk.declare(t.alice, HENDON, user=n("alice"), figures=Figures(CLEAN, 1))
    dk.reject(t.bob, HENDON, user=n("bob"), comment="check Lab")
    dk.declare(t.alice, HENDON, user=n("alice"), figures=Figures(CLEAN, 2))
    dk.withdraw(t.alice, HENDON, user=n("alice"))
    dk.declare(t.alice, HENDON, user=n("alice"), figures=Figures(TIED, 3), overrides=["tie"])
    dk.mark_recount(t.ann, HENDON, user=n("ann"))
    dk.declare(t.alice, HENDON, user=n("alice"), figures=Figures(TIED, 3), overrides=["tie"])
    dk.verify(t.bob, HENDON, user=n("bob"), votes=wrong, invalid=3)
    dk.verify(t.bob, HENDON, user=n("bob"), votes=TIED, invalid=3)
    dk.decide_tie(t.ann, HENDON, user=n("ann"), winner_id=jogia.id, note="lots")
    dk.verify(t.alice, HENDON, user=n("alice"), votes=None)
    fixed = list(TIED)
    fixed[0] += 1
    dk.correct(t.bob, HENDON, user=n("bob"), figures=Figures(fixed, 3), reason="typo",
               overrides=["tie"], tie_winner=jogia.id)
    dk.verify(t.ann, HENDON, user=n("ann"), votes=None)

    log = dk.audit_log(t.ann)[imported:]
    assert log == dk.history(t.ann, HENDON).audit
    assert [(a["user"], a["action"]) for a in log] == [
        (n("alice"), "declare"), (n("bob"), "reject"), (n("alice"), "declare"),
        (n("alice"), "withdraw"), (n("alice"), "declare"), (n("ann"), "recount under way"),
        (n("alice"), "declare"), (n("bob"), "verify mismatch"), (n("bob"), "verify"),
        (n("ann"), "decide tie by lot"), (n("alice"), "verify"), (n("bob"), "correct"),
        (n("ann"), "verify")]
    assert all(a["entity"] == "constituency" and a["entity_key"] == HENDON for a in log)
    assert all(a["at"] and isinstance(a["details"], dict) and a["details"] for a in log)
    assert [a["id"] for a in log] == sorted(a["id"] for a in log)
    assert national_summary(t.ann).seats == {"Con": 1}
    assert check_audit_chain(t.eve).intact  # the chain holds on either store


def test_the_audit_log_is_append_only_in_a_file(nominations_store):
    """A file's triggers (a server's are tests/store/postgres/test_pg_server.py's)."""
    store = nominations_store
    dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
    dk.verify(store, HENDON, user="bob", votes=None)
    before = snapshot(store)
    for statement in ("UPDATE audit_log SET user = 'mallory'",
                      "UPDATE audit_log SET details = '{}' WHERE action = 'verify'",
                      "DELETE FROM audit_log",
                      "DELETE FROM audit_log WHERE user = 'bob'"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            store._conn.execute(statement)
        with pytest.raises(sqlite3.DatabaseError, match="append-only"), store.write():
            store._conn.execute(statement)
    assert snapshot(store) == before
    with pytest.raises(RuntimeError):  # an entry lands with its change, or not at all
        store.audit("mallory", "declare", "constituency", HENDON)


def test_a_refused_change_leaves_no_audit_entry(team):
    t = team
    alice = t.name("alice")
    before = snapshot(t.alice)
    for attempt in (
        lambda: dk.declare(t.alice, HENDON, user=alice, figures=Figures(TIED, 1)),
        lambda: dk.declare(t.alice, HENDON, user=alice,
                           figures=Figures(CLEAN, 1, total_as_read=1)),
        lambda: dk.verify(t.bob, HENDON, user=t.name("bob"), votes=None),
        lambda: dk.withdraw(t.alice, HENDON, user=alice),
        lambda: dk.declare(t.alice, HENDON, user=alice, figures=Figures(CLEAN, 1),
                           expected_version=3),
    ):
        with pytest.raises(dk.DeskRefusal):
            attempt()
    assert snapshot(t.alice) == before


@pytest.mark.parametrize(("value", "expected"), [
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("+1", "'+1"), ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("alice", "alice"), ("a=b", "a=b"), ("", ""), (12, 12), (-5, -5), (None, None),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_audit_export_neutralises_formulae_in_csv(nominations_store, tmp_path):
    store = nominations_store
    dk.declare(store, HENDON, user="=cmd", figures=Figures(CLEAN, 1))
    dk.verify(store, HENDON, user="+bob", votes=None)
    entries = dk.history(store, HENDON).audit

    path = tmp_path / "audit.csv"
    assert export_audit(entries, path) == 2
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 3
    users = [r[COLUMNS.index("user")] for r in rows[1:]]
    assert users == ["'=cmd", "'+bob"]
    assert [r[COLUMNS.index("action")] for r in rows[1:]] == ["declare", "verify"]
    assert [int(r[0]) for r in rows[1:]] == [e["id"] for e in entries]
    details = json.loads(rows[1][COLUMNS.index("details")])
    assert details["new"]["votes"]["David Pinto-Duschinsky"] == 18000

    path = tmp_path / "audit.json"
    assert export_audit(entries, path) == 2
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [e["user"] for e in data] == ["=cmd", "+bob"]  # JSON is data, not a spreadsheet
    assert data[1]["details"]["entered_by"] == "=cmd"
    with pytest.raises(FileProblem, match=r"\.csv or \.json"):
        export_audit(entries, tmp_path / "audit.xlsx")


# --- KEY=VOTES, as feeds and the command line give figures ------------------------------------


def test_votes_from_keys_by_name_or_party(nominations_store):
    sheet = dk.load_sheet(nominations_store, HENDON)
    pairs = [("Lab", "18,000"), ("ameet   JOGIA", "12000"), ("Green", "2667"), ("LD", "1966"),
             ("SDP", "139"), ("WPB", "1 518"), ("Joshua Pearl", "3038"), ("reu", "233")]
    assert dk.votes_from_keys(sheet, pairs) == list(CLEAN)


@pytest.mark.parametrize(("pairs", "message"), [
    ([("Nobody", "5")], "'Nobody' is not a candidate in Hendon"),
    ([("Lab", "12a")], "'12a' for David Pinto-Duschinsky is not a whole number"),
    ([("Lab", "-5")], "is not a whole number"),
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


# --- properties -------------------------------------------------------------------------------


figures = st.lists(st.integers(0, 100_000), min_size=1, max_size=12)


@given(figures, st.data())
def test_differences_name_exactly_the_fields_that_differ(first, data):
    second = data.draw(st.lists(st.integers(0, 100_000), min_size=len(first),
                                max_size=len(first)))
    inv1 = data.draw(st.none() | st.integers(0, 1000))
    inv2 = data.draw(st.none() | st.integers(0, 1000))
    diffs = differences(first, second, inv1, inv2)
    assert diffs == [f"votes:{i}" for i in range(len(first)) if first[i] != second[i]] + \
        (["invalid"] if inv1 != inv2 else [])
    assert (diffs == []) == (list(first) == list(second) and inv1 == inv2)


@given(figures, st.integers(0, 2_000_000), st.none() | st.integers(0, 10_000))
def test_a_total_read_out_that_differs_is_always_an_error(votes, total, invalid):
    from resultsdesk.domain.model import CandidateVotes

    cands = [CandidateVotes(f"C{i}", f"P{i}", v) for i, v in enumerate(votes)]
    problems = check_figures(cands, invalid_votes=invalid, electorate=None, total_as_read=total)
    mismatch = [p for p in problems if p.code == "total_mismatch"]
    assert bool(mismatch) == (total != sum(votes))
    assert all(p.is_error for p in mismatch)


def test_a_lot_recorded_on_unverified_figures_keeps_their_author_out(team):
    """Bob records the draw on Alice's unverified tie: Alice's keying is in that version,
    so she cannot verify it either; a third person can."""
    t = team
    sheet = dk.load_sheet(t.alice, HENDON)
    votes = [100, 200, 300, 20000, 400, 500, 20000, 600]
    dk.declare(t.alice, HENDON, user=t.name("alice"), figures=Figures(votes, 7),
               overrides=["tie"])
    jogia = next(c.id for c in sheet.candidates if c.name == "Ameet Jogia")
    dk.decide_tie(t.bob, HENDON, user=t.name("bob"), winner_id=jogia, note="hat")
    for author in ("alice", "bob"):
        with pytest.raises(dk.FourEyesRefusal, match=f"{t.name(author)} entered the figures"):
            dk.verify(t.desk(author), HENDON, user=t.name(author).upper(), votes=None)
    result = dk.verify(t.ann, HENDON, user=t.name("ann"), votes=votes, invalid=7,
                       tie_winner=jogia)
    assert result.verified
    assert national_summary(t.ann).seats == {"Con": 1}


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
