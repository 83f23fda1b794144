"""Unsaved figures in the declaration form, kept on disk keystroke by keystroke so a crash
loses at most the last one. A draft is not a declaration: it never reaches the database
until the desk saves it through the normal rules."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..domain.identity import name_key
from ..io.safe_csv import atomic_write_text


@dataclass(slots=True)
class Draft:
    code: str
    mode: str
    expected_version: int
    fields: dict[str, str] = field(default_factory=dict)  # field object name -> typed text
    overrides: list[str] = field(default_factory=list)
    expected_count: int | None = None  # the count typed for (None: an earlier version's)


def draft_path(folder: Path, database: str | Path, user: str) -> Path:
    """Where `user`'s draft for `database` is kept: a file's full path (resolved), or a
    server's URL without its password. Named by the file's stem for whoever looks, and by
    a hash of the whole location, so that two databases of one name in different folders
    (election.db on the desk and a copy of it on a stick) never see each other's drafts:
    figures typed for one must not be offered on, or saved into, the other. Likewise the
    user: named readably, and told apart by a hash of the name's key (`name_key`: two
    spellings of one name share it), since the readable part alone made Siân and Siôn, or
    "Jo Smith" and "jo_smith", one file, and one person's figures were offered to the other
    to save as theirs."""
    safe_user = re.sub(r"[^A-Za-z0-9_-]+", "_", user.strip().casefold()) or "desk"
    who = hashlib.sha256(name_key(user).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    where = str(database)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", Path(where.split("?")[0].rstrip("/")).stem)
    tag = hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return folder / f"{stem or 'election'}-{tag}-{safe_user}-{who}.draft.json"


def save_draft(path: Path, draft: Draft) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # figures nobody has verified yet: this user's only
    atomic_write_text(path, json.dumps(asdict(draft), ensure_ascii=False), private=True)


def load_draft(path: Path) -> Draft | None:
    """The saved draft, or None (none, or unreadable: a broken draft is not worth a crash)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Draft(str(data["code"]), str(data["mode"]), int(data["expected_version"]),
                     {str(k): str(v) for k, v in dict(data.get("fields", {})).items()},
                     [str(o) for o in data.get("overrides", [])],
                     _count_or_none(data.get("expected_count")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _count_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def clear_draft(path: Path) -> None:
    path.unlink(missing_ok=True)
