"""A backup this account may not read is refused saying so, as a database it may not read is
(test_open_errors): it was "Cannot open copy.db: its folder is missing or may not be
written (SQLITE_CANTOPEN)", of a folder that was there and writable, so the desk looked at
the folder and not at the file's permissions."""

from __future__ import annotations

import pytest
from helpers.cli import refused
from test_open_errors import _as_anyone, permissions_apply  # noqa: F401 (a fixture)

from resultsdesk.store import Store
from resultsdesk.store.backup import backup


@pytest.mark.usefixtures("permissions_apply")
def test_a_backup_this_account_may_not_read_is_said_so(nominations_db, tmp_path):
    with Store(nominations_db) as store:
        copy = backup(store, tmp_path / "copy.db")
    copy.chmod(0)
    before = nominations_db.read_bytes()
    try:
        result = _as_anyone("restore", copy, "--db", nominations_db)
    finally:
        copy.chmod(0o644)
    refused(result, f"Cannot read {copy}: its permissions (----------) do not let this "
                    "account read it; ask its owner for read access, or choose another "
                    "backup.")
    assert nominations_db.read_bytes() == before
