"""The audit record in the app: the history dialog's trail as sentences in local time, the
chain checked whenever a database opens, a red banner naming the entry when it is broken,
and the head hash in the status bar."""

from __future__ import annotations

import re

import pytest
from helpers.seats import CLEAN, HENDON
from helpers.tampering import drop_triggers, put_back_triggers, raw
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import check_database
from resultsdesk.desk.audit_text import seat_trail
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.history_dialog import HistoryDialog
from resultsdesk.ui.main_window import MainWindow

STAMP = r"\w{3} \d{1,2} \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d\d:\d\d"


def open_window(qtbot, path) -> MainWindow:
    application()
    win = MainWindow(path, user="alice")
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()  # as a window manager does (offscreen Qt does too; bare X does not)
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.waitUntil(lambda: win.audit.result is not None, timeout=10_000)
    return win


def _recheck(qtbot, win):
    """The audit check the window runs every RECHECK_MS, run now and waited for."""
    from PySide6.QtCore import QTimer

    win.audit.result = None
    win.audit.findChild(QTimer, "auditRecheckTimer").timeout.emit()
    qtbot.waitUntil(lambda: win.audit.result is not None, timeout=10_000)
    return win.audit.result


def tamper_votes(path) -> int:
    """Drop the triggers, as someone with the file could, add 100 votes to Hendon and put
    the triggers back (a file missing them is refused on opening); the id of the entry that
    sealed Hendon's figures."""
    conn = raw(path)
    saved = drop_triggers(conn)
    conn.execute("UPDATE declaration_votes SET votes = votes + 100 WHERE declaration_id = "
                 "(SELECT d.id FROM declarations d JOIN constituencies k ON k.id = "
                 "d.constituency_id WHERE k.code = ?) AND candidate_id = (SELECT min(c.id) FROM "
                 "candidates c JOIN constituencies k ON k.id = c.constituency_id WHERE k.code "
                 "= ?)", (HENDON, HENDON))
    entry = conn.execute("SELECT id FROM audit_log WHERE action = 'import declaration' AND "
                         "entity_key = ?", (HENDON,)).fetchone()[0]
    put_back_triggers(conn, saved)
    conn.close()
    return entry


def test_history_dialog_trail_reads_as_sentences(qtbot, nominations_store):
    store = nominations_store
    dk.declare(store, HENDON, user="carol", figures=Figures(CLEAN, 120))
    dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=120)
    dialog = HistoryDialog(dk.history(store, HENDON), seat_trail(store, HENDON))
    qtbot.addWidget(dialog)
    table = dialog.trail_table
    assert table.rowCount() == 2
    assert table.horizontalHeaderItem(0).text() == "When (local time)"
    for row in range(2):
        assert re.fullmatch(STAMP, table.item(row, 0).text())
    assert table.item(0, 1).text().startswith(
        "carol declared version 1 of Hendon (first count): Bailey (Green) 2,667, Enderby (LD) "
        "1,966")
    assert table.item(1, 1).text() == ("bob verified version 1 of Hendon by blind re-key "
                                       "(entered by carol)")
    assert "SHA-256 " in table.item(1, 0).toolTip()
    texts = [table.item(r, c).text() for r in range(2) for c in range(2)]
    assert not any("{" in t for t in texts)


def test_an_intact_chain_shows_its_head_and_no_banner(qtbot, night_db):
    win = open_window(qtbot, night_db)
    check = check_database(night_db)
    assert win.audit.result == check and check.intact
    assert win.audit_banner.isHidden()
    assert win.audit_label.text() == f"Audit chain intact · head {check.head_hash[:16]}…"
    assert check.head_hash in win.audit_label.toolTip()
    copy = win.audit_label.findChild(type(win.audit_label.actions()[0]), "copyAuditHead")
    copy.trigger()
    assert QGuiApplication.clipboard().text() == check.head_hash


