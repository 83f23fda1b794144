"""The audit log as a file: CSV for spreadsheets, JSON for scripts."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path

from ..domain.errors import Cause, FileProblem
from .safe_csv import write_csv, write_json

log = logging.getLogger(__name__)
# prev_hash and hash: the entry's links in the hash chain (see domain.audit_chain), so an
# exported log can be re-checked, or its last hash published, away from the database.
COLUMNS = ("id", "at", "user", "action", "entity", "entity_key", "details", "prev_hash", "hash")


def export_audit(entries: Sequence[dict], path: str | Path) -> int:
    """Write every entry; the format follows the extension (.csv or .json)."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        write_json(path, [{c: e.get(c) for c in COLUMNS} for e in entries])
    elif path.suffix.lower() == ".csv":
        write_csv(path, COLUMNS, ([e[c] if c != "details" else
                                   json.dumps(e[c], ensure_ascii=False, sort_keys=True)
                                   for c in COLUMNS] for e in entries))
    else:
        raise FileProblem(path, f"{path.name}: the audit export is .csv or .json",
                          cause=Cause.BAD_INPUT)
    log.info("exported %d audit entries to %s", len(entries), path)
    return len(entries)
