"""`audit --check --anchor HASH` (and any front end's check) takes a head hash only as one:
exactly 64 hexadecimal digits, capitals or not, a leading "sha256:" allowed. A hash cut short
or mistyped reported "audit chain BROKEN … the log was rewritten" on an intact chain (the
wrong alarm on the night); now it is refused as bad input in one line, before anything is
read (`desk.audit_anchor.anchor_hash`, `BadAnchor`)."""

from __future__ import annotations

import pytest

from resultsdesk.desk.audit import check_audit_chain
from resultsdesk.desk.audit_anchor import BadAnchor, anchor_hash
from resultsdesk.desk.errors import DeskRefusal
from resultsdesk.domain.errors import Cause

HASH = "0123456789abcdef" * 4


@pytest.mark.parametrize("typed", [HASH, HASH.upper(), f"sha256:{HASH}", f"SHA256:{HASH}",
                                   f"  {HASH}\n", f"sha256:{HASH.upper()}"])
def test_a_head_hash_as_written_down_is_read_as_stored(typed):
    assert anchor_hash(typed) == HASH


@pytest.mark.parametrize("typed", [HASH[:12], HASH[:63], HASH + "0", HASH[:63] + "g", "",
                                   "sha256:", f"sha256: {HASH}", f"sha1:{HASH}",
                                   f"{HASH[:32]} {HASH[32:]}", f"0x{HASH[2:]}"])
def test_anything_else_is_refused_as_bad_input(typed):
    with pytest.raises(BadAnchor) as refused:
        anchor_hash(typed)
    assert isinstance(refused.value, DeskRefusal)
    assert refused.value.cause is Cause.BAD_INPUT
    assert "is not a head hash" in str(refused.value)
    assert "64 hexadecimal digits" in str(refused.value)


def test_the_check_itself_refuses_a_shortened_anchor(night_store):
    head = check_audit_chain(night_store).head_hash
    with pytest.raises(BadAnchor):
        check_audit_chain(night_store, [head[:16]])
    assert check_audit_chain(night_store, [f"sha256:{head.upper()}"]).intact


def _copy_of(path, out):
    """`path` as it is now, through SQLite (a file copy can miss what its WAL holds)."""
    import sqlite3

    with sqlite3.connect(path) as source, sqlite3.connect(out) as target:
        source.backup(target)
    return out


def test_the_head_a_check_saw_must_still_be_in_the_log(nominations_db, tmp_path):
    """A log rewritten whole (or the file swapped for an earlier copy, its verifications
    gone) checks intact on its own; the head a reader saw at its last check is not in it."""
    from helpers.seats import CLEAN, HENDON

    from resultsdesk.desk import declarations as dk
    from resultsdesk.desk.audit import check_database
    from resultsdesk.domain.model import Figures
    from resultsdesk.store import Store

    earlier = _copy_of(nominations_db, tmp_path / "earlier.db")
    before = check_database(nominations_db)
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, Figures(CLEAN, 50), user="alice")
        dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=50)
    after = check_database(nominations_db, seen=before)  # written on since: intact
    assert after.intact and after.head_id == before.head_id + 2
    assert check_database(earlier).intact  # on its own, the earlier copy is sound
    swapped = check_database(earlier, seen=after)
    assert not swapped.intact
    assert swapped.problem.startswith(f"the newest entry at the last check (entry "
                                      f"{after.head_id}, ")
    assert swapped.problem.endswith(f"hash {after.head_hash[:16]}…) is no longer in the log: "
                                    "it was rewritten since, or replaced by another copy")


def test_a_restore_since_the_last_check_is_said_not_called_a_broken_chain(nominations_db,
                                                                         tmp_path):
    """A desk restoring a backup at 3 a.m. (`resultsdesk restore`) took away the head every
    open window had last seen: each window's banner turned red, "rewritten since", until it
    was reopened. The log records the restore (by whom, of which backup, what it replaced),
    so it is said as that; a restore made before the head was seen explains nothing."""
    from helpers.seats import CLEAN, HENDON

    from resultsdesk.desk import declarations as dk
    from resultsdesk.desk.audit import check_database
    from resultsdesk.domain.model import Figures
    from resultsdesk.store import Store
    from resultsdesk.store.backup import backup, restore

    with Store(nominations_db) as store:
        saved = backup(store, tmp_path / "before.db")
        dk.declare(store, HENDON, Figures(CLEAN, 50), user="alice")
        dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=50)
    seen = check_database(nominations_db)
    restore(saved, nominations_db, user="carol")
    after = check_database(nominations_db, seen=seen)
    assert after.intact, after.problem
    assert after.restored.startswith(f"carol restored the backup {saved} at ")
    assert f"the night as this window last saw it, to entry {seen.head_id}, is no longer in " \
           "the database; it was kept as " in after.restored
    # the next check, anchored at the restored head, has nothing more to say
    assert check_database(nominations_db, seen=after).restored is None
    # a log swapped for an earlier copy after that: the old restore entry explains nothing
    earlier = _copy_of(nominations_db, tmp_path / "earlier.db")
    with Store(nominations_db) as store:
        dk.declare(store, HENDON, Figures(CLEAN, 50), user="alice")
    later = check_database(nominations_db, seen=after)
    swapped = check_database(earlier, seen=later)
    assert not swapped.intact and swapped.restored is None
    assert "is no longer in the log: it was rewritten since" in swapped.problem


def test_a_restore_explains_the_head_seen_gone_but_never_an_anchor(nominations_db, tmp_path):
    """The head a window saw, also written down as an anchor: the restore that took it away
    is said for the window, but the anchor still "fails unless that hash is still in the
    chain"."""
    from helpers.seats import CLEAN, HENDON

    from resultsdesk.desk import declarations as dk
    from resultsdesk.desk.audit import check_database
    from resultsdesk.domain.model import Figures
    from resultsdesk.store import Store
    from resultsdesk.store.backup import backup, restore

    with Store(nominations_db) as store:
        saved = backup(store, tmp_path / "before.db")
        dk.declare(store, HENDON, Figures(CLEAN, 50), user="alice")
    seen = check_database(nominations_db)
    restore(saved, nominations_db, user="carol")
    assert check_database(nominations_db, seen=seen).restored
    with Store(nominations_db) as store:
        anchored = check_audit_chain(store, [seen.head_hash], seen=seen)
    assert not anchored.intact and anchored.restored is None
    assert "is no longer in the log" in anchored.problem
