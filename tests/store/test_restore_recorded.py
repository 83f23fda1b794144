"""A restore is recorded in the restored chain: who put which backup back, how many entries
its log had and where it ended, and how many the replaced log had (where it ended, and
where its contents were kept). An older backup put back dropped the entries after it with
nothing in the record to say so, and the chain checked as intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from helpers.cli import run_cli
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import session
from resultsdesk.desk.audit import check_database
from resultsdesk.desk.audit_text import describe_entry
from resultsdesk.domain.audit_chain import details_value
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store


def _head(path) -> tuple[int, str]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"
                            ).fetchone()


def _last_entry(path) -> dict:
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        row = dict(conn.execute("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1")
                   .fetchone())
    row["details"] = details_value(row["details"])
    return row


def test_an_older_backup_put_back_is_recorded_with_both_heads(nominations_db, tmp_path):
    backup = tmp_path / "earlier.db"
    with Store(nominations_db) as store:
        session.backup(store, backup)
        dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
    backup_head, replaced = _head(backup), _head(nominations_db)
    assert replaced[0] > backup_head[0]
    kept = session.restore(backup, nominations_db, user="carol")
    entry = _last_entry(nominations_db)
    assert (entry["id"], entry["user"], entry["action"], entry["entity_key"]) == (
        backup_head[0] + 1, "carol", "restore from backup", "earlier.db")
    assert entry["details"] == {
        "backup": str(backup), "backup_entries": backup_head[0],
        "backup_head": backup_head[1], "replaced_entries": replaced[0],
        "replaced_head": replaced[1], "previous_contents": str(kept)}
    assert check_database(nominations_db).intact
    assert describe_entry(entry, {}) == (
        f"carol restored the database from the backup earlier.db ({backup_head[0]:,} "
        f"entries); the log it replaced had {replaced[0]:,} entries, kept in {kept.name}")


def test_the_command_records_the_name_given_on_an_open_desk(nominations_db, tmp_path):
    backup = tmp_path / "b.db"
    assert run_cli("backup", "--db", nominations_db, "--out", backup)[0] == 0
    code, out, err = run_cli("restore", backup, "--db", nominations_db, "--user", " Carol ")
    assert code == 0, err
    entry = _last_entry(nominations_db)
    assert (entry["user"], entry["action"]) == ("Carol", "restore from backup")
    kept = Path(entry["details"]["previous_contents"]).name
    code, out, _ = run_cli("audit", "--db", nominations_db)
    assert out.splitlines()[-1].endswith(
        f"Carol restored the database from the backup b.db ({entry['id'] - 1:,} entries); "
        f"the log it replaced had {entry['id'] - 1:,} entries, kept in {kept}")


def test_a_backup_whose_record_was_changed_is_restored_and_said(nominations_db, tmp_path):
    """Restored in silence before (exit 0, nothing said), a chain broken in the backup
    waited for the next check."""
    from helpers.tampering import drop_triggers, put_back_triggers, raw

    backup = tmp_path / "b.db"
    assert run_cli("backup", "--db", nominations_db, "--out", backup)[0] == 0
    conn = raw(backup)
    saved = drop_triggers(conn)
    conn.execute("UPDATE audit_log SET user = 'mallory' WHERE id = 1")
    put_back_triggers(conn, saved)
    conn.close()
    code, out, err = run_cli("restore", backup, "--db", nominations_db)
    assert code == 0 and out.startswith(f"Restored {nominations_db} from {backup}.")
    assert err.startswith("resultsdesk: warning: the restored database's audit chain BROKEN "
                          "at entry 1")
    assert len(err.splitlines()) == 1
