"""The results export's party identifiers on the real nights, against the Library's own files:
each row's MNIS party ID and Electoral Commission party IDs are the ones its file gave.

Before, every row had the party's first MNIS id (the Scottish Greens' 44 rows of 2024 read
the Greens' 44, not 1057; 2019's Green Party Northern Ireland 44, not 1113), and both
Electoral Commission columns were empty on every row (Labour's PP53, and the adjunct PP119
of a Labour and Co-operative candidate, among them): the import never kept them."""

from __future__ import annotations

import csv
from collections import Counter

from helpers.desk_target import (  # noqa: F401  (fixtures)
    SEATS,
    desk_target_fixture,
    server_fixture,
    trimmed,
)
from helpers.locations import GE2024

from resultsdesk.cli import main
from resultsdesk.desk.exports import results_rows
from resultsdesk.desk.imports import import_results
from resultsdesk.paths import CONSTITUENCIES_2024, ELECTION_2019, ELECTION_2024, data_file

IDS = ("Electoral Commission party ID", "MNIS party ID", "Electoral Commission adjunct party ID")


def _library(path) -> dict[tuple, dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return {_key(r): r for r in csv.DictReader(fh)}


def _key(row: dict) -> tuple:
    return row["ONS ID"], row["Candidate surname"], row["Party name"]


def _wrong(rows, library: dict[tuple, dict]) -> Counter:
    """(party name, column, ours, the Library's) for each id that is not the Library's."""
    wrong: Counter = Counter()
    for row in rows:
        theirs = library[_key(row)]
        wrong.update((row["Party name"], c, str(row[c]), theirs[c]) for c in IDS
                     if str(row[c]) != theirs[c])
    return wrong


def test_the_2024_exports_party_ids_are_the_librarys(night_db, tmp_path):
    out = tmp_path / "results.csv"
    assert main(["export", "results", "--db", str(night_db), "--out", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 4515
    assert _wrong(rows, _library(GE2024)) == {}
    scottish_greens = {r["MNIS party ID"] for r in rows
                       if r["Party name"] == "Scottish Green Party"}
    assert scottish_greens == {"1057"}
    # a blank is the Library's: independents and the Speaker are on no party register
    blank = {r["Party abbreviation"] for r in rows if r["Electoral Commission party ID"] == ""}
    assert blank == {"Ind", "Spk"}


def test_the_2019_exports_party_ids_are_the_librarys(night_2019_store):
    rows = results_rows(night_2019_store)[0]
    assert _wrong(rows, _library(data_file(ELECTION_2019))) == {}
    co_op = {(r["Electoral Commission party ID"], r["Electoral Commission adjunct party ID"])
             for r in rows if r["Party name"] == "Labour and Co-operative"}
    assert co_op == {("PP53", "PP119")}
    assert {r["MNIS party ID"] for r in rows
            if r["Party name"] == "Green Party Northern Ireland"} == {1113}


def test_a_team_servers_export_gives_the_same_ids(desk_target, tmp_path):
    """On a server the ballot papers are written by its own import function (migration
    67): the ids reach its rows too. Aberdeen North's Scottish Greens 1057 and PP130."""
    desk = desk_target.open("ann")
    import_results(desk, trimmed(data_file(ELECTION_2024), tmp_path / "results.csv"),
                   constituencies=trimmed(data_file(CONSTITUENCIES_2024),
                                          tmp_path / "constituencies.csv"),
                   user=desk_target.name("ann"))
    rows = results_rows(desk)[0]
    assert {r["ONS ID"] for r in rows} == set(SEATS)
    assert _wrong(rows, _library(GE2024)) == {}
    assert {(r["Electoral Commission party ID"], str(r["MNIS party ID"])) for r in rows
            if r["Party name"] == "Scottish Green Party"} == {("PP130", "1057")}
