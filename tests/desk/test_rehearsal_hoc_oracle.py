"""The bundled 2019 rehearsal (2017 its baseline) at the end of its night, against the HoC
Library's own figures, read with the csv module straight from its four files.

Everything else the desk would put on air matched them: seats, gains and losses by party,
each seat's gain or hold as the Library's Result column has it (Brecon and Radnorshire
"Con hold": the by-election of 2019 counts for neither), the flows, the majority at 05:05,
valid votes, turnout, national shares and their change, every seat's turnout change and
swing. Two things did not:

- a lone independent was given a change in share against whoever stood as an independent
  in 2017, another person as like as not (Guildford's Anne Milton "+7.3", against a 2017
  independent; Middlesbrough's Antony High "+11.6"), on the card and in the export's
  `Change`: the Library leaves every independent's Change empty;
- the export's by-constituency `RUK` column was 0 in the 275 seats the Brexit Party stood
  in (Hartlepool's 10,603 in "All other candidates"), where the Library's 2019 file has
  the Brexit Party's votes there (its 2017 file UKIP's, its 2024 file Reform UK's)."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict

import pytest
from helpers.rehearsal import WALL, build, replay

from resultsdesk.desk import rehearsal as rh
from resultsdesk.desk.exports import results_rows
from resultsdesk.desk.graphics import card_data, night_state
from resultsdesk.paths import CONSTITUENCIES_2019, ELECTION_2019, data_file
from resultsdesk.store import Store


def _rows(name: str) -> list[dict]:
    with open(data_file(name), encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _by_seat(rows: list[dict]) -> dict[str, list[dict]]:
    seats = defaultdict(list)
    for r in rows:
        seats[r["ONS ID"]].append(r)
    return seats


@pytest.fixture(scope="module")
def night_2019(tmp_path_factory):
    """The bundled rehearsal replayed to its end (14:52, St Ives), open."""
    db = build(tmp_path_factory.mktemp("oracle") / "r.db", speed=100_000)
    with Store(db) as desk:
        rh.start(desk, WALL)
        replay(desk, WALL)
        assert rh.rehearsal_state(desk, WALL).delivered == 650
        yield desk


def test_no_independent_is_compared_with_another(night_2019):
    """Each candidate's change in share, on their card and in the export, is the Library's
    `Change` (a fraction there, points on the card), empty where the Library's is."""
    library = {(r["ONS ID"], r["Candidate first name"], r["Candidate surname"]): r
               for r in _rows(ELECTION_2019)}
    night = night_state(night_2019)
    wrong = []
    for code, rows in _by_seat(_rows(ELECTION_2019)).items():
        card = {c.name: c for c in card_data(night, night_2019, code).candidates}
        for r in rows:
            change = r["Change"] and 100 * float(r["Change"])
            shown = card[f"{r['Candidate first name']} {r['Candidate surname']}"].change
            if (shown is None) != (change == "") or \
                    (shown is not None and shown != pytest.approx(change, abs=1e-3)):
                wrong.append((r["Constituency name"], r["Candidate surname"], change, shown))
    assert wrong == []
    for row in results_rows(night_2019)[0]:
        r = library[row["ONS ID"], row["Candidate first name"], row["Candidate surname"]]
        assert (row["Change"] == "") == (r["Change"] == ""), (r["Constituency name"], row)


def test_the_exports_party_columns_are_the_librarys(night_2019):
    """Every figure of the export's by-constituency file is the Library's, and so is each
    seat's result, but that the Library names a Labour and Co-operative MP's party "Lab
    Coop" there (8 seats: "Con gain from Lab Coop") and Lab in First party, as the desk
    does throughout."""
    library = {r["ONS ID"]: r for r in _rows(CONSTITUENCIES_2019)}
    columns = ("Result", "First party", "Second party", "Electorate", "Valid votes",
               "Invalid votes", "Majority", "Con", "Lab", "LD", "RUK", "Green", "SNP", "PC",
               "DUP", "SF", "SDLP", "UUP", "APNI", "All other candidates",
               "Of which other winner", "Declaration time")
    exported = {row["ONS ID"]: row for row in results_rows(night_2019)[1]}
    assert exported.keys() == library.keys()
    wrong = Counter()
    for code, row in exported.items():
        lib = {**library[code], "Result": library[code]["Result"].replace("Lab Coop", "Lab")}
        wrong.update(c for c in columns if str(row[c]) != lib[c])
    assert wrong == {}
    hartlepool = exported["E14000733"]
    assert (hartlepool["RUK"], hartlepool["All other candidates"]) == (10_603, 1_405)


def test_the_library_puts_the_brexit_party_in_its_ruk_column():
    """The oracle's own premise: the Library's RUK column is Reform UK in 2024, the Brexit
    Party (the same party before its renaming) in 2019, UKIP in 2017."""
    for year, party in (("2017", "UKIP"), ("2019", "BRX"), ("2024", "RUK")):
        votes = defaultdict(Counter)
        for r in _rows(f"HoC-GE{year}-results-by-candidate.csv"):
            votes[r["ONS ID"]][r["Party abbreviation"]] += int(r["Votes"])
        assert {r["ONS ID"]: int(r["RUK"])
                for r in _rows(f"HoC-GE{year}-results-by-constituency.csv")} == \
            {code: v[party] for code, v in votes.items()}
