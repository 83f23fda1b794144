"""The party nearest a majority, as the strip and the summary graphic say it, is never the
Speaker (who takes no side) nor the independents (no party): with Chorley and Hendon in,
one seat each and the Speaker ahead on votes, "Spk need 325 more for a majority" went on
air."""

from __future__ import annotations

from helpers.locations import GE2024

from resultsdesk.desk.imports import import_results
from resultsdesk.desk.live import NightState
from resultsdesk.domain.parties import INDEPENDENT, SPEAKER, majority_leader

HENDON, CHORLEY = "E14001279", "E14001170"


def _results_of(codes: set[str], path):
    lines = GE2024.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    path.write_text(lines[0] + "".join(ln for ln in lines[1:] if ln.split(",")[0] in codes),
                    encoding="utf-8")
    return path


def test_the_speaker_alone_leads_nobody_towards_a_majority(nominations_store, tmp_path):
    import_results(nominations_store, _results_of({CHORLEY}, tmp_path / "chorley.csv"))
    night = NightState(nominations_store)
    night.refresh()
    assert list(night.summary().seats) == [SPEAKER]
    assert night.majority_text() == "326 seats for a majority"


def test_a_party_leads_though_the_speaker_has_more_votes(nominations_store, tmp_path):
    import_results(nominations_store, _results_of({CHORLEY, HENDON}, tmp_path / "two.csv"))
    night = NightState(nominations_store)
    night.refresh()
    assert list(night.summary().seats) == [SPEAKER, "Lab"]  # seats, then votes
    assert night.majority_text() == "Lab need 325 more for a majority"
    assert night.strip_data().majority_text == "Lab need 325 more for a majority"


def test_the_leader_passes_over_the_speaker_and_independents():
    assert majority_leader({SPEAKER: 3, INDEPENDENT: 2, "Con": 1, "Lab": 1}) == ("Con", 1)
    assert majority_leader({INDEPENDENT: 1}) == (None, 0)
    assert majority_leader({}) == (None, 0)
