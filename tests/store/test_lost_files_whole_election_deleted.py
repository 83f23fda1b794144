"""An election deleted whole (the file and both journals: a colleague clearing the folder)
while a desk holds it open. Closed, its connection is kept open for good (`lost_files`), but
the file it names is none: "every file this program cannot see" must not be refused with it,
or every new election made in that program meets "-shm was deleted… quit ResultsDesk"."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading

import pytest
from helpers.seats import BASILDON, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store, StoreError


def declare(store: Store, key: str) -> None:
    sheet = dk.load_sheet(store, key)
    dk.declare(store, key, user="ann",
               figures=Figures([1000 + 100 * i for i in range(len(sheet.candidates))], 50),
               expected_version=sheet.current_version, overrides=WARNING_CODES)


def test_a_new_election_is_made_after_another_was_deleted_whole_while_open(
        nominations_db, tmp_path):
    store = Store(nominations_db)
    declare(store, HENDON)
    for suffix in ("", "-wal", "-shm"):
        os.remove(f"{nominations_db}{suffix}")
    store.close()
    fresh = Store(tmp_path / "new.db", create=True)  # refused: "new.db-shm was deleted"
    fresh.close()


def _versions_in_the_file_alone(path, tmp_path) -> int:
    """What a desk killed (or quit: its connection is never closed) leaves: the file alone."""
    alone = tmp_path / "alone.db"
    shutil.copyfile(path, alone)
    conn = sqlite3.connect(alone)
    try:
        return conn.execute("SELECT count(*) FROM declarations").fetchone()[0]
    finally:
        conn.close()


def test_both_journals_deleted_the_saves_before_are_kept(nominations_db, tmp_path):
    """`rm night.db-*` (a clean-up of both journals) while the desk is open: the save made
    before was acknowledged and lives only in the deleted `-wal`. The refusal says to quit
    and start again; the connection is never closed (the `-shm` went), so unless it was
    copied into the file first, the save was gone after that restart. (Quitting copied it
    in before `lost_files`.) No other program has opened the file since: that would have
    made both journals again."""
    store = Store(nominations_db)
    try:
        declare(store, HENDON)
        os.remove(f"{nominations_db}-wal")
        os.remove(f"{nominations_db}-shm")
        with pytest.raises(StoreError, match="deleted or replaced"):
            declare(store, BASILDON)
    finally:
        store.close()
    assert _versions_in_the_file_alone(nominations_db, tmp_path) == 1


def test_a_worker_finding_the_shm_gone_is_told_so(nominations_db):
    """A worker's `session.reopen` asks the window's store whether its files went: the
    `-shm` gone, it rolled back the window's connection from the worker's thread, and met
    SQLite's "objects created in a thread can only be used in that same thread"."""
    store = Store(nominations_db)
    try:
        declare(store, HENDON)
        os.remove(f"{nominations_db}-shm")
        raised: list[BaseException] = []

        def look() -> None:
            try:
                store.refuse_a_lost_file()
            except BaseException as exc:  # (what the thread met, asserted below)
                raised.append(exc)

        worker = threading.Thread(target=look)
        worker.start()
        worker.join(timeout=60)
        assert not worker.is_alive()
        assert len(raised) == 1 and isinstance(raised[0], StoreError), raised
        assert "-shm was deleted or replaced" in str(raised[0])
    finally:
        store.close()


def test_both_journals_deleted_then_closed_with_no_save_between(nominations_db, tmp_path):
    """A command that saved, then closed (no save nor look after the clean-up): its save
    was copied in by the close before `lost_files`, and must still be."""
    store = Store(nominations_db)
    declare(store, HENDON)
    os.remove(f"{nominations_db}-wal")
    os.remove(f"{nominations_db}-shm")
    store.close()
    assert _versions_in_the_file_alone(nominations_db, tmp_path) == 1
