"""The map's data: the layout chosen by the election's codes (2024, 2010-2019, or none), each
seat's winner, gain and recount mark, and provisional seats only for those who may see them."""

from __future__ import annotations

import json

import pytest
from helpers.seats import HENDON, HENDON_2024
from helpers.synthetic import synthetic_election

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.hexmap import NoMapLayout, focus_options, layout_for, map_data
from resultsdesk.desk.live import NightState
from resultsdesk.desk.visibility import EVERYONE, Viewer
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store


def _night(store, viewer=EVERYONE) -> NightState:
    night = NightState(store, viewer=viewer)
    night.refresh()
    return night


def test_the_2024_night(night_store):
    night = _night(night_store)
    data = map_data(night)
    assert data.layout_name == "2024 boundaries" and data.layout == "odd-r"
    assert len(data.seats) == 650 and data.declared == 650
    seats = {p.party: p.seats for p in data.parties}
    assert (seats["Lab"], seats["Con"], seats["LD"]) == (411, 121, 72)
    assert sum(1 for s in data.seats if s.gain_from) == 303  # seats that changed hands
    gains = {p.party: p.gains for p in data.parties if p.gains}
    summary = night.summary()
    assert gains == {p: n for p, n in summary.gains.items() if n}
    hendon = next(s for s in data.seats if s.code == HENDON)
    assert (hendon.winner, hendon.gain_from, hendon.majority) == ("Lab", "Con", 15)
    assert hendon.gain_colour == night.colour("Con") and hendon.close
    assert sum(1 for s in data.seats if s.close) == len(night.recount_watch())


def test_the_2019_night_uses_the_2010_2019_layout(night_2019_store):
    night = _night(night_2019_store)
    assert layout_for(night.seats).name == "2010\u20132019 boundaries"
    data = map_data(night)
    seats = {p.party: p.seats for p in data.parties}
    assert (seats["Con"], seats["Lab"], seats["SNP"]) == (365, 202, 48)
    flows = {(s.gain_from, s.winner) for s in data.seats if s.gain_from}
    assert ("Lab", "Con") in flows and sum(1 for s in data.seats
                                           if (s.gain_from, s.winner) == ("Lab", "Con")) == 54


def test_codes_on_no_layout_are_refused_with_the_reason(tmp_path):
    with Store(synthetic_election(tmp_path)) as store:
        night = _night(store)
        with pytest.raises(NoMapLayout, match=r"match no bundled layout .*2024 boundaries"
                                              r".*2010\u20132019 boundaries.*lacks 2 of its "
                                              r"2 seats \(E14900001, E14900002\)"):
            map_data(night)
    with pytest.raises(NoMapLayout, match="no constituencies"):
        layout_for([])
    # a by-election under a new code: its one seat, not "1 of its 1 seats"
    with pytest.raises(NoMapLayout, match=r"the closest lacks its one seat \(E14009999\)$"):
        layout_for(["E14009999"])


def test_a_provisional_seat_only_for_those_who_may_see_it(nominations_store):
    dk.declare(nominations_store, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
               overrides=["recount_range"])
    alice = Viewer("alice", sees_all_provisional=False)
    bob = Viewer("bob", sees_all_provisional=False)

    def hendon(night, **kwargs):
        return next(s for s in map_data(night, **kwargs).seats if s.code == HENDON)

    # the one who keyed it sees it, when provisional seats are asked for
    own = hendon(_night(nominations_store, alice), show_provisional=True)
    assert (own.status, own.winner, own.majority) == ("provisional", "Lab", 15)
    assert hendon(_night(nominations_store, alice)).winner is None  # not asked for
    # a desk user who could verify it: provisional, and nothing more
    other = hendon(_night(nominations_store, bob), show_provisional=True)
    assert (other.status, other.winner, other.majority, other.close) == (
        "provisional", None, None, False)
    # the same night loaded for everyone, shown to bob: still nothing
    everyone = _night(nominations_store)
    assert hendon(everyone, viewer=bob, show_provisional=True).winner is None
    assert hendon(everyone, viewer=EVERYONE, show_provisional=True).winner == "Lab"
    data = map_data(everyone, viewer=bob, show_provisional=True)
    assert data.provisional_shown == 0 and data.parties == ()
    assert "Lab" not in json.dumps(data.to_json()["seats"])


