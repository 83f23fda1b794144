"""One error model: every exception ResultsDesk raises derives from ResultsDeskError; known
errors (the environment, the input, a desk rule) are one line, anything else is a bug that
is logged with its traceback. SQLite errors are told apart by result code, not text."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import random
import re
import sqlite3
from pathlib import Path

import pytest
from helpers.cli import run_cli
from helpers.locations import ROOT
from helpers.seats import CLEAN, HENDON

import resultsdesk
from resultsdesk import cli
from resultsdesk.desk import declarations as dk
from resultsdesk.desk.failures import judge
from resultsdesk.domain.errors import Cause, InternalError, KnownError, ResultsDeskError
from resultsdesk.domain.model import Figures
from resultsdesk.domain.validation import WARNING_CODES
from resultsdesk.store import Store, StoreError
from resultsdesk.store import database as database_module
from resultsdesk.store.database import BUSY_TIMEOUT_ENV
from resultsdesk.store.errors import DamagedDatabase, explain, sqlite_cause

WARNINGS = WARNING_CODES


def _our_exception_classes() -> list[type]:
    found = {}
    for info in pkgutil.walk_packages(resultsdesk.__path__, "resultsdesk."):
        if info.name.startswith("resultsdesk._resources") or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, BaseException) and obj.__module__.startswith("resultsdesk"):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return list(found.values())


def test_every_exception_of_ours_has_one_root():
    classes = _our_exception_classes()
    names = {c.__name__ for c in classes}
    assert {"StoreError", "DamagedDatabase", "DeskRefusal", "FourEyesRefusal", "Conflict",
            "FiguresRefused", "GraphicsRefusal", "ImportFailure", "CommandError",
            "PublishError", "FileProblem", "InternalError"} <= names
    # (a Warning is said, never raised: `desk.graphics.UndrawnText`, words drawn as boxes)
    strays = [c for c in classes if not issubclass(c, ResultsDeskError | Warning)
              and not c.__name__.startswith("_")]
    assert strays == []
    bugs = [c.__name__ for c in classes
            if issubclass(c, ResultsDeskError) and not issubclass(c, KnownError)]
    assert sorted(bugs) == ["FrozenInstanceError", "InternalError", "ResultsDeskError"]


def test_known_or_bug():
    assert judge(StoreError("x.db is locked", cause=Cause.LOCKED)).known
    assert judge(dk.FourEyesRefusal("not your own")).cause is Cause.REFUSED
    assert not judge(InternalError("Store.write() does not nest")).known
    assert not judge(KeyError("party")).known
    bug = judge(ZeroDivisionError("division by zero"))
    assert "ZeroDivisionError" in bug.message and "bug" in bug.message
    assert judge(FileNotFoundError(2, "No such file or directory", "/x/y.csv")).message == \
        "/x/y.csv: No such file or directory"
    assert "\n" not in judge(KnownError("row 3: '12\n34' is not a number")).message


# --- SQLite errors by result code ------------------------------------------------------------


def _error(cls, text: str, code: int | None):
    exc = cls(text)
    if code is not None:
        exc.sqlite_errorcode = code
        exc.sqlite_errorname = "SQLITE_X"
    return exc


def test_sqlite_errors_are_told_apart_by_code_not_text():
    # the same words without a code mean nothing; different words with a code are enough
    assert sqlite_cause(_error(sqlite3.OperationalError, "database is locked", None)) is None
    assert sqlite_cause(_error(sqlite3.OperationalError, "zut", sqlite3.SQLITE_BUSY)) is \
        Cause.LOCKED
    extended_busy_snapshot = sqlite3.SQLITE_BUSY | (2 << 8)
    assert sqlite_cause(_error(sqlite3.OperationalError, "?", extended_busy_snapshot)) is \
        Cause.LOCKED
    for code, cause in ((sqlite3.SQLITE_READONLY, Cause.READ_ONLY),
                        (sqlite3.SQLITE_FULL, Cause.DISK_FULL),
                        (sqlite3.SQLITE_CORRUPT, Cause.DAMAGED),
                        (sqlite3.SQLITE_NOTADB, Cause.WRONG_KIND),
                        (sqlite3.SQLITE_CANTOPEN, Cause.MISSING),
                        (sqlite3.SQLITE_IOERR, Cause.IO)):
        assert sqlite_cause(_error(sqlite3.OperationalError, "words", code)) is cause
    corrupt = explain(_error(sqlite3.DatabaseError, "x", sqlite3.SQLITE_CORRUPT), "n.db")
    assert isinstance(corrupt, DamagedDatabase) and "n.db is damaged" in str(corrupt)
    # a constraint or an SQL mistake is a bug: not explained away
    assert explain(_error(sqlite3.IntegrityError, "x", sqlite3.SQLITE_CONSTRAINT), "n") is None
    assert explain(_error(sqlite3.OperationalError, "no such table", sqlite3.SQLITE_ERROR),
                   "n") is None


def test_real_sqlite_failures_get_their_cause(nominations_db, tmp_path, monkeypatch):
    junk = tmp_path / "junk.db"
    junk.write_bytes(random.Random(4).randbytes(8192))
    with pytest.raises(StoreError) as info:
        Store(junk)
    assert info.value.cause is Cause.WRONG_KIND

    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "100")
    holder = sqlite3.connect(nominations_db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Store(nominations_db) as store, pytest.raises(StoreError) as info:
            dk.declare(store, HENDON, user="ann", figures=Figures(list(CLEAN), 0),
                       overrides=WARNINGS)
        assert info.value.cause is Cause.LOCKED and "waited 0.1 s" in str(info.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    with Store(nominations_db) as store:
        pages = store.scalar("PRAGMA page_count")
        store.scalar(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreError) as info, store.write():
            store._conn.execute("CREATE TABLE filler (x)")
            store._conn.executemany("INSERT INTO filler VALUES (?)",
                                   [("x" * 4000,)] * 50)
        assert info.value.cause is Cause.DISK_FULL

    connect = sqlite3.connect
    monkeypatch.setattr(database_module.sqlite3, "connect", lambda path, *a, **k: connect(
        f"file:{Path(path).resolve()}?mode=ro", *a, uri=True, **k))
    with Store(nominations_db) as store, pytest.raises(StoreError) as info:
        dk.declare(store, HENDON, user="ann", figures=Figures(list(CLEAN), 0), overrides=WARNINGS)
    assert info.value.cause is Cause.READ_ONLY


def test_a_bug_in_sql_is_not_dressed_as_a_database_problem(nominations_store):
    with pytest.raises(sqlite3.OperationalError, match="no such table"), \
            nominations_store.write():
        nominations_store._conn.execute("INSERT INTO no_such_table VALUES (1)")
    with pytest.raises(InternalError), nominations_store.write(), nominations_store.write():
        pass


# --- caught once: the command line ------------------------------------------------------------


def test_cli_known_error_is_one_line(tmp_path):
    code, out, err = run_cli("summary", "--db", tmp_path / "missing.db")
    assert (code, out) == (1, "")
    assert err == f"resultsdesk: error: No database at {tmp_path / 'missing.db'}. Create one " \
                  "with 'resultsdesk init'.\n"


def test_cli_bug_is_short_and_logged_with_its_traceback(nominations_db, monkeypatch, tmp_path):
    def broken(args):
        return {}["no such key"]

    monkeypatch.setattr(cli.election, "_run_summary", broken)
    code, out, err = run_cli("summary", "--db", nominations_db)
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    match = re.fullmatch(r"resultsdesk: unexpected error: KeyError: 'no such key'\. This is a "
                         r"bug in ResultsDesk, not something you did\. Details are in (.+)\.",
                         lines[0])
    assert match, lines[0]
    log = Path(match.group(1)).read_text(encoding="utf-8")
    assert "ERROR" in log and "summary --db" in log and "unexpected error (a bug)" in log
    assert "Traceback (most recent call last)" in log and "KeyError: 'no such key'" in log


# --- caught once: the app's worker -------------------------------------------------------------


def _run_worker(job) -> list[str]:
    from resultsdesk.ui.worker import Worker

    worker = Worker(job)
    failed: list[str] = []
    worker.signals.failed.connect(failed.append)
    worker.run()  # on this thread: the signal is delivered at once
    return failed


def test_worker_reports_known_errors_as_their_line_and_bugs_as_bugs(qapp, tmp_path):
    def locked(progress):
        raise StoreError("night.db is locked by another program", cause=Cause.LOCKED)

    def refused(progress):
        raise dk.Conflict("Someone else changed Hendon")

    def broken(progress):
        return 1 / 0

    assert _run_worker(locked) == ["night.db is locked by another program"]
    assert _run_worker(refused) == ["Someone else changed Hendon"]
    [message] = _run_worker(broken)
    assert message.startswith("ZeroDivisionError: division by zero. This is a bug")


# --- what a refused verify writes (and what README says about it) --------------------------


def _audit(db: Path) -> list[str]:
    with Store(db) as store:
        return [r["action"] for r in store.query("SELECT action FROM audit_log ORDER BY id")]


def test_refusals_write_nothing_but_a_mismatched_rekey_is_recorded(nominations_db):
    base = ["--db", nominations_db, "--constituency", HENDON]
    parties = ("Green", "LD", "SDP", "Con", "WPB", "RUK", "Lab", "REU")
    figures = [f"--vote={p}={n}" for p, n in zip(parties, CLEAN, strict=True)]
    assert run_cli("declare", *base, "--user", "alice", *figures, "--invalid", "120")[0] == 0
    before = _audit(nominations_db)
    code, _, err = run_cli("verify", *base, "--user", "alice", *figures, "--invalid", "120")
    assert code == 1 and "resultsdesk: error:" in err  # four eyes: refused by rule
    assert _audit(nominations_db) == before  # ... and nothing written
    wrong = [f"--vote={p}={n + (i == 3)}" for i, (p, n) in enumerate(zip(parties, CLEAN,
                                                                        strict=True))]
    code, _, err = run_cli("verify", *base, "--user", "bob", *wrong, "--invalid", "120")
    assert code == 1 and "Nothing was verified" in err
    assert _audit(nominations_db) == [*before, "verify mismatch"]  # a real event, recorded
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "a refusal by a desk rule writes nothing, while a blind re-key that does not match" \
           ' is recorded in the audit log as "verify mismatch"' in readme
    assert "A refusal by a desk rule writes nothing; the one refusal that is recorded is a " \
           "blind re-key that does not match" in readme
