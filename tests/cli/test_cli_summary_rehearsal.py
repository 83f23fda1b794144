"""`summary` of a rehearsal says so. File > Rehearsal… offers `rehearsal.db` beside the
election's own file, and `rehearse` ends pointing at `resultsdesk summary --db r.db`: the
text printed was the same as a live night's ("UK general election 2019: 5 of 650 declared
…"), so figures read or pasted from the wrong file could go to air as the night's. Its
`--json` has said `"rehearsal": true` all along; the text says it first, and a live
night's is as it was."""

from __future__ import annotations

import json

from helpers.cli import run_cli
from helpers.rehearsal import WALL, build, replay

from resultsdesk.desk import rehearsal as rh
from resultsdesk.store import Store


def test_a_rehearsals_summary_is_marked_as_one(tmp_path):
    watch_db = build(tmp_path / "rehearsal.db", speed=3600)
    with Store(watch_db) as desk:
        rh.start(desk, WALL)
        replay(desk, WALL, limit=5)
    code, out, err = run_cli("summary", "--db", watch_db)
    assert code == 0 and err == "", (out, err)
    first, second = out.splitlines()[:2]
    assert first.startswith("REHEARSAL"), out
    assert "not live results" in first, out
    assert second.startswith("UK general election 2019: 5 of 650 declared"), out
    code, out, _ = run_cli("summary", "--db", watch_db, "--json")  # its shape as before
    assert code == 0 and json.loads(out)["rehearsal"] is True


def test_a_live_nights_summary_is_not(tmp_path):
    db = tmp_path / "live.db"
    assert run_cli("init", "--db", db, "--name", "GE2029")[0] == 0
    code, out, _ = run_cli("summary", "--db", db)
    assert code == 0 and "REHEARSAL" not in out
    assert out.splitlines()[0].startswith("GE2029: ")
