"""One seat verified with the map on screen (`charts.frames`): one hex changes colour (and
a gain's ring, or a close result's outline), so only those collections are recorded
again, and their 650 hexes' shapes (unchanged) are not measured again; the frame is still
exactly a full draw. Every collection recoloured on each update (and the bounds of the
3,250 hexes' paths forgotten at 1,000) cost ~0.15 s of the GUI thread per verification
where the seat chart's whole refresh took ~40 ms."""

from __future__ import annotations

import numpy as np
import pytest
from helpers.screens import figure
from matplotlib.path import Path

from resultsdesk.charts.frames import Frames
from resultsdesk.charts.map import MapChart
from resultsdesk.charts.map_data import AWAITING, MapData
from resultsdesk.desk import graphics
from resultsdesk.desk.hexmap import map_data
from resultsdesk.domain.records import replace

SIZE = (700, 560)


# a seat verified, and the pieces of the map that then change: its fill; a gain's ring
# too; a close result's recount outline and its halo too
KINDS = {"hold": (lambda s: not s.gain_from and not s.close, ["hexes"]),
         "gain": (lambda s: s.gain_from and not s.close, ["hexes", "rings"]),
         "close": (lambda s: not s.gain_from and s.close, ["hexes", "halos", "marks"])}


@pytest.fixture(params=list(KINDS))
def verified(request, night_store) -> tuple[MapData, MapData, list[str]]:
    """The night before and after one more seat is verified (by a named party, no
    recount under way), and what changes on the map."""
    after = map_data(graphics.night_state(night_store))
    kind, changed = KINDS[request.param]
    i = next(i for i, s in enumerate(after.seats)
             if s.drawn and kind(s) and not (s.recount or s.tie) and after.named is not None
             and after.named.is_named(s.winner) and after.named.is_named(s.gain_from or "Lab"))
    seat = after.seats[i]
    awaited = replace(seat, status=AWAITING, winner=None, winner_colour=None, result="",
                      majority=None, majority_pct=None, close=False)
    before = replace(after, seats=(*after.seats[:i], awaited, *after.seats[i + 1:]),
                     declared=after.declared - 1)
    return before, after, changed


def _counted(artist, drawn: list) -> None:
    real = artist.draw

    def draw(renderer, _real=real, _artist=artist):
        drawn.append(_artist)
        return _real(renderer)

    artist.draw = draw


def test_one_seat_verified_records_only_what_it_changes_again(verified, monkeypatch):
    before, after, changed = verified
    chart = MapChart(figure(SIZE))
    chart.update(before)
    chart.pick(before.seats[0].code)  # a seat selected in the table: ringed throughout
    frames = Frames(chart.figure)
    renderer = chart.figure.canvas.get_renderer()
    frames.draw(renderer)
    assert frames.stats.full
    drawn: list = []
    pieces = {"hexes": chart.hexes, "outlines": chart.outlines, "rings": chart.rings,
              "halos": chart.halos, "marks": chart.marks, "pick ring": chart.pick_ring,
              "pick halo": chart.pick_halo, "keys' ring": chart.cursor.artist}
    for artist in pieces.values():
        _counted(artist, drawn)
    measured = []
    real_extents = Path.get_extents

    def extents(path, transform=None, **kwargs):
        if transform is None:  # a path's own bounds, as a collection's element (recorder)
            measured.append(path)
        return real_extents(path, transform, **kwargs)

    monkeypatch.setattr(Path, "get_extents", extents)

    chart.update(after)
    frames.draw(renderer)

    assert not frames.stats.full
    names = {id(a): name for name, a in pieces.items()}
    assert [names[id(a)] for a in drawn] == changed
    assert measured == []  # the hexes' shapes are those of the frame before
    fresh = MapChart(figure(SIZE))
    fresh.update(after)
    fresh.pick(before.seats[0].code)
    fresh.figure.canvas.draw()
    assert np.array_equal(np.asarray(renderer.buffer_rgba()),
                          np.asarray(fresh.figure.canvas.get_renderer().buffer_rgba()))
