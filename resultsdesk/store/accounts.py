"""SQL for desk accounts (table `accounts`). The rules are in desk/accounts.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from ..domain import identity
from .database import Store
from .errors import not_utf8_as_damage

_SQLITE_COLUMNS = ("id, name, name_key, skeleton, role, kdf, kdf_n, kdf_r, kdf_p, salt, "
                   "password_hash, disabled, created_at, created_by, changed_at")
# PostgreSQL: accounts are server login roles, so the table has no password fields (the
# server keeps a SCRAM verifier) and no skeleton column (`clashing` compares in Python).
_PG_COLUMNS = "id, name, name_key, role, disabled, created_at, created_by, changed_at"


def _columns(store: Store) -> str:
    return _PG_COLUMNS if store.dialect == "postgresql" else _SQLITE_COLUMNS


def _read(store: Store, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
    """Accounts' rows. Text that is not UTF-8 in one (a name's bytes changed by hand:
    SQLite and ResultsDesk write none) is damage, said as such: every sign-in, in the app
    and on the command line, and `users list` stopped on it as a bug's error, the window
    never opening to show its audit banner. `audit --check` names the account."""
    with not_utf8_as_damage(
            f"{store.path}: an account holds text that is not UTF-8, which ResultsDesk never "
            "writes (changed by hand?); 'resultsdesk audit --check' says which. Restore the "
            "file from a backup ('resultsdesk restore')."):
        return store.query(sql, params)


def count(store: Store) -> int:
    return store.scalar("SELECT count(*) FROM accounts")


def _server_accounts(store: Store) -> list[dict[str, Any]]:
    """PostgreSQL's accounts with the desk's name key: the server's own `name_key` is
    lower(name), the desk's NFKC case folding; they differ for some names (ß, ﬁ, ...)."""
    return [{**r, "name_key": identity.name_key(r["name"])} for r in all_accounts(store)]


def by_key(store: Store, name_key: str) -> dict[str, Any] | None:
    if store.dialect == "postgresql":
        return next((r for r in _server_accounts(store) if r["name_key"] == name_key), None)
    rows = _read(store, f"SELECT {_columns(store)} FROM accounts WHERE name_key = ?",
                 (name_key,))
    return rows[0] if rows else None


def signing_in(store: Store, name: str) -> dict[str, Any] | None:
    """The account a sign-in as `name` (as recorded: `identity.display_name`) is to: the one
    with its key, else the one whose name has its `identity.sign_in_key` (a dotted and a
    plain i are one letter: `ipek` is `İpek`); None for none, or for two such (made before
    they clashed): never one of them picked."""
    row = by_key(store, identity.name_key(name))
    if row is not None:
        return row
    key = identity.sign_in_key(name)
    found = [r for r in all_accounts(store) if identity.sign_in_key(r["name"]) == key]
    return found[0] if len(found) == 1 else None


def clashing(store: Store, name_key: str, skeleton: str) -> dict[str, Any] | None:
    """An account whose name is the same once normalised, or looks the same."""
    if store.dialect == "postgresql":  # no skeleton column: the few accounts, compared here
        return next((r for r in _server_accounts(store) if r["name_key"] == name_key
                     or identity.skeleton(r["name"]) == skeleton), None)
    rows = _read(store, f"SELECT {_SQLITE_COLUMNS} FROM accounts WHERE name_key = ? OR "
                 "skeleton = ? ORDER BY id LIMIT 1", (name_key, skeleton))
    return rows[0] if rows else None


def all_accounts(store: Store) -> list[dict[str, Any]]:
    return _read(store, f"SELECT {_columns(store)} FROM accounts ORDER BY name_key")


def enabled_admins(store: Store) -> int:
    return store.scalar("SELECT count(*) FROM accounts WHERE role = 'admin' AND disabled = 0")


def insert(store: Store, row: dict[str, Any]) -> int:
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cursor = store._conn.execute(f"INSERT INTO accounts ({columns}) VALUES ({marks})",
                                tuple(row.values()))
    return int(cursor.lastrowid)


