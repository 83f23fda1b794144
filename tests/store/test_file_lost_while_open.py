"""A database file deleted, moved away or replaced while a desk holds it open (a colleague
tidying the shared folder, a backup copied over it by hand). SQLite writes on into the
file it has open and says nothing: each save was acknowledged, then gone with the file
once the desk closed; replaced, the save went into the old file while the new one showed
nothing of it. A save is refused instead, in one line, nothing written anywhere."""

from __future__ import annotations

import os

import pytest
from helpers import dbcheck
from helpers.seats import HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.errors import Cause
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store, StoreError


def declare_hendon(store: Store) -> None:
    sheet = dk.load_sheet(store, HENDON)
    dk.declare(store, HENDON, user="ann",
               figures=Figures([1000 + 100 * i for i in range(len(sheet.candidates))], 50),
               expected_version=sheet.current_version, overrides=WARNING_CODES)


def versions(path) -> int:
    conn = dbcheck.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM declarations").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("how", ["deleted", "moved", "replaced"])
def test_a_save_into_a_file_no_longer_there_is_refused(how, nominations_db, tmp_path):
    elsewhere = tmp_path / "elsewhere.db"
    copy = tmp_path / "copy.db"
    copy.write_bytes(nominations_db.read_bytes())
    before = versions(nominations_db)
    store = Store(nominations_db)
    try:
        if how == "deleted":
            nominations_db.unlink()
        elif how == "moved":
            nominations_db.rename(elsewhere)
        else:  # another copy of the election renamed over it
            os.replace(copy, nominations_db)
        with pytest.raises(StoreError, match="deleted, moved or replaced") as raised:
            declare_hendon(store)
        assert raised.value.cause is Cause.MISSING
        assert "nothing was saved" in str(raised.value)
    finally:
        store.close()
    for left in (nominations_db, elsewhere):
        if left.exists():  # nothing went into the file it held, nor the one there now
            assert versions(left) == before


def test_the_file_where_it_was_still_takes_saves(nominations_db):
    with Store(nominations_db) as store:
        declare_hendon(store)
        assert versions(nominations_db) == 1


def test_a_file_that_cannot_be_looked_at_for_a_moment_is_not_taken_for_gone(
        nominations_db, monkeypatch):
    """A stat that fails for a moment (a network share not answering: EIO, a timeout) says
    nothing of which file the name holds. Taken for "deleted, moved or replaced", it
    refused the save and stopped the window's live feed for good, a red bar saying so."""
    import errno
    from pathlib import Path

    from resultsdesk.desk.changes import DataVersionSource

    real_stat = Path.stat

    def flaky(self, *args, **kwargs):
        if self == nominations_db:
            raise OSError(errno.EIO, "Input/output error", str(self))
        return real_stat(self, *args, **kwargs)

    with Store(nominations_db) as store:
        source = DataVersionSource(store)
        monkeypatch.setattr(Path, "stat", flaky)
        assert source.changed() is False  # asked again at the next poll, not stopped
        declare_hendon(store)
        monkeypatch.undo()
    assert versions(nominations_db) == 1
