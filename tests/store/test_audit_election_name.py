"""The election's name is every graphic's subtitle on air ("UK general election 2024"),
and no entry renames an election: its first entry records the name it was made with. With
the file in hand, one UPDATE of the election row gave the night another name on air, and
`audit --check` read the chain intact. The check now compares the row's name with that
entry's, on a live night and a rehearsal alike."""

from __future__ import annotations

import shutil

import pytest
from helpers.rehearsal import build
from helpers.tampering import check, raw

from resultsdesk.desk.election import init_election


@pytest.mark.parametrize("made_as", ["rehearsal", "live"])
def test_an_election_renamed_by_hand_fails_the_check(tmp_path, made_as):
    if made_as == "rehearsal":
        path = build(tmp_path / "rehearsal.db")
    else:
        path = tmp_path / "live.db"
        init_election(path, "UK general election 2024").close()
    assert check(path).intact
    with raw(path) as conn:
        made = conn.execute("SELECT name FROM election").fetchone()[0]
    copy = tmp_path / "renamed.db"
    shutil.copyfile(path, copy)
    conn = raw(copy)
    conn.execute("UPDATE election SET name = 'UK general election 2029'")
    conn.close()
    result = check(copy)
    assert not result.intact and result.entry_id == 1, result.summary()
    assert (f"the election is called 'UK general election 2029', but this entry created it "
            f"as {made!r}: its name was changed outside ResultsDesk") in result.summary()


def test_an_election_row_deleted_by_hand_fails_the_check(tmp_path):
    """Its delete trigger dropped, the row deleted and the trigger put back as it was (the
    file's shape whole again): every graphic said "Untitled election" and the check read
    the chain intact."""
    path = tmp_path / "live.db"
    init_election(path, "UK general election 2024").close()
    conn = raw(path)
    (trigger,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = "
                              "'election_no_delete'").fetchone()
    conn.execute("DROP TRIGGER election_no_delete")
    conn.execute("DELETE FROM election")
    conn.execute(trigger)
    conn.close()
    result = check(path)
    assert not result.intact and result.entry_id == 1, result.summary()
    assert ("the election 'UK general election 2024' this entry created is gone from the "
            "file: it was deleted outside ResultsDesk") in result.summary()
