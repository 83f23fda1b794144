"""The SQLite store: what a fresh file looks like, which files it refuses, transactions,
the append-only audit log and forward migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers.append_only import assert_refused

from resultsdesk.desk.election import init_election
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain.model import Status
from resultsdesk.store import SCHEMA_VERSION, Store, StoreError
from resultsdesk.store import repository as repo
from resultsdesk.store.schema import APPLICATION_ID, MIGRATIONS, run_step

EXPECTED_TABLES = {
    "election", "parties", "party_mnis_ids", "constituencies", "candidates", "declarations",
    "declaration_votes", "baseline", "baseline_votes", "baseline_seats", "audit_log",
}
EXPECTED_VIEWS = {"verified_declarations", "latest_declarations"}
EXPECTED_TRIGGERS = {"audit_log_no_update", "audit_log_no_delete"}


def _names(conn_or_store, kind: str) -> set[str]:
    conn = conn_or_store._conn if isinstance(conn_or_store, Store) else conn_or_store
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))}


def _schema(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    finally:
        conn.close()


def _pragma(path: Path, name: str):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "fresh.db", create=True) as s:
        yield s


# --- a fresh store ---------------------------------------------------------------------------


def test_fresh_store_is_at_the_current_schema(store):
    assert SCHEMA_VERSION == len(MIGRATIONS) >= 1
    assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
    assert store.scalar("PRAGMA application_id") == APPLICATION_ID
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA synchronous") == 2  # FULL


def test_fresh_store_settings_hold_on_reopen(tmp_path):
    path = tmp_path / "again.db"
    Store(path, create=True).close()
    assert _pragma(path, "journal_mode") == "wal"  # WAL is stored in the file
    with Store(path) as store:
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
        assert store.scalar("PRAGMA foreign_keys") == 1


def test_migrations_from_zero_create_everything(store):
    assert _names(store, "table") >= EXPECTED_TABLES
    assert _names(store, "view") >= EXPECTED_VIEWS
    assert _names(store, "trigger") >= EXPECTED_TRIGGERS
    # every object a migration creates is there, unless a later one dropped it
    created, dropped = set(), set()
    for migration in MIGRATIONS:
        for statement in migration:
            if callable(statement):  # a Python step creates no object of its own
                continue
            words = statement.split()
            if words[0].upper() == "CREATE":
                kind_at = 2 if words[1].upper() in {"UNIQUE", "TEMP"} else 1
                name = words[kind_at + 1].split("(")[0]
                created.add(name)
                dropped.discard(name)
            elif words[0].upper() == "DROP":  # DROP kind [IF EXISTS] name
                created.discard(words[-1])
                dropped.add(words[-1])
    all_names = {r[0] for r in store._conn.execute("SELECT name FROM sqlite_master")}
    assert created <= all_names
    assert not dropped & all_names
    # the views run
    assert store.scalar("SELECT count(*) FROM verified_declarations") == 0
    assert store.scalar("SELECT count(*) FROM latest_declarations") == 0


def test_foreign_keys_are_enforced(store):
    with pytest.raises(sqlite3.IntegrityError), store.write():
        store._conn.execute(
            "INSERT INTO candidates (constituency_id, party_id, first_name, surname, "
            "ballot_order) VALUES (999, 999, 'No', 'Seat', 1)")
    assert store.scalar("SELECT count(*) FROM candidates") == 0


def test_migrating_each_step_gives_the_same_schema_as_fresh(tmp_path):
    """A file left at any earlier version is brought up to date by the remaining migrations."""
    fresh = tmp_path / "fresh.db"
    Store(fresh, create=True).close()
    for version in range(1, SCHEMA_VERSION):
        old = tmp_path / f"v{version}.db"
        conn = sqlite3.connect(old, isolation_level=None)
        for migration in MIGRATIONS[:version]:
            for step in migration:
                run_step(conn, step)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {version}")
        conn.execute("INSERT INTO election (id, name, created_at) VALUES (1, 'Old', 'then')")
        conn.close()
        with Store(old) as store:
            assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION
            assert repo.election_name(store) == "Old"  # data survives the migration
        assert _schema(old) == _schema(fresh)


def test_store_created_from_an_empty_file(tmp_path):
    path = tmp_path / "touched.db"
    path.touch()
    with pytest.raises(StoreError, match="is empty, not a ResultsDesk database"):
        Store(path)
    with Store(path, create=True) as store:
        assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION


# --- files it refuses ------------------------------------------------------------------------


def test_missing_path_without_create(tmp_path):
    path = tmp_path / "missing.db"
    with pytest.raises(StoreError, match=r"No database at .*missing\.db.*resultsdesk init"):
        Store(path)
    assert not path.exists()


def test_missing_folder_with_create(tmp_path):
    with pytest.raises(StoreError, match="Cannot open"):
        Store(tmp_path / "no" / "such" / "folder.db", create=True)


def test_folder_is_refused(tmp_path):
    with pytest.raises(StoreError, match="is a folder, not a database file"):
        Store(tmp_path)


def test_non_sqlite_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "results.csv"
    content = b"ONS ID,Constituency name\r\nE14001063,Somewhere\r\n" * 100
    path.write_bytes(content)
    for create in (False, True):
        with pytest.raises(StoreError) as info:
            Store(path, create=create)
        assert "is not a ResultsDesk database (not a readable SQLite file)" in str(info.value)
        assert "results.csv" in str(info.value)
    assert path.read_bytes() == content
    assert not Path(f"{path}-wal").exists()


def test_other_apps_sqlite_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('hello')")
    conn.commit()
    conn.close()
    content = path.read_bytes()
    for create in (False, True):
        with pytest.raises(StoreError, match="is an SQLite database, but not a ResultsDesk one"):
            Store(path, create=create)
    assert path.read_bytes() == content
    assert _pragma(path, "journal_mode") == "delete"
    assert _pragma(path, "user_version") == 0


def test_other_apps_sqlite_with_an_application_id_is_refused(tmp_path):
    path = tmp_path / "gpkg.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1196444487")  # GeoPackage
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a ResultsDesk one"):
        Store(path, create=True)


def test_a_night_rebuilt_from_a_dump_is_said_as_damage_and_restores(night_db, tmp_path):
    """`sqlite3 night.db .dump | sqlite3 rebuilt.db` (a hand's repair): every table and
    row, but neither the application id nor the schema version. "is an SQLite database,
    but not a ResultsDesk one" named no way back, and a restore refused to replace it."""
    from resultsdesk.store.backup import restore
    from resultsdesk.store.database import DamagedDatabase

    rebuilt = tmp_path / "rebuilt.db"
    source = sqlite3.connect(night_db)
    target = sqlite3.connect(rebuilt)
    target.executescript("\n".join(source.iterdump()))
    source.close()
    target.close()
    with pytest.raises(DamagedDatabase) as info:
        Store(rebuilt)
    assert str(info.value) == (
        f"{rebuilt} has ResultsDesk's tables but not its file mark (rebuilt by another "
        "tool, as sqlite3's .dump does); nothing was changed. Restore it from a backup "
        "('resultsdesk restore').")
    kept = restore(night_db, rebuilt)
    assert kept is not None and kept.exists()
    with Store(rebuilt) as store:
        assert store.scalar("SELECT count(*) FROM constituencies") == 650


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "newer.db"
    init_election(path, "From the future").close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    assert _pragma(path, "application_id") == APPLICATION_ID
    with pytest.raises(StoreError) as info:
        Store(path)
    message = str(info.value)
    assert "newer ResultsDesk" in message
    assert f"schema {SCHEMA_VERSION + 1}" in message
    assert f"up to schema {SCHEMA_VERSION}" in message
    assert "newer.db" in message
    assert _pragma(path, "user_version") == SCHEMA_VERSION + 1  # not touched


# --- transactions ----------------------------------------------------------------------------


class Boom(Exception):
    pass


def test_write_rolls_back_everything_on_an_exception(nominations_store):
    store = nominations_store
    before = {t: store.scalar(f"SELECT count(*) FROM {t}")
              for t in ("election", "parties", "candidates", "audit_log", "declarations")}
    name_before = repo.election_name(store)
    with pytest.raises(Boom), store.write():
        repo.set_election(store, "Renamed")
        store.insert_values("parties", ("abbreviation", "name", "mnis_id", "colour",
                                        "political_order"),
                            [("NEW", "New Party", None, "#123456", 0)])
        store._conn.execute("DELETE FROM candidates")
        store.audit("tester", "rename", "election", "x")
        raise Boom
    assert not store._conn.in_transaction
    assert repo.election_name(store) == name_before
    after = {t: store.scalar(f"SELECT count(*) FROM {t}") for t in before}
    assert after == before


def test_write_commits_and_other_connections_see_it(store, tmp_path):
    with store.write():
        repo.set_election(store, "Committed")
        store.audit("tester", "rename", "election", "Committed", {"name": "Committed"})
    with Store(store.path) as other:
        assert repo.election_name(other) == "Committed"
        rows = other.query("SELECT user, action, details FROM audit_log")
        assert rows == [{"user": "tester", "action": "rename",
                         "details": '{"name": "Committed"}'}]


def test_write_rolls_back_a_failed_statement(store):
    with store.write():
        repo.set_election(store, "Kept")
    with pytest.raises(sqlite3.IntegrityError), store.write():
        repo.set_election(store, "Lost")
        store._conn.execute("INSERT INTO election (id, name, created_at) VALUES (2, 'x', 'y')")
    assert repo.election_name(store) == "Kept"


def test_write_does_not_nest(store):
    with store.write(), pytest.raises(RuntimeError, match="does not nest"), store.write():
        pass


def test_audit_outside_a_write_is_refused(store):
    with pytest.raises(RuntimeError):
        store.audit("tester", "sneak", "election")
    assert store.scalar("SELECT count(*) FROM audit_log") == 0


def test_data_version_changes_when_another_connection_writes(store):
    before = store.data_version()
    with Store(store.path) as other, other.write():
        repo.set_election(other, "Elsewhere")
    assert store.data_version() != before


# --- the audit log is append-only ------------------------------------------------------------


def test_audit_log_refuses_update_and_delete(night_store):
    store = night_store
    count = store.scalar("SELECT count(*) FROM audit_log")
    assert count > 0
    first = store.query("SELECT * FROM audit_log ORDER BY id LIMIT 1")[0]
    assert_refused(store, ("UPDATE audit_log SET user = 'mallory' WHERE id = (SELECT min(id) "
                           "FROM audit_log)",
                           "DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)",
                           "DELETE FROM audit_log"))
    assert store.scalar("SELECT count(*) FROM audit_log") == count
    assert store.query("SELECT * FROM audit_log ORDER BY id LIMIT 1")[0] == first


def test_audit_log_refuses_changes_from_a_plain_connection(night_db):
    conn = sqlite3.connect(night_db)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE audit_log SET details = '{}'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM audit_log")
    finally:
        conn.close()


def test_imports_are_audited(night_store):
    actions = [r["action"] for r in night_store.query("SELECT action FROM audit_log ORDER BY id")]
    assert actions[0] == "create election"
    assert actions.count("import declaration") == 650
    assert "import results" in actions
    assert actions[-1] == "import baseline"


# --- the repository on the bundled night -----------------------------------------------------


def test_bundled_night_contents(night_store):
    assert repo.seats_total(night_store) == 650
    assert repo.declared_count(night_store) == 650
    assert repo.declared_count(night_store, include_provisional=True) == 650
    results = repo.seat_results(night_store)
    assert len(results) == 650
    assert all(r.status is Status.VERIFIED for r in results)
    assert sum(r.valid_votes for r in results) == 28_809_340
    assert sum(len(r.candidates) for r in results) == 4515
    hendon = next(r for r in results if r.code == "E14001279")
    assert hendon.name == "Hendon"
    assert hendon.electorate is not None and hendon.electorate > 0


def test_nominations_have_no_declarations(nominations_store):
    assert repo.seats_total(nominations_store) == 650
    assert repo.declared_count(nominations_store) == 0
    assert repo.seat_results(nominations_store) == []
    assert nominations_store.scalar("SELECT count(*) FROM candidates") == 4515
    assert len(repo.baseline_seats(nominations_store)) == 650


def _declare(store: Store, code: str, votes_by_party: dict[str, int], *, status: str,
             tie_winner_party: str | None = None) -> None:
    """A declaration row written straight through the repository."""
    cid = repo.constituency_ids(store)[code]
    candidates = store.query(
        "SELECT c.id, p.abbreviation AS party FROM candidates c JOIN parties p "
        "ON p.id = c.party_id WHERE c.constituency_id = ? ORDER BY ballot_order", (cid,))
    votes = {c["id"]: votes_by_party.get(c["party"], 0) for c in candidates}
    tie_winner = next((c["id"] for c in candidates if c["party"] == tie_winner_party), None)
    with store.write():
        repo.insert_declaration(store, {
            "constituency_id": cid, "version": repo.next_version(store, cid), "status": status,
            "entered_by": "tester", "entered_at": "2024-07-05T00:00:00+00:00",
            "tie_winner_candidate_id": tie_winner,
        }, votes)


def test_provisional_counts_only_when_asked(nominations_store):
    store = nominations_store
    _declare(store, "E14001279", {"Lab": 20_000, "Con": 19_000}, status="provisional")
    assert national_summary(store).declared == 0
    s = national_summary(store, include_provisional=True)
    assert s.declared == 1
    assert s.seats == {"Lab": 1}
    assert s.gains == {"Lab": 1} and s.losses == {"Con": 1}  # notional Hendon was Con


def test_tie_and_lot_through_the_store(nominations_store):
    store = nominations_store
    _declare(store, "E14001279", {"Lab": 20_000, "Con": 20_000}, status="verified")
    s = national_summary(store)
    assert s.declared == 1 and s.seats == {} and s.ties == ["E14001279"]
    assert s.recount_watch[0].majority == 0 and s.recount_watch[0].winner_party is None
    _declare(store, "E14001279", {"Lab": 20_000, "Con": 20_000}, status="verified",
             tie_winner_party="Con")
    s = national_summary(store)
    assert s.seats == {"Con": 1} and s.ties == []
    assert s.recount_watch[0].winner_party == "Con"
    assert s.recount_watch[0].runner_up_party == "Lab"
