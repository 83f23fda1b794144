"""The vote share's changes add up to nothing, "Others" included: its change is its share now
less its share in the baseline in the same seats, every party not named counted in both. The
2024 night drew "Others 2.9% +1.4": the folded parties' own changes added up, so the parties
that stood in 2019 and not in 2024 (The Independent Group for Change, the Yorkshire Party of
2019's ID, ...) lost their 0.24 points of the notional share from the Others' baseline. The
notional 2019 shares of every party not named add up to 1.70%: +1.16, "+1.2"."""

from __future__ import annotations

import pytest

from resultsdesk.desk import graphics
from resultsdesk.desk.graphic_data import graphic_json

# 2024's Others (every party the default rule leaves unnamed): 823,885 of 28,809,340 votes,
# 2.860%; the notional 2019 votes of every party but the ten named: 1.700% of 32,014,119.
OTHERS_2024_CHANGE = 1.160


@pytest.mark.parametrize("kind, change", [("shares", "change"), ("summary", "share_change")])
def test_the_share_changes_add_up_to_nothing_with_others_folded(night_store, kind, change):
    body = graphic_json(kind, graphics.night_state(night_store), night_store)
    others = body["parties"][-1]
    assert others["party"] == "Others"
    assert others[change] == pytest.approx(OTHERS_2024_CHANGE, abs=0.001)
    assert sum(p[change] for p in body["parties"]) == pytest.approx(0, abs=1e-9)


def test_the_2019_night_s_share_changes_add_up_to_nothing(night_2019_store):
    body = graphic_json("shares", graphics.night_state(night_2019_store), night_2019_store)
    assert body["parties"][-1]["party"] == "Others"
    assert sum(p["change"] for p in body["parties"]) == pytest.approx(0, abs=1e-9)