def test_a_broken_chain_raises_a_red_banner_naming_the_entry(qtbot, night_db):
    entry = tamper_votes(night_db)
    win = open_window(qtbot, night_db)
    assert not win.audit.result.intact
    assert win.audit_banner.isVisible()
    text = win.audit_banner.text()
    assert f"audit chain BROKEN at entry {entry}, " in text
    assert f"figures it records for version 1 of Hendon ({HENDON}) no longer match" in text
    assert "BROKEN" in win.audit_label.text()


def test_a_change_the_check_says_was_made_outside_is_not_said_twice(qtbot, night_db):
    """A candidate renamed by hand: the check says the seats were "changed outside
    ResultsDesk", and the banner said so again in its next sentence."""
    conn = raw(night_db)
    conn.execute("UPDATE candidates SET surname = 'Smyth' WHERE id = 1")
    conn.close()
    win = open_window(qtbot, night_db)
    assert not win.audit.result.intact
    text = win.audit_banner.text()
    assert "it was changed outside ResultsDesk" in text
    assert text.count("outside ResultsDesk") == 1, text
    assert "Do not publish until it is explained" in text


def test_opening_another_database_checks_it(qtbot, night_db, nominations_db, monkeypatch):
    win = open_window(qtbot, nominations_db)
    assert win.audit_banner.isHidden()
    entry = tamper_votes(night_db)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: pytest.fail(f"warning: {a}"))
    win.open_database(night_db)
    qtbot.waitUntil(lambda: win.audit.result is not None, timeout=10_000)
    assert win.audit_banner.isVisible() and f"entry {entry}," in win.audit_banner.text()
    # and back to a sound one: the banner goes
    win.open_database(nominations_db)
    assert win.audit_banner.isHidden()
    qtbot.waitUntil(lambda: win.audit.result is not None, timeout=10_000)
    assert win.audit_banner.isHidden() and win.audit.result.intact


def test_the_banner_is_selectable_text(qtbot, night_db):
    tamper_votes(night_db)
    win = open_window(qtbot, night_db)
    flags = win.audit_banner.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse


