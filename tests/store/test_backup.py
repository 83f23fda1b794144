"""Online backups and restores, and the automatic copy taken before a schema migration."""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import time

import pytest

from resultsdesk.cli import main
from resultsdesk.desk import declarations as dk
from resultsdesk.domain.errors import Cause
from resultsdesk.domain.model import Figures
from resultsdesk.store import SCHEMA_VERSION, Store, StoreError
from resultsdesk.store.backup import backup, backup_name, restore, timestamped_backup
from resultsdesk.store.backup_prune import STALE_TEMP_S, prune
from resultsdesk.store.schema import APPLICATION_ID, MIGRATIONS


def _summary(db, capsys) -> dict:
    capsys.readouterr()
    assert main(["summary", "--db", str(db), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _hendon_corrected(store: Store) -> None:
    """The night goes on: Hendon corrected (50 more votes each) and verified."""
    sheet = dk.load_sheet(store, "Hendon")
    dk.correct(store, "Hendon", user="ed",
               figures=Figures([v + 50 for v in sheet.verified.votes],
                               sheet.verified.invalid_votes),
               reason="test", overrides=["recount_range"])
    dk.verify(store, "Hendon", user="vera", votes=None)


def test_backup_then_restore_gives_the_same_summary(night_db, tmp_path, capsys):
    before = _summary(night_db, capsys)
    copy = tmp_path / "night-backup.db"
    assert main(["backup", "--db", str(night_db), "--out", str(copy)]) == 0
    with Store(night_db) as store:  # the night goes on after the backup
        _hendon_corrected(store)
    assert _summary(night_db, capsys) != before
    assert main(["restore", str(copy), "--db", str(night_db)]) == 0
    assert _summary(night_db, capsys) == before
    assert list(tmp_path.glob("night-2024-before-restore-*.db"))  # the undo of the restore


def test_backup_is_consistent_while_another_connection_writes(nominations_db, tmp_path):
    with Store(nominations_db) as writer:
        writer._conn.execute("BEGIN IMMEDIATE")
        writer._conn.execute("UPDATE constituencies SET electorate = 1 WHERE code = 'E14001279'")
        with Store(nominations_db) as reader:
            out = backup(reader, tmp_path / "b.db")  # sees only committed data
        writer._conn.execute("ROLLBACK")
    with Store(out) as copy:
        assert copy.scalar("SELECT electorate FROM constituencies WHERE code = 'E14001279'") > 1
        assert copy.scalar("PRAGMA integrity_check") == "ok"


def test_restore_refuses_what_is_not_a_backup(nominations_db, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="not a ResultsDesk backup"):
        restore(junk, nominations_db)
    with pytest.raises(StoreError, match="No backup"):
        restore(tmp_path / "missing.db", nominations_db)


def test_restore_says_a_backup_cut_short_is_damaged(nominations_db, tmp_path):
    """A backup cut off half-way (a copy to a USB stick pulled out) is an SQLite file
    whose pages are gone: it was called "not a ResultsDesk backup (not a readable SQLite
    file)", which sent the desk looking for the wrong file, not another backup."""
    cut = tmp_path / "cut.db"
    with Store(nominations_db) as store:
        backup(store, cut)
    with cut.open("r+b") as f:
        f.truncate(cut.stat().st_size // 2)
    with pytest.raises(StoreError) as info:
        restore(cut, nominations_db)
    assert info.value.cause is Cause.DAMAGED
    assert str(info.value) == (f"{cut} is damaged (database disk image is malformed); "
                               "choose another backup.")


def test_kept_backups_are_pruned(nominations_store, tmp_path):
    folder = tmp_path / "backups"
    for _ in range(4):
        timestamped_backup(nominations_store, folder, "periodic", keep=2)
    assert len(list(folder.glob("*.db"))) == 2
    assert prune(folder, backup_name(nominations_store.path), 1)


def test_the_backup_made_in_the_hour_the_clocks_go_back_is_the_newest(tmp_path):
    """Backups are named in local time, which runs an hour back when the clocks go back:
    01:20 (GMT, the second time round) sorted before 01:30 (BST, the first), so with one
    kept the backup just made was the one removed. The newest is the last written."""
    folder, name = tmp_path / "backups", "night-0a1b2c3d"
    folder.mkdir()
    first = folder / f"{name}-20261025-013000-000000-periodic.db"  # 01:30 BST
    again = folder / f"{name}-20261025-012000-000000-periodic.db"  # 01:20 GMT, later
    for when, path in ((1_792_888_200, first), (1_792_891_200, again)):
        path.write_bytes(b"a backup")
        os.utime(path, (when, when))
    assert prune(folder, name, 1) == [first]
    assert again.exists()


def test_a_killed_backups_temporary_file_goes_whatever_the_databases_name(tmp_path):
    """A database named with ".db." inside it (my.db.night.db) kept its killed backups'
    temporary files for ever: the name was cut at the first ".db.", not the last."""
    folder, name = tmp_path / "backups", "my.db.night-0a1b2c3d"
    folder.mkdir()
    stale = folder / f".{name}-20260101-000000-000000-periodic.db.ab12cd34.tmp"
    stale.write_bytes(b"half a backup")
    os.utime(stale, (time.time() - 2 * STALE_TEMP_S,) * 2)
    prune(folder, name, 2)
    assert not stale.exists()


def test_an_election_never_prunes_another_elections_backups(tmp_path, nominations_db):
    """night.db's backups were pruned with night-2024.db's (their names begin the same),
    and election.db in two folders shared one set: the newest 2 of all of them were kept.
    A backup killed part-way left its hidden temporary file for ever."""
    folder = tmp_path / "backups"
    places = [tmp_path / "night.db", tmp_path / "night-2024.db", tmp_path / "a" / "night.db"]
    places[2].parent.mkdir()
    for place in places:
        shutil.copyfile(nominations_db, place)
    stale = folder / f".{backup_name(places[0])}-20260101-000000-000000-periodic.db.ab12cd34.tmp"
    fresh = stale.with_name(stale.name.replace("ab12cd34", "ef56ab78"))
    folder.mkdir()
    for temp in (stale, fresh):
        temp.write_bytes(b"half a backup")
    os.utime(stale, (time.time() - 2 * STALE_TEMP_S,) * 2)
    for _ in range(3):
        for place in places:
            with Store(place) as store:
                timestamped_backup(store, folder, "periodic", keep=2)
    names = [backup_name(place) for place in places]
    assert len(set(names)) == 3
    for name in names:
        assert len(list(folder.glob(f"{name}-2*.db"))) == 2, name
    assert not stale.exists() and fresh.exists()  # a running backup's is left alone


def test_migration_keeps_a_copy_of_the_old_file(tmp_path):
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO election (id, name, created_at) VALUES (1, 'Old', 'x')")
    conn.commit()
    conn.close()
    with Store(old) as store:
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
        assert store.scalar("SELECT name FROM election") == "Old"
    copies = list(tmp_path.glob(f"old-before-schema-{SCHEMA_VERSION}-*.db"))
    assert len(copies) == 1
    check = sqlite3.connect(copies[0])
    assert check.execute("PRAGMA user_version").fetchone()[0] == 1
    check.close()


def test_a_backup_of_another_election_is_restored_only_when_asked(night_db, tmp_path,
                                                                  capsys):
    """The wrong file at 3 a.m. (a rehearsal's backup, another election's) over the live
    night: refused in one line, the night untouched and no copy made; `--other-election`
    restores it, keeping the night beside it as any restore does."""
    from resultsdesk.desk.election import init_election

    other = tmp_path / "rehearsal-2019.db"
    init_election(other, "UK general election 2019").close()
    before = _summary(night_db, capsys)
    assert main(["restore", str(other), "--db", str(night_db)]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "is a backup of 'UK general election 2019', not of " \
        "'UK general election 2024'" in err and "nothing was restored" in err, err
    assert _summary(night_db, capsys) == before
    assert not list(tmp_path.glob("*-before-restore-*.db"))
    assert main(["restore", str(other), "--db", str(night_db), "--other-election"]) == 0
    with Store(night_db) as store:
        assert store.scalar("SELECT name FROM election") == "UK general election 2019"
    assert list(tmp_path.glob("night-2024-before-restore-*.db"))


def test_a_rehearsal_backup_is_another_election(night_db, tmp_path):
    """Same name, but a rehearsal of it: still not the live night's backup."""
    copy = tmp_path / "copy.db"
    with Store(night_db) as store:
        backup(store, copy)
    conn = sqlite3.connect(copy)
    conn.execute("DROP TRIGGER IF EXISTS election_kind_fixed")  # a copy made into a rehearsal
    conn.execute("UPDATE election SET kind = 'rehearsal'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"\(a rehearsal\), not of"):
        restore(copy, night_db)


def test_two_restores_in_one_second_keep_both_previous_contents(night_db, tmp_path,
                                                                monkeypatch, capsys):
    """The wrong backup restored, then at once the right one: the first restore's copy
    holds the only contents from before both, and the second must not replace it."""
    import resultsdesk.store.backup as backups

    class OneSecond(backups.datetime):  # both restores within the same second
        @classmethod
        def now(cls, tz=None):
            return cls(2024, 7, 5, 3, 0, 0)

    monkeypatch.setattr(backups, "datetime", OneSecond)
    original = _summary(night_db, capsys)
    empty = tmp_path / "empty.db"
    from resultsdesk.desk.election import init_election

    init_election(empty, "UK general election 2024").close()
    first = restore(empty, night_db)
    second = restore(empty, night_db)
    assert first != second and first.exists() and second.exists()
    assert _summary(first, capsys) == original  # the night before the wrong restore
    assert _summary(second, capsys)["declared"] == 0


def _file_size_limit(limit: int):
    """For a child process: files may grow to `limit` bytes, past it a write fails as on a
    full disk (EFBIG, SIGXFSZ ignored so the process sees the error)."""
    import resource
    import signal

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_damaged_database_kept_before_restore_is_whole_or_absent(night_db, tmp_path):
    """A damaged database is kept byte for byte before a restore replaces it. When that
    copy cannot be finished (a full disk; a kill part-way does the same), no half copy is
    left under the name of the previous contents, and nothing is restored."""
    from helpers import dbcheck
    from helpers.cli import refused, run_process

    copy = tmp_path / "good.db"
    with Store(night_db) as store:
        backup(store, copy)
    with night_db.open("r+b") as fh:  # a bad page in the middle of the file
        fh.seek(night_db.stat().st_size // 2 // 4096 * 4096 + 100)
        fh.write(b"\xff" * 3000)
    damaged = dbcheck.digest(night_db)
    result = run_process("restore", copy, "--db", night_db,
                         preexec=_file_size_limit(night_db.stat().st_size // 2))
    refused(result, "Nothing was restored into", "could not be kept first")
    assert dbcheck.digest(night_db) == damaged
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.db", night_db.name]


def test_a_window_open_on_the_database_shows_what_a_restore_put_back(night_db, tmp_path):
    """A desk's window stays open while the command line restores an earlier backup: its
    next refresh shows the restored night, as a window opened afresh does, not the figures
    the file no longer holds (the restored change counter was behind the window's, so no
    seat looked changed)."""
    from resultsdesk.desk.live import NightState

    copy = tmp_path / "early.db"
    with Store(night_db) as store:
        backup(store, copy)
        _hendon_corrected(store)
    with Store(night_db) as desk:
        window = NightState(desk)
        window.refresh()
        corrected = window.seats["E14001279"].shown
        restore(copy, night_db)
        assert "E14001279" in window.refresh()
        with Store(night_db) as fresh_desk:
            fresh = NightState(fresh_desk)
            fresh.refresh()
        assert fresh.seats["E14001279"].shown != corrected
        assert {c: s.shown for c, s in window.seats.items()} == \
            {c: s.shown for c, s in fresh.seats.items()}


def test_a_restore_leaves_nothing_beside_either_file(tmp_path, nominations_db):
    """A read-only look at a WAL-mode file (every backup is one) made its -wal and -shm and
    left them: a restore refused as another election's left four files behind, one done
    left the backup's two, and the script's next `backup --out` that backup was refused
    ("copy.db-wal is beside it")."""
    from resultsdesk.desk.election import init_election

    db, copy, other = tmp_path / "night.db", tmp_path / "copy.db", tmp_path / "other.db"
    shutil.copyfile(nominations_db, db)
    with Store(db) as store:
        backup(store, copy)
    init_election(other, "Another election").close()
    files = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(StoreError, match="not of"):
        restore(other, db)
    assert sorted(p.name for p in tmp_path.iterdir()) == files
    safety = restore(copy, db)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*files, safety.name])
    with Store(db) as store:
        backup(store, copy)  # over it again, as a script does every ten minutes


def test_the_backup_just_made_is_kept_after_the_clock_was_put_back(nominations_store,
                                                                    tmp_path):
    """Backups are pruned oldest first by when each was written. The PC's clock ran an hour
    fast, then was put right (NTP, or by hand): every earlier backup was written "later"
    than the one just made, which was the one removed, and the window said "Backed up to"
    a file no longer there, at every backup for the next hour."""
    folder = tmp_path / "backups"
    earlier = [timestamped_backup(nominations_store, folder, "periodic", keep=3)
               for _ in range(3)]
    for path in earlier:  # written while the clock ran an hour fast
        fast = path.stat().st_mtime + 3600
        os.utime(path, (fast, fast))
    made = timestamped_backup(nominations_store, folder, "periodic", keep=3)
    assert made.exists()
    assert len(list(folder.glob("*.db"))) == 3


def test_another_election_at_the_same_place_never_prunes_the_first_ones_backups(
        nominations_db, tmp_path):
    """The backups are named after where the database is: a new election made in the same
    place (the old file moved aside, or deleted to start afresh, the default election.db
    built anew; a backup of another election restored over it) shared the old one's names,
    and its backups pruned the old election's, the only copies of that night left. A file
    named like a backup that is none (put there by someone) was removed with them."""
    folder, place = tmp_path / "backups", tmp_path / "election.db"
    shutil.copyfile(nominations_db, place)
    with Store(place) as first:
        old = [timestamped_backup(first, folder, "periodic", keep=2) for _ in range(2)]
    place.rename(tmp_path / "last-week.db")
    stranger = folder / f"{backup_name(place)}-20260101-000000-000000-manual.db"
    stranger.write_bytes(b"the user's own notes, named like a backup")
    os.utime(stranger, (1, 1))  # older than every backup
    with _new_election(place) as other:
        new = [timestamped_backup(other, folder, "periodic", keep=2) for _ in range(3)]
    assert all(path.exists() for path in old)
    assert stranger.exists()
    assert [path.exists() for path in new] == [False, True, True]


def _new_election(path):
    from resultsdesk.desk.election import init_election

    return init_election(path, "Another election")


@pytest.mark.skipif(os.name == "nt", reason="a name that is not UTF-8: POSIX file systems")
def test_a_database_whose_name_is_not_utf8_is_backed_up_and_restored(night_db, tmp_path,
                                                                     caplog):
    """A database in a folder (or under a name) whose bytes are not UTF-8 (a home made in
    a Latin-1 locale: b'\\xff'): its backups were made, but no restore could record itself
    ("'utf-8' codec can't encode character '\\udcff': surrogates not allowed", a bug's
    words), each attempt leaving one more copy of the previous contents beside it; and
    the window's audit check could not keep its head. The names are recorded with the
    bytes that are not UTF-8 written as \\xff."""
    from resultsdesk.desk.audit import check_database
    from resultsdesk.desk.audit_memory import check_remembering, recall

    # The desk logs the names (its log file writes them as \xff); pytest's captured log
    # would hold them as they are, which xdist cannot send back from its worker.
    caplog.set_level(logging.CRITICAL + 1, logger="resultsdesk")
    place = tmp_path / os.fsdecode(b"home\xff") / os.fsdecode(b"night\xff.db")
    place.parent.mkdir()
    shutil.copyfile(night_db, place)
    folder = place.parent / "backups"
    with Store(place) as store:
        made = [timestamped_backup(store, folder, "periodic", keep=2) for _ in range(3)]
        _hendon_corrected(store)
    assert sorted(folder.iterdir()) == sorted(made[1:])  # listed and pruned as its own
    assert restore(made[-1], place) is not None
    check = check_database(place)
    assert check.intact, check.summary()
    assert check_remembering(place).intact
    with Store(place) as store:
        assert recall(store) is not None
        details = json.loads(store.scalar("SELECT details FROM audit_log ORDER BY id DESC"))
    assert details["backup"].endswith("night\\xff-" + made[-1].name.split("-", 1)[1])
    assert len(list(place.parent.glob("*-before-restore-*.db"))) == 1
