"""`audit --check` names the entry that was changed, not the intact one before it.

Two entries swapped by hand (each moved with its own hash and link, the order of the night
rewritten) were reported as "BROKEN at entry N-1 …: entry N-1 was rewritten (or the link of
entry N was)", with entry N-1's time: an auditor comparing entry N-1 with a backup found it
untouched. The first entry that no longer matches is entry N, whose own hash no longer fits
what it holds; so is one whose link alone was changed. An entry whose hash fits what it holds,
but not the entry before, still points at that entry (rewritten with its own hash recomputed).
"""

from __future__ import annotations

from helpers.cli import run
from helpers.seats import HENDON
from helpers.tampering import (
    assert_broken_at,
    by_hand,
    drop_triggers,
    entry,
    put_back_triggers,
    raw,
)

_MOVED = "at, user, action, entity, entity_key, details, prev_hash, hash"


def _swap(path, first: int, second: int) -> None:
    """Each entry moved to the other's place whole, its own hash and link with it."""
    conn = raw(path)
    saved = drop_triggers(conn)
    a, b = (conn.execute(f"SELECT {_MOVED} FROM audit_log WHERE id = ?", (i,)).fetchone()
            for i in (first, second))
    setting = ", ".join(f"{c.strip()} = ?" for c in _MOVED.split(","))
    conn.execute(f"UPDATE audit_log SET {setting} WHERE id = ?", (*b, first))
    conn.execute(f"UPDATE audit_log SET {setting} WHERE id = ?", (*a, second))
    put_back_triggers(conn, saved)


def test_two_entries_swapped_are_reported_at_the_first_moved(capsys, night_db):
    target, _ = entry(raw(night_db), "import declaration", HENDON)
    _swap(night_db, target, target + 1)
    assert_broken_at(night_db, target, f"entry {target}")
    code, out, err = run(capsys, "audit", "--db", night_db, "--check")
    assert (code, err) == (1, "")
    assert out.startswith(f"audit chain BROKEN at entry {target}, ")
    assert f"entry {target - 1} was rewritten" not in out


def test_a_link_changed_by_hand_is_reported_at_its_entry(night_db):
    target, _ = entry(raw(night_db), "import declaration", HENDON)
    by_hand(night_db, f"UPDATE audit_log SET prev_hash = '{'1' * 64}' WHERE id = {target}")
    assert_broken_at(night_db, target, "its contents were changed after it was written")
