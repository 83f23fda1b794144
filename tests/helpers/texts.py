"""What the clipping checks of charts and exports look at."""

from __future__ import annotations

import itertools

from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.text import Text

from resultsdesk.charts._stage import stages
from resultsdesk.charts.textfit import ELLIPSIS


def strings_drawn(chart) -> list[str]:
    """The strings a chart draws on a 1366 x 768 screen's canvas, in drawing order."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = chart.figure
    fig.set_size_inches(13.66, 7.68)
    FigureCanvasAgg(fig).draw()
    return [t.get_text() for t in drawn_texts(fig)]


def drawn_texts(fig: Figure) -> list[Text]:
    """Every visible, non-empty text: figure texts, visible axes' and stages' texts, tick
    labels."""
    texts = list(fig.texts)
    for stage in stages(fig):
        texts += [a for a in stage.get_children() if isinstance(a, Text)]
    for ax in fig.axes:
        if not ax.get_visible():  # not drawn, nor anything in it
            continue
        texts += ax.texts
        if ax.axison:
            for axis in (ax.xaxis, ax.yaxis):
                if axis.get_visible():
                    texts += axis.get_majorticklabels()
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def layout_problems(fig: Figure, renderer: RendererBase, place: str = "the canvas") -> list[str]:
    """Texts drawn outside the figure (`place` names it in the message), or overlapping
    another, as `renderer` last laid them out (half a pixel of slack either way)."""
    frame = fig.bbox.frozen()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in drawn_texts(fig)]
    problems = []
    for text, bb in boxes:
        if not (bb.x0 >= frame.x0 - 0.5 and bb.y0 >= frame.y0 - 0.5
                and bb.x1 <= frame.x1 + 0.5 and bb.y1 <= frame.y1 + 0.5):
            problems.append(f"{text!r} leaves {place}: {bb.bounds}")
    for (ta, a), (tb, b) in itertools.combinations(boxes, 2):
        if a.x0 < b.x1 - 0.5 and b.x0 < a.x1 - 0.5 and a.y0 < b.y1 - 0.5 and b.y0 < a.y1 - 0.5:
            problems.append(f"{ta!r} overlaps {tb!r}")
    return problems


def shown_words(fig: Figure) -> list[str]:
    """What each drawn text says, its lines joined by spaces (a wrapped label reads as one)."""
    return [" ".join(t.get_text().split("\n")) for t in drawn_texts(fig)]


def cut_short(fig: Figure) -> list[str]:
    """Drawn texts cut short with an ellipsis."""
    return [s for s in shown_words(fig) if ELLIPSIS in s]
