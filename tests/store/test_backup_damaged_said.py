"""A backup damaged on its disk (a b-tree page's cells pointing past the page) is refused by
`restore`; the refusal named every cell SQLite complained of, with its "*** in database
main ***" heading, about 600 characters of "\\n"-joined internals in the one line the IT
person reads at 3 a.m. Now the first problem only, as a damaged database is said on opening."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from resultsdesk.store import Store
from resultsdesk.store.backup import backup, restore
from resultsdesk.store.database import StoreError


def _break_a_table_page(path: Path) -> None:
    """Point the first cells of a table leaf page with several cells past its end."""
    with sqlite3.connect(path) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    for start in range(size, len(data), size):  # (page 1 holds the file header first)
        if data[start] == 0x0D and int.from_bytes(data[start + 3:start + 5], "big") > 20:
            for cell in range(20):
                at = start + 8 + 2 * cell
                data[at:at + 2] = (size + 1000 + cell).to_bytes(2, "big")
            path.write_bytes(bytes(data))
            return
    raise AssertionError("no table leaf page with 20 cells")


def test_a_damaged_backup_is_refused_naming_its_first_problem(nominations_db, tmp_path):
    with Store(nominations_db) as store:
        saved = backup(store, tmp_path / "copy.db")
    _break_a_table_page(saved)
    with pytest.raises(StoreError) as refused:
        restore(saved, nominations_db)
    said = str(refused.value)
    assert said.startswith(f"{saved} is damaged (")
    assert said.endswith("); choose another backup.")
    assert "\n" not in said and "***" not in said
    assert len(said) < 200 + len(str(saved))
    assert not list(tmp_path.glob("*before-restore*"))  # nothing changed
