"""Which file a window is told holds the night it last saw, after a restore. The wrong
backup put back, then the right one, both between two of a window's audit checks (as a
script or a second desk at 3 a.m. does in seconds): the newest restore entry's own copy
holds the first restore's result, not the night the window saw, yet the window said "it
was kept as" that copy. The night is in the copy the first restore kept: said so."""

from __future__ import annotations

from pathlib import Path

from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import check_database
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.store.backup import backup, restore


def _declared_night(db: Path, tmp_path: Path) -> Path:
    """A backup of `db`, then a seat declared in it: the backup is the earlier night."""
    with Store(db) as store:
        saved = backup(store, tmp_path / "earlier.db")
        dk.declare(store, HENDON, Figures(CLEAN, 50), user="alice")
    return saved


def test_two_restores_between_checks_name_the_copy_holding_the_night_seen(nominations_db,
                                                                         tmp_path):
    saved = _declared_night(nominations_db, tmp_path)
    seen = check_database(nominations_db)
    first = restore(saved, nominations_db, user="carol")   # the night seen is kept here
    second = restore(saved, nominations_db, user="carol")  # the first restore's result here
    assert first != second
    after = check_database(nominations_db, seen=seen)
    assert after.intact, after.problem
    assert after.restored is not None
    assert f"it was kept as {first}" in after.restored
    assert str(second) not in after.restored.split("is no longer in the database")[1]


def test_one_restore_still_names_its_own_copy(nominations_db, tmp_path):
    saved = _declared_night(nominations_db, tmp_path)
    seen = check_database(nominations_db)
    with Store(nominations_db) as store:  # written on after the check: still in the copy
        dk.withdraw(store, HENDON, user="alice")
    kept = restore(saved, nominations_db, user="carol")
    after = check_database(nominations_db, seen=seen)
    assert after.restored is not None and after.restored.endswith(f"it was kept as {kept}")


def test_a_copy_moved_away_since_is_named_as_the_restore_recorded_it(nominations_db,
                                                                     tmp_path):
    """The copy cannot be read to follow (moved to a USB stick): named as recorded, as before."""
    saved = _declared_night(nominations_db, tmp_path)
    seen = check_database(nominations_db)
    first = restore(saved, nominations_db, user="carol")
    second = restore(saved, nominations_db, user="carol")
    second.rename(tmp_path / "moved.db")
    after = check_database(nominations_db, seen=seen)
    assert after.restored is not None and after.restored.endswith(f"it was kept as {second}")
    assert first.exists()


def test_a_restore_run_from_another_folder_names_the_copy_where_it_is(nominations_db,
                                                                      tmp_path, monkeypatch):
    """`resultsdesk restore` run with relative paths recorded the copy from its own folder:
    the window, elsewhere, is told where the copy is, beside the database."""
    saved = _declared_night(nominations_db, tmp_path)
    seen = check_database(nominations_db)
    monkeypatch.chdir(nominations_db.parent)
    kept = restore(saved.name, nominations_db.name, user="carol")
    monkeypatch.chdir(tmp_path.parent)
    after = check_database(nominations_db, seen=seen)
    assert after.restored is not None
    assert after.restored.endswith(f"it was kept as {nominations_db.parent / kept.name}")
