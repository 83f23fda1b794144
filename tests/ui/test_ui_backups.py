"""The main window's automatic backups follow the preferences: every N verifications (made at
any desk) and every N minutes, into the data folder; File > Open counts afresh."""

from __future__ import annotations

import shutil

import pytest
from helpers.desk_target import server_fixture  # noqa: F401  (fixture)
from helpers.rehearsal import build
from helpers.team_window import team_window
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QThreadPool

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.session import open_desk
from resultsdesk.domain.model import Figures
from resultsdesk.paths import user_data_dir
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.preferences import PreferencesDialog

SEATS = ["Hendon", "Basildon and Billericay", "Aldershot"]


@pytest.fixture(autouse=True)
def _private_settings(qt_settings):
    """Private, empty QSettings (see conftest), under the app's name, as the window reads
    them."""
    application()


def _backups(reason: str) -> list:
    return sorted((user_data_dir() / "backups").glob(f"*-{reason}.db"))


def _declare_and_verify(db, night_db, name: str) -> None:
    """Another desk keys a seat's real 2024 figures and a second person verifies them."""
    with open_desk(night_db) as night:
        real = dk.load_sheet(night, name).verified
    with open_desk(db) as desk:
        dk.declare(desk, name, Figures(real.votes, real.invalid_votes), user="alice",
                   overrides=["recount_range"])
        assert dk.verify(desk, name, user="bob", votes=real.votes,
                         invalid=real.invalid_votes).verified


def _window(qtbot, db) -> MainWindow:
    window = MainWindow(db, user="carol")
    qtbot.addWidget(window)
    return window


def test_a_backup_every_n_verifications_made_at_any_desk(qtbot, nominations_db, night_db):
    QSettings().setValue("backup/everyVerifications", 2)
    window = _window(qtbot, nominations_db)
    _declare_and_verify(nominations_db, night_db, SEATS[0])
    window.refresh_if_changed()
    assert _backups("verifications") == []  # one verification: not yet
    _declare_and_verify(nominations_db, night_db, SEATS[1])
    window.refresh_if_changed()
    qtbot.waitUntil(lambda: len(_backups("verifications")) == 1, timeout=10_000)
    with open_desk(_backups("verifications")[0]) as copy:  # the copy has both
        assert dk.load_sheet(copy, SEATS[1]).verified is not None
    worker = window._backup_worker
    _declare_and_verify(nominations_db, night_db, SEATS[2])
    window.refresh_if_changed()  # one since that backup: none started
    assert window._backup_worker is worker


def test_opening_another_database_counts_its_verifications_afresh(qtbot, nominations_db,
                                                                   night_db, tmp_path,
                                                                   monkeypatch):
    QSettings().setValue("backup/everyVerifications", 2)
    other = tmp_path / "other.db"
    shutil.copyfile(nominations_db, other)
    for name in SEATS:  # three verifications there, none in the database first opened
        _declare_and_verify(other, night_db, name)
    window = _window(qtbot, nominations_db)
    taken: list[str] = []
    monkeypatch.setattr(window, "backup_now", taken.append)
    window.open_database(other)
    assert window.db_path == other and window.night.summary().declared == 3
    assert taken == []  # its verifications were made before it was opened here
    _declare_and_verify(other, night_db, "Hexham")
    window.refresh_if_changed()
    assert taken == []  # one since it was opened
    _declare_and_verify(other, night_db, "Hitchin")
    window.refresh_if_changed()
    assert taken == ["verifications"]


def test_the_periodic_timer_follows_the_preferences(qtbot, nominations_db, monkeypatch):
    QSettings().setValue("backup/everyMinutes", 3)
    window = _window(qtbot, nominations_db)
    assert window._backup_timer.isActive() and window._backup_timer.interval() == 180_000

    def turn_off(dialog: PreferencesDialog) -> bool:  # the user types 0 and presses OK
        dialog.backup_minutes.selectAll()
        qtbot.keyClicks(dialog.backup_minutes, "0")
        return True

    monkeypatch.setattr(PreferencesDialog, "exec", turn_off)
    window.edit_preferences()
    assert window.prefs.backup_minutes == 0
    assert not window._backup_timer.isActive()
    assert QSettings().value("backup/everyMinutes") in (0, "0")


