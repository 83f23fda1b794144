"""Bars made as `Axes.bar` and `Axes.barh` make them, without growing the Axes' data limits.

`Axes.add_patch` works out each new patch's extent in data units so that autoscaling can
fit it (`_update_patch_limits`: the patch's path walked as Bézier segments through its
transform less `transData`): about 0.6 ms a bar, two thirds of `Axes.bar`, ~20 ms for the
seat chart's two dozen bars each time a chart is built (the first window, every export).
The charts here never autoscale: each sets its view limits in its layout before it draws
(`set_xlim`, `set_ylim`), so those extents were never read. Each bar is the Rectangle
`Axes.bar` makes (the same corner, size, colours, label, hatch and properties), added with
`add_artist`, which does everything `add_patch` does but that.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle

NO_LEGEND = "_nolegend_"  # as `Axes.bar` labels each bar


def bars(ax: Axes, places: Sequence[float], thickness: float, *, horizontal: bool = False,
         color: Any = None, edgecolor: Any = None, **props: Any) -> list[Rectangle]:
    """Zero-length bars centred on `places` (x for upright bars, y for `horizontal`),
    `thickness` across, as `ax.bar(places, 0, width=thickness, ...)` or
    `ax.barh(places, 0, height=thickness, ...)` would add them (their face the property
    cycle's next colour unless `color` says); `props` are further Rectangle properties
    (linewidth, hatch, zorder, ...)."""
    face = color if color is not None else ax._get_patches_for_fill.get_next_color()
    face = to_rgba(face)
    edge = None if edgecolor is None else to_rgba(edgecolor)
    hatch = props.pop("hatch", None)
    linewidth = props.pop("linewidth", None)
    out = []
    for place in places:
        start = place - thickness / 2
        if horizontal:
            r = Rectangle((0, start), 0, thickness, facecolor=face, edgecolor=edge,
                          linewidth=linewidth, label=NO_LEGEND, hatch=hatch)
        else:
            r = Rectangle((start, 0), thickness, 0, facecolor=face, edgecolor=edge,
                          linewidth=linewidth, label=NO_LEGEND, hatch=hatch)
        r._internal_update(props)
        (r.sticky_edges.x if horizontal else r.sticky_edges.y).append(0)
        ax.add_artist(r)
        out.append(r)
    return out
