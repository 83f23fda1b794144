"""A provisional seat on the map (View > "Show provisional seats on charts") is told from an
undeclared one by a reader with any colour vision, on the map and in its key.

A provisional hex is its winner's colour washed towards the background, the same wash as
the undeclared grey's: where the winner's colour is a grey (the "Others" slate, the
independents') the fills come out alike, CIEDE2000 ΔE 1.5-3.6 (about 2 is the least seen
side by side), so the hex's outline (a washed colour that melts into the background is
outlined) is what tells them apart. The key's "Provisional: paler" swatch had the fill and
no outline: beside "Undeclared" it was ΔE 2.0 on every theme, under deuteranopia and
protanopia (Machado et al. 2009) too, a key whose two entries look the same."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.colors import to_rgb

from resultsdesk.charts import THEMES
from resultsdesk.charts.map import MapChart
from resultsdesk.charts.map_data import AWAITING, PROVISIONAL
from resultsdesk.desk import graphics
from resultsdesk.desk.hexmap import map_data
from resultsdesk.domain.records import replace

APART = 10.0  # ΔE00: two categories on a map, told apart at a glance, not side by side
# Machado, Oliveira and Fernandes (2009), severity 1, on linear RGB
VISIONS = {
    "normal": np.eye(3),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
}


def _lab(colour, vision) -> tuple[float, float, float]:
    c = np.array(to_rgb(colour[:3] if isinstance(colour, tuple) else colour))
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    lin = np.clip(VISIONS[vision] @ lin, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ lin / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def delta_e(a, b, vision="normal") -> float:
    """CIEDE2000 between two colours as `vision` sees them."""
    return ciede2000(_lab(a, vision), _lab(b, vision))


def ciede2000(lab1, lab2) -> float:
    """CIEDE2000 (Sharma, Wu and Dalal 2005) between two CIELAB colours."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    cb = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(cb ** 7 / (cb ** 7 + 25 ** 7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1, h2 = (math.degrees(math.atan2(y, x)) % 360 for x, y in ((a1, b1), (a2, b2)))
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    big_dh = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    lb, cbp = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        hb = h1 + h2
    elif abs(h1 - h2) <= 180:
        hb = (h1 + h2) / 2
    else:
        hb = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(hb - 30)) + 0.24 * math.cos(math.radians(2 * hb))
         + 0.32 * math.cos(math.radians(3 * hb + 6)) - 0.20 * math.cos(math.radians(4 * hb - 63)))
    sl = 1 + 0.015 * (lb - 50) ** 2 / math.sqrt(20 + (lb - 50) ** 2)
    sc, sh = 1 + 0.045 * cbp, 1 + 0.015 * cbp * t
    rt = (-math.sin(math.radians(60 * math.exp(-(((hb - 275) / 25) ** 2))))
          * 2 * math.sqrt(cbp ** 7 / (cbp ** 7 + 25 ** 7)))
    return math.sqrt(((l2 - l1) / sl) ** 2 + ((c2 - c1) / sc) ** 2 + (big_dh / sh) ** 2
                     + rt * ((c2 - c1) / sc) * (big_dh / sh))


def test_delta_e_is_ciede2000():
    """Sharma, Wu and Dalal's test pairs 1, 7 and 17; then through Lab made from sRGB."""
    assert ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert ciede2000((50, 0, 0), (50, -1, 2)) == pytest.approx(2.3669, abs=1e-4)
    assert ciede2000((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)
    assert delta_e("#777777", "#777777") == 0
    assert delta_e("#000000", "#ffffff") == pytest.approx(100.0, abs=0.1)
    assert 0 < delta_e("#0000ff", "#0000f0") < delta_e("#0000ff", "#0000c0")


def _early(night_store):
    """Every seat awaited but one provisional seat folded into "Others" (Foyle, the
    SDLP's) and one independent's (Leicester South), shown."""
    data = map_data(graphics.night_state(night_store), show_provisional=True)
    pick = {"Foyle", "Leicester South"}
    assert data.folds("SDLP") and not data.folds("Ind")
    seats = tuple(replace(s, status=PROVISIONAL) if s.name in pick else
                  replace(s, status=AWAITING, winner=None, winner_colour=None, gain_from=None,
                          gain_colour=None, recount=False, close=False)
                  for s in data.seats)
    return replace(data, seats=seats, declared=0, provisional_shown=2)


def _apart(fill, edge, neutral) -> list[tuple[str, float]]:
    """The visions under which neither the hex's fill nor its rim stands apart from the
    undeclared fill."""
    out = []
    for vision in VISIONS:
        best = max(delta_e(c, neutral, vision) for c in (fill, edge) if c is not None)
        if best < APART:
            out.append((vision, round(best, 1)))
    return out


@pytest.mark.parametrize("theme", list(THEMES))
def test_a_provisional_seat_is_told_from_an_undeclared_one(night_store, theme):
    chart = MapChart(theme=THEMES[theme])
    chart.set_footer(as_of="01:00")
    data = _early(night_store)
    chart.update(data)
    faces, edges = chart.hexes.get_facecolors(), chart.outlines.get_edgecolors()
    neutral = tuple(chart.neutral())
    failures = []
    for i, s in enumerate(data.seats):
        if s.status != PROVISIONAL:
            continue
        edge = tuple(edges[i]) if edges[i][3] > 0 else None
        for vision, de in _apart(tuple(faces[i]), edge, neutral):
            failures.append((s.name, s.winner, vision, de))
    assert failures == []
    key = {e.label.split(" ")[0]: e for e in chart.legend_entries}
    paler, undeclared = key["Provisional:"], key["Undeclared"]
    assert undeclared.edge is None
    assert _apart(paler.face, paler.edge, undeclared.face) == []
