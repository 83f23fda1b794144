"""The electorates an import changes (desk/import_electorates.py, migration 55), on a file
and on a server alike: a seat awaiting verification keeps its electorate (the verifier's
form starts from it and the blind re-key compares it: an admin's import of 1 made every
verifier's try fail), and every change of a known electorate is recorded, 'change
electorates', before the import's own entry (it was recorded nowhere)."""

from __future__ import annotations

import csv
from pathlib import Path

import psycopg
import pytest
from helpers.desk_state import snapshot
from helpers.desk_target import (  # noqa: F401  (fixtures)
    SEATS,
    desk_target_fixture,
    server_fixture,
    team_fixture,
    trimmed,
)
from helpers.seats import CLEAN, HENDON, HENDON_ELECTORATE

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit_text import trail_lines
from resultsdesk.desk.imports import import_candidates, import_results
from resultsdesk.domain.model import Figures
from resultsdesk.io.csvfile import ImportFailure
from resultsdesk.paths import CONSTITUENCIES_2024, ELECTION_2024, data_file
from resultsdesk.store import declarations as sql
from resultsdesk.store.postgres import calls, errors

EXTRA = ("E14001063",)  # a 2024 seat the small election lacks, for a nominations import


def _constituencies(folder: Path, electorate: int, seats=(*SEATS, *EXTRA)) -> Path:
    """The by-constituency file of `seats`, Hendon's electorate given as `electorate`."""
    path = trimmed(data_file(CONSTITUENCIES_2024), folder / "constituencies-new.csv", seats)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row["ONS ID"] == HENDON:
            row["Electorate"] = str(electorate)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _nominate_extra(team, folder: Path, electorate: int):
    return import_candidates(
        team.ann, trimmed(data_file(ELECTION_2024), folder / "extra.csv", EXTRA),
        constituencies=_constituencies(folder, electorate), user=team.name("ann"),
        add_seats=True)


def _changes(team) -> list[dict]:
    return [e["details"] for e in sql.audit_entries(team.eve)
            if e["action"] == "change electorates"]


def test_a_seat_awaiting_verification_keeps_its_electorate(team, tmp_path):
    dk.declare(team.alice, HENDON, Figures(CLEAN, 50), user=team.name("alice"))
    before = snapshot(team.eve)
    with pytest.raises(ImportFailure) as refused:
        _nominate_extra(team, tmp_path, 1)
    message = str(refused.value)
    assert message.startswith("constituencies-new.csv, row ")
    assert "column 'Electorate'" in message
    assert (f"Hendon has figures awaiting verification, keyed with the electorate "
            f"{HENDON_ELECTORATE:,}, and the file gives 1: verify or reject them") in message
    assert snapshot(team.eve) == before
    # bob's blind re-key, starting from the seat's electorate, still verifies
    assert dk.verify(team.bob, HENDON, user=team.name("bob"), votes=CLEAN, invalid=50).verified


def test_a_changed_electorate_is_recorded_before_the_import(team, tmp_path):
    _nominate_extra(team, tmp_path, HENDON_ELECTORATE + 7)
    assert _changes(team) == [{"electorates": {HENDON: [HENDON_ELECTORATE,
                                                        HENDON_ELECTORATE + 7]}}]
    actions = [e["action"] for e in sql.audit_entries(team.eve)]
    assert actions[-2:] == ["change electorates", "import candidates"]
    said = [line.text for line in trail_lines(team.eve)]
    assert (f"{team.name('ann')} changed electorates with an import: {HENDON} "
            f"{HENDON_ELECTORATE:,} → {HENDON_ELECTORATE + 7:,}") in said
    assert dk.load_sheet(team.eve, HENDON).electorate == HENDON_ELECTORATE + 7


def test_the_same_electorates_again_record_nothing(team, tmp_path):
    _nominate_extra(team, tmp_path, HENDON_ELECTORATE)
    assert _changes(team) == []


def test_an_electorate_of_0_is_refused_at_its_row(team, tmp_path):
    """No seat has no electors: taken, it was the Enter form's electorate on the night,
    and every count of the seat was refused as "35,834 ballots cast is more than the
    electorate of 0" until a desk typed the real one in."""
    before = snapshot(team.eve)
    with pytest.raises(ImportFailure) as refused:
        _nominate_extra(team, tmp_path, 0)
    message = str(refused.value)
    assert message.startswith("constituencies-new.csv, row ")
    assert "column 'Electorate'" in message
    assert "Hendon: an electorate of 0" in message
    assert snapshot(team.eve) == before
    assert dk.load_sheet(team.eve, HENDON).electorate == HENDON_ELECTORATE


def test_a_results_file_replaces_a_waiting_seat_with_its_electorate(team, tmp_path):
    """A results import replaces the seat's figures awaiting verification itself (with
    its electorate): that change is allowed, and recorded."""
    dk.declare(team.alice, HENDON, Figures(CLEAN, 50), user=team.name("alice"))
    import_results(team.ann, trimmed(data_file(ELECTION_2024), tmp_path / "r.csv", SEATS),
                   constituencies=_constituencies(tmp_path, HENDON_ELECTORATE + 3, SEATS),
                   user=team.name("ann"))
    assert _changes(team) == [{"electorates": {HENDON: [HENDON_ELECTORATE,
                                                        HENDON_ELECTORATE + 3]}}]
    assert dk.load_sheet(team.eve, HENDON).verified.electorate == HENDON_ELECTORATE + 3


def _as(server, short: str) -> psycopg.Connection:
    """`short`'s own connection, as psql would make it: no desk in between."""
    url = str(server.target).replace("postgresql://", f"postgresql://{server.name(short)}@", 1)
    return psycopg.connect(url, password=server.passwords[short], autocommit=True)


def test_the_server_holds_the_rule_for_a_call_made_directly(server):
    """psql, not the desk: import_candidates with only electorates, as the attack was."""
    dk.declare(server.open("alice"), HENDON, Figures(CLEAN, 50), user=server.name("alice"))
    with _as(server, "ann") as conn:
        with pytest.raises(psycopg.Error) as refused:
            calls.import_candidates(conn, "x.csv", {"electorates": {HENDON: 1}})
        assert refused.value.sqlstate == errors.DESK_RULE
        assert ("Hendon has figures awaiting verification, keyed with the electorate "
                f"{HENDON_ELECTORATE:,}, and the file gives 1") in str(refused.value)
        assert dk.verify(server.open("bob"), HENDON, user=server.name("bob"), votes=CLEAN,
                         invalid=50).verified
        calls.import_candidates(conn, "x.csv", {"electorates": {HENDON: 1}})
    eve = server.open("eve")
    assert [e["details"] for e in sql.audit_entries(eve)
            if e["action"] == "change electorates"] == [
        {"electorates": {HENDON: [HENDON_ELECTORATE, 1]}}]
