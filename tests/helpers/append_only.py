"""The file's append-only triggers, asked of a store: shared by the store's own tests and
the desk's (which ask it after a real declare and verify)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

import pytest


def assert_refused(store, statements: Iterable[str],
                   error: type[Exception] = sqlite3.IntegrityError) -> None:
    """Each statement refused as append-only, run on the store's connection alone and
    inside the store's own write transaction."""
    for statement in statements:
        with pytest.raises(error, match="append-only"):
            store._conn.execute(statement)
        with pytest.raises(error, match="append-only"), store.write():
            store._conn.execute(statement)
