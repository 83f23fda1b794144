"""The audit check compares each version's status with what the entries say was done to it,
and each verification entry with the desk's rules (`desk.audit_versions`). Each kind of
tampering here passed the check before, with every hash intact:

- a verified result taken off air with its verifier cleared (made to look rejected, pending
  or withdrawn), the chain's triggers dropped and put back around the change;
- a pending entry quietly rejected, withdrawn or superseded, a move the triggers allow;
- an entry appended with its hash recomputed that records someone verifying their own
  entry, or, on a desk that signs people in, a name with no account, a disabled account or
  an editor;
- an entry holding what ResultsDesk never writes (NaN, a lone surrogate, a value nested
  thousands deep): the check stopped with "This is a bug" instead of naming the entry.
"""

from __future__ import annotations

import json

import pytest
from helpers.accounts import FAST
from helpers.seats import CLEAN, HENDON, TIED
from helpers.tampering import check, declaration, drop_triggers, put_back_triggers, raw

from resultsdesk.desk import accounts as acc
from resultsdesk.desk import declarations as dk
from resultsdesk.domain.audit_chain import details_value, entry_hash
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.store import audit_chain as chain


def _declared(path, *, verified: bool = False) -> None:
    with Store(path) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
        if verified:
            dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=1)
    assert check(path).intact


def _append(path, user: str, action: str, key: str, details: dict) -> int:
    """An entry appended as a forger who knows the hashing would: its hash and link right."""
    conn = raw(path)
    last_id, last_hash = conn.execute(
        "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    text = json.dumps(details)
    at = "2026-12-04T12:00:00+00:00"
    forged = entry_hash(id=last_id + 1, at=at, user=user, action=action,
                        entity="constituency", entity_key=key, details=details_value(text),
                        prev_hash=last_hash)
    conn.execute(f"INSERT INTO audit_log ({chain.CHAIN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, "
                 "?, ?)", (last_id + 1, at, user, action, "constituency", key, text,
                           last_hash, forged))
    return last_id + 1


@pytest.mark.parametrize("status", ["rejected", "provisional", "withdrawn"])
def test_a_verified_result_unverified_by_hand_is_found(nominations_db, status):
    _declared(nominations_db, verified=True)
    conn = raw(nominations_db)
    saved = drop_triggers(conn)
    conn.execute(f"UPDATE declarations SET status = '{status}', verified_by = NULL, "
                 "verified_at = NULL, verification_mode = NULL "
                 f"WHERE id = {declaration(conn, HENDON)}")
    put_back_triggers(conn, saved)
    result = check(nominations_db)
    assert not result.intact
    assert result.problem == (f"version 1 of Hendon ({HENDON}) was verified, as an audit "
                              "entry records, but is no longer marked verified")


def test_a_verified_result_marked_rejected_keeping_its_verifier_is_found(nominations_db):
    _declared(nominations_db, verified=True)
    conn = raw(nominations_db)
    saved = drop_triggers(conn)
    conn.execute(f"UPDATE declarations SET status = 'rejected' "
                 f"WHERE id = {declaration(conn, HENDON)}")
    put_back_triggers(conn, saved)
    assert check(nominations_db).problem == (
        f"version 1 of Hendon ({HENDON}) was verified but is now rejected: a verified "
        "version only ever gives way to a later one")


@pytest.mark.parametrize(("status", "words"), [
    ("rejected", "is marked rejected, but no audit entry records who rejected it"),
    ("withdrawn", "is marked withdrawn, but no audit entry records who withdrew it"),
    ("superseded", "is marked superseded, but no later version of it exists and no recount "
                   "was called on it")])
def test_a_pending_entry_closed_by_hand_is_found(nominations_db, status, words):
    """provisional -> rejected, withdrawn or superseded are moves the triggers allow: done
    by hand, the entry left the verification queue with no record of who did it."""
    _declared(nominations_db)
    conn = raw(nominations_db)
    conn.execute(f"UPDATE declarations SET status = '{status}' "
                 f"WHERE id = {declaration(conn, HENDON)}")
    result = check(nominations_db)
    assert not result.intact and result.entry_id is None
    assert result.problem == f"version 1 of Hendon ({HENDON}) {words}"


def test_entries_closed_by_the_desk_stay_intact(nominations_db):
    """Rejected, withdrawn, superseded by a newer entry and by a recount, and verified: the
    desk's own moves, each with its entry."""
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
        dk.reject(store, HENDON, user="bob", comment="misread")
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
        dk.withdraw(store, HENDON, user="alice")
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 2))  # supersedes
        dk.mark_recount(store, HENDON, user="bob")  # supersedes the pending count
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
        dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=1)
    statuses = [s for (s,) in raw(nominations_db).execute(
        "SELECT status FROM declarations ORDER BY id")]
    assert set(statuses) == {"rejected", "withdrawn", "superseded", "verified"}
    assert check(nominations_db).intact


