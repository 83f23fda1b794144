"""The tamper-evident record, second line: `resultsdesk audit --check` finds what was
rewritten anyway, by someone who dropped the triggers (helpers.tampering.drop_triggers).

An untouched night is intact and says its head; every hash follows the documented canonical
form; each kind of tampering (an edited, deleted or forged entry, edited or deleted figures,
a verification nobody made) is found, and the check names the first entry (id and time)
that no longer matches; a rewritten chain is caught only by a head written down earlier. The
triggers themselves are in test_audit_triggers.py, the chaining of older files in
test_audit_chain_migration.py.
"""

from __future__ import annotations

import json
import re

import pytest
from helpers.cli import run
from helpers.seats import BASILDON, CLEAN, HENDON
from helpers.tampering import (
    assert_broken_at,
    check,
    declaration,
    drop_triggers,
    entry,
    put_back_triggers,
    raw,
)

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.audit_text import local_stamp
from resultsdesk.domain.audit_chain import (
    GENESIS_HASH,
    DeclarationFigures,
    canonical_json,
    details_value,
    entry_hash,
    figures_digest,
)
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.store import audit_chain as chain

# --- the chain: intact, and each kind of tampering found at the right entry -----------------


def test_an_untouched_night_is_intact_and_says_its_head(capsys, night_db):
    code, out, err = run(capsys, "audit", "--db", night_db, "--check")
    conn = raw(night_db)
    count, = conn.execute("SELECT count(*) FROM audit_log").fetchone()
    head_id, head = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC "
                                 "LIMIT 1").fetchone()
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"audit chain intact: {count:,} entries"
    assert f"head hash: {head} (entry {head_id}, " in out
    assert re.fullmatch(r"[0-9a-f]{64}", head)


