"""Backups every N verifications after an older backup was restored under an open window.
The database's count of verifications went back with the restore (the window counts it
afresh: `session.VerificationCount`), but the schedule still counted from the count at its
last backup: with every 25, a restore dropping 50 verifications put off the next backup by
verification to the 75th after it, at the hour the night most needs one. The count going
back now starts the schedule again from there."""

from __future__ import annotations

from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import session
from resultsdesk.desk.schedule import BackupPolicy, BackupSchedule
from resultsdesk.desk.session import open_desk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.store.backup import backup, restore


def test_a_count_gone_back_is_counted_from_again():
    schedule = BackupSchedule(BackupPolicy(every_verifications=3), verifications=0)
    assert schedule.due(60)  # the backup at 60
    assert not schedule.due(10)  # an older backup restored: 10 verifications in it
    assert not schedule.due(12)
    assert schedule.due(13)  # three since the restore, not 53


def test_the_count_a_window_keeps_goes_back_with_a_restore(nominations_db, tmp_path):
    with Store(nominations_db) as store:
        earlier = backup(store, tmp_path / "earlier.db")
    with open_desk(nominations_db) as desk:
        count = session.VerificationCount(desk)
        schedule = BackupSchedule(BackupPolicy(every_verifications=1), count())
        dk.declare(desk, HENDON, Figures(CLEAN, 50), user="alice")
        dk.verify(desk, HENDON, user="bob", votes=CLEAN, invalid=50)
        assert schedule.due(count())  # one verification: the backup for it
        restore(earlier, nominations_db, user="carol")  # the verification gone again
        assert not schedule.due(count())
        dk.declare(desk, HENDON, Figures(CLEAN, 50), user="alice")
        dk.verify(desk, HENDON, user="bob", votes=CLEAN, invalid=50)
        assert schedule.due(count())  # the first verification since the restore
