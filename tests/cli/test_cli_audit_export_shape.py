"""`resultsdesk audit --out` as README states it for a script re-checking the chain away
from the database: the columns (CSV) or keys (JSON) `id, at, user, action, entity,
entity_key, details, prev_hash, hash` in that order, spelt out here (other tests compare
the header with the module's own `COLUMNS`, which a reorder would move with it), and `at`
as stored, in UTC (`2024-07-04T23:41:07+00:00`), whatever zone the desk's PC is set to."""

from __future__ import annotations

import csv
import json
import re
import time

from helpers.seats import CLEAN, HENDON

from resultsdesk import cli
from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store

README_COLUMNS = ["id", "at", "user", "action", "entity", "entity_key", "details",
                  "prev_hash", "hash"]
UTC_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")


def test_the_audit_export_has_readmes_columns_and_utc_times(nominations_db, tmp_path,
                                                            monkeypatch, capsys):
    monkeypatch.setenv("TZ", "Asia/Kolkata")  # +05:30: a local time could not pass as UTC
    time.tzset()
    try:
        with Store(nominations_db) as store:
            dk.declare(store, HENDON, user="alice", figures=Figures(CLEAN, 1))
            dk.verify(store, HENDON, user="bob", votes=None)
        for name in ("audit.csv", "audit.json"):
            assert cli.main(["audit", "--db", str(nominations_db), "--out",
                             str(tmp_path / name)]) == 0
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    with (tmp_path / "audit.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == README_COLUMNS
    entries = json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))
    assert entries and all(list(e) == README_COLUMNS for e in entries)
    assert [r[1] for r in rows[1:]] == [e["at"] for e in entries]
    assert all(UTC_STAMP.fullmatch(e["at"]) for e in entries), [e["at"] for e in entries]
    last = entries[-1]
    assert (last["user"], last["action"], last["entity_key"]) == ("bob", "verify", HENDON)
    assert isinstance(last["details"], dict)  # a JSON value, not its text
