"""The map exported for an overlay (`--transparent`): nothing painted in the background's
colour. The hexes were parted by lines of it, and the recount outlines ringed by halos of
it: over the video behind, a honeycomb in the theme's navy (broadcast) or white. For an
overlay the hexes are shrunk apart, the gaps left empty, and the outlines have no halo; the
chart on screen is drawn as before once the export is done."""

from __future__ import annotations

import numpy as np
import pytest
from helpers.screens import figure
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from PIL import Image

from resultsdesk.charts import BROADCAST, LIGHT
from resultsdesk.charts.export import render
from resultsdesk.charts.map import MapChart
from resultsdesk.desk import graphics
from resultsdesk.desk.hexmap import map_data


def _pixels(chart: MapChart) -> np.ndarray:
    canvas = FigureCanvasAgg(chart.figure)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


@pytest.mark.parametrize("theme", [BROADCAST, LIGHT], ids=["broadcast", "light"])
def test_a_transparent_map_paints_nothing_in_the_backgrounds_colour(night_store, tmp_path,
                                                                    theme):
    night = graphics.night_state(night_store)
    chart = MapChart(figure((900, 700)), theme=theme)
    chart.update(map_data(night))
    assert chart.halos.get_edgecolors()[:, 3].any()  # close seats outlined on halos
    on_screen = _pixels(chart)

    image = np.asarray(Image.open(render(chart, tmp_path / "map.png", "hd",
                                         transparent=True)).convert("RGBA")).astype(int)
    ground = np.array([round(255 * c) for c in to_rgb(theme.background)])
    painted = (np.abs(image[..., :3] - ground).max(axis=-1) <= 8) & (image[..., 3] > 200)
    assert painted.sum() == 0
    # the gaps between hexes are see-through: along a row of the map, between the first
    # and the last hex, clear pixels part the hexes
    seen = image[..., 3] > 0
    rows = [r for r in range(image.shape[0]) if seen[r].sum() > image.shape[1] // 3]
    row = seen[rows[len(rows) // 2]]
    inside = row[np.argmax(row):len(row) - np.argmax(row[::-1])]
    assert (~inside).sum() > 10

    assert np.array_equal(_pixels(chart), on_screen)  # the screen's as it was
