"""The chamber's dots: one circle at one size, placed at every seat, each seat its own
colours (`SeatDots`, a `PathCollection` as `scatter` makes).

They draw as the collection they are (one `draw_path_collection` call: on screen each dot
at its exact place, and the incremental frames redraw only the dots that changed; PNG and
PDF as before), except for a writer that asks for markers a group at a time
(`MARKER_GROUPS`: the SVG writer of exports, `charts._svg`). That one gets one
`draw_markers` call per look (fill, outline and its width): it defines the circle once,
places it per seat and writes each look once, where matplotlib's writer works each seat's
style out again for every element of a collection (most of an SVG's time at 650 seats).
Vector places are exact either way, so the picture is the same.
"""

from __future__ import annotations

import numpy as np
from matplotlib import artist
from matplotlib.collections import PathCollection
from matplotlib.path import Path
from matplotlib.transforms import Affine2D

MARKER_GROUPS = "draws_marker_groups"  # a renderer attribute: True to be given groups


def _marker_groups(renderer) -> bool:
    # Through a MixedModeRenderer this is its vector writer's attribute (its raster
    # stand-in, for rasterised artists, has none); through `frames`' recorder, Agg's.
    return getattr(renderer, MARKER_GROUPS, False) is True


class SeatDots(PathCollection):
    """One path (the unit circle), one size, a face colour, edge colour and outline width
    per seat; set them as on any collection (`set_facecolors`, ...)."""

    @artist.allow_rasterization
    def draw(self, renderer) -> None:
        if not _marker_groups(renderer) or not self.get_visible():
            super().draw(renderer)
            return
        self.set_sizes(self._sizes, self.get_figure(root=True).dpi)
        renderer.open_group(type(self).__name__, self.get_gid())
        for gc, marker, marker_trans, at, offset_trans, face in self.marker_groups(renderer):
            renderer.draw_markers(gc, marker, marker_trans, at, offset_trans, face)
            gc.restore()
        renderer.close_group(type(self).__name__)
        self.stale = False

    def marker_groups(self, renderer):
        """(gc, marker path, its transform, places, their transform, face) for each look,
        in the order each look first appears left to right: what `draw_markers` takes.
        The seats' own properties, grouped as `draw_path_collection` would apply them."""
        transform, offset_trans, offsets, paths = self._prepare_points()
        n = len(offsets)
        if not n or not len(paths):
            return
        trans = self.get_transforms()
        marker_trans = (Affine2D(trans[0]) + transform if len(trans) else transform).frozen()
        face = _per_seat(self.get_facecolor(), n)
        edge = _per_seat(self.get_edgecolor(), n)
        width = _per_seat(np.asarray(self.get_linewidth(), dtype=float).reshape(-1, 1), n)
        # As the collection draws: no fill where the face is fully transparent, no
        # stroke where the edge is.
        no_fill = face[:, 3] == 0
        face[no_fill] = 0.0
        width[edge[:, 3] == 0] = 0.0
        edge[width[:, 0] == 0] = 0.0
        dashes = self.get_linestyle()[0]
        for look, seats in _looks(np.hstack([face, edge, width])):
            gc = renderer.new_gc()
            self._set_gc_clip(gc)
            gc.set_snap(self.get_snap())
            gc.set_antialiased(bool(self.get_antialiased()[0]))
            gc.set_url(self.get_urls()[0])
            gc.set_linewidth(float(look[8]))
            gc.set_dashes(*dashes)
            if look[8]:
                gc.set_foreground(tuple(look[4:8]), isRGBA=True)
            places = Path(offsets[seats], closed=False)
            fill = None if look[3] == 0 else tuple(look[:4])
            yield gc, paths[0], marker_trans, places, offset_trans, fill


def _looks(rows: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each distinct row (a look) and the seats that have it, in the order each look
    first appears; rows equal as numbers are one look (as `np.unique` finds them: here
    by their bytes, -0.0 made 0.0 first, a dict over 650 rows being a fifth of the
    time of its sort)."""
    rows = np.ascontiguousarray(rows + 0.0)
    keys = rows.view(np.dtype((np.void, rows.itemsize * rows.shape[1]))).ravel()
    seats: dict[bytes, list[int]] = {}
    for i, key in enumerate(keys.tolist()):
        seats.setdefault(key, []).append(i)
    return [(rows[group[0]], np.array(group)) for group in seats.values()]


def _per_seat(values, n: int) -> np.ndarray:
    """One row per seat from a property that has one row, or one per seat."""
    a = np.asarray(values, dtype=float)
    a = a.reshape(len(a), -1) if len(a) else np.zeros((1, 4))
    return np.array(a[np.arange(n) % len(a)], dtype=float)
