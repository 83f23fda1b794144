"""The map's data on a night with no baseline imported gave each party of its key
`gains: 0`: to a graphics system's template, "Lab 3 seats, no gains", where there is
nothing to gain from. As every graphic's change where the baseline cannot say (README:
`gains.json`'s `changed`), it is null now; with a baseline, the seats gained."""

from __future__ import annotations

import json

from helpers.no_baseline import add_baseline, five_seats_no_baseline

from resultsdesk import cli


def _key(db, tmp_path) -> dict[str, int | None]:
    out = tmp_path / "map.json"
    assert cli.main(["export", "map", "--db", str(db), "--out", str(out)]) == 0
    return {p["party"]: p["gains"] for p in json.loads(out.read_text("utf-8"))["parties"]}


def test_the_maps_key_has_no_gains_without_a_baseline(tmp_path):
    db = five_seats_no_baseline(tmp_path)
    key = _key(db, tmp_path)
    assert key and all(gains is None for gains in key.values()), key

    add_baseline(db, tmp_path)
    key = _key(db, tmp_path)
    assert key["Lab"] >= 1 and all(isinstance(g, int) for g in key.values()), key  # Hendon
