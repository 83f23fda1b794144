"""When a backup is due (desk/schedule.py): Qt-free, so tested without a window."""

from __future__ import annotations

from resultsdesk.desk.schedule import BackupPolicy, BackupSchedule


def test_the_periodic_interval_is_in_milliseconds_and_zero_turns_it_off():
    assert BackupPolicy(every_minutes=10).interval_ms == 600_000
    assert BackupPolicy(every_minutes=1).interval_ms == 60_000
    assert BackupPolicy(every_minutes=0).interval_ms is None


def test_a_backup_is_due_every_n_verifications_counted_from_the_last_one():
    schedule = BackupSchedule(BackupPolicy(every_verifications=3), verifications=10)
    assert [schedule.due(n) for n in (10, 11, 12)] == [False, False, False]
    assert schedule.due(13)  # three since the window opened
    assert not schedule.due(13)  # the same count is not due twice
    assert not schedule.due(15)
    assert schedule.due(16)  # three since the last backup, not since the start


def test_verifications_made_together_still_give_one_backup():
    schedule = BackupSchedule(BackupPolicy(every_verifications=5), verifications=0)
    assert schedule.due(12)  # another desk verified twelve between two refreshes
    assert not schedule.due(16)
    assert schedule.due(17)


def test_zero_verifications_means_never_by_count():
    schedule = BackupSchedule(BackupPolicy(every_verifications=0), verifications=0)
    assert not any(schedule.due(n) for n in range(0, 1000, 7))


def test_a_new_policy_applies_from_the_next_count():
    schedule = BackupSchedule(BackupPolicy(every_verifications=25), verifications=0)
    assert not schedule.due(4)
    schedule.policy = BackupPolicy(every_verifications=2)  # Preferences changed
    assert schedule.due(4)


def test_another_database_is_counted_from_its_own_verifications():
    schedule = BackupSchedule(BackupPolicy(every_verifications=5), verifications=2)
    schedule.restart(300)  # File > Open: a database well into its night
    assert not schedule.due(301)  # not due merely because the counts differ
    assert schedule.due(305)
