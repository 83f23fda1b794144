"""Whether a file's figures and the names drawn on air hold values of the kinds ResultsDesk
writes: a whole number for every count and electorate, text for every name, `#rrggbb` for
every colour, a JSON list of words for a version's accepted warnings; and no name whose
bytes are not UTF-8.

SQLite keeps whatever a hand puts in a column: `UPDATE declaration_votes SET votes = 'abc'`
in sqlite3 passes the column's `CHECK (votes >= 0)` (text sorts after every number), and a
blob passes any name's `NOT NULL`. The audit check names the entry such an edit breaks, but
the app stopped opening the file and `summary`, `history` and `export` stopped too, each as
"a bug in ResultsDesk". Looking for such values on every opening would cost every command a
scan of every table (5 ms for the 2024 night, 50 times that at 50,000 seats), so they are
looked for only once something has failed unexplained (`desk.failures.judge`): in the files
this process opened, the failure is then said as the damage it is, naming the value, with
the restore hint.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from weakref import WeakMethod

from .errors import not_utf8

_WHOLE = "typeof({c}) NOT IN ('integer', 'null')"
_TEXT = "typeof({c}) NOT IN ('text', 'null')"
_COLOUR = ("({c} IS NOT NULL AND (typeof({c}) <> 'text' OR "
           "{c} NOT GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]'))")
# Warnings accepted: a JSON list of words (a CASE, so that JSON is read only once it is
# text and valid: SQLite may evaluate an OR's sides in any order).
_WORDS = ("CASE WHEN typeof({c}) <> 'text' OR NOT json_valid({c}) THEN 1 "
          "WHEN json_type({c}) <> 'array' THEN 1 "
          "ELSE EXISTS (SELECT 1 FROM json_each({c}) WHERE type <> 'text') END")
_WANTED = {_WHOLE: "a whole number", _TEXT: "text", _COLOUR: "a colour (#rrggbb)",
           _WORDS: "a list of warnings (JSON)"}

# Table -> (column, what it must be): what the reads behind the window, `summary`,
# `history` and the exports compute with or draw.
_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "declaration_votes": (("votes", _WHOLE),),
    "declarations": (*((c, _WHOLE) for c in (
        "version", "count_number", "electorate", "invalid_votes", "total_as_read",
        "tie_winner_candidate_id")), ("overrides", _WORDS)),
    "constituencies": (("code", _TEXT), ("name", _TEXT), ("region", _TEXT),
                       ("nation", _TEXT), ("county", _TEXT), ("electorate", _WHOLE),
                       ("current_count", _WHOLE), ("recount_under_way", _WHOLE)),
    "candidates": (("first_name", _TEXT), ("surname", _TEXT), ("party_name", _TEXT),
                   ("ballot_order", _WHOLE), ("colour", _COLOUR)),
    "parties": (("abbreviation", _TEXT), ("name", _TEXT), ("colour", _COLOUR)),
    "baseline_votes": (("votes", _WHOLE),),
    "baseline_seats": (("electorate", _WHOLE),),
}


def odd_value(conn: sqlite3.Connection) -> str | None:
    """The first value of `_COLUMNS` that is not of its kind, in words ("declaration_votes.
    votes holds 'abc' where ResultsDesk writes a whole number"); None if there is none."""
    for table, columns in _COLUMNS.items():
        wrong = " OR ".join(rule.format(c=column) for column, rule in columns)
        # As SQL writes it (`'abc'`, `X'FF00'`, `15955.5`), in bytes: text that is not
        # UTF-8 would stop the read itself.
        picked = ", ".join(f"CASE WHEN {rule.format(c=column)} THEN "
                           f"CAST(quote({column}) AS BLOB) END" for column, rule in columns)
        row = conn.execute(f"SELECT {picked} FROM {table} WHERE {wrong} LIMIT 1").fetchone()
        if row is None:
            continue
        for (column, rule), value in zip(columns, row, strict=True):
            if value is not None:
                shown = bytes(value).decode("utf-8", "backslashreplace")[:40]
                return (f"{table}.{column} holds {shown} where ResultsDesk writes "
                        f"{_WANTED[rule]}")
    return _text_not_utf8(conn)


def _text_not_utf8(conn: sqlite3.Connection) -> str | None:
    """A name whose bytes are not UTF-8 (SQLite and ResultsDesk write none): every read
    of it stops on sqlite3's "Could not decode". Each table's names read as one text, which
    is decoded once (about 1.5 ms for the 2024 night's candidates)."""
    for table, columns in _COLUMNS.items():
        names = [column for column, rule in columns if rule == _TEXT]
        if not names:
            continue
        joined = " || ".join(f"coalesce({column}, '')" for column in names)
        try:
            conn.execute(f"SELECT group_concat({joined}, '') FROM {table}").fetchone()
        except sqlite3.OperationalError as exc:
            if not not_utf8(exc):
                raise
            return f"a name in {table} ({', '.join(names)}) holds text that is not UTF-8"
    return None


def _schema_gone(conn: sqlite3.Connection) -> str | None:
    """What the file lacks of its schema, in words ("no table declarations and 8 more"):
    dropped or renamed in another tool while it was open (opening refuses a file already
    so), its next read failed on "no such table", said as a bug; None when it lacks
    nothing."""
    from . import schema_shape

    missing = schema_shape.parts_missing(conn)
    return schema_shape.said(missing) if missing else None


_OPENED: list[Path] = []  # the files this process opened, the latest last
_KEPT = 4  # (a process opens one night, with a rehearsal's or a backup's beside it)
# Each handle opened, by its file, as a weak `Store._closed` (a handle forgotten is shut).
_HANDLES: list[tuple[Path, WeakMethod]] = []
_LOCK = threading.Lock()  # (stores open on any thread: a publish, the audit banner's)
_SERVER_LAST = False  # a server's election opened since the last file was


def _open(handle: WeakMethod) -> bool:
    closed = handle()
    return closed is not None and not closed()


def opened(path: Path, closed: Callable[[], bool | None]) -> None:
    """Remember a file opened, for `damage_found` (not `:memory:`: nothing to look at);
    `closed` says when its handle is shut. A file every handle of which was shut before
    this one opened is forgotten: a window switched from a file found damaged to another
    said every later bug was the first file's damage ("restore it"), never logged as a
    bug. The last file opened counts shut too: a command judges its failure after its
    `with` closed the file."""
    global _SERVER_LAST
    with _LOCK:
        _forget_shut((path, WeakMethod(closed)))
        _OPENED.append(path)
        del _OPENED[:-_KEPT]
        _SERVER_LAST = False


def server_opened() -> None:
    """A server's election opened: the files shut before it are forgotten, as by `opened`
    (a window switched from a damaged file to the team server said the server's bugs were
    that file's damage). The last file opened before it no longer counts once shut: the
    window shuts it after the server opened, and each bug on the server was its damage."""
    global _SERVER_LAST
    with _LOCK:
        _forget_shut()
        _SERVER_LAST = True


def _forget_shut(*added: tuple[Path, WeakMethod]) -> None:
    """(Under `_LOCK`.) The handles still open, with `added`; the files of none forgotten."""
    _HANDLES[:] = [*((p, h) for p, h in _HANDLES if _open(h)), *added]
    still = {p for p, _ in _HANDLES}
    _OPENED[:] = [p for p in _OPENED if p in still and all(p != a for a, _ in added)]


def _paths() -> list[Path]:
    """The files this process opened that a failure may be theirs, the latest first."""
    with _LOCK:
        # A file shut by now counts no more, unless it was the last opened (a command
        # judges its failure after its `with` shut it): a window's File > Open opens the
        # new file before it shuts the old, and the old one, open as the new one opened,
        # was blamed for every later bug on the new one.
        still = {p for p, h in _HANDLES if _open(h)}
        return [p for i, p in enumerate(reversed(_OPENED))
                if (i == 0 and not _SERVER_LAST) or p in still]


def upgraded_found() -> str | None:
    """Of the files this process opened, the latest a newer ResultsDesk has upgraded since
    (its schema version above this one's), said as opening says such a file; None if none
    was. Its schema is then the newer version's, not damage (`damage_found`): restoring a
    backup, as damage is told to, would throw away the upgrade and every entry since."""
    from .schema_version import SCHEMA_VERSION

    def upgraded(path: Path, conn: sqlite3.Connection) -> str | None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version <= SCHEMA_VERSION:
            return None
        return (f"{path} was upgraded by a newer ResultsDesk (schema {version}) since it "
                f"was opened here; this version understands up to schema {SCHEMA_VERSION}. "
                "Upgrade ResultsDesk.")
    return _first_found(upgraded)


def damage_found() -> str | None:
    """Of the files this process opened, the latest holding an `odd_value`, said as damage
    with the restore hint; None if none does (or none can be read: the failure is then
    what it seemed). Read on a connection of its own, read-only: it may be asked from any
    thread, the store's connection mid-way through the read that failed."""
    def damaged(path: Path, conn: sqlite3.Connection) -> str | None:
        if (gone := _schema_gone(conn)) is not None:
            return (f"{path} is damaged (it has {gone}: changed outside ResultsDesk); "
                    "nothing was changed. Restore it from a backup ('resultsdesk restore').")
        if (found := odd_value(conn)) is not None:
            return (f"{path} is damaged ({found}: changed outside ResultsDesk?); nothing "
                    "was changed. 'resultsdesk audit --check' says which entry it breaks; "
                    "restore the file from a backup ('resultsdesk restore').")
        return None
    return _first_found(damaged)


def _first_found(finding: Callable[[Path, sqlite3.Connection], str | None]) -> str | None:
    """`finding` of the latest of `_paths` it finds something in, each read on a
    connection of its own, read-only (a file that cannot be read is passed over: the
    failure is then what it seemed)."""
    for path in _paths():
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        except (sqlite3.Error, OSError, ValueError):
            continue
        try:
            found = finding(path, conn)
        except sqlite3.Error:
            continue
        finally:
            conn.close()
        if found is not None:
            return found
    return None
