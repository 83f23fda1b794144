"""A results file cannot stand for a recount under way.

A seat with a recount called takes its result from the recount's count, keyed and verified
blind at the desk. A results file imported meanwhile (most likely holding the count the
recount replaces) was recorded all the same: on a file as the seat's "first count", verified,
with the recount still under way; on a server as the recount's own count, verified without
anyone keying it, with the recount still under way. Now the import is refused, naming the
seat's row, and nothing of it is written; the server refuses it again under its lock
(migration 40), for a recount called between the desk's check and its call.

Every test runs on a file and on a server (`team`)."""

from __future__ import annotations

import pytest
from helpers.desk_state import snapshot
from helpers.desk_target import (  # noqa: F401  (fixtures)
    SEATS,
    desk_target_fixture,
    server_fixture,
    team_fixture,
    trimmed,
)
from helpers.seats import CLEAN, HENDON

from resultsdesk.desk import declarations as dk
from resultsdesk.desk import imports
from resultsdesk.desk.errors import DeskRefusal
from resultsdesk.desk.imports import import_results
from resultsdesk.domain.model import Figures
from resultsdesk.paths import ELECTION_2024, data_file


def _recount_called(t) -> None:
    dk.declare(t.alice, HENDON, Figures(CLEAN, 120), user=t.name("alice"))
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120).verified
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"))


def test_a_results_file_is_refused_for_a_seat_with_a_recount_under_way(team, tmp_path):
    t = team
    _recount_called(t)
    path = trimmed(data_file(ELECTION_2024), tmp_path / "results.csv", SEATS)
    before = snapshot(t.ann)
    with pytest.raises(DeskRefusal) as refused:
        import_results(t.ann, path, user=t.name("ann"))
    message = str(refused.value)
    assert message.startswith("results.csv, row ") and ", column 'ONS ID': Hendon has " \
        "recount 1 under way" in message
    assert "end the recount or call it off first, or leave the seat out of the file" \
        in message
    assert "\n" not in message
    assert snapshot(t.ann) == before  # nothing of the file: no seat, no audit entry
    sheet = dk.load_sheet(t.eve, HENDON)
    assert (sheet.recount_under_way, sheet.current_count) == (True, 1)
    assert [(v.status, v.count_label) for v in sheet.versions] == [("verified", "First count")]


def test_once_the_recount_is_over_the_file_goes_in(team, tmp_path):
    t = team
    _recount_called(t)
    dk.mark_recount(t.ann, HENDON, user=t.name("ann"), under_way=False)  # called off
    path = trimmed(data_file(ELECTION_2024), tmp_path / "results.csv", SEATS)
    report = import_results(t.ann, path, user=t.name("ann"))
    assert report.declarations == len(SEATS)
    sheet = dk.load_sheet(t.eve, HENDON)
    assert (sheet.recount_under_way, sheet.verified.count_label) == (False, "First count")


def test_the_server_refuses_it_again_under_its_lock(server, tmp_path, monkeypatch):
    """The recount called on another PC between this desk's check and its call (a file's
    import checks under its own write lock: nothing to race there)."""
    t = server
    desk = t.open("ann")
    dk.mark_recount(desk, HENDON, user=t.name("ann"))
    path = trimmed(data_file(ELECTION_2024), tmp_path / "results.csv", SEATS)
    before = snapshot(desk)
    monkeypatch.setattr(imports, "refuse_recounts_under_way", lambda *args, **kwargs: None)
    with pytest.raises(DeskRefusal) as refused:
        import_results(desk, path, user=t.name("ann"))
    assert str(refused.value).startswith(
        "results.csv: Hendon has recount 1 under way: its result comes from that count")
    assert snapshot(desk) == before


def test_a_file_after_a_verified_recount_stands_on_that_count(team, tmp_path):
    """Recount 1 keyed and verified, then the night's results file imported: its figures
    are recorded as of the count the seat is on (recount 1), on a file as on a server;
    a file recorded them as the first count, and a correction then named another count
    than the server's (found by the file-against-server walk)."""
    t = team
    _recount_called(t)
    dk.declare(t.alice, HENDON, Figures(CLEAN, 120), user=t.name("alice"))
    assert dk.verify(t.bob, HENDON, user=t.name("bob"), votes=CLEAN, invalid=120).verified
    import_results(t.ann, trimmed(data_file(ELECTION_2024), tmp_path / "results.csv", SEATS),
                   user=t.name("ann"))
    sheet = dk.load_sheet(t.eve, HENDON)
    assert (sheet.recount_under_way, sheet.current_count) == (False, 1)
    assert [(v.version, v.count_number) for v in sheet.versions] == [(1, 0), (2, 1), (3, 1)]
    assert sheet.verified.version == 3 and sheet.verified.count_label == "Recount 1"
