"""An auditor re-checks the night away from ResultsDesk, from README's "The audit record" alone.

The chain was documented, but two things an independent script needs were not: the audit
CSV puts a `'` before a cell a spreadsheet would run as a formula (an election named
"-2024 test", a name typed "=bob" at an open desk), so every entry holding one failed to
re-hash; and the figures a `figures_sha256` seals were listed in words only (no keys, no
shape), so no seal could be recomputed from the file. The hashing here is written from the
README text (hashlib and json only), never with ResultsDesk's own functions.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sqlite3

from helpers.cli import run
from helpers.cli_declarations import declare, verify
from helpers.locations import ROOT
from helpers.seats import CLEAN, HENDON

from resultsdesk.domain.audit_chain import DeclarationFigures

_COLUMN = {"declaration_id": "id"}  # README: "`declaration_id` its `id`"
_FORMULA_FIRST = ("=", "+", "-", "@", "\t", "\r")


def _readme() -> str:
    return " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())


def _canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def _documented_figures_keys() -> list[str]:
    found = re.search(r"the same hash of that version's figures, `\{([a-z_, ]+)\}`", _readme())
    assert found, "README does not give the keys of the figures a seal hashes"
    return [k.strip() for k in found[1].split(",")]


def _as_stored(cell: str) -> str:
    """The `'` README says the audit CSV puts before a formula's first character, taken off."""
    if cell.startswith("'") and cell[1:2].startswith((*_FORMULA_FIRST, "'")):
        return cell[1:]
    return cell


def _rehash(entries: list[dict]) -> None:
    prev = "0" * 64
    for e in entries:
        body = {k: e[k] for k in ("id", "at", "user", "action", "entity", "entity_key",
                                  "details")}
        assert e["prev_hash"] == prev, e["id"]
        assert hashlib.sha256(_canonical({**body, "prev_hash": prev})).hexdigest() \
            == e["hash"], e
        prev = e["hash"]


def test_the_csv_export_re_hashes_by_readme(capsys, tmp_path):
    db = str(tmp_path / "night.db")
    assert run(capsys, "init", "--db", db, "--name", "-2024 test")[0] == 0
    run(capsys, "import", "candidates", str(ROOT / "resources/data/HoC-GE2024-results-by-"
                                            "candidate.csv"), "--db", db, "--user", "@alice")
    assert declare(capsys, db, "=bob", CLEAN)[0] == 0
    out = tmp_path / "audit.csv"
    assert run(capsys, "audit", "--db", db, "--out", str(out))[0] == 0
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert "'-2024 test" in {r["entity_key"] for r in rows}  # a spreadsheet runs no formula
    assert "`'` put before it" in _readme() and "takes that `'` off first" in _readme()
    entries = [{k: _as_stored(v) for k, v in r.items()} for r in rows]
    for e in entries:
        e["id"], e["details"] = int(e["id"]), json.loads(e["details"])
    _rehash(entries)


def test_every_seal_re_hashes_from_the_file_by_readme(capsys, nominations_db):
    keys = _documented_figures_keys()
    assert sorted(keys) == sorted(DeclarationFigures(
        0, "", 0, "", 0, (), None, None, None, None, None, "", "", "", None, ()).canonical())
    declare(capsys, nominations_db, "alice", CLEAN, "--invalid", "120")
    verify(capsys, nominations_db, "bob", CLEAN, "--invalid", "120")
    conn = sqlite3.connect(nominations_db)
    seals = [json.loads(d) for (d,) in conn.execute("SELECT details FROM audit_log")]
    seals = [d for d in seals if isinstance(d, dict) and "figures_sha256" in d]
    assert len(seals) == 2
    columns = [k for k in keys if k not in ("constituency", "votes")]
    for seal in seals:
        did = seal["declaration_id"]
        *values, code = conn.execute(
            f"SELECT {', '.join('d.' + _COLUMN.get(c, c) for c in columns)}, k.code "
            "FROM declarations d "
            "JOIN constituencies k ON k.id = d.constituency_id WHERE d.id = ?",
            (did,)).fetchone()
        row = dict(zip(columns, values, strict=True))
        row["constituency"] = code
        row["overrides"] = json.loads(row["overrides"])
        row["votes"] = sorted([c, p, v] for c, p, v in conn.execute(
            "SELECT v.candidate_id, c.party_id, v.votes FROM declaration_votes v JOIN "
            "candidates c ON c.id = v.candidate_id WHERE v.declaration_id = ?", (did,)))
        assert code == HENDON
        assert hashlib.sha256(_canonical(row)).hexdigest() == seal["figures_sha256"]
