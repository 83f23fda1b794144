"""A chart's box of artists placed in its own data units, with equal scales on both axes:
what the chamber draws in. It is the part of matplotlib's `Axes` the chamber used (a
position its chart's layout gives, view limits, `transData`, the box its artists were
clipped to) without the rest (two axis objects with their locators, formatters, labels
and ticks, four spines, three titles), none of which a chamber shows, and which were a
third of building one for every export.

Its numbers are the Axes' own: the same transforms composed the same way, the box shrunk
to the data's aspect as `Axes.apply_aspect` shrinks it, the same clip box, drawn inside
the same group, so a picture is the same to the byte. Its artists are gathered when it
draws, after its chart has laid itself out (an Axes' are too; a figure's before), so
the layout may still add one (the chamber key's list, on a tall canvas).
`charts.frames` draws its artists as it draws an Axes' (`stages`).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter

from matplotlib import artist
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.transforms import (
    Bbox,
    BboxTransformFrom,
    BboxTransformTo,
    IdentityTransform,
    TransformedBbox,
)

GROUP = "axes"  # the SVG group its artists are written in, as an Axes' were
ANCHOR = "C"  # where the box sits in the room its layout gives, shrunk to the aspect


class Stage(Artist):
    """Artists in data units on a box of the figure: `add(artist)`, `set_limits(...)`;
    `locator(stage, renderer)` (its chart's layout) gives the box (figure fractions)
    before each draw."""

    zorder = 0  # as an Axes: under the figure's own artists

    def __init__(self, figure: Figure,
                 locator: Callable[[Stage, object], Bbox]) -> None:
        super().__init__()
        self._locator = locator
        self._children: list[Artist] = []
        self._position = Bbox.from_bounds(0.05, 0.05, 0.9, 0.8)
        self.viewLim = Bbox.unit()
        self.bbox = TransformedBbox(self._position, figure.transSubfigure)
        # As `Axes._set_lim_and_transforms` for linear scales (whose scale transform is
        # the identity, exactly): the limits, then the box.
        self.transAxes = BboxTransformTo(self.bbox)
        self.transLimits = BboxTransformFrom(TransformedBbox(self.viewLim,
                                                             IdentityTransform()))
        self.transData = self.transLimits + self.transAxes
        figure.add_artist(self)

    # -- its artists --------------------------------------------------------------------
    def add(self, a: Artist, *, boxed: bool = True) -> Artist:
        """Add `a` (its transform already set). `boxed`: given the box as its clip, as
        an Axes gives its lines, collections and texts (honoured if `a.get_clip_on()`:
        a text made by `Axes.text` is not clipped); not an annotation's."""
        a.set_figure(self.get_figure(root=False))
        if boxed:
            a.set_clip_box(TransformedBbox(Bbox.unit(), self.transAxes))
        a.stale_callback = self._child_stale
        a._remove_method = self._children.remove
        self._children.append(a)
        self.stale = True
        return a

    def _child_stale(self, _a: Artist, val: bool) -> None:
        if val:
            self.stale = True  # and so its figure, to be drawn again

    def get_children(self) -> list[Artist]:
        return list(self._children)

    def drawn_children(self) -> list[Artist]:
        """What `draw` draws, in its order (by zorder, as added on a tie)."""
        saving = self.get_figure(root=True).canvas.is_saving()
        return sorted((a for a in self._children if saving or not a.get_animated()),
                      key=attrgetter("zorder"))

    # -- where it is ----------------------------------------------------------------------
    def set_limits(self, x0: float, x1: float, y0: float, y1: float) -> None:
        """The data shown, left to right and bottom to top (as `set_xlim`, `set_ylim`)."""
        if (x0, x1, y0, y1) != (*self.viewLim.intervalx, *self.viewLim.intervaly):
            self.viewLim.intervalx = (x0, x1)
            self.viewLim.intervaly = (y0, y1)
            self.stale = True

    def lay_out(self, renderer) -> None:
        """Its chart's layout (which places the figure's artists too), then its box: the
        room the layout gives, shrunk to the aspect of the limits (equal scales) and
        centred, as `Axes.apply_aspect` does for `set_aspect("equal", "box")`."""
        position = self._locator(self, renderer)
        figure_box = Bbox.unit().transformed(self.get_figure(root=False).transSubfigure)
        fig_aspect = figure_box.height / figure_box.width
        (x0, x1), (y0, y1) = self.viewLim.intervalx, self.viewLim.intervaly
        data_ratio = max(abs(y1 - y0), 1e-30) / max(abs(x1 - x0), 1e-30)
        room = position.frozen()
        box = room.shrunk_to_aspect(1.0 * data_ratio, room, fig_aspect)
        self._position.set(box.anchored(ANCHOR, room))

    def get_window_extent(self, renderer=None) -> Bbox:
        return self.bbox

    def data_at(self, x: float, y: float) -> tuple[float, float] | None:
        """The data point under display point (x, y) inside the box, else None (what a
        mouse event's `xdata`, `ydata` are over an Axes)."""
        if not self.bbox.contains(x, y):
            return None
        dx, dy = self.transData.inverted().transform((x, y))
        return float(dx), float(dy)

    @artist.allow_rasterization
    def draw(self, renderer) -> None:
        if not self.get_visible():
            return
        renderer.open_group(GROUP, gid=self.get_gid())
        self.lay_out(renderer)
        for a in self.drawn_children():
            a.draw(renderer)
        renderer.close_group(GROUP)
        self.stale = False


def stages(figure: Figure) -> list[Stage]:
    """The figure's stages, in the order they were added."""
    return [a for a in figure.artists if isinstance(a, Stage)]