def set_disabled(store: Store, account_id: int, disabled: bool, at: str) -> None:
    store._conn.execute("UPDATE accounts SET disabled = ?, changed_at = ? WHERE id = ?",
                       (int(disabled), at, account_id))


def set_role(store: Store, account_id: int, role: str, at: str) -> None:
    store._conn.execute("UPDATE accounts SET role = ?, changed_at = ? WHERE id = ?",
                       (role, at, account_id))


def set_password(store: Store, account_id: int, fields: dict[str, Any], at: str) -> None:
    store._conn.execute(
        "UPDATE accounts SET kdf = ?, kdf_n = ?, kdf_r = ?, kdf_p = ?, salt = ?, "
        "password_hash = ?, changed_at = ? WHERE id = ?",
        (fields["kdf"], fields["kdf_n"], fields["kdf_r"], fields["kdf_p"], fields["salt"],
         fields["password_hash"], at, account_id))


def sign_in_entries(store: Store, actions: tuple[str, ...], since: str) -> list[dict[str, Any]]:
    """The audit log's entries about accounts of `actions` from the first stamped `since` or
    later (an ISO time as the log writes them) on, oldest first: what the sign-in throttle
    counts (a file only; a server checks passwords itself). The entries written after that
    first one come whatever their stamps: one stamped earlier is a clock put back since,
    which tells when the entries before it were really written (`sign_in_limit`)."""
    marks = ", ".join("?" for _ in actions)
    return store.query("SELECT id, at, action, entity_key FROM audit_log "
                       f"WHERE entity = 'account' AND action IN ({marks}) AND id >= "
                       "(SELECT min(id) FROM audit_log WHERE entity = 'account' AND "
                       f"action IN ({marks}) AND at >= ?) ORDER BY id",
                       (*actions, *actions, since))


# An account's rows and its log's entries about accounts (`in_file`, `in_store`).
AccountsRead = tuple[list[dict[str, Any]], list[dict[str, Any]]]


def in_file(path: Path) -> AccountsRead | None:
    """The account rows (oldest first) of the database file at `path`, and its log's
    entries about accounts (id, at, action, entity_key, hash, details), oldest first: what
    a restore keeps of the database it replaces (`desk.restore_accounts`), read from the
    copy it kept of it; None when they cannot be read (text that is not UTF-8, put there by
    hand: what a restore is for). Read-only, as immutable when no `-wal` sits beside it."""
    from .backup import read_only_uri  # (a restore's alone: not loaded with the accounts)

    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        conn.row_factory = sqlite3.Row
        try:
            rows = [dict(r) for r in conn.execute(_ROWS)]
            entries = [dict(r) for r in conn.execute(_ENTRIES)]
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return rows, entries


_ROWS = f"SELECT {_SQLITE_COLUMNS} FROM accounts ORDER BY id"
_ENTRIES = ("SELECT id, at, action, entity_key, hash, details FROM audit_log "
            "WHERE entity = 'account' ORDER BY id")


def in_store(store: Store) -> AccountsRead:
    """`in_file`'s rows and entries, read through `store` (in its snapshot, if open)."""
    return store.query(_ROWS), store.query(_ENTRIES)


def entry_hashes(store: Store, action: str) -> set[str]:
    """The hashes of the log's entries of `action` about accounts."""
    return {r["hash"] for r in store.query(
        "SELECT hash FROM audit_log WHERE entity = 'account' AND action = ?", (action,))}


def whole_rows(store: Store) -> list[dict[str, Any]]:
    """Every account row of a file, credential included, oldest first."""
    return _read(store, _ROWS)


def replace_all(store: Store, rows: list[dict[str, Any]]) -> None:
    """Put `rows` (whole, ids included) in place of every account (inside `store.write()`)."""
    store._conn.execute("DELETE FROM accounts")
    for row in rows:
        insert(store, row)
