"""The graphics' data joins with `summary --json`: each seat of the recount watch and the
result card carries its GSS code, the card its winning party, and a majority's share is
given to three places as the summary gives it (0.495; unrounded, 0.49525669642857145, a
template rounding to two put a seat under 0.5% on air as 0.50%)."""

from __future__ import annotations

import json

from helpers.seats import HENDON

from resultsdesk.desk import graphics
from resultsdesk.desk.summary import national_summary
from resultsdesk.domain.tally import RecountThresholds

WIDE = RecountThresholds(votes=3000, pct=7.0)


def test_recount_rows_join_the_summary_by_code_with_its_shares(night_store, tmp_path):
    out = tmp_path / "recounts.json"
    graphics.export_pages(night_store, "recounts", out, thresholds=WIDE)
    rows = json.loads(out.read_text(encoding="utf-8"))["seats"]
    summary = national_summary(night_store, thresholds=WIDE).to_json_dict()
    watch = {w["code"]: w for w in summary["recount_watch"]}
    assert len(rows) > 20 and {r["code"] for r in rows} == set(watch)
    for row in rows:
        assert row["majority_pct"] == watch[row["code"]]["majority_pct"]
        assert row["constituency"] == watch[row["code"]]["constituency"]


def test_the_card_names_its_seat_and_winner(night_store, tmp_path):
    out = tmp_path / "card.json"
    graphics.export_pages(night_store, "card", out, constituency="Hendon")
    card = json.loads(out.read_text(encoding="utf-8"))
    assert (card["code"], card["winner"], card["majority"], card["majority_pct"]) == (
        HENDON, "Lab", 15, 0.036)


def test_the_chamber_and_the_map_join_by_code_and_list_parties_alike(night_store, tmp_path):
    """The chamber's seats had only their names (two seats may share one); the map's
    legend put the DUP's five seats before Reform UK's five (by name on a tie of seats,
    where every other graphic ranks by votes next) and gave shares to two places."""
    for kind in ("hemicycle", "map"):
        graphics.export_pages(night_store, kind, tmp_path / f"{kind}.json", thresholds=WIDE)
    chamber = json.loads((tmp_path / "hemicycle.json").read_text(encoding="utf-8"))
    hexes = json.loads((tmp_path / "map.json").read_text(encoding="utf-8"))
    by_code = {s["code"]: s for s in hexes["seats"]}
    assert len(chamber["seats"]) == chamber["declared"] > 600
    for seat in chamber["seats"]:
        assert by_code[seat["code"]]["name"] == seat["constituency"]
        assert by_code[seat["code"]]["winner"] == seat["party"]
    named = [p["party"] for p in chamber["named"]]
    legend = [p["party"] for p in hexes["parties"]]
    assert legend[:len(named)] == named  # the same ranking (RUK before the DUP in 2024)
    summary = national_summary(night_store, thresholds=WIDE).to_json_dict()
    for close in summary["recount_watch"]:
        assert by_code[close["code"]]["majority_pct"] == close["majority_pct"]