def test_a_verification_by_its_own_author_is_found(nominations_db):
    """Four eyes: an entry appended, hashes right, saying alice verified alice's entry."""
    _declared(nominations_db)
    conn = raw(nominations_db)
    did = declaration(conn, HENDON)
    conn.execute("UPDATE declarations SET status = 'verified', verified_by = 'Alice', "
                 f"verified_at = '2026-12-04T12:00:00+00:00' WHERE id = {did}")
    seal = chain.seal_versions(conn, [did])[did]
    forged = _append(nominations_db, "Alice", "verify", HENDON,
                     {**seal, "version": 1, "verified_at": "2026-12-04T12:00:00+00:00"})
    result = check(nominations_db)
    assert result.entry_id == forged
    assert result.problem == (f'it records "Alice" verifying version 1 of {HENDON}, which '
                              "they entered themselves: nobody verifies their own entry")


@pytest.mark.parametrize(("verifier", "before", "words"), [
    ("mallory", None, "no account of that name existed then"),
    ("bob", "disable", "that account was disabled then"),
    ("bob", "editor", "that account was editor then")])
def test_a_verification_by_no_account_that_may_verify_is_found(nominations_db, verifier,
                                                                before, words):
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "password123", admin=None, kdf=FAST)
        for name in ("alice", "bob"):
            acc.add_account(store, name, "desk", "password123", admin="root", kdf=FAST)
        if before == "disable":
            acc.disable_account(store, "bob", admin="root")
        elif before == "editor":
            acc.change_role(store, "bob", "editor", admin="root")
    _declared(nominations_db)
    conn = raw(nominations_db)
    did = declaration(conn, HENDON)
    conn.execute(f"UPDATE declarations SET status = 'verified', verified_by = '{verifier}', "
                 f"verified_at = '2026-12-04T12:00:00+00:00' WHERE id = {did}")
    seal = chain.seal_versions(conn, [did])[did]
    forged = _append(nominations_db, verifier, "verify", HENDON,
                     {**seal, "version": 1, "verified_at": "2026-12-04T12:00:00+00:00"})
    result = check(nominations_db)
    assert result.entry_id == forged
    assert result.problem == f'it records "{verifier}" verifying, but {words}'


@pytest.mark.parametrize("details", [
    '{"fields": NaN}', '{"x": 1e999}', '{"x": "\\ud800"}', "[" * 100_000 + "]" * 100_000])
def test_an_entry_holding_what_the_app_never_writes_is_named(nominations_db, details):
    _declared(nominations_db, verified=True)
    conn = raw(nominations_db)
    saved = drop_triggers(conn)
    (last,) = conn.execute("SELECT max(id) FROM audit_log").fetchone()
    conn.execute("UPDATE audit_log SET details = ? WHERE id = ?", (details, last))
    put_back_triggers(conn, saved)
    result = check(nominations_db)
    assert result.entry_id == last
    assert result.problem in ("its contents were changed after it was written",
                              "its contents are not what ResultsDesk writes: it was changed "
                              "outside ResultsDesk")


