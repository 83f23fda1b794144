"""A database's `-wal` deleted while a desk holds the file open (a clean-up script or a
colleague taking `night.db-wal` for a temporary file). Every save since SQLite's last
checkpoint is in the `-wal`, not the database file: SQLite went on appending saves to the
file it held open, each acknowledged, and all of them were gone once the desk was killed
or crashed; another program opening the file meanwhile met "disk I/O error". The next save
or look for changes copies what the connection still holds into the database file itself,
and the save is refused in one line."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading

import pytest
from helpers.locations import ROOT
from helpers.seats import BASILDON, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.changes import DataVersionSource
from resultsdesk.desk.session import open_desk
from resultsdesk.domain.errors import Cause
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store, StoreError


def declare(store: Store, key: str = HENDON) -> None:
    sheet = dk.load_sheet(store, key)
    dk.declare(store, key, user="ann",
               figures=Figures([1000 + 100 * i for i in range(len(sheet.candidates))], 50),
               expected_version=sheet.current_version, overrides=WARNING_CODES)


def versions_in_the_file_alone(path, tmp_path) -> int:
    """What a desk killed now would leave: the database file without any journal."""
    alone = tmp_path / "alone.db"
    shutil.copyfile(path, alone)
    conn = sqlite3.connect(alone)
    try:
        return conn.execute("SELECT count(*) FROM declarations").fetchone()[0]
    finally:
        conn.close()


def test_a_save_after_the_wal_went_is_refused_and_the_saves_before_are_kept(
        nominations_db, tmp_path):
    store = Store(nominations_db)
    try:
        declare(store)
        assert versions_in_the_file_alone(nominations_db, tmp_path) == 0  # in the -wal
        os.remove(f"{nominations_db}-wal")
        with pytest.raises(StoreError, match="-wal was deleted or replaced") as raised:
            declare(store, BASILDON)
        assert raised.value.cause is Cause.MISSING
        assert "nothing more was saved" in str(raised.value)
        # the first save is in the database file itself: a kill now loses nothing
        assert versions_in_the_file_alone(nominations_db, tmp_path) == 1
    finally:
        store.close()


def test_the_window_s_look_for_changes_keeps_the_saves_and_says_so(nominations_db, tmp_path):
    desk = open_desk(nominations_db)
    try:
        source = DataVersionSource(desk)
        declare(desk)
        os.remove(f"{nominations_db}-wal")
        with pytest.raises(StoreError, match="-wal was deleted or replaced"):
            source.changed()
        assert versions_in_the_file_alone(nominations_db, tmp_path) == 1
        # and another program opens the file and reads it, where it met "disk I/O error"
        with Store(nominations_db) as other:
            assert other.scalar("SELECT count(*) FROM declarations") == 1
    finally:
        desk.close()


def test_another_thread_is_refused_without_touching_the_connection(nominations_db):
    store = Store(nominations_db)
    try:
        declare(store)
        os.remove(f"{nominations_db}-wal")
        raised: list[BaseException] = []

        def look() -> None:
            try:
                store.refuse_a_lost_file()
            except BaseException as exc:  # (what the thread met, asserted below)
                raised.append(exc)

        worker = threading.Thread(target=look)
        worker.start()
        worker.join(timeout=60)  # (a hang fails here, never the whole run)
        assert not worker.is_alive()
        assert len(raised) == 1 and isinstance(raised[0], StoreError), raised
        assert "next look" in str(raised[0])
    finally:
        store.close()


def test_a_wal_left_alone_takes_saves_as_ever(nominations_db):
    with Store(nominations_db) as store:
        declare(store)
        store.refuse_a_lost_file()
        declare(store, BASILDON)


def _in_another_program(db, code: str) -> str:
    """`code` run in a process of its own (SQLite keeps one index of a file's log a
    process: another connection in this one would share this one's)."""
    done = subprocess.run(
        [sys.executable, "-c", "from resultsdesk.store import Store\n"
         f"s = Store({str(db)!r})\n{code}\ns.close()"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout.strip()


def test_the_shm_gone_no_save_here_overwrites_another_program_s(nominations_db):
    """Another program opening the file made a new `-shm` and listed its saves there; this
    connection, by its own index, wrote its next ones over them and, closing last, copied
    its own into the file and emptied the log: the other program's acknowledged saves were
    gone, the audit chain "intact"."""
    store = Store(nominations_db)
    try:
        declare(store)
        os.remove(f"{nominations_db}-shm")
        _in_another_program(nominations_db, "with s.write():\n"
                            "    s.audit('bob', 'note', 'election', '', {'b': 1})")
        with pytest.raises(StoreError, match="-shm was deleted or replaced") as raised:
            declare(store, BASILDON)
        assert "Quit ResultsDesk and start it again" in str(raised.value)
    finally:
        store.close()
    with pytest.raises(StoreError, match="quit ResultsDesk and start it again"):
        Store(nominations_db)  # (it would share the index this process still holds)
    counts = _in_another_program(
        nominations_db, "print(s.scalar(\"SELECT count(*) FROM audit_log WHERE user = 'bob'\"),"
        " s.scalar('SELECT count(*) FROM declarations'))")
    assert counts == "1 1"
