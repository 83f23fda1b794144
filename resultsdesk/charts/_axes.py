"""Axes for a chart that never shows an axis (the chamber): matplotlib's own, except that
the axes' tick objects are made when something first asks for them, not while the axes
are set up.

matplotlib makes a prototype tick on each axis (two lines, a grid line and two labels,
each with its font) the moment the axes is created, to apply the clip path and tick
styles to it; for a chart whose axes are off they are never drawn nor measured, yet they
were a quarter of building a chart, which every export does. Here those calls record
their settings as matplotlib's own code does (`_major_tick_kw`, from which every tick is
made), with the lists of ticks standing empty while they run, and a tick made later gets
the clip path too: the same ticks, made on first use.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.axis import XAxis, YAxis

TICK_LISTS = ("majorTicks", "minorTicks")  # matplotlib makes each on first reading


class _LazyTicks:
    """An axis that makes no tick until one is asked for (see the module's docstring)."""

    _tick_clip: tuple | None = None

    def _not_making_ticks(self, call):
        """Run `call` (matplotlib's own method) with the tick lists not made yet standing
        empty, so it records its settings without making a tick to apply them to."""
        placeholders = {name: [] for name in TICK_LISTS if name not in vars(self)}
        vars(self).update(placeholders)
        try:
            return call()
        finally:
            for name, empty in placeholders.items():
                if vars(self).get(name) is empty and not empty:
                    del vars(self)[name]  # back to being made on first use

    def set_clip_path(self, path, transform=None):
        self._tick_clip = (path, transform)
        self._not_making_ticks(lambda: super(_LazyTicks, self).set_clip_path(path, transform))

    def set_tick_params(self, which="major", reset=False, **kwargs):
        self._not_making_ticks(
            lambda: super(_LazyTicks, self).set_tick_params(which, reset, **kwargs))

    def _get_tick(self, major):
        tick = super()._get_tick(major)
        if self._tick_clip is not None:  # as `set_clip_path` does to the ticks it finds
            tick.set_clip_path(*self._tick_clip)
        return tick


class _XAxis(_LazyTicks, XAxis):
    pass


class _YAxis(_LazyTicks, YAxis):
    pass


class BareAxes(Axes):
    """`Axes` whose x and y axes make their ticks on first use (for a chart that turns its
    axes off: they are never made)."""

    def _init_axis(self):
        # As matplotlib's own (the hook its custom projections override), with our axes.
        self.xaxis = _XAxis(self, clear=False)
        self.spines.bottom.register_axis(self.xaxis)
        self.spines.top.register_axis(self.xaxis)
        self.yaxis = _YAxis(self, clear=False)
        self.spines.left.register_axis(self.yaxis)
        self.spines.right.register_axis(self.yaxis)
