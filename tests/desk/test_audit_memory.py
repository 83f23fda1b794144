"""The last intact head of a database's audit log this PC saw, kept between runs of the app
(`desk.audit_memory`). The window anchored its checks at the head its last check saw, but
only in memory: closed at night, the file swapped for an older copy of itself (a shorter,
self-consistent chain: a verification taken back) checked intact the next morning, and
nothing said that entries this PC had seen were gone. Each `check_remembering` below with
no `seen` is a new run of the app."""

from __future__ import annotations

import json
import sqlite3

import pytest
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import audit_memory
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit import check_database
from resultsdesk.desk.audit_memory import FOLDER, check_remembering, recall
from resultsdesk.desk.election import BUNDLED_ELECTION, init_election
from resultsdesk.domain.model import Figures
from resultsdesk.paths import user_data_dir
from resultsdesk.store import Store, database
from resultsdesk.store import repository as repo
from resultsdesk.store.backup import backup, restore
from resultsdesk.store.settings import now_iso


def _copy_of(path, out):
    """`path` as it is now, through SQLite (a file copy can miss what its WAL holds)."""
    with sqlite3.connect(path) as source, sqlite3.connect(out) as target:
        source.backup(target)
    return out


def _declare_and_verify(path) -> None:
    with Store(path) as store:
        dk.declare(store, HENDON, Figures(CLEAN, 50), user="alice")
        dk.verify(store, HENDON, user="bob", votes=CLEAN, invalid=50)


def test_a_head_gone_since_the_last_run_is_said_as_rewritten(nominations_db, tmp_path):
    earlier = _copy_of(nominations_db, tmp_path / "earlier.db")
    assert check_remembering(nominations_db).intact  # last night's first check
    _declare_and_verify(nominations_db)
    seen = check_remembering(nominations_db)  # ... and its last: kept
    assert seen.intact and seen.head_id is not None
    _copy_of(earlier, nominations_db)  # overnight: the verification taken back

    assert check_database(nominations_db).intact  # on its own it is sound (the CLI's check)
    morning = check_remembering(nominations_db)  # the app started again
    assert not morning.intact
    assert morning.problem.startswith(f"entry {seen.head_id} (")
    assert f"hash {seen.head_hash[:16]}…), the newest this PC saw when it last checked the " \
        "log at " in morning.problem
    assert morning.problem.endswith(", is no longer in the log: it was rewritten since, or "
                                    "replaced by another copy")
    # Said at every run until the entry is back: a broken check keeps nothing new.
    assert not check_remembering(nominations_db).intact
    with Store(nominations_db) as store:
        assert recall(store).head_hash == seen.head_hash


@pytest.mark.parametrize("statement", [
    "UPDATE election SET created_at = '2024-07-04T21:00:01+00:00'",
    # (a trigger refuses it: dropped first, and put back as it was)
    "DROP TRIGGER election_no_delete; DELETE FROM election; {put_back}",
])
def test_an_older_copy_with_its_creation_time_edited_is_still_this_election(
        nominations_db, tmp_path, statement):
    """The file swapped overnight for an older copy of itself, a verification taken back,
    and one more statement in sqlite3: the election's `created_at`, which nothing in the
    chain seals, changed (or its row removed). The PC took the night for another election
    made in its place, started fresh and read the log intact: the head it saw is gone all
    the same, and the log up to the copy's head is the one it saw."""
    earlier = _copy_of(nominations_db, tmp_path / "earlier.db")
    _declare_and_verify(nominations_db)
    seen = check_remembering(nominations_db)
    assert seen.intact
    _copy_of(earlier, nominations_db)
    conn = sqlite3.connect(nominations_db, isolation_level=None)
    put_back = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND "
                            "name = 'election_no_delete'").fetchone()[0]
    conn.executescript(statement.format(put_back=put_back + ";"))
    conn.close()

    morning = check_remembering(nominations_db)
    assert not morning.intact
    if "DELETE" in statement:  # the row gone is found first, at the entry that made it
        assert morning.problem.endswith("is gone from the file: it was deleted outside "
                                        "ResultsDesk"), morning.problem
        return
    assert morning.problem.startswith(f"entry {seen.head_id} ("), morning.problem
    assert "is no longer in the log: it was rewritten since" in morning.problem


def test_a_restore_since_the_last_run_is_said_as_restored(nominations_db, tmp_path):
    with Store(nominations_db) as store:
        saved = backup(store, tmp_path / "before.db")
    _declare_and_verify(nominations_db)
    seen = check_remembering(nominations_db)
    restore(saved, nominations_db, user="carol")

    morning = check_remembering(nominations_db)
    assert morning.intact, morning.problem
    assert morning.restored.startswith(f"carol restored the backup {saved} at ")
    assert "the night as this PC last saw it, at " in morning.restored
    assert f", to entry {seen.head_id}, is no longer in the database; it was kept as " \
        in morning.restored
    assert check_remembering(nominations_db).restored is None  # said once


