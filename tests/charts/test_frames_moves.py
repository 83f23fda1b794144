"""charts.frames on screen (with a text tolerance): a label that only moved (a bar's value
beside a bar that grew, a key re-flowed) is drawn again at its new place from its kept
drawing, not laid out again, and lands where a full draw puts it (headless, on Agg)."""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from resultsdesk.charts.frames import Frames

SIZE = (640, 420)


def labelled(x: float, boxed: bool = False) -> tuple[Figure, object]:
    fig = Figure(figsize=(SIZE[0] / 100, SIZE[1] / 100), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.1, 0.1, 0.8, 0.8))
    ax.set_xlim(0, 40)
    ax.set_ylim(0, 2)
    label = ax.annotate("34.7%", (x, 1), (6, 0), textcoords="offset points", fontsize=12,
                        fontweight="bold", va="center_baseline", annotation_clip=False,
                        bbox={"facecolor": "#ffcc66"} if boxed else None)
    return fig, label


def moved_frame(fig: Figure, label, frames: Frames) -> int:
    """Artists recorded for moving `label` 5.9 pixels right (beyond the tolerance), beyond
    those a frame where nothing changed records (the axes' own, every frame)."""
    renderer = fig.canvas.get_renderer()
    frames.draw(renderer)
    frames.draw(renderer)
    still = frames.recorded
    label.xy = (20.37, 1)
    frames.draw(renderer)
    return frames.recorded - still


def pixels(fig: Figure) -> np.ndarray:
    return np.asarray(fig.canvas.get_renderer().buffer_rgba())


def test_a_moved_label_is_not_laid_out_again_and_lands_where_a_full_draw_puts_it():
    fig, label = labelled(20.0)
    frames = Frames(fig, text_tolerance=0.5)
    assert moved_frame(fig, label, frames) == 0  # moved, not drawn into the recorder
    assert label in frames.stats.redrawn
    want, _ = labelled(20.37)
    want.canvas.draw()
    assert np.array_equal(pixels(fig), pixels(want))


def test_a_label_with_a_box_is_drawn_again_in_full():
    fig, label = labelled(20.0, boxed=True)
    frames = Frames(fig, text_tolerance=0.5)
    assert moved_frame(fig, label, frames) == 1  # its box: laid out and drawn again


def test_without_a_tolerance_a_moved_label_is_drawn_as_a_full_draw_does():
    fig, label = labelled(20.0)
    assert moved_frame(fig, label, Frames(fig)) == 1