def test_a_rehashed_entry_with_a_malformed_seal_is_named(nominations_db):
    _declared(nominations_db)
    forged = _append(nominations_db, "bob", "verify", HENDON,
                     {"declaration_id": 1, "figures_sha256": {"abc": "x"}})
    result = check(nominations_db)
    assert result.entry_id == forged
    assert "not what ResultsDesk writes" in result.problem


@pytest.mark.parametrize(("statement", "state"), [
    ("recount_under_way = 1, current_count = 1", "has a recount under way"),
    ("current_count = 2", "has its figures keyed as recount 2")])
def test_a_recount_set_by_hand_is_found(nominations_db, statement, state):
    """A recount marked in the file with no entry calling it: it held back every import of
    the seat and put RECOUNT on air, with nothing in the record."""
    raw(nominations_db).execute(f"UPDATE constituencies SET {statement} WHERE code = ?",
                                (HENDON,))
    result = check(nominations_db)
    assert result.problem == (f"Hendon ({HENDON}) {state}, but no audit entry records a "
                              "recount called on it")


def test_recounts_called_and_ended_by_the_desk_stay_intact(nominations_db):
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
        dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=1)
        dk.mark_recount(store, HENDON, user="bob")
        dk.mark_recount(store, HENDON, user="bob", under_way=False)
        dk.mark_recount(store, HENDON, user="bob")
    assert raw(nominations_db).execute(
        "SELECT recount_under_way FROM constituencies WHERE code = ?", (HENDON,)
    ).fetchone() == (1,)
    assert check(nominations_db).intact


@pytest.mark.parametrize(("statement", "state"), [
    ("recount_under_way = 0", "no recount under way"),
    ("recount_under_way = 0, current_count = 0", "no recount under way"),
    ("current_count = 2", "its figures keyed as recount 2")])
def test_a_recount_taken_off_by_hand_is_found(nominations_db, statement, state):
    """A recount the desk called, cleared in the file: RECOUNT gone from air, the seat's
    imports no longer held back, the call of the entry recording it undone unseen."""
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
        dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=1)
        dk.mark_recount(store, HENDON, user="bob")
    assert check(nominations_db).intact
    raw(nominations_db).execute(f"UPDATE constituencies SET {statement} WHERE code = ?",
                                (HENDON,))
    result = check(nominations_db)
    assert result.problem == (f"Hendon ({HENDON}) has {state}, but an audit entry records "
                              "recount 1 called on it and nothing since ended it")


def _recounted(db) -> None:
    """Hendon's first count verified, a recount called, and its count verified."""
    with Store(db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
        dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=1)
        dk.mark_recount(store, HENDON, user="bob")
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 2))
        dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=2)


def test_a_recount_ended_by_its_verified_count_stays_intact(nominations_db):
    _recounted(nominations_db)
    assert raw(nominations_db).execute(
        "SELECT recount_under_way, current_count FROM constituencies WHERE code = ?",
        (HENDON,)).fetchone() == (0, 1)
    assert check(nominations_db).intact


@pytest.mark.parametrize(("count", "keyed"), [(0, "first count"), (3, "recount 3")])
def test_a_finished_recounts_count_moved_by_hand_is_found(nominations_db, count, keyed):
    """Recount 1 called and its count verified, then the seat's count put back to the
    first (or on) in the file: the next recount called was keyed as "recount 1" again,
    two versions of that name in History and on air, with the check intact."""
    _recounted(nominations_db)
    assert check(nominations_db).intact
    raw(nominations_db).execute("UPDATE constituencies SET current_count = ? WHERE code = ?",
                                (count, HENDON))
    result = check(nominations_db)
    assert not result.intact
    assert result.problem == (f"Hendon ({HENDON}) has its figures keyed as {keyed}, but the "
                              "audit entries leave it at recount 1")


