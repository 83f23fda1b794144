"""Ctrl+C says truly what it left behind (found by an attack on the command line in the
twenty-sixth session):

- pressed just after an import committed, the command said "nothing half-written was
  kept", and a desk running the import again recorded every seat a second time;
- pressed as a write was being entered, a traceback ("Cannot operate on a closed
  database") followed the one line the command said."""

from __future__ import annotations

import gc
import sqlite3
import sys

from resultsdesk.cli import main
from resultsdesk.desk.local_writes import LocalWrites
from resultsdesk.paths import CONSTITUENCIES_2024, ELECTION_2024, data_file
from resultsdesk.store import Store


def _import(db) -> list[str]:
    return ["import", "results", str(data_file(ELECTION_2024)), "--db", str(db),
            "--constituencies", str(data_file(CONSTITUENCIES_2024))]


def _declarations(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM declarations").fetchone()[0]


def _interrupt(*_args, **_kwargs):
    raise KeyboardInterrupt


def test_interrupted_after_the_import_committed_it_says_it_was_saved(
        nominations_db, monkeypatch, capsys):
    monkeypatch.setattr(Store, "_log_written", _interrupt)  # just after the COMMIT
    assert main(_import(nominations_db)) == 130
    err = capsys.readouterr().err
    assert err == ("resultsdesk: interrupted after saving: what it saved is kept (see the "
                   "audit log, 'resultsdesk audit', before running it again).\n")
    assert _declarations(nominations_db) == 650


def test_interrupted_before_it_committed_it_says_nothing_was_kept(
        nominations_db, monkeypatch, capsys):
    real = Store.audit_many

    def audit_then_interrupt(self, *args, **kwargs):
        real(self, *args, **kwargs)
        raise KeyboardInterrupt  # inside the import's transaction

    monkeypatch.setattr(Store, "audit_many", audit_then_interrupt)
    assert main(_import(nominations_db)) == 130
    assert capsys.readouterr().err == \
        "resultsdesk: interrupted; nothing half-written was kept.\n"
    assert _declarations(nominations_db) == 0


def test_a_write_left_open_by_an_interrupt_ends_quietly_after_the_store_closed(
        nominations_db):
    """The interrupt lands after the write's BEGIN, before its `with` took hold: its
    generator is finalised only later, the store closed by then."""
    unraisable: list = []
    hook, sys.unraisablehook = sys.unraisablehook, unraisable.append
    try:
        store = Store(nominations_db)
        entered = LocalWrites(store).transaction()
        entered.__enter__()
        store.close()  # (closing rolled it back)
        del entered
        gc.collect()
    finally:
        sys.unraisablehook = hook
    assert unraisable == []
    with Store(nominations_db) as again, again.write():  # as it was, and writable
        pass


def test_interrupted_while_a_new_rehearsal_was_built_it_says_nothing_was_kept(
        tmp_path, monkeypatch, capsys):
    """The build commits its nominations and plan into a file beside the new one, which an
    interrupt removes: it said "interrupted after saving: what it saved is kept" of a file
    that was gone."""
    from resultsdesk.desk import rehearsal_create

    monkeypatch.setattr(rehearsal_create, "import_baseline", _interrupt)  # after the plan
    db = tmp_path / "r.db"
    assert main(["rehearse", "--db", str(db)]) == 130
    assert capsys.readouterr().err == \
        "resultsdesk: interrupted; nothing half-written was kept.\n"
    assert list(tmp_path.iterdir()) == []


def test_writes_into_a_bundled_election_removed_unbuilt_are_not_counted(
        tmp_path, monkeypatch):
    """The desk's first database is built beside its place too (`built_beside`)."""
    import pytest

    from resultsdesk.desk import election
    from resultsdesk.desk.session import writes_sent

    monkeypatch.setattr(election, "import_baseline", _interrupt)  # after the nominations
    before = writes_sent()
    with pytest.raises(KeyboardInterrupt):
        election.ensure_default_database(tmp_path / "election.db")
    assert writes_sent() == before
    assert list(tmp_path.iterdir()) == []
