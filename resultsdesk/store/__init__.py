"""SQLite storage: schema and migrations, transactions, the append-only audit log."""

from .database import Store, StoreError
from .schema_version import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Store", "StoreError"]