def test_preferences_saved_without_a_new_interval_leave_the_periodic_backup_due(
        qtbot, nominations_db, monkeypatch):
    """OK in Preferences (a threshold changed, nothing of the backups) started the periodic
    timer again from zero: a desk changing its preferences every few minutes of a
    10-minute schedule was never backed up by it at all."""
    QSettings().setValue("backup/everyMinutes", 1)
    window = _window(qtbot, nominations_db)
    timer = window._backup_timer
    qtbot.waitUntil(lambda: timer.remainingTime() < 59_000, timeout=5_000)

    def widen(dialog: PreferencesDialog) -> bool:  # types 1 into "...or under", then OK
        dialog.pct.setFocus()
        dialog.pct.selectAll()
        qtbot.keyClicks(dialog.pct, "1")
        qtbot.keyClick(dialog.pct, Qt.Key.Key_Tab)
        return True

    monkeypatch.setattr(PreferencesDialog, "exec", widen)
    window.edit_preferences()
    assert window.prefs.recount_pct == 1.0
    assert timer.isActive() and timer.remainingTime() < 59_000  # as due as before


def test_a_backup_folder_that_cannot_be_made_is_a_failed_backup(qtbot, nominations_db,
                                                                tmp_path, monkeypatch):
    """The data folder is found and made on the backup's worker, not on the GUI thread in
    the middle of a verification's refresh: one that cannot be made (a file stands where
    it should be) is a backup that failed, shown in the status bar, never an exception
    out of the refresh."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocked))
    window = _window(qtbot, nominations_db)
    window.backup_now()
    qtbot.waitUntil(lambda: getattr(window, "backup_error", None) is not None,
                    timeout=10_000)
    assert "not-a-folder" in window.backup_error
    assert window.statusBar().currentMessage().startswith("BACKUP FAILED: ")


def test_a_team_desks_window_takes_no_periodic_backup(qtbot, server):
    """A server's backups are the server's (pg_dump, a standby): File > Back up now says
    how, and no backup is counted by verifications. The periodic timer still ran, and
    every 10 minutes put that long recipe, unasked, over whatever the status bar said."""
    QSettings().setValue("backup/everyMinutes", 1)
    win = team_window(qtbot, server, "alice")
    win.alarm("RECOUNT WATCH: Hendon is within 15 votes", 60_000)
    win._backup_timer.timeout.emit()  # the minute is up
    assert win.statusBar().currentMessage() == "RECOUNT WATCH: Hendon is within 15 votes"
    win.backup_now()  # asked for: the recipe, once
    assert "PostgreSQL" in win.statusBar().currentMessage()


def test_lowering_keep_removes_the_older_backups_at_once(qtbot, nominations_db, monkeypatch):
    """Keep lowered in Preferences took effect only at the next backup: on a full disk, the
    reason to lower it, none could be made, and nothing was freed. Now the backups beyond
    it go at once, the newest kept; another election's are not this one's to remove."""
    from resultsdesk.desk.session import backup_into

    folder = user_data_dir() / "backups"
    made = [backup_into(nominations_db, folder, "manual", 10) for _ in range(4)]
    other = folder / "other-night-20260101-010101-000001-manual.db"
    other.write_bytes(b"")
    window = _window(qtbot, nominations_db)

    def keep_two(dialog: PreferencesDialog) -> bool:  # the user types 2 and presses OK
        dialog.backup_keep.setFocus()
        dialog.backup_keep.selectAll()
        qtbot.keyClicks(dialog.backup_keep, "2")
        qtbot.keyClick(dialog.backup_keep, Qt.Key.Key_Tab)
        return True

    monkeypatch.setattr(PreferencesDialog, "exec", keep_two)
    window.edit_preferences()
    assert window.prefs.backup_keep == 2
    qtbot.waitUntil(lambda: _backups("manual") == sorted([*made[2:], other]), timeout=10_000)
    qtbot.waitUntil(lambda: "Removed 2 older backups" in window.statusBar().currentMessage())


def test_a_periodic_backup_with_nothing_new_since_the_last_is_not_taken(
        qtbot, nominations_db, night_db):
    """The night over, the window left open till morning: every 10 minutes it copied a
    database nothing had changed in, each copy pushing one of the night's own out of the
    newest 20 kept (200 minutes on, all 20 were the final state, byte for byte, and every
    backup from before 07:00 was gone). A periodic backup with no audit entry new since the
    last backup this window made is not taken; the next change is backed up as before."""
    QSettings().setValue("backup/everyMinutes", 1)
    window = _window(qtbot, nominations_db)
    _declare_and_verify(nominations_db, night_db, SEATS[0])
    window.refresh_if_changed()
    window._backup_timer.timeout.emit()  # the minute is up: the new result backed up
    qtbot.waitUntil(lambda: len(_backups("periodic")) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Backed up to"))
    for _ in range(3):  # an hour idle after the night
        window._backup_timer.timeout.emit()
        QThreadPool.globalInstance().waitForDone()
        QCoreApplication.processEvents()
    assert len(_backups("periodic")) == 1
    _declare_and_verify(nominations_db, night_db, SEATS[1])  # another desk's change
    window.refresh_if_changed()
    window._backup_timer.timeout.emit()
    qtbot.waitUntil(lambda: len(_backups("periodic")) == 2, timeout=10_000)
    window.backup_now()  # File > Back up now: always taken, asked for
    qtbot.waitUntil(lambda: len(_backups("manual")) == 1, timeout=10_000)


def test_a_watch_rehearsals_deliveries_count_for_the_backups(qtbot, tmp_path):
    """A watch rehearsal's seats arrive verified (from the feed user `rehearsal`), on air
    and in the watch folder as a verification's are, but audited as `import declaration`:
    the "every N verifications" backup counted only `verify` entries, and on the bundled
    night run whole (650 seats) took not one."""
    QSettings().setValue("backup/everyVerifications", 2)
    QSettings().setValue("backup/everyMinutes", 0)
    db = build(tmp_path / "watch.db", speed=3600, until="00:10")
    with rh.open_rehearsal(db) as desk:
        rh.start(desk)
    window = _window(qtbot, db)
    window.show()
    qtbot.waitUntil(lambda: rh.rehearsal_state(window.desk).finished, timeout=20_000)
    assert rh.rehearsal_state(window.desk).delivered >= 2
    qtbot.waitUntil(lambda: len(_backups("verifications")) >= 1, timeout=10_000)


def test_a_periodic_backup_of_a_file_lost_since_is_still_tried(qtbot, nominations_db,
                                                                 tmp_path):
    """Nothing new in the night it holds open, but its file deleted meanwhile (a cleaner
    script): not "unchanged", the periodic backup is tried and says in red what is wrong."""
    QSettings().setValue("backup/everyMinutes", 1)
    db = tmp_path / "night.db"
    shutil.copyfile(nominations_db, db)
    window = _window(qtbot, db)
    window._backup_timer.timeout.emit()
    # The first backup's report heard, not only its file made: heard after the second
    # one's failure, its "Backed up to …" was the bar's last word (CI met that order once).
    qtbot.waitUntil(lambda: len(_backups("periodic")) == 1
                    and window.statusBar().currentMessage().startswith("Backed up to "),
                    timeout=10_000)
    db.unlink()
    window._backup_timer.timeout.emit()
    qtbot.waitUntil(lambda: getattr(window, "backup_error", None) is not None,
                    timeout=10_000)
    assert window.statusBar().currentMessage().startswith("BACKUP FAILED: ")


def test_a_backup_of_the_database_open_before_failing_late_names_it(
        qtbot, night_db, nominations_db, monkeypatch):
    """A backup of the night is held up (a hung disk) and File > Open opens another
    database; then the held backup fails. Its "BACKUP FAILED: ..." was shown in red in the
    window of the database open now, as if that one's backup had failed. Still said, in
    red (the night open before has no backup), but naming the database it was of."""
    import threading

    from resultsdesk.desk import session
    from resultsdesk.domain.errors import Cause, KnownError
    from resultsdesk.ui import worker

    held, backing_up = threading.Event(), threading.Event()

    def hung_disk(path, *_args):
        backing_up.set()
        held.wait(30)
        raise KnownError(f"could not write the backup of {path.name}: the disk stopped "
                         "answering", cause=Cause.IO)

    monkeypatch.setattr(session, "backup_into", hung_disk)
    window = _window(qtbot, night_db)
    window.backup_now()  # File > Back up now
    qtbot.waitUntil(backing_up.is_set, timeout=10_000)
    window.open_database(nominations_db)  # File > Open, meanwhile
    assert window.db_path == nominations_db
    held.set()  # the night's backup ends, failing
    qtbot.waitUntil(lambda: not worker._running, timeout=10_000)  # its report heard
    said = window.statusBar().currentMessage()
    assert said.startswith(f"BACKUP FAILED of {night_db.name} (the database open before): "
                           ), said
    assert "the disk stopped answering" in said
    assert window._alarm_text == said  # in red, as any failed backup
    assert getattr(window, "backup_error", None) is None  # not the open database's failure


def test_a_periodic_backup_whose_head_cannot_be_read_is_still_tried(
        qtbot, nominations_db, tmp_path, monkeypatch):
    """The head read on the window's thread before a periodic backup (to skip one with
    nothing new) failed with SQLite's own error (a share gone: "disk I/O error"), not a
    KnownError: it went out of the timer's slot as a bug in the log, and the backup was
    neither tried nor said failed in red, as it was before that read."""
    import sqlite3

    from resultsdesk.desk import session

    QSettings().setValue("backup/everyMinutes", 1)
    db = tmp_path / "night.db"
    shutil.copyfile(nominations_db, db)
    window = _window(qtbot, db)

    def unreadable(desk):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(session, "audit_head", unreadable)
    window._backup_timer.timeout.emit()
    qtbot.waitUntil(lambda: len(_backups("periodic")) == 1, timeout=10_000)


def test_an_earlier_backups_success_heard_late_leaves_a_later_failure_on_the_bar(
        qtbot, nominations_db, tmp_path):
    """Two backups in flight (the night's, then a periodic one after the file went): the
    first one's "Backed up to …" heard after the second one's failure put a plain line
    over the red "BACKUP FAILED", hiding it. Their reports, delivered in that order."""
    from resultsdesk.ui.worker import WorkerSignals

    db = tmp_path / "night.db"
    shutil.copyfile(nominations_db, db)
    window = _window(qtbot, db)
    first, second = WorkerSignals(), WorkerSignals()
    first.started_as, second.started_as = 1, 2
    for signals in (first, second):
        signals.finished.connect(window._backed_up)
        signals.failed.connect(window._backup_failed)
    second.failed.emit("the database file is gone")
    first.finished.emit(tmp_path / "night-periodic.db")
    assert window.statusBar().currentMessage().startswith("BACKUP FAILED: ")
    assert window.statusBar().alert
    third = WorkerSignals()
    third.started_as = 3
    third.finished.connect(window._backed_up)
    third.finished.emit(tmp_path / "night-manual.db")  # a later backup's success: said
    assert window.statusBar().currentMessage().startswith("Backed up to ")
