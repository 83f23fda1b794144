"""A restore run on a PC whose clock is behind the desk that wrote the entry a window last
saw (two PCs sharing the file, one five minutes slow). The log records the restore, and
every window that saw the entry it took away says "DATABASE RESTORED", not a log
rewritten: but the restore was taken to explain that entry gone only when its entry's time
was no earlier than the seen entry's, and the slow PC's stamp is. Then the check said
BROKEN, "rewritten since", at 3 a.m. The restore's own record (`replaced_entries`: the log
it replaced held the entry seen) already says it came after, whatever the clocks."""

from __future__ import annotations

from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import check_database
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store, database
from resultsdesk.store.backup import backup, restore

BEFORE, SLOW = "2024-07-05T03:00:00+00:00", "2024-07-05T02:55:00+00:00"


def test_a_restore_stamped_by_a_slower_clock_is_still_a_restore(nominations_db, tmp_path,
                                                                 monkeypatch):
    with Store(nominations_db) as desk:
        saved = backup(desk, tmp_path / "before.db")
        monkeypatch.setattr(database, "now_iso", lambda: BEFORE)
        dk.declare(desk, HENDON, Figures(CLEAN, 50), user="carol")
        dk.verify(desk, HENDON, user="bob", votes=CLEAN, invalid=50)
    seen = check_database(nominations_db)  # a window's check, on the PC whose clock is right
    assert seen.intact and seen.head_at == BEFORE
    monkeypatch.setattr(database, "now_iso", lambda: SLOW)  # the PC five minutes slow
    restore(saved, nominations_db, user="ann")
    check = check_database(nominations_db, seen=seen)
    assert check.intact, check.problem  # was "... no longer in the log: it was rewritten"
    assert check.restored and check.restored.startswith("ann restored the backup ")


def test_entries_written_after_the_check_and_a_slow_restore_still_explain_it(
        nominations_db, tmp_path, monkeypatch):
    """Another desk wrote on after the window's check, so the log the restore replaced ends
    later than the entry the window saw: the contents the restore kept hold that entry."""
    with Store(nominations_db) as desk:
        saved = backup(desk, tmp_path / "before.db")
        monkeypatch.setattr(database, "now_iso", lambda: BEFORE)
        dk.declare(desk, HENDON, Figures(CLEAN, 50), user="carol")
        seen = check_database(nominations_db)
        dk.verify(desk, HENDON, user="bob", votes=CLEAN, invalid=50)
    monkeypatch.setattr(database, "now_iso", lambda: SLOW)
    restore(saved, nominations_db, user="ann")
    check = check_database(nominations_db, seen=seen)
    assert check.intact, check.problem
    assert check.restored and "it was kept as " in check.restored