def test_a_called_off_recount_leaves_the_count_it_went_back_to_intact(nominations_db):
    _recounted(nominations_db)
    with Store(nominations_db) as store:
        dk.mark_recount(store, HENDON, user="bob")
        dk.mark_recount(store, HENDON, user="bob", under_way=False)
    assert raw(nominations_db).execute(
        "SELECT recount_under_way, current_count FROM constituencies WHERE code = ?",
        (HENDON,)).fetchone() == (0, 1)
    assert check(nominations_db).intact


def test_a_rejection_comment_rewritten_by_hand_is_found(nominations_db):
    """The comment a rejection sends back is kept twice: in the audit entry (the trail) and
    on the version (History's versions, `history`, and the form that keys the seat again:
    "Version 1 by alice was sent back by bob: …"). Rewritten in the file, the keyer reads
    another instruction than the one bob gave, and nothing said so."""
    _declared(nominations_db)
    with Store(nominations_db) as store:
        dk.reject(store, HENDON, user="bob", comment="check the Green figure")
    assert check(nominations_db).intact
    conn = raw(nominations_db)
    saved = drop_triggers(conn)
    conn.execute("UPDATE declarations SET note = 'all fine, key it exactly as before' "
                 f"WHERE id = {declaration(conn, HENDON)}")
    put_back_triggers(conn, saved)
    with Store(nominations_db) as store:
        assert dk.history(store, HENDON).sheet.versions[0].note == (
            "all fine, key it exactly as before")
    result = check(nominations_db)
    assert not result.intact
    assert "version 1 of Hendon" in result.problem
    assert result.problem.endswith("was sent back with the comment 'check the Green figure', "
                                   "but its note now reads 'all fine, key it exactly as "
                                   "before': changed outside ResultsDesk")


def test_an_account_found_by_another_name_is_found(nominations_db):
    """bob's name key set to "mallory": `--user mallory` with bob's password signed in as
    bob, the entry saying "bob signed in"."""
    with Store(nominations_db) as store:
        acc.add_account(store, "root", "admin", "password123", admin=None, kdf=FAST)
        acc.add_account(store, "bob", "desk", "password123", admin="root", kdf=FAST)
    assert check(nominations_db).intact
    raw(nominations_db).execute("UPDATE accounts SET name_key = 'mallory' WHERE name = 'bob'")
    assert check(nominations_db).problem == ('account "bob" is found by the name key '
                                             '"mallory", not its own: it was changed '
                                             "outside ResultsDesk")


@pytest.mark.parametrize("mode, words", [
    ("check", "by checking the figures"), ("two people", 'with method "two people"')])
def test_how_a_verification_was_made_changed_by_hand_is_found(nominations_db, mode, words):
    """A version's method of verification is kept twice: in the verify entry ("mode") and
    on the version (History shows it beside who verified). Changed in the file, a blind
    re-key and a looks-only check read as each other, and the check said intact."""
    _declared(nominations_db, verified=True)
    conn = raw(nominations_db)
    saved = drop_triggers(conn)
    conn.execute(f"UPDATE declarations SET verification_mode = '{mode}' "
                 f"WHERE id = {declaration(conn, HENDON)}")
    put_back_triggers(conn, saved)
    result = check(nominations_db)
    assert not result.intact
    assert result.problem == (f"version 1 of Hendon ({HENDON}) is marked verified {words}, "
                              "but the audit entry recording that verification says by "
                              "blind re-key")


def test_a_check_of_the_figures_stays_intact_and_is_found_made_a_re_key(nominations_db):
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
        dk.verify(store, HENDON, user="bob", votes=None, invalid=None)
    assert check(nominations_db).intact
    conn = raw(nominations_db)
    saved = drop_triggers(conn)
    conn.execute("UPDATE declarations SET verification_mode = 'rekey' "
                 f"WHERE id = {declaration(conn, HENDON)}")
    put_back_triggers(conn, saved)
    assert check(nominations_db).problem.endswith(
        "is marked verified by blind re-key, but the audit entry recording that "
        "verification says by checking the figures")