def test_a_recount_under_way_is_marked(nominations_store):
    dk.mark_recount(nominations_store, HENDON, user="carol")
    seat = next(s for s in map_data(_night(nominations_store)).seats if s.code == HENDON)
    assert seat.recount and seat.winner is None


def test_zoom_to_a_nation_or_region(night_store):
    night = _night(night_store)
    options = focus_options(night)
    assert options[:5] == ["UK", "England", "Scotland", "Wales", "Northern Ireland"]
    assert len(options) == 5 + 9  # and the nine regions of England
    wales = map_data(night, focus="Wales")
    assert len(wales.focus_codes) == 32 and wales.subtitle.endswith("\u00b7 Wales")
    assert len(map_data(night, focus="London").focus_codes) == 75
    assert map_data(night, focus="UK").focus_codes == ()
    with pytest.raises(NoMapLayout, match="no nation or region 'Atlantis'"):
        map_data(night, focus="Atlantis")


def test_json_is_the_data_drawn(night_store):
    data = map_data(_night(night_store), as_of="05:26")
    doc = json.loads(json.dumps(data.to_json()))  # plain JSON types only
    assert doc["kind"] == "map" and doc["title"] == data.title
    assert doc["footer"]["status"] == "As of 05:26 \u00b7 650 of 650 declared"
    assert "House of Commons Library" in doc["footer"]["source"]
    # Labour's gains: 182 from Con and 36 from the SNP
    assert doc["parties"][0] == {"party": "Lab", "name": "Labour", "colour":
                                 data.parties[0].colour, "seats": 411, "gains": 218}
    hendon = next(s for s in doc["seats"] if s["code"] == HENDON)
    assert hendon["winner"] == "Lab" and hendon["gain_from"] == "Con"
    assert hendon["status"] == "verified" and hendon["majority"] == 15
    assert hendon["recount_range"] is True and hendon["result"] == "Lab gain from Con"
    assert len(doc["seats"]) == 650


def test_the_watch_folder_leaves_out_a_map_it_cannot_draw(tmp_path):
    from resultsdesk.desk.publishing import PublishSettings, publish

    out = tmp_path / "watch"
    out.mkdir()
    with Store(synthetic_election(tmp_path)) as store:
        written = publish(store, PublishSettings(out, kinds=("seats", "map")), None)
    assert sorted(p.name for p in written) == ["feed.json", "seats.png"]


def test_a_tie_awaiting_the_lot_and_one_decided_by_it(nominations_store):
    """The map's JSON says a winner was drawn by lot (`by_lot`), as `recounts` and `card`
    say it: a graphics system reading the map alone saw a 0-vote win like any other."""
    from helpers.seats import LAB, TIED

    dk.declare(nominations_store, HENDON, Figures(TIED, 50), user="alice",
               overrides=["tie"])
    assert dk.verify(nominations_store, HENDON, user="bob", votes=TIED, invalid=50).verified
    seat = next(s for s in map_data(_night(nominations_store)).to_json()["seats"]
                if s["code"] == HENDON)
    assert (seat["tie"], seat["by_lot"], seat["winner"]) == (True, False, None)
    lab = dk.load_sheet(nominations_store, HENDON).candidates[LAB]
    dk.decide_tie(nominations_store, HENDON, user="alice", winner_id=lab.id, note="a hat")
    sheet = dk.load_sheet(nominations_store, HENDON)
    assert dk.verify(nominations_store, HENDON, user="bob", votes=list(sheet.pending.votes),
                     invalid=sheet.pending.invalid_votes, tie_winner=lab.id).verified
    seat = next(s for s in map_data(_night(nominations_store)).to_json()["seats"]
                if s["code"] == HENDON)
    assert (seat["tie"], seat["by_lot"], seat["winner"]) == (False, True, "Lab")