def test_the_hash_is_the_documented_canonical_form(night_db):
    """Recomputed here from the documented recipe, not through the app's own helpers, so a
    PostgreSQL store following the README gets the same hashes."""
    import hashlib

    conn = raw(night_db)
    prev = "0" * 64
    for row in conn.execute(f"SELECT {chain.CHAIN_COLUMNS} FROM audit_log ORDER BY id"):
        entry_id, at, user, action, entity, key, details, link, stored = row
        form = json.dumps({"id": entry_id, "at": at, "user": user, "action": action,
                           "entity": entity, "entity_key": key,
                           "details": json.loads(details), "prev_hash": prev},
                          sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert link == prev
        assert stored == hashlib.sha256(form.encode("utf-8")).hexdigest()
        prev = stored
    assert canonical_json({"b": 1, "a": "é"}) == '{"a":"é","b":1}'.encode()


class _Kind(str):
    """A str subclass, as an enum member is: written as its text, read back as a str."""


@pytest.mark.parametrize("details", [
    {"votes": {"A": 1, "B": None}, "lines": [["x", 2]], "name": "é"},  # read back as is
    {10: "ten", 2: "two"},  # int keys: read back as strings, sorted as strings
    {"pair": (1, 2), "flag": True, "kind": _Kind("lab")},  # tuple, bool, a str subclass
])
def test_every_entry_hashes_as_it_is_read_back(tmp_path, details):
    """Details are hashed as the stored text parses, whatever Python types they were made
    of; those that parse back unchanged skip the parsing (`audit_chain._reads_back_as_is`)
    and must still give the same hash."""
    with Store(tmp_path / "e.db", create=True) as store, store.write():
        store.audit_many("someone", "note", "election", [("a", details), ("b", details)])
    with Store(tmp_path / "e.db") as store:
        assert check_audit_chain(store).intact
    conn = raw(tmp_path / "e.db")
    prev = GENESIS_HASH
    for row in conn.execute(f"SELECT {chain.CHAIN_COLUMNS} FROM audit_log ORDER BY id"):
        entry_id, at, user, action, entity, key, text, link, stored = row
        assert link == prev
        assert stored == entry_hash(id=entry_id, at=at, user=user, action=action,
                                    entity=entity, entity_key=key,
                                    details=json.loads(text), prev_hash=prev)
        prev = stored


def test_an_edited_entry_is_found(capsys, night_db):
    conn = raw(night_db)
    drop_triggers(conn)
    target, _ = entry(conn, "import declaration", BASILDON)
    conn.execute("UPDATE audit_log SET details = json_set(details, '$.file', 'other.csv') "
                 "WHERE id = ?", (target,))
    assert_broken_at(night_db, target, "contents were changed")
    code, out, _ = run(capsys, "audit", "--db", night_db, "--check")
    assert code == 1
    assert out.startswith(f"audit chain BROKEN at entry {target}, ")
    assert "head hash: " in out


def test_a_deleted_entry_is_found(night_db):
    conn = raw(night_db)
    drop_triggers(conn)
    target, _ = entry(conn, "import declaration", BASILDON)
    conn.execute("DELETE FROM audit_log WHERE id = ?", (target,))
    assert_broken_at(night_db, target + 1, f"entry {target} is missing before it")


def test_deleted_entries_at_the_end_are_found(night_db):
    conn = raw(night_db)
    drop_triggers(conn)
    last, = conn.execute("SELECT max(id) FROM audit_log").fetchone()
    conn.execute("DELETE FROM audit_log WHERE id >= ?", (last - 1,))
    assert_broken_at(night_db, last - 1, f"entries {last - 1} to {last} are missing from the end")


def test_deleted_entries_at_the_end_stay_found_once_the_desk_writes_again(night_db):
    """The next entry links to the newest one left, so its link matches: the gap in the
    ids (it is numbered past the highest id ever handed out) is what gives it away."""
    conn = raw(night_db)
    saved = drop_triggers(conn)
    last, = conn.execute("SELECT max(id) FROM audit_log").fetchone()
    conn.execute("DELETE FROM audit_log WHERE id >= ?", (last - 1,))
    put_back_triggers(conn, saved)  # else the desk refuses the file on opening
    conn.close()
    with Store(night_db) as store, store.write():
        store.audit_many("someone", "note", "election", [("a", {})])
    assert_broken_at(night_db, last + 1, f"entries {last - 1} to {last} are missing before it")


def test_a_forged_entry_with_its_own_hash_recomputed_is_found(night_db):
    """The forger fixes the entry's hash but not the later entries' links to it."""
    conn = raw(night_db)
    drop_triggers(conn)
    target, _ = entry(conn, "import declaration", BASILDON)
    row = conn.execute(f"SELECT {chain.CHAIN_COLUMNS} FROM audit_log WHERE id = ?",
                       (target,)).fetchone()
    details = json.loads(row[6])
    details["votes"] = {name: 0 for name in details["votes"]}
    text = json.dumps(details)
    forged = entry_hash(id=row[0], at=row[1], user="mallory", action=row[3], entity=row[4],
                        entity_key=row[5], details=details_value(text), prev_hash=row[7])
    conn.execute("UPDATE audit_log SET user = 'mallory', details = ?, hash = ? WHERE id = ?",
                 (text, forged, target))
    assert_broken_at(night_db, target, f"entry {target} was rewritten")


def test_edited_votes_are_found_at_the_entry_that_sealed_them(capsys, night_db):
    conn = raw(night_db)
    drop_triggers(conn)
    target, _ = entry(conn, "import declaration", HENDON)
    conn.execute("UPDATE declaration_votes SET votes = votes + 100 WHERE declaration_id = ? "
                 "AND candidate_id = (SELECT min(candidate_id) FROM declaration_votes WHERE "
                 "declaration_id = ?)", (declaration(conn, HENDON),) * 2)
    assert_broken_at(night_db, target, f"figures it records for version 1 of Hendon ({HENDON})")
    code, out, _ = run(capsys, "audit", "--db", night_db, "--check")
    assert code == 1 and f"at entry {target}, " in out


@pytest.mark.parametrize("statement", [
    "UPDATE declarations SET invalid_votes = invalid_votes + 1 WHERE id = {d}",
    "UPDATE declarations SET entered_by = 'mallory' WHERE id = {d}",
    "DELETE FROM declaration_votes WHERE declaration_id = {d} AND candidate_id = "
    "(SELECT max(candidate_id) FROM declaration_votes WHERE declaration_id = {d})",
    "INSERT INTO declaration_votes SELECT {d}, id, 5 FROM candidates WHERE id NOT IN "
    "(SELECT candidate_id FROM declaration_votes WHERE declaration_id = {d}) LIMIT 1",
    # a candidate moved to another party moves their votes with them
    "UPDATE candidates SET party_id = (SELECT min(id) FROM parties) WHERE id = "
    "(SELECT max(candidate_id) FROM declaration_votes WHERE declaration_id = {d})",
])
def test_every_sealed_figure_counts(night_db, statement):
    conn = raw(night_db)
    drop_triggers(conn)
    conn.execute(statement.format(d=declaration(conn, HENDON)))
    assert_broken_at(night_db, entry(conn, "import declaration", HENDON)[0],
                     f"version 1 of Hendon ({HENDON})")


def test_a_deleted_declaration_is_found(night_db):
    conn = raw(night_db)
    drop_triggers(conn)
    hendon = declaration(conn, HENDON)
    conn.execute("DELETE FROM declaration_votes WHERE declaration_id = ?", (hendon,))
    conn.execute("DELETE FROM declarations WHERE id = ?", (hendon,))
    assert_broken_at(night_db, entry(conn, "import declaration", HENDON)[0],
                     f"declaration {hendon}, whose figures it records, is gone")


def test_a_verification_nobody_made_is_found(nominations_db):
    """provisional -> verified is a move the triggers allow: the check asks who did it."""
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
    conn = raw(nominations_db)
    conn.execute("UPDATE declarations SET status = 'verified', verified_by = 'bob', "
                 f"verified_at = 'now' WHERE id = {declaration(conn, HENDON)}")
    result = check(nominations_db)
    assert not result.intact and result.entry_id is None
    assert result.problem == (f'version 1 of Hendon ({HENDON}) is marked verified by "bob", '
                              "but no audit entry records that verification")


def test_a_verification_moved_in_time_is_found(nominations_db):
    """Who verified a version and when are both the record: a verification time changed
    by hand (to hide a seat verified late, say) no longer matches the entry recording it."""
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
        dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=1)
    assert check(nominations_db).intact
    conn = raw(nominations_db)
    (stamp,) = conn.execute("SELECT verified_at FROM declarations WHERE id = ?",
                            (declaration(conn, HENDON),)).fetchone()
    drop_triggers(conn)
    moved = "2024-07-05T01:02:03+00:00"
    conn.execute("UPDATE declarations SET verified_at = ? WHERE id = ?",
                 (moved, declaration(conn, HENDON)))
    result = check(nominations_db)
    assert not result.intact and result.entry_id is None
    assert result.problem == (
        f"version 1 of Hendon ({HENDON}) is marked verified at "
        f"{local_stamp(moved, date=True)}, but the audit entry recording that "
        f"verification has {local_stamp(stamp, date=True)}")


