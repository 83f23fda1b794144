"""The bundled 2019 night (with 2017 as its baseline) and declaration times as real data."""

from __future__ import annotations

import hashlib

import pytest
from helpers.locations import ROOT

from resultsdesk.desk.election import init_election
from resultsdesk.desk.imports import import_results
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain.declaration_time import moment, uk_clock, uk_iso
from resultsdesk.io.hoc_candidates import read_candidates
from resultsdesk.io.hoc_constituencies import read_constituency_figures
from resultsdesk.paths import (
    CONSTITUENCIES_2017,
    CONSTITUENCIES_2019,
    CONSTITUENCIES_2024,
    ELECTION_2017,
    ELECTION_2019,
    data_file,
)

SHARED = ROOT.parent / "shared" / "data"
BUNDLED_2019_2017 = {ELECTION_2019: "ge2019", CONSTITUENCIES_2019: "ge2019",
                     ELECTION_2017: "ge2017", CONSTITUENCIES_2017: "ge2017"}
HOC_2019 = {"Con": 365, "Lab": 202, "SNP": 48, "LD": 11, "DUP": 8, "SF": 7, "PC": 4,
            "SDLP": 2, "Green": 1, "Spk": 1, "APNI": 1}
HOC_2017 = {"Con": 317, "Lab": 262, "SNP": 35, "LD": 12, "DUP": 10, "SF": 7, "PC": 4,
            "Green": 1, "Spk": 1, "Ind": 1}


@pytest.mark.parametrize("name", sorted(BUNDLED_2019_2017))
def test_bundled_files_are_the_sources_byte_for_byte(name):
    bundled = data_file(name).read_bytes()
    source = SHARED / BUNDLED_2019_2017[name] / name
    if not source.exists():
        pytest.skip("the shared data folder is not on this machine")
    assert hashlib.sha256(bundled).digest() == hashlib.sha256(source.read_bytes()).digest()


def test_sources_credit_the_2019_and_2017_files():
    text = data_file("SOURCES.md").read_text(encoding="utf-8")
    for name in BUNDLED_2019_2017:
        assert f"`{BUNDLED_2019_2017[name]}/{name}`" in text
    assert "Open Parliament Licence v3.0" in text
    assert "Con 365, Lab 202" in text and "13/12/2019 05:05" in text


def test_the_files_read_as_the_hoc_library_counts_them():
    assert len(read_candidates(data_file(ELECTION_2019), with_votes=True)) == 3320
    assert len(read_candidates(data_file(ELECTION_2017), with_votes=True)) == 3304
    seats_2019 = read_constituency_figures(data_file(CONSTITUENCIES_2019))
    assert len(seats_2019) == 650


def test_declaration_times_are_uk_local_time_with_their_offset():
    seats_2019 = read_constituency_figures(data_file(CONSTITUENCIES_2019))
    times = sorted((moment(s.declared_at), s.name) for s in seats_2019.values())
    assert all(s.declared_at.endswith("+00:00") for s in seats_2019.values())  # GMT
    assert times[0][1] == "Newcastle Upon Tyne Central"
    assert seats_2019["E14000831"].declared_at == "2019-12-12T23:27:00+00:00"
    assert times[-1][0].isoformat() == "2019-12-13T14:52:00+00:00"
    seats_2017 = read_constituency_figures(data_file(CONSTITUENCIES_2017))
    assert seats_2017["W07000049"].declared_at == "2017-06-09T02:41:00+01:00"  # BST
    assert all(s.declared_at.endswith("+01:00") for s in seats_2017.values())
    # 2024's file has the column, empty: nothing pretends to know a time
    seats_2024 = read_constituency_figures(data_file(CONSTITUENCIES_2024))
    assert {s.declared_at for s in seats_2024.values()} == {None}


def test_time_helpers():
    from datetime import datetime

    assert uk_iso(datetime(2019, 12, 13, 5, 5)) == "2019-12-13T05:05:00+00:00"
    assert uk_iso(datetime(2024, 7, 5, 4, 58)) == "2024-07-05T04:58:00+01:00"
    assert uk_clock("2024-07-05T03:58:00+00:00") == "04:58"  # UTC shown as UK time
    assert uk_clock("2024-07-05T04:58") == "04:58"  # older naive values: UK local
    assert moment(None) is None and moment("not a time") is None


def test_2019_imports_against_2017_as_baseline(night_2019_store):
    summary = national_summary(night_2019_store)
    assert summary.seats == HOC_2019
    assert summary.declared == 650
    # Gains against 2017 on the same boundaries: Con +58 −10, Lab +1 −61
    assert (summary.gains["Con"], summary.losses["Con"]) == (58, 10)
    assert (summary.gains["Lab"], summary.losses["Lab"]) == (1, 61)
    assert {"from": "Lab", "to": "Con", "seats": 54} in summary.changes
    # The Brexit Party stands as itself in 2019 (its successor, Reform UK, came later);
    # 2017's UKIP is a different party.
    parties = {r["abbreviation"]: r["mnis_id"] for r in night_2019_store.query(
        "SELECT abbreviation, mnis_id FROM parties")}
    assert parties["BRX"] == 1006 and "RUK" not in parties and parties["UKIP"] == 35


def test_imported_declarations_keep_their_times(night_2019_store):
    rows = night_2019_store.query("SELECT k.code, d.declared_at FROM declarations d "
                            "JOIN constituencies k ON k.id = d.constituency_id")
    assert len(rows) == 650
    times = {r["code"]: r["declared_at"] for r in rows}
    assert times["E14000831"] == "2019-12-12T23:27:00+00:00"
    assert times["E14000575"] == "2019-12-12T23:32:00+00:00"  # Blyth Valley


def test_2017_alone_is_a_hung_parliament(tmp_path):
    store = init_election(tmp_path / "ge2017.db", "UK general election 2017")
    import_results(store, data_file(ELECTION_2017),
                   constituencies=data_file(CONSTITUENCIES_2017))
    summary = national_summary(store)
    assert summary.seats == HOC_2017
    assert max(summary.seats.values()) < summary.majority_line
    store.close()
