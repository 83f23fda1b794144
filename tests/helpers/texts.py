"""What the clipping checks of charts and exports look at."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.text import Text

from resultsdesk.charts._stage import stages


def drawn_texts(fig: Figure) -> list[Text]:
    """Every visible, non-empty text: figure texts, axes and stage texts, tick labels."""
    texts = list(fig.texts)
    for stage in stages(fig):
        texts += [a for a in stage.get_children() if isinstance(a, Text)]
    for ax in fig.axes:
        texts += ax.texts
        if ax.axison:
            for axis in (ax.xaxis, ax.yaxis):
                if axis.get_visible():
                    texts += axis.get_majorticklabels()
    return [t for t in texts if t.get_visible() and t.get_text().strip()]
