"""SQL for desk accounts (table `accounts`). The rules are in desk/accounts.py."""

from __future__ import annotations

from typing import Any

from .database import Store

_COLUMNS = ("id, name, name_key, skeleton, role, kdf, kdf_n, kdf_r, kdf_p, salt, "
            "password_hash, disabled, created_at, created_by, changed_at")


def count(store: Store) -> int:
    return store.scalar("SELECT count(*) FROM accounts")


def by_key(store: Store, name_key: str) -> dict[str, Any] | None:
    rows = store.query(f"SELECT {_COLUMNS} FROM accounts WHERE name_key = ?", (name_key,))
    return rows[0] if rows else None


def clashing(store: Store, name_key: str, skeleton: str) -> dict[str, Any] | None:
    """An account whose name is the same once normalised, or looks the same."""
    rows = store.query(f"SELECT {_COLUMNS} FROM accounts WHERE name_key = ? OR skeleton = ? "
                       "ORDER BY id LIMIT 1", (name_key, skeleton))
    return rows[0] if rows else None


def all_accounts(store: Store) -> list[dict[str, Any]]:
    return store.query(f"SELECT {_COLUMNS} FROM accounts ORDER BY name_key")


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


def set_password(store: Store, account_id: int, fields: dict[str, Any], at: str) -> None:
    store._conn.execute(
        "UPDATE accounts SET kdf = ?, kdf_n = ?, kdf_r = ?, kdf_p = ?, salt = ?, "
        "password_hash = ?, changed_at = ? WHERE id = ?",
        (fields["kdf"], fields["kdf_n"], fields["kdf_r"], fields["kdf_p"], fields["salt"],
         fields["password_hash"], at, account_id))