def test_ctrl_h_shows_the_seats_trail(qtbot, night_db):
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    win = open_window(qtbot, night_db)
    win.select_code(HENDON)
    seen: list[str] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.trail_table.item(0, 1).text())
        dialog.reject()

    QTimer.singleShot(0, win, read_and_close)
    QTest.keyClick(win.table, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert len(seen) == 1
    assert seen[0].startswith("HoC Library imported version 1 of Hendon as verified from "
                              "HoC-GE2024-results-by-candidate.csv: ")
    assert "Pinto-Duschinsky (Lab) 15,855" in seen[0]


def test_a_window_left_open_checks_again_and_shows_the_head_as_it_is(qtbot, night_db,
                                                                      monkeypatch):
    """The check ran only when the database opened: hours later the status bar still
    showed (and copied, to publish) the opening head, and votes changed in the file
    during the night raised no banner until the next start."""
    from resultsdesk.ui import audit_banner

    monkeypatch.setattr(audit_banner, "RECHECK_MS", 50, raising=False)
    win = open_window(qtbot, night_db)
    opening = win.audit.result
    assert opening.intact
    dk.correct(win.desk, HENDON, Figures(CLEAN, 50), user="alice",  # a new version: the
               reason="the returning officer's sheet")
    qtbot.waitUntil(lambda: win.audit.result.head_hash != opening.head_hash,  # head moves
                    timeout=10_000)
    assert win.audit.result.intact and win.audit_banner.isHidden()
    assert win.audit_label.head_hash == check_database(night_db).head_hash
    entry = tamper_votes(night_db)
    qtbot.waitUntil(win.audit_banner.isVisible, timeout=10_000)
    assert f"entry {entry}," in win.audit_banner.text()


def test_the_versions_name_accepted_warnings_in_words(qtbot, nominations_store):
    """"accepted: recount_range" was the audit log's code on a desk editor's screen."""
    from PySide6.QtWidgets import QTableWidget

    store = nominations_store
    close = list(CLEAN)
    sheet = dk.load_sheet(store, HENDON)
    leader = max(range(len(close)), key=close.__getitem__)
    second = max((i for i in range(len(close)) if i != leader), key=close.__getitem__)
    close[second] = close[leader] - 15  # Hendon's own 2024 majority: in recount range
    assert len(close) == len(sheet.candidates)
    dk.declare(store, HENDON, user="carol", figures=Figures(close, 120),
               overrides=["recount_range"])
    dialog = HistoryDialog(dk.history(store, HENDON), seat_trail(store, HENDON))
    qtbot.addWidget(dialog)
    table = dialog.findChild(QTableWidget, "versionsTable")
    cells = [table.item(r, 1).text() for r in range(table.rowCount())]
    assert "accepted: majority in recount range" in cells
    assert not any("recount_range" in cell for cell in cells)


def test_a_log_swapped_for_an_earlier_copy_while_open_is_caught(qtbot, nominations_db,
                                                                 tmp_path):
    """Someone restores an earlier copy of the file (or rewrites the log whole, every hash
    recomputed) to take back a verification: the chain alone checks intact, but the head
    the window saw at its last check is gone. The banner stays at every check after."""
    import sqlite3


    def through_sqlite(source, target):
        with sqlite3.connect(source) as s, sqlite3.connect(target) as t:
            s.backup(t)

    win = open_window(qtbot, nominations_db)
    earlier = tmp_path / "earlier.db"
    through_sqlite(nominations_db, earlier)
    opened = win.audit.result

    with Store(nominations_db) as other:
        dk.declare(other, HENDON, Figures(CLEAN, 50), user="carol")
        dk.verify(other, HENDON, user="bob", votes=CLEAN, invalid=50)
    seen = _recheck(qtbot, win)
    assert seen.intact and seen.head_id == opened.head_id + 2
    through_sqlite(earlier, nominations_db)  # the verification taken back
    for _ in range(2):
        assert not _recheck(qtbot, win).intact
        assert win.audit_banner.isVisible()
        assert (f"the newest entry at the last check (entry {seen.head_id}, "
                in win.audit_banner.text())


def test_a_restore_since_the_last_check_is_said_in_the_status_bar_not_as_broken(
        qtbot, nominations_db, tmp_path):
    """`resultsdesk restore` at 3 a.m. took away the head every open window last saw, and
    each window's banner went red ("rewritten since") until it was reopened: the log records
    the restore, so the window says that instead, once."""

    from resultsdesk.store.backup import backup, restore

    win = open_window(qtbot, nominations_db)

    with Store(nominations_db) as other:
        saved = backup(other, tmp_path / "before.db")
        dk.declare(other, HENDON, Figures(CLEAN, 50), user="carol")
        dk.verify(other, HENDON, user="bob", votes=CLEAN, invalid=50)
    assert _recheck(qtbot, win).intact
    restore(saved, nominations_db, user="ann")
    check = _recheck(qtbot, win)
    assert check.intact and check.restored.startswith("ann restored the backup ")
    assert win.audit_banner.isHidden()
    assert win.audit_label.text().startswith("Audit chain intact · restored from a backup · ")
    said = win.statusBar().currentMessage()
    assert said == f"DATABASE RESTORED: {check.restored}"
    assert _recheck(qtbot, win).restored is None and win.audit_banner.isHidden()  # said once


def test_a_window_opened_next_morning_says_the_entries_this_pc_saw_are_gone(
        qtbot, nominations_db, tmp_path):
    """The head the window last saw was kept only while it was open: closed at night, the
    file swapped for an older copy of itself (a verification taken back), and the window
    opened in the morning found the chain intact. The head is kept for the next run on this
    PC (`desk.audit_memory`): the first check after opening is anchored at it."""
    import sqlite3

    earlier = tmp_path / "earlier.db"
    with sqlite3.connect(nominations_db) as s, sqlite3.connect(earlier) as t:
        s.backup(t)
    night = open_window(qtbot, nominations_db)
    with Store(nominations_db) as other:
        dk.declare(other, HENDON, Figures(CLEAN, 50), user="carol")
        dk.verify(other, HENDON, user="bob", votes=CLEAN, invalid=50)
    seen = _recheck(qtbot, night)
    assert seen.intact
    night.close()
    with sqlite3.connect(earlier) as s, sqlite3.connect(nominations_db) as t:
        s.backup(t)

    morning = open_window(qtbot, nominations_db)
    assert not morning.audit.result.intact
    assert morning.audit_banner.isVisible()
    assert re.search(rf"entry {seen.head_id} \({STAMP}, hash {seen.head_hash[:16]}…\), the "
                     rf"newest this PC saw when it last checked the log at {STAMP}, ",
                     morning.audit_banner.text())
    assert "is no longer in the log: it was rewritten since" in morning.audit_banner.text()
    assert "BROKEN" in morning.audit_label.text()


def test_a_check_of_the_database_open_before_failing_late_is_not_said_of_the_one_open_now(
        qtbot, night_db, nominations_db, monkeypatch):
    """The night's first check is held up (its file locked by another program: the busy
    timeout) and File > Open opens another database, whose check ends intact; then the held
    check fails. Its "Audit check failed" was shown of the database open now, in red, and
    counted as that one's failure (checked again at every reconnection)."""
    import threading

    from resultsdesk.domain.errors import Cause, KnownError
    from resultsdesk.ui import audit_banner, worker

    held, checking = threading.Event(), threading.Event()
    real = audit_banner.check_remembering

    def locked_first(path, *args, **kwargs):
        if path == night_db:
            checking.set()
            held.wait(30)
            raise KnownError(f"{path} is locked by another program", cause=Cause.LOCKED)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(audit_banner, "check_remembering", locked_first)
    application()
    win = MainWindow(night_db, user="alice")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(checking.is_set, timeout=10_000)  # the night's check, held up
    win.open_database(nominations_db)  # File > Open, meanwhile
    qtbot.waitUntil(lambda: win.audit.result is not None, timeout=10_000)
    assert win.audit_label.text().startswith("Audit chain intact")
    held.set()  # the night's check ends, failing
    qtbot.waitUntil(lambda: not worker._running, timeout=10_000)  # its report heard
    assert win.audit_label.text().startswith("Audit chain intact"), win.audit_label.text()
    assert not win.audit.failed and win.audit.result.intact


def test_a_figure_made_text_while_the_window_is_open_is_said_in_red(qtbot, night_db):
    """Hendon's votes made 'abc' in sqlite3 under an open window (its change number moved,
    as any write to the seat moves it): the refresh stopped on a TypeError every time the
    window looked, as a bug's error; now it is put off and the status bar says why."""
    from helpers.tampering import by_hand

    win = open_window(qtbot, night_db)
    hendon = ("(SELECT d.id FROM declarations d JOIN constituencies k ON k.id = "
              f"d.constituency_id WHERE k.code = '{HENDON}')")
    by_hand(night_db, f"UPDATE declaration_votes SET votes = 'abc' WHERE declaration_id = "
                      f"{hendon} AND candidate_id = (SELECT min(candidate_id) FROM "
                      f"declaration_votes WHERE declaration_id = {hendon})",
            "UPDATE change_counter SET seq = seq + 1",
            "UPDATE constituencies SET change_seq = (SELECT seq FROM change_counter) "
            f"WHERE code = '{HENDON}'").close()
    win.refresh_if_changed()
    said = win.statusBar().currentMessage()
    assert HENDON in said and "never writes" in said and "audit --check" in said, said
    assert win.statusBar().alert  # in red


def test_a_column_renamed_while_the_window_is_open_is_said_in_red(qtbot, night_db):
    """declarations.status renamed in the sqlite3 shell under an open window: the refresh
    raised "no such column: d.status" out of the slot, a traceback on every look; now it
    is put off and the status bar names what the file lacks, with the restore hint."""
    from helpers.tampering import by_hand

    win = open_window(qtbot, night_db)
    by_hand(night_db, "ALTER TABLE declarations RENAME COLUMN status TO state").close()
    win.refresh_if_changed()
    said = win.statusBar().currentMessage()
    assert "is damaged (it has no column status of declarations" in said, said
    assert "resultsdesk restore" in said and win.statusBar().alert
