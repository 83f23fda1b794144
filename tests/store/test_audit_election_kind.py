"""A rehearsal's figures never go into a live election: its export is marked, and a live
election refuses the mark. With the file's triggers dropped, a rehearsal made "live" (or a
live election made a rehearsal) passed `audit --check`; its first entry records the kind
it was created as, which the check now compares with the election's."""

from __future__ import annotations

import shutil

import pytest
from helpers.rehearsal import build
from helpers.tampering import check, drop_triggers, put_back_triggers, raw

from resultsdesk.desk.election import init_election


def _set_kind(path, kind: str) -> None:
    conn = raw(path)
    saved = drop_triggers(conn)
    triggers = [sql for (name, sql) in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'election'")]
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                "tbl_name = 'election'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("UPDATE election SET kind = ?", (kind,))
    put_back_triggers(conn, saved + triggers)
    conn.close()


@pytest.mark.parametrize("made_as", ["rehearsal", "live"])
def test_an_election_whose_kind_was_changed_fails_the_check(tmp_path, made_as):
    if made_as == "rehearsal":
        path = build(tmp_path / "rehearsal.db")
    else:
        path = tmp_path / "live.db"
        init_election(path, "A live night").close()
    assert check(path).intact
    copy = tmp_path / "changed.db"
    shutil.copyfile(path, copy)
    _set_kind(copy, "live" if made_as == "rehearsal" else "rehearsal")
    result = check(copy)
    assert not result.intact and result.entry_id == 1, result.summary()
    assert (f"but this entry created it as a {made_as}: its kind was changed outside "
            "ResultsDesk") in result.summary()
