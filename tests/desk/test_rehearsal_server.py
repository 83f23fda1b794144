"""A rehearsal and a team desk's server never meet: the desk's rehearsal use case refuses a
server URL (typed, or folded into a Path) and a server's election, with one message for the
command line and the app alike; and a live election refuses a rehearsal's results export on
a file and on a server alike, writing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.desk_target import desk_target_fixture, server_fixture  # noqa: F401  (fixtures)
from helpers.rehearsal import WALL, build, replay

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.exports import export_results
from resultsdesk.desk.imports import import_baseline, import_candidates, import_results
from resultsdesk.io.csvfile import ImportFailure
from resultsdesk.io.rehearsal_mark import REHEARSAL_COLUMN
from resultsdesk.store import Store

URL = "postgresql://ann:secret@dbhost:5432/ge2024"
SHOWN = "postgresql://ann@dbhost:5432/ge2024"  # the password left out


@pytest.mark.parametrize("target", [URL, Path(URL)], ids=["typed", "folded-into-a-path"])
def test_a_server_url_is_never_made_a_rehearsal(tmp_path, monkeypatch, target):
    """Not a SQLite file under ./postgresql:/ while the person thought it on the server."""
    monkeypatch.chdir(tmp_path)
    results, constituencies, _ = rh.bundled_night()
    expected = (f"{SHOWN} is a team desk server, whose election is live: rehearse into a "
                "file of its own (rehearsal.db)")
    for attempt in (lambda: rh.create_rehearsal(target, results, constituencies),
                    lambda: rh.open_rehearsal(target)):
        with pytest.raises(rh.RehearsalRefusal) as refused:
            attempt()
        assert str(refused.value) == expected
    assert list(tmp_path.iterdir()) == []
    # as the command line names it: `rehearse --db URL` says so (its message as it was)
    with pytest.raises(rh.RehearsalRefusal) as refused:
        rh.refuse_server_target(URL, option="--db")
    assert str(refused.value) == (f"--db {SHOWN} is a team desk server, whose election is "
                                  "live: rehearse into a file of its own (--db rehearsal.db)")
    rh.refuse_server_target(tmp_path / "rehearsal.db")  # a file: no refusal


def test_a_servers_election_is_never_driven_as_a_rehearsal(server):
    desk = server.open("ann")
    assert not rh.is_rehearsal(desk) and rh.rehearsal_state(desk) is None
    for drive in (rh.start, rh.step, rh.pause, rh.stop):
        with pytest.raises(rh.RehearsalRefusal, match="is a team desk server, whose "
                           "election is live") as refused:
            drive(desk, WALL)
        assert server.passwords["ann"] not in str(refused.value)


@pytest.fixture(scope="module")
def _rehearsal_export(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("rehearsal")
    db = build(folder / "rehearsal.db", speed=3600)
    with Store(db) as desk:
        rh.start(desk, WALL)
        replay(desk, WALL, limit=3)
        by_candidate, by_constituency, _ = export_results(desk, folder / "results.csv")
    return by_candidate, by_constituency


def test_a_live_election_refuses_a_rehearsals_export_on_either_store(desk_target,
                                                                      _rehearsal_export):
    """File > Import calls these very functions: the app meets the same refusal."""
    desk = desk_target.open("ann")
    results, companion = _rehearsal_export
    before = len(dk.audit_log(desk))
    for attempt in (
            lambda: import_results(desk, results, constituencies=companion),
            lambda: import_candidates(desk, results),
            lambda: import_baseline(desk, results)):
        with pytest.raises(ImportFailure) as refused:
            attempt()
        assert (refused.value.row, refused.value.column) == (1, REHEARSAL_COLUMN)
        assert str(refused.value) == (
            f"results.csv, row 1 (line 2), column '{REHEARSAL_COLUMN}': this file is a "
            "rehearsal's export: a rehearsal's figures never go into a live election")
    assert len(dk.audit_log(desk)) == before
