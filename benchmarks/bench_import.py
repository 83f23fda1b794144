"""The 2024 import in-process against `pandas.read_csv` of the same files.

    python benchmarks/bench_import.py [--quick]

Subject: into a new election database, the HoC by-candidate file with its by-constituency
file (nominations and verified results, `import_results`) and the notional 2019 baseline
(`import_baseline`); the time to create the empty database, measured alone, is taken off.
Anchor: `pandas.read_csv` of the same three files (the standard library's `csv.reader`
when pandas is not installed, said so). Process (CPU) time, medians of alternated runs;
the wall time is given beside it.

The floor, measured in the same run: what this schema and audit design cost with no other
Python work. The rows the subject's imports add (read back from a database it imported
into, so they are the same rows, ids, hashes and all) are inserted into a copy of the same
new database in one transaction, by the subject's own batched INSERT per table
(`store.database.insert_many`, the cheapest path measured), with the same triggers, foreign
keys and indexes firing; and the same JSON + SHA-256 hashes are computed: one per audit
entry (its chain hash, over the same content) and one per declaration's seal. Reading the
files is in it too (`pandas.read_csv`, the anchor), so "ours / floor" is what our Python
adds to a reader, the inserts and the hashes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import figure, interleaved

from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_baseline, import_results
from resultsdesk.desk.session import open_desk
from resultsdesk.domain.audit_chain import canonical_json, details_value
from resultsdesk.paths import CONSTITUENCIES_2024, ELECTION_2024, NOTIONAL_2019, data_file
from resultsdesk.store.database import insert_many

GOAL = "≤ 5×"


def files() -> list[Path]:
    return [data_file(name) for name in (ELECTION_2024, CONSTITUENCIES_2024, NOTIONAL_2019)]


def _anchor() -> tuple[str, object]:
    try:
        import pandas
    except ImportError:
        def read_all() -> None:
            for path in files():
                with path.open(encoding="utf-8-sig", newline="") as fh:
                    list(csv.reader(fh))
        return "csv.reader of the same 3 files (pandas not installed)", read_all

    def read_all() -> None:
        for path in files():
            pandas.read_csv(path)
    return "pandas.read_csv of the same 3 files", read_all


# Tables whose rows the new database already has and the imports only update (through
# triggers): not inserted by the floor.
_UPDATED_ONLY = ("sqlite_sequence", "change_counter", "election")


def _added_rows(template: Path, imported: Path
                ) -> list[tuple[str, list[str], list[tuple]]]:
    """(table, its columns, rows) the imports added to `template`'s contents, tables in
    creation order (parents before children, as the schema made them)."""
    with sqlite3.connect(template) as before, sqlite3.connect(imported) as after:
        tables = [name for (name,) in after.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")
            if name not in _UPDATED_ONLY]
        out = []
        for table in tables:
            old = set(before.execute(f'SELECT * FROM "{table}"'))
            cursor = after.execute(f'SELECT * FROM "{table}"')
            new = [row for row in cursor if row not in old]
            if new:
                out.append((table, [d[0] for d in cursor.description], new))
    return out


def _hash_inputs(imported: Path, template: Path) -> list[object]:
    """What the imports hashed, as values to encode: each new audit entry's chain input and
    each new declaration's sealed figures."""
    from resultsdesk.store.audit_chain import declaration_figures

    with sqlite3.connect(template) as before:
        known = before.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
    with sqlite3.connect(imported) as conn:
        values: list[object] = [
            {"id": i, "at": at, "user": user, "action": action, "entity": entity,
             "entity_key": key, "details": details_value(details), "prev_hash": prev}
            for i, at, user, action, entity, key, details, prev in conn.execute(
                'SELECT id, at, "user", action, entity, entity_key, details, prev_hash '
                "FROM audit_log WHERE id > ? ORDER BY id", (known,))]
        values += [f.canonical() for f in declaration_figures(conn).values()]
    return values


def _floor(template: Path, folder: Path, read_files, rows, hashed, counter):
    """The floor's run and its set-up alone (copying and opening the new database), to be
    taken off as the subject's creation is."""
    def open_copy() -> sqlite3.Connection:
        path = folder / f"floor-{next(counter)}.db"
        shutil.copyfile(template, path)
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    def floor() -> None:
        read_files()
        for value in hashed:
            hashlib.sha256(canonical_json(value)).hexdigest()
        conn = open_copy()
        conn.execute("BEGIN IMMEDIATE")
        for table, columns, values in rows:
            insert_many(conn, table, columns, values)
        conn.execute("COMMIT")
        conn.close()

    def set_up() -> None:
        open_copy().close()
    return floor, set_up


def measure(quick: bool = False) -> list[dict]:
    candidates, constituencies, notional = files()
    label, anchor = _anchor()
    with tempfile.TemporaryDirectory(prefix="resultsdesk-bench-import-") as tmp:
        counter = itertools.count()

        def subject() -> None:
            with init_election(Path(tmp) / f"import-{next(counter)}.db", "bench") as store:
                import_results(store, candidates, constituencies=constituencies)
                import_baseline(store, notional)

        # The new database is part of the subject; measured alone and taken off, so the
        # figure is the import (the schema is not).
        def empty() -> None:
            init_election(Path(tmp) / f"empty-{next(counter)}.db", "bench").close()

        # The floor's rows and hashes: those of one import into a copy of a new database.
        template = Path(tmp) / "template.db"
        init_election(template, "bench").close()
        reference = Path(tmp) / "reference.db"
        shutil.copyfile(template, reference)
        with open_desk(reference) as store:
            import_results(store, candidates, constituencies=constituencies)
            import_baseline(store, notional)
        floor, set_up = _floor(template, Path(tmp), anchor, _added_rows(template, reference),
                               _hash_inputs(reference, template), counter)

        pairs = 2 if quick else 9
        seconds, anchor_seconds, wall = interleaved(subject, anchor, pairs)
        floor_seconds, floor_anchor, _ = interleaved(floor, anchor, pairs)
        create, _, create_wall = interleaved(empty, lambda: None, pairs)
        opened, _, _ = interleaved(set_up, lambda: None, pairs)
    value = max(seconds - create, 0.0)
    floor_value = max(floor_seconds - opened, 0.0)
    return [{**figure("GE2024 import in-process (nominations, results, baseline)",
                      value * 1000, "ms", label, anchor_seconds * 1000, GOAL),
             "wall_ms": round(max(wall - create_wall, 0.0) * 1000, 1),
             "over_floor": round(value / floor_value, 2) if floor_value else None},
            figure("its floor: the same files read, rows inserted (one batched INSERT "
                   "per table, one transaction) and JSON + SHA-256 hashes, no other Python",
                   floor_value * 1000, "ms", label, floor_anchor * 1000, "—")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    ours, floor = measure(args.quick)
    for row in (ours, floor):
        print(f"{row['measure']}: {row['value']:.1f} {row['unit']}; {row['anchor']}: "
              f"{row['anchor_value']:.1f} {row['unit']}; ratio {row['ratio']:.1f}× "
              f"(goal {row['goal']})")
    print(f"ours is {ours['ratio']:.1f}× pandas, the floor of this schema and audit design "
          f"is {floor['ratio']:.1f}× pandas: ours is {ours['over_floor']:.2f}× the floor")


if __name__ == "__main__":
    main()
