"""charts.frames and straight-edged shapes: Agg snaps bars, rules and boxes to the pixel
grid, so a move of less than a pixel draws nothing, and a bar that grows is drawn again
only near the edge that moved; the picture stays the one a full draw gives, pixel for
pixel (headless, on Agg)."""

from __future__ import annotations

import random

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from resultsdesk.charts._pixels import box_of, edge_damage, snapped
from resultsdesk.charts.frames import Frames

SIZE = (640, 420)


def bars_figure(widths, **bar) -> tuple[Figure, list]:
    fig = Figure(figsize=(SIZE[0] / 100, SIZE[1] / 100), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    bars = list(ax.barh(range(len(widths)), widths, height=0.66,
                        **{"edgecolor": "#333333", "linewidth": 0.8, **bar}))
    ax.set_xlim(0, 40)
    ax.set_ylim(len(widths) - 0.45, -0.55)
    ax.axvline(20.3, color="#999999", linewidth=1.2)
    return fig, bars


def full(widths, **bar) -> np.ndarray:
    fig, _ = bars_figure(widths, **bar)
    fig.canvas.draw()
    return np.asarray(fig.canvas.get_renderer().buffer_rgba()).copy()


def drawn(fig: Figure, frames: Frames) -> np.ndarray:
    frames.draw(fig.canvas.get_renderer())
    return np.asarray(fig.canvas.get_renderer().buffer_rgba())


PX_PER_UNIT = 0.8 * SIZE[0] / 40  # the bars' scale: 12.8 pixels a unit


def test_a_bar_moved_less_than_a_pixel_draws_nothing():
    widths = [34.7, 24.8, 12.2, 1.3]
    fig, bars = bars_figure(widths)
    frames = Frames(fig)
    drawn(fig, frames)
    # 34.7 units end at pixel 64 + 444.16; a hundredth of a unit is 0.128 px: the same
    # pixel once snapped.
    bars[0].set_width(34.71)
    drawn(fig, frames)
    assert frames.stats.calls == 0 and frames.stats.rects == []
    assert np.array_equal(drawn(fig, frames), full([34.71, 24.8, 12.2, 1.3]))


def test_a_bar_that_grows_is_drawn_again_only_near_its_end():
    widths = [34.7, 24.8, 12.2, 1.3]
    fig, bars = bars_figure(widths)
    frames = Frames(fig)
    drawn(fig, frames)
    bars[0].set_width(35.0)  # 3.84 pixels longer
    pixels = drawn(fig, frames)
    assert not frames.stats.full
    area = sum((r[2] - r[0]) * (r[3] - r[1]) for r in frames.stats.rects)
    bar_height = 0.66 * 0.8 * SIZE[1] / 4
    assert area < 20 * (bar_height + 12), frames.stats.rects  # a band, not the bar
    assert np.array_equal(pixels, full([35.0, 24.8, 12.2, 1.3]))


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("look", [{}, {"fill": False}, {"hatch": "//"},
                                  {"linestyle": "--"}, {"linewidth": 2.6}])
def test_bars_moving_by_any_amount_match_a_full_draw(seed, look):
    rng = random.Random(seed)
    widths = [rng.uniform(0.5, 39) for _ in range(5)]
    fig, bars = bars_figure(widths, **look)
    ys = [b.get_y() for b in bars]
    frames = Frames(fig)
    drawn(fig, frames)
    for _ in range(12):
        i = rng.randrange(len(widths))
        step = rng.choice([0.004, 0.03, 0.07, 0.5, 3.0, -0.02, -0.6])
        widths[i] = min(45.0, max(0.01, widths[i] + step))  # past the axes: clipped
        bars[i].set_width(widths[i])
        if rng.random() < 0.3:  # a bar moving up or down a little
            j = rng.randrange(len(widths))
            ys[j] += rng.choice([0.002, 0.05])
            bars[j].set_y(ys[j])
        want_fig, want_bars = bars_figure(widths, **look)
        for bar, y in zip(want_bars, ys, strict=True):
            bar.set_y(y)
        want_fig.canvas.draw()
        want = np.asarray(want_fig.canvas.get_renderer().buffer_rgba())
        assert np.array_equal(drawn(fig, frames), want), (seed, look, widths)


def test_what_agg_would_not_snap_is_compared_exactly():
    fig = Figure(figsize=(SIZE[0] / 100, SIZE[1] / 100), dpi=100)
    FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    gc = renderer.new_gc()

    def pixels_of(patch, face=(1, 0, 0, 1)):
        fig.add_artist(patch)
        t = patch.get_transform()
        gc.set_snap(patch.get_snap())
        return snapped(patch.get_path(), t.get_affine(), gc, face, renderer.width,
                       renderer.height)

    level = pixels_of(Rectangle((0.1, 0.1), 0.3, 0.2, transform=fig.transFigure))
    assert level is not None and box_of(level) is not None
    turned = Rectangle((0.1, 0.1), 0.3, 0.2, angle=20, transform=fig.transFigure)
    assert pixels_of(turned) is None  # slanted edges: Agg does not snap them
    never = Rectangle((0.1, 0.1), 0.3, 0.2, transform=fig.transFigure, snap=False)
    assert pixels_of(never) is None
    # An outline (no face) reaching past the canvas: Agg clips it first.
    outside = Rectangle((-0.2, 0.1), 0.3, 0.2, transform=fig.transFigure)
    assert pixels_of(outside, face=None) is None
    assert pixels_of(outside) is not None  # filled: Agg does not clip a fill


def test_a_band_covers_the_edges_that_moved():
    height = 400
    old, new = (10, 100, 200, 130), (10, 100, 204, 130)  # the right edge, 4 px
    (band,) = edge_damage(old, new, 3.0, height)
    assert band == (197.0, height - 133.0, 207.0, height - 97.0)
    moved = edge_damage((10, 100, 200, 130), (12, 101, 200, 130), 3.0, height)
    assert len(moved) == 2  # the left edge and the top one
