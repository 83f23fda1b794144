"""The chamber and the map say in words what their keys show, on a night part way through:
a verified tie, a provisional seat shown, a party folded into "Others".

Found reading an editor's window on a rehearsal night: with a tie awaiting the lot, the
chamber's key said "Undeclared 531" and its words "532 to come" (the tie was counted as
to come, though every view counts it as declared); the map's words named TUV beside a key
that folds it into "Others 1" ("TUV 1 (1 gains)"); and with provisional seats shown, the
map's key read "Lab 72" where the chamber's and the seat chart's read "Lab 71 + 1"."""

from __future__ import annotations

from helpers.seats import BASILDON, HENDON, HENDON_2024, TIED

from resultsdesk.charts.describe import describe
from resultsdesk.charts.map import MapChart
from resultsdesk.desk import declarations as dk
from resultsdesk.desk import graphics
from resultsdesk.desk.hexmap import map_data
from resultsdesk.domain.model import Figures

BEXHILL = "E14001088"  # Bexhill and Battle: a Conservative hold in 2024
BECKENHAM = "E14001083"  # Beckenham and Penge: a Labour hold


def _seat(store, code: str, winner: str, *, lead: int = 20_000, verify: bool = True) -> None:
    """`code` declared with `winner`'s candidate `lead` votes ahead (and verified)."""
    parties = [c.party for c in dk.load_sheet(store, code).candidates]
    votes = [1000 + 10 * i for i in range(len(parties))]
    votes[parties.index(winner)] = lead
    dk.declare(store, code, user="alice", figures=Figures(tuple(votes), 100))
    if verify:
        dk.verify(store, code, user="bob", votes=votes, invalid=100)


def _night(store):
    dk.declare(store, HENDON, user="alice", figures=Figures(TIED, 50), overrides=["tie"])
    dk.verify(store, HENDON, user="bob", votes=TIED, invalid=50)  # awaiting the lot
    _seat(store, BASILDON, "Lab", lead=30_000)  # a gain; Lab first on votes
    _seat(store, BEXHILL, "Con")
    return graphics.night_state(store)


def test_the_chamber_counts_a_tie_as_declared_in_words_too(nominations_store):
    night = _night(nominations_store)
    text = describe(night.hemicycle_data())
    # three verified seats: two won, one tied; 647 undeclared, as the key says
    assert "; 647 to come." in text and "1 tied, awaiting the lot." in text


def test_the_map_in_words_names_whom_its_key_names(nominations_store):
    night = _night(nominations_store)
    data = map_data(night, named=night.named_parties(1))  # Lab named, Con one of "Others"
    chart = MapChart()
    chart.update(data)
    keyed = [e.label for e in chart.legend_entries]
    assert keyed[:2] == ["Lab 1", "Others 1"]
    assert describe(data) == ("The map: 3 of 650 declared. Lab 1 (1 gain), Others 1. "
                              "1 tied, awaiting the lot.")


def test_the_map_keys_provisional_seats_apart_as_the_chamber_does(nominations_store):
    night = _night(nominations_store)
    _seat(nominations_store, BECKENHAM, "Lab", verify=False)  # shown provisional
    night.refresh()
    data = map_data(night, show_provisional=True)
    chart = MapChart()
    chart.update(data)
    keyed = [e.label for e in chart.legend_entries]
    chamber = describe(night.hemicycle_data(show_provisional=True))
    assert "Lab 1 + 1" in keyed and "Lab 1 and 1 provisional" in chamber
    assert "Lab 1 and 1 provisional" in describe(data)


def test_the_map_in_words_names_its_parties_in_its_keys_order(nominations_store):
    """With provisional seats shown, the key puts the most verified first ("Lab 2" above
    "Con 1 + 2", as the chamber keys them); its words, and the JSON's key, ranked on every
    seat drawn: "Con 1 and 2 provisional, Lab 2", the parties the other way round."""
    store = nominations_store
    _seat(store, BASILDON, "Lab")
    _seat(store, BECKENHAM, "Lab")
    _seat(store, BEXHILL, "Con")
    _seat(store, HENDON, "Con", verify=False)
    _seat(store, "E14001429", "Con", verify=False)  # Poole
    night = graphics.night_state(store)
    data = map_data(night, show_provisional=True)
    chart = MapChart()
    chart.update(data)
    keyed = [e.label for e in chart.legend_entries]
    assert keyed[:2] == ["Lab 2", "Con 1 + 2"]
    assert describe(data).startswith("The map: 3 of 650 declared. Lab 2 (1 gain), "
                                     "Con 1 and 2 provisional.")
    assert [p["party"] for p in data.to_json()["parties"]] == ["Lab", "Con"]


def test_the_map_zoomed_counts_in_words_the_seats_its_key_counts(nominations_store):
    """Zoomed to a nation, the key counts the seats framed: the words counted the whole
    map, "showing Wales. Lab 1 (1 gain), Con 1. 1 tied" beside a key of "Undeclared 32"
    (every seat declared so far is in England)."""
    night = _night(nominations_store)
    data = map_data(night, focus="Wales")
    chart = MapChart()
    chart.update(data)
    assert [e.label for e in chart.legend_entries] == ["Undeclared 32"]
    assert describe(data) == "The map: 3 of 650 declared, showing Wales."
    england = map_data(night, focus="England")
    assert describe(england) == ("The map: 3 of 650 declared, showing England. Lab 1 "
                                 "(1 gain), Con 1. 1 tied, awaiting the lot.")


def test_the_map_in_words_says_which_seats_it_outlines(nominations_store):
    """The map outlines a seat in recount range and one with a recount under way ("Recount
    or recount range" in its key); its words said nothing of them, so a screen reader heard
    a night with no close seats where the picture showed two."""
    store = nominations_store
    _seat(store, BEXHILL, "Con")  # a safe seat: not outlined
    dk.declare(store, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
               overrides=["recount_range"])  # Lab by 15
    dk.verify(store, HENDON, user="bob", votes=HENDON_2024, invalid=187)
    dk.mark_recount(store, BASILDON, user="alice")  # called before anything is declared
    night = graphics.night_state(store)
    data = map_data(night)
    chart = MapChart()
    chart.update(data)
    assert "Recount or recount range" in [e.label for e in chart.legend_entries]
    assert describe(data).endswith(". 1 with a recount under way, 1 in recount range.")
    # zoomed where neither is (Wales), neither is outlined, and neither is said
    assert "recount" not in describe(map_data(night, focus="Wales"))
