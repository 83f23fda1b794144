"""A seat's row deleted in the sqlite3 shell (its foreign keys off, as the shell has them):
the check broke at the entry sealing the seat's figures, and said they were "for version 1
of None"."""

from __future__ import annotations

import sqlite3

from helpers.cli import run_cli
from helpers.seats import HENDON


def test_a_seat_deleted_by_hand_is_said_as_gone_not_as_none(night_db):
    conn = sqlite3.connect(night_db)
    conn.execute("DELETE FROM constituencies WHERE code = ?", (HENDON,))
    conn.commit()
    conn.close()
    code, out, err = run_cli("audit", "--db", night_db, "--check")
    assert code == 1 and err == "", (out, err)
    first = out.splitlines()[0]
    assert "None" not in first, first
    assert "version 1 of a seat no longer in the file (declaration " in first, first
    assert first.endswith(") no longer match the database"), first
