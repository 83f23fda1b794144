"""What an import writes, to the byte: every table of a database after importing the 2024
files, with the clock stopped, digested and compared with the digest the importer gave
before it was made faster. Ids, figures, seals, the audit chain's hashes and every
trigger's work are in it, so a rewrite of the importer that changes any stored value (or
the order rows get their ids in) fails here.

A deliberate change of what an import stores (a new column, other wording in an audit
entry) changes these digests too: print `_digest` of the new database and say in the
commit why the stored data changed."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers.locations import GE2024, GE2024_SEATS, NOTIONAL

from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_baseline, import_candidates, import_results
from resultsdesk.store import settings

_FROZEN = datetime(2024, 7, 5, 4, 58, 0, tzinfo=UTC)


class _StoppedClock(datetime):
    @classmethod
    def now(cls, tz=None):
        return _FROZEN if tz is not None else _FROZEN.replace(tzinfo=None)


def _digest(path: Path) -> str:
    """SHA-256 over every table's name and rows (as repr, sorted: a table's rows carry
    their ids)."""
    sha = hashlib.sha256()
    with sqlite3.connect(path) as conn:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            sha.update(f"{table}\n".encode())
            for text in sorted(map(repr, conn.execute(f'SELECT * FROM "{table}"'))):
                sha.update(text.encode() + b"\n")
    return sha.hexdigest()


# The files by relative names: an audit entry records the path it was given, which must
# not depend on where the repository is checked out.
RESULTS, SEATS, BASELINE = (Path(p.name) for p in (GE2024, GE2024_SEATS, NOTIONAL))


def _new_and_baseline(store) -> None:
    import_results(store, RESULTS, constituencies=SEATS)
    import_baseline(store, BASELINE)


def _nominated_then_declared(store) -> None:
    import_candidates(store, RESULTS, constituencies=SEATS)
    import_results(store, RESULTS, constituencies=SEATS)


def _declared_twice(store) -> None:
    import_results(store, RESULTS)
    import_results(store, RESULTS, constituencies=SEATS)


# Digests of the importer before its rewrite for speed (commit 8fdcca5), with the
# deliberate changes since: each `import declaration` entry records the version's
# verification time (`verified_at`), which the audit check compares with the file; and a
# new file has one table more, empty (rehearsal_holders, migration 8: only its name is in
# the digest; without it the digests are those before, row for row); and a baseline's
# import takes a change number (change_counter), as a server's does, so that windows already
# open read the gains against it (tests/desk/test_live_baseline_mid_night.py); and an
# entry's votes name two candidates of one name apart (`domain.candidate_keys`): Mid
# Buckinghamshire's entry alone changed ("Greg Smith (Con)", "Greg Smith (Green)", where
# one "Greg Smith" had the Conservative's votes), and with it the hashes chained after it;
# and parties an import adds take a change number (so windows already open name and colour
# them: tests/desk/test_live_new_parties.py), and a baseline's lines are numbered on from
# the last one's (tests/desk/test_live_baseline_same_second.py); and each import's own entry
# (import candidates, results, baseline) records the parties, seats and baseline it leaves
# (`roll`: tests/store/test_audit_names.py): only audit_log's rows changed; and each
# candidate keeps their row's MNIS and Electoral Commission party ids (migration 13,
# tests/io/test_results_export_party_ids.py: only candidates' rows changed), and the
# notional People Before Profit (MNIS 242) and Young People's Party (212) count for People
# Before Profit Alliance and Shared Ground (`SUCCESSOR_MNIS_IDS`) rather than being two
# parties of their own: the baseline's parties, MNIS ids, lines and its import's entry.
GOLDEN = {
    "new_and_baseline": "ea69789f766ec9dcab9a704ad7b773513401df91ac07a87c68610a1983372188",
    "nominated_then_declared": "c7d23b65ebdd3e9b7f0c26cb748f8686e4f4d55d571561c6876467bff92ffcab",
    "declared_twice": "2f8602cd8ec00708c0b30edf60762216bc861f9a23483b90e8c8f34cca36b964",
}
_SCENARIOS = {"new_and_baseline": _new_and_baseline,
              "nominated_then_declared": _nominated_then_declared,
              "declared_twice": _declared_twice}


@pytest.mark.parametrize("scenario", list(GOLDEN))
def test_an_import_stores_exactly_what_it_stored_before(tmp_path, monkeypatch, scenario):
    monkeypatch.setattr(settings, "datetime", _StoppedClock)
    for source in (GE2024, GE2024_SEATS, NOTIONAL):
        shutil.copyfile(source, tmp_path / source.name)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "golden.db"
    with init_election(path, "Golden") as store:
        _SCENARIOS[scenario](store)
    assert _digest(path) == GOLDEN[scenario]
