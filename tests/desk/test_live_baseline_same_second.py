"""A baseline imported again under the same name within the same second as the one it
replaces (a corrected file re-imported by a script; the name is the file's by default),
after a window read the first: the window's gains and losses follow the second, as a
window opened afresh shows them. Its stamp (name, time to the second, newest line id) was
the same for both, the ids of the new lines starting again at 1, so the open window kept
the first baseline until reopened."""

from __future__ import annotations

import csv

from helpers.agreement import BASELINE_WINNERS, agreement_night

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.imports import import_baseline
from resultsdesk.desk.live import NightState
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store, repository

SEAT = "E14001083"  # the agreement night's baseline: Lab


def _rewon(source, out, winner: str):
    """The baseline file with `SEAT` won by `winner` instead, every other line unchanged."""
    with source.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row["ONS ID"] == SEAT:
            row["Votes"] = "20000" if row["Party abbreviation"] == winner else "2000"
    out.parent.mkdir(exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return out


def test_a_baseline_reimported_within_the_second_reaches_the_open_window(tmp_path,
                                                                         monkeypatch):
    monkeypatch.setattr(repository, "now_iso", lambda: "2024-07-05T01:00:00+00:00")
    path = agreement_night(tmp_path)
    assert BASELINE_WINNERS[SEAT] == "Lab"
    with Store(path) as desk:
        sheet = dk.load_sheet(desk, SEAT)
        votes = [20_000 if c.party == "Lab" else 1_000 + i
                 for i, c in enumerate(sheet.candidates)]
        dk.declare(desk, SEAT, Figures(votes, 10), user="alice")
        dk.verify(desk, SEAT, user="bob", votes=votes, invalid=10)
        first = _rewon(tmp_path / "baseline.csv", tmp_path / "first" / "notional.csv", "Con")
        second = _rewon(tmp_path / "baseline.csv", tmp_path / "second" / "notional.csv", "Lab")
        import_baseline(desk, first, user="ann")  # "notional": Lab gain from Con
        open_before = NightState(desk)
        open_before.refresh()
        assert open_before.summary().gains == {"Lab": 1}
        import_baseline(desk, second, user="ann")  # corrected, same name: Lab hold
        open_before.refresh()
        fresh = NightState(desk)
        fresh.refresh()
        assert fresh.summary().gains == {}
        assert open_before.summary().gains == fresh.summary().gains
        assert open_before.seats[SEAT].outcome == fresh.seats[SEAT].outcome