def test_an_imported_verification_moved_in_time_is_found(night_db):
    conn = raw(night_db)
    drop_triggers(conn)
    conn.execute("UPDATE declarations SET verified_at = NULL "
                 f"WHERE id = {declaration(conn, HENDON)}")
    result = check(night_db)
    assert not result.intact
    assert result.problem.startswith(f"version 1 of Hendon ({HENDON}) is marked verified at "
                                     "no time, but the audit entry recording that "
                                     "verification has ")


def test_a_verified_result_taken_off_air_is_found(night_db):
    """verified -> superseded is a move the triggers allow (a newer version verified): done
    by hand with no newer version, it takes a seat out of the count; the check says so."""
    conn = raw(night_db)
    conn.execute("UPDATE declarations SET status = 'superseded' "
                 f"WHERE id = {declaration(conn, HENDON)}")
    result = check(night_db)
    assert not result.intact and result.entry_id is None
    assert result.problem == (f"version 1 of Hendon ({HENDON}) was verified but is now "
                              "superseded, and no later version of it was verified")


def test_an_older_verified_result_put_back_on_air_is_found(night_db):
    """Two versions on air at once (the old figures back beside the correction): found."""
    with Store(night_db) as store:
        dk.correct(store, HENDON, user="alice", figures=Figures(CLEAN, 1), reason="restated")
        dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=1)
    assert check(night_db).intact  # a correction verified: the old version superseded
    conn = raw(night_db)
    saved = drop_triggers(conn)
    conn.execute("UPDATE declarations SET status = 'verified' "
                 f"WHERE id = {declaration(conn, HENDON)}")
    put_back_triggers(conn, saved)
    result = check(night_db)
    assert not result.intact
    assert result.problem == (f"version 1 of Hendon ({HENDON}) is marked verified, but a "
                              "later version of it was verified since")