def test_another_election_in_its_place_starts_fresh(nominations_db, tmp_path,
                                                    monkeypatch):
    _declare_and_verify(nominations_db)
    assert check_remembering(nominations_db).intact
    # Another election made at another time (the fixtures' two are made within a second,
    # and a copy of one with only its `created_at` changed by hand is the same election:
    # its log starts as the one this PC saw).
    made = "2024-05-23T16:00:00+00:00"
    with monkeypatch.context() as clock:
        for module in (database, repo):
            clock.setattr(module, "now_iso", lambda: made)
        init_election(tmp_path / "other.db", BUNDLED_ELECTION).close()
    other_db = tmp_path / "other.db"
    with Store(nominations_db) as one, Store(other_db) as other:
        assert recall(one) is not None and recall(other) is None
        assert repo.election_created(one) != repo.election_created(other) == made
    # Another election under the same name: copied whole, as SQLite copies a database (a
    # copy of the main file alone missed what was still in its write-ahead log, the new
    # `created_at` among it, one run in five).
    source, target = sqlite3.connect(other_db), sqlite3.connect(nominations_db)
    source.backup(target)
    source.close()
    target.close()

    check = check_remembering(nominations_db)
    assert check.intact and check.restored is None, check.problem
    with Store(nominations_db) as store:
        assert recall(store).head_hash == check.head_hash  # kept for it from now on


def test_a_data_folder_that_cannot_be_written_loses_only_the_memory(nominations_db):
    (user_data_dir() / FOLDER).write_text("a file where the folder goes")
    assert check_remembering(nominations_db).intact
    with Store(nominations_db) as store:
        assert recall(store) is None


def test_a_data_folder_that_cannot_be_made_loses_only_the_memory(
        capsys, nominations_db, tmp_path, monkeypatch):
    """The data folder itself not made (platformdirs': a file where a folder of the
    path goes, a home that cannot be written): `audit --check` and the window's check
    stopped on it ("...: File exists") instead of checking without the memory."""
    from helpers.cli import run

    (tmp_path / "home").write_text("a file where the data folder goes")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "share"))
    assert check_remembering(nominations_db).intact
    code, out, err = run(capsys, "audit", "--db", nominations_db, "--check")
    assert code == 0 and out.startswith("audit chain intact"), err


def test_on_a_server_the_head_is_kept_for_the_election_whoever_signs_in(pg_election):
    """A server's election is known by its URL without who signs in (every account on the
    PC reads one log) and never with a password."""
    from resultsdesk.desk import session

    alice = session.open_desk(pg_election.url("alice"))
    try:
        seen = check_remembering(pg_election.url("alice"), alice)
    finally:
        alice.close()
    kept = "".join(p.read_text() for p in (user_data_dir() / FOLDER).iterdir())
    assert pg_election.passwords[pg_election.user("alice")] not in kept
    assert pg_election.user("alice") not in kept
    bob = session.open_desk(pg_election.url("bob"))
    try:
        assert recall(bob).head_hash == seen.head_hash and seen.intact
    finally:
        bob.close()


def test_the_command_line_check_reads_what_the_app_kept(capsys, nominations_db, tmp_path):
    """The window's banner says to run `audit --check`: on this PC it is anchored at the
    head the app kept too, rather than calling the log it called rewritten intact. It
    keeps nothing itself."""
    from helpers.cli import run

    earlier = _copy_of(nominations_db, tmp_path / "earlier.db")
    _declare_and_verify(nominations_db)
    seen = check_remembering(nominations_db)
    _copy_of(earlier, nominations_db)
    code, out, _ = run(capsys, "audit", "--db", nominations_db, "--check")
    assert code == 1
    assert out.startswith(f"audit chain BROKEN: entry {seen.head_id} ("), out
    assert "the newest this PC saw when it last checked the log at " in out
    code, out, _ = run(capsys, "audit", "--db", earlier, "--check")  # a copy elsewhere
    assert code == 0 and out.startswith("audit chain intact")
    with Store(earlier) as store:
        assert recall(store) is None


def _kept(folder, name: str, where: str, seen_at: str) -> None:
    (folder / f"{name}.json").write_text(json.dumps(
        {"where": where, "election_created": "2024-07-04T21:00:00+00:00",
         "seen_at": seen_at, "entries": 3, "head_hash": "a" * 64, "head_id": 3,
         "head_at": seen_at, "restore_hash": None}), encoding="utf-8")


def test_heads_of_files_long_gone_are_let_go_once_a_run(nominations_db, tmp_path, monkeypatch):
    """One file per database ever opened (a rehearsal's copy each night) piled up for good:
    the first head kept in a run lets go of those of files no longer there and last seen
    more than 90 days ago; a server's, a file still there, a recent one and what cannot be
    read are left."""
    folder = user_data_dir() / FOLDER
    folder.mkdir(parents=True)
    there = tmp_path / "still-here.db"
    there.write_bytes(b"")
    old, recent = "2026-01-01T00:00:00+00:00", now_iso()
    _kept(folder, "gone-old", str(tmp_path / "rehearsal-1.db"), old)
    _kept(folder, "gone-recent", str(tmp_path / "rehearsal-2.db"), recent)
    _kept(folder, "here-old", str(there), old)
    _kept(folder, "server-old", "postgresql://db.desk.local/night", old)
    (folder / "unreadable.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(audit_memory, "_tidied", set())
    assert check_remembering(nominations_db).intact  # keeps its own head, and tidies
    assert sorted(p.stem for p in folder.glob("*.json") if not p.stem.startswith(
        "nominations")) == ["gone-recent", "here-old", "server-old", "unreadable"]
    _kept(folder, "gone-old", str(tmp_path / "rehearsal-1.db"), old)
    assert check_remembering(nominations_db).intact  # once a run: left until the next
    assert (folder / "gone-old.json").exists()
    assert audit_memory.forget_gone_files(folder) == [folder / "gone-old.json"]
