"""Who a PostgreSQL desk's connection signed in as: the server's reads of it (no SQLite
counterpart: a file signs nobody in, the app does)."""

from __future__ import annotations

from typing import Any

from .store import ACCOUNT_COLUMNS, PgStore

SERVER_ADMIN = "(the server)"  # who "created" the server administrator's account


def session_account(store: PgStore) -> dict[str, Any] | None:
    """The `accounts` row of the connection's role; for the server administrator who
    prepared the election (a member of its owner role, as a superuser is), an admin row
    of its own (id 0), as the server's functions treat it; None for anyone else."""
    rows = store.query(f"SELECT {', '.join(ACCOUNT_COLUMNS)} FROM accounts "
                       "WHERE name = session_user")
    if rows:
        return rows[0]
    owner = store.scalar("SELECT pg_has_role(session_user, owner_role, 'MEMBER') "
                         "FROM server_roles WHERE id = 1")
    if not owner:
        return None
    return {"id": 0, "name": store.user, "role": "admin", "disabled": 0, "created_at": "",
            "created_by": SERVER_ADMIN, "changed_at": None}