def test_a_declaration_slipped_in_without_its_entry_is_found(nominations_db):
    conn = raw(nominations_db)
    seat, = conn.execute("SELECT id FROM constituencies WHERE code = ?", (HENDON,)).fetchone()
    conn.execute("INSERT INTO declarations (constituency_id, version, status, entered_by, "
                 "entered_at) VALUES (?, 1, 'provisional', 'mallory', 'now')", (seat,))
    result = check(nominations_db)
    assert not result.intact
    assert result.problem == ("version 1 of Hendon (E14001279) (declaration 1) has no audit "
                              "entry recording its figures")


def test_a_rewritten_chain_passes_but_its_head_changes(night_db):
    """The limit, stated in the README: whoever rewrites every hash from some entry on
    is caught only by comparing the head with one written down before."""
    published = check(night_db).head_hash
    conn = raw(night_db)
    saved = drop_triggers(conn)
    target, _ = entry(conn, "import declaration", BASILDON)
    conn.execute("UPDATE audit_log SET details = json_set(details, '$.file', 'other.csv') "
                 "WHERE id = ?", (target,))
    prev = conn.execute("SELECT hash FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 1",
                        (target,)).fetchone()[0]
    for row in conn.execute(f"SELECT {chain.CHAIN_COLUMNS} FROM audit_log WHERE id >= ? "
                            "ORDER BY id", (target,)).fetchall():
        digest = entry_hash(id=row[0], at=row[1], user=row[2], action=row[3], entity=row[4],
                            entity_key=row[5], details=details_value(row[6]), prev_hash=prev)
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?",
                     (prev, digest, row[0]))
        prev = digest
    put_back_triggers(conn, saved)
    result = check(night_db)
    assert result.intact
    assert result.head_hash != published


def test_a_head_written_down_earlier_catches_a_rewritten_chain(capsys, night_db):
    published = check(night_db).head_hash
    with Store(night_db) as store:  # the night goes on: the old head stays in the chain
        dk.mark_recount(store, HENDON, user="ro")
    code, out, _ = run(capsys, "audit", "--db", night_db, "--check", "--anchor", published)
    assert code == 0 and out.startswith("audit chain intact: 654 entries")

    conn = raw(night_db)
    saved = drop_triggers(conn)
    prev = GENESIS_HASH  # rewrite every hash after changing the first entry
    conn.execute("UPDATE audit_log SET user = 'mallory' WHERE id = 1")
    for row in conn.execute(f"SELECT {chain.CHAIN_COLUMNS} FROM audit_log ORDER BY id"
                            ).fetchall():
        digest = entry_hash(id=row[0], at=row[1], user=row[2], action=row[3], entity=row[4],
                            entity_key=row[5], details=details_value(row[6]), prev_hash=prev)
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?",
                     (prev, digest, row[0]))
        prev = digest
    put_back_triggers(conn, saved)
    assert check(night_db).intact  # the limit: alone, the chain cannot tell
    code, out, _ = run(capsys, "audit", "--db", night_db, "--check", "--anchor", published)
    assert code == 1
    assert out.startswith(f"audit chain BROKEN: no entry has the hash {published} written "
                          "down earlier")


def test_the_figures_digest_covers_every_saved_field():
    base = DeclarationFigures(1, HENDON, 1, "declaration", 0, ((1, 2, 100), (3, 4, 50)), 10,
                              70000, 150, None, None, "alice", "t", "desk", None, ("tie",))
    digest = figures_digest(base)
    from dataclasses import fields, replace

    changed = {"declaration_id": 2, "constituency": "E1", "version": 2, "kind": "lot",
               "count_number": 1, "votes": ((1, 2, 101), (3, 4, 50)), "invalid_votes": 11,
               "electorate": 1, "total_as_read": 151, "tie_winner_candidate_id": 1,
               "declared_at": "x", "entered_by": "bob", "entered_at": "u", "source": "cli",
               "reason": "r", "overrides": ()}
    assert set(changed) == {f.name for f in fields(DeclarationFigures)}
    for name, value in changed.items():
        assert figures_digest(replace(base, **{name: value})) != digest, name
    # the order votes are listed in does not matter; which party a candidate stands for does
    assert figures_digest(replace(base, votes=((3, 4, 50), (1, 2, 100)))) == digest
    assert figures_digest(replace(base, votes=((1, 9, 100), (3, 4, 50)))) != digest