def _lot_drawn(path) -> None:
    """Hendon tied, verified; alice records the lot (version 2), bob verifies it."""
    with Store(path) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(TIED, 1), overrides=["tie"])
        dk.verify(store, HENDON, user="bob", votes=TIED, invalid=1)
        winner = next(c for c in dk.load_sheet(store, HENDON).candidates if c.party == "Lab")
        dk.decide_tie(store, HENDON, user="alice", winner_id=winner.id, note="drawn from a hat")
        dk.verify(store, HENDON, user="bob", votes=TIED, invalid=1, tie_winner=winner.id)
    assert check(path).intact


@pytest.mark.parametrize("note", ["'the Conservative candidate conceded'", "NULL"])
def test_a_lots_note_rewritten_by_hand_is_found(nominations_db, note):
    """A lot's note says how the winner was drawn, as its entry records it; History and
    `history` read it from the version. Rewritten (or cleared) in the file, History told
    another story of the draw and the check said "intact"."""
    _lot_drawn(nominations_db)
    _note_rewritten_is_found(nominations_db, 2, note)


def _note_rewritten_is_found(path, version: int, note: str) -> None:
    """Hendon's `version`, whose note is "drawn from a hat", given `note` (SQL) by hand:
    the check finds it."""
    conn = raw(path)
    saved = drop_triggers(conn)
    conn.execute(f"UPDATE declarations SET note = {note} "
                 f"WHERE id = {declaration(conn, HENDON, version)}")
    put_back_triggers(conn, saved)
    result = check(path)
    assert not result.intact
    assert f"version {version} of Hendon" in result.problem \
        and "'drawn from a hat'" in result.problem
    assert result.problem.endswith("changed outside ResultsDesk"), result.problem


def test_a_note_added_by_hand_to_a_verified_correction_is_found(nominations_db):
    """A correction has no note of its own (its lot's note goes into its reason): one
    written into the file showed in History as "note: …" under the verified result."""
    _declared(nominations_db, verified=True)
    with Store(nominations_db) as store:
        dk.correct(store, HENDON, Figures(CLEAN, 2), user="bob", reason="RO restated")
        dk.verify(store, HENDON, user="alice", votes=CLEAN, invalid=2)
    assert check(nominations_db).intact
    conn = raw(nominations_db)
    saved = drop_triggers(conn)
    conn.execute("UPDATE declarations SET note = 'lot drawn: Con won' "
                 f"WHERE id = {declaration(conn, HENDON, 2)}")
    put_back_triggers(conn, saved)
    result = check(nominations_db)
    assert not result.intact
    assert "version 2 of Hendon" in result.problem and "'lot drawn: Con won'" in result.problem


@pytest.mark.parametrize("note", ["'the Conservative candidate conceded'", "NULL"])
def test_a_note_typed_with_a_tied_declaration_rewritten_by_hand_is_found(nominations_db,
                                                                           note):
    """A lot drawn on the night is keyed with the declaration itself (winner and how it
    was drawn); its entry now records that note, as a lot's own entry does, so the note
    rewritten in the file is found, not shown in History under an intact check."""
    with Store(nominations_db) as store:
        winner = next(c for c in dk.load_sheet(store, HENDON).candidates if c.party == "Lab")
        dk.declare(store, HENDON, user="alice", figures=Figures(TIED, 1), overrides=["tie"],
                   tie_winner=winner.id, note="drawn from a hat")
        dk.verify(store, HENDON, user="bob", votes=TIED, invalid=1, tie_winner=winner.id)
    assert check(nominations_db).intact
    _note_rewritten_is_found(nominations_db, 1, note)
