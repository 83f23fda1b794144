"""The recount watch lists close seats in one order everywhere: `summary --json` (and the
feed.json built from it), the window's Recount watch, the recounts graphic and its JSON.

Found by tests/reliability/test_views_agree.py: two seats with the same majority and
majority shares equal to three places (0.13333% and 0.13329%: `summary --json`'s figure,
0.133, for both) came in name order in `summary --json` and feed.json, but by the unrounded
share in the window's Recount watch and the recounts graphic: two on-air lists of the same
seats in different orders."""

from __future__ import annotations

from helpers.agreement import agreement_night
from helpers.party_votes import declare_by_majority

from resultsdesk.desk.graphic_data import graphic_json
from resultsdesk.desk.live import NightState
from resultsdesk.desk.publishing import feed
from resultsdesk.desk.summary import national_summary
from resultsdesk.store import Store

# Aberdeenshire North and Moray East, Beckenham and Penge: A-Z in that order.
CLOSE = (("S14000062", 30_000), ("E14001083", 30_010))  # (seat, valid votes)
MAJORITY = 40


def test_seats_with_one_majority_and_share_are_listed_alike_everywhere(tmp_path):
    with Store(agreement_night(tmp_path)) as store:
        for code, valid in CLOSE:
            declare_by_majority(store, code, MAJORITY, valid)
        night = NightState(store)
        night.refresh()
        summary = [e.code for e in national_summary(store).recount_watch]
        assert [round(e.majority_pct, 3) for e in national_summary(store).recount_watch] \
            == [0.133, 0.133]  # what `summary --json` shows: one figure for both
        assert summary == [code for code, _valid in CLOSE]  # then A-Z
        assert [e["code"] for e in feed(store, None)["summary"]["recount_watch"]] == summary
        assert [r.code for r in night.recount_watch()] == summary
        names = [night.seats[code].name for code in summary]
        drawn = graphic_json("recounts", night, store)
        assert [s["constituency"] for s in drawn["seats"]] == names


def test_shares_shown_alike_under_the_line_are_listed_a_to_z(tmp_path):
    """0.49960% and 0.49920%, same majority: every feed shows both as 0.499 (never rounded up
    onto the 0.5% line, `summary.feed_share`), so they list A-Z. Ordered by the share
    rounded (0.5 and 0.499), the second seat came first, for no reason a reader could see."""
    close = (("S14000062", 30_024), ("E14001083", 30_048))  # 150 / valid: 0.4996%, 0.4992%
    with Store(agreement_night(tmp_path)) as store:
        for code, valid in close:
            declare_by_majority(store, code, 150, valid)
        watch = national_summary(store).recount_watch
        shown = feed(store, None)["summary"]["recount_watch"]
        assert [e["majority_pct"] for e in shown] == [0.499, 0.499]
        assert [e.code for e in watch] == [code for code, _valid in close]
        assert [e["code"] for e in shown] == [code for code, _valid in close]
        night = NightState(store)
        night.refresh()
        assert [r.code for r in night.recount_watch()] == [code for code, _valid in close]


def test_the_order_follows_the_recount_line_in_use(tmp_path):
    """Under a 0.3% line (Preferences, --recount-pct), 0.2996% and 0.2992% both show as
    0.299: A-Z, as under the default line. The order had cut shares against 0.5% alone."""
    from resultsdesk.desk.graphics import recount_data
    from resultsdesk.domain import tally

    line = tally.RecountThresholds(votes=100, pct=0.3)
    close = (("S14000062", 30_040), ("E14001083", 30_080))  # 90 / valid: 0.2996%, 0.2992%
    codes = [code for code, _valid in close]
    with Store(agreement_night(tmp_path)) as store:
        for code, valid in close:
            declare_by_majority(store, code, 90, valid)
        assert [e.code for e in national_summary(store, thresholds=line).recount_watch] \
            == codes
        night = NightState(store)
        night.refresh()
        assert [r.code for r in night.recount_watch(line)] == codes
        names = [night.seats[code].name for code in codes]
        assert [s.constituency for s in recount_data(night, line).seats] == names
