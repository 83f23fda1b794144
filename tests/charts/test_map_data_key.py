"""The map's data keys its parties as its picture does. The picture draws a party the night's
rule leaves to "Others" in the Others colour, keyed "Others 6" (SDLP, Alliance, UUP, TUV
and the Speaker in 2024); `map.json` listed those five with their own colours, in a
`parties` README calls the legend, and gave each of their hexes its party's colour: a
graphics system drawing the map from the data put SDLP's seats in green, which reads as the
Greens', under a legend of 15 parties beside the picture's 10 and Others."""

from __future__ import annotations

from resultsdesk.charts.theme import BROADCAST
from resultsdesk.desk import graphics
from resultsdesk.desk.graphic_data import graphic_json
from resultsdesk.domain.others import OTHERS

FOLDED = {"SDLP", "APNI", "UUP", "TUV", "Spk"}


def test_the_maps_data_keys_its_parties_as_the_picture_does(night_store):
    night = graphics.night_state(night_store)
    data = graphic_json("map", night, night_store, theme="broadcast")
    chart = graphics.chart_for("map", night, night_store, theme="broadcast")
    key = [e.label for e in chart.key.entries]
    parties = data["parties"]
    assert [f"{p['party']} {p['seats']:,}" for p in parties] == key[:len(parties)]
    assert parties[-1] == {"party": OTHERS, "name": "Other parties",
                           "colour": BROADCAST.others, "seats": 6, "gains": 3}
    assert [p["party"] for p in parties[:-1]] == [p["party"] for p in data["named"]]
    assert sum(p["seats"] for p in parties) == 650
    for seat in data["seats"]:  # each hex's colour as drawn
        folded = seat["winner"] in FOLDED
        assert seat["winner_colour"] == (data["others_colour"] if folded
                                         else night.colour(seat["winner"])), seat
    assert sum(s["winner"] in FOLDED for s in data["seats"]) == 6  # who won stays said


def test_with_every_party_named_each_keeps_its_colour(night_store):
    night = graphics.night_state(night_store)
    data = graphic_json("map", night, night_store, parties=30)
    assert OTHERS not in {p["party"] for p in data["parties"]}
    assert len(data["parties"]) == 15
    sdlp = [s for s in data["seats"] if s["winner"] == "SDLP"]
    assert len(sdlp) == 2 and {s["winner_colour"] for s in sdlp} == {night.colour("SDLP")}


def _seat(code: str, winner: str | None, status: str = "verified", nation: str = "England"):
    from resultsdesk.charts.map_data import MapSeat

    return MapSeat(code, code, 0, int(code[1:]), status=status, winner=winner,
                   winner_colour={"Lab": "#e4003b", "SNP": "#fdf38e", "LD": "#faa61a"}.get(
                       winner), nation=nation)


def test_a_zoomed_maps_data_keys_the_parties_in_its_frame_in_the_keys_order():
    """The data's `parties` are the picture's key (`key_rows`), not a count and an order of
    their own: zoomed to Scotland, the English seats' party is not in it; level on verified
    seats, the one with more coloured (a provisional shown) comes first, as the key has it."""
    from resultsdesk.charts.map_data import MapData, MapParty

    seats = (_seat("S1", "SNP", nation="Scotland"), _seat("S2", "LD", nation="Scotland"),
             _seat("S3", "LD", "provisional", nation="Scotland"),
             _seat("S4", "Lab", nation="Scotland"), _seat("E5", "Lab"), _seat("E6", "Lab"))
    parties = (MapParty("Lab", "Labour", "#e4003b", 3), MapParty("SNP", "SNP", "#fdf38e", 1),
               MapParty("LD", "Liberal Democrats", "#faa61a", 2, provisional=1))
    data = MapData("odd-r", "test", seats, parties, seats_total=6, declared=5,
                   provisional_shown=1, focus="Scotland",
                   focus_codes=("S1", "S2", "S3", "S4"))
    legend = data.legend()
    assert [(p["party"], p["seats"]) for p in legend] == [
        (r.party, r.seats) for r in data.key_rows()] == [("LD", 2), ("Lab", 1), ("SNP", 1)]
    assert legend[0] == {"party": "LD", "name": "Liberal Democrats", "colour": "#faa61a",
                         "seats": 2, "gains": 0}
    assert data.to_json()["parties"] == legend
