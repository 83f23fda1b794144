"""Where Agg puts a path's pixels, worked out without drawing it (for `charts._recording`).

Agg snaps a straight-edged path (a bar, a rule, a box) to the pixel grid before it fills
and strokes it: each vertex, once transformed to the canvas, goes to `floor(v + 0.5)`
(plus half a pixel for an odd pen). Two such paths whose vertices snap to the same pixels
draw the same pixels, whatever fraction of a pixel lies between them: a vote share's bar
that grew by a third of a pixel is not drawn again. And when a snapped box moves only some
of its edges (a bar growing), only the pixels near those edges change.

Everything here follows matplotlib's Agg renderer exactly (`_backend_agg.h` `draw_path`:
the transform, then the canvas flip, then `PathClipper`, then `PathSnapper`), in the same
floating-point order, and says "not snapped" (None) whenever a case is not followed
(curves, NaN, vertices beyond the canvas on a path Agg clips, ...): the caller then
compares the exact transform, as before, which is never wrong, only less often equal.
"""

from __future__ import annotations

import math
from itertools import pairwise

from matplotlib.path import Path
from matplotlib.transforms import Bbox

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in display pixels (y up)

# Followed here: paths this small (bars, rules, boxes; Agg's own limit for snapping of
# its own accord is 1,024), with only these codes.
MOST_VERTICES = 16
MOVETO, LINETO, CLOSEPOLY = int(Path.MOVETO), int(Path.LINETO), int(Path.CLOSEPOLY)
FOLLOWED = (MOVETO, LINETO, CLOSEPOLY)
STRAIGHT_TOL = 1e-4  # how far off level or plumb a segment Agg still calls straight


def extents(path, transform) -> Box:
    """A box around `path` through `transform` in display pixels: the ends of its
    segments (a closing or stopping code's vertex is not one) and, for curves, their
    control points, which hold the curve (so the box may be a little generous, never
    short), without making the transformed path."""
    if not transform.is_affine:
        return tuple(path.get_extents(transform).extents)
    v = path.vertices
    codes = path.codes
    if codes is not None:
        v = v[(codes != Path.CLOSEPOLY) & (codes != Path.STOP)]
    if not len(v):
        return tuple(Bbox.null().extents)
    xy = transform.transform(v)
    return (*xy.min(axis=0), *xy.max(axis=0))


def snapped(path, transform, gc, rgb_face, width: int, height: int) -> tuple | None:
    """The pixels ((x, y) ints, x right, y down) Agg snaps the drawn vertices of a small
    `path` to, or None when it would not snap them (or this cannot be sure)."""
    mode = gc.get_snap()
    v = path.vertices
    if mode is False or not 0 < len(v) <= MOST_VERTICES or not transform.is_affine:
        return None
    codes = None if path.codes is None else path.codes.tolist()
    if codes is not None and (codes[0] != MOVETO or any(
            k not in FOLLOWED or (k == LINETO and j == CLOSEPOLY)
            for j, k in pairwise(codes))):
        # Curves or Agg's stop; and after a CLOSEPOLY Agg compares the next line with
        # that code's own (untransformed) vertex: not followed here.
        return None
    (a, c, e), (b, d, f) = transform.get_matrix()[:2].tolist()
    # As Agg's trans_affine with the canvas flip folded in (agg multiplies it in: the
    # same numbers), in its order: x * sx + y * shx + tx.
    ty = height - f
    pts = [(x * a + y * c + e, x * -b + y * -d + ty)
           for i, (x, y) in enumerate(v.tolist()) if codes is None or codes[i] != CLOSEPOLY]
    if not all(math.isfinite(x) and math.isfinite(y) for x, y in pts):
        return None
    face = False  # as Agg's convert_face: whether it fills at all
    if rgb_face is not None:
        face = (gc.get_alpha() if gc.get_forced_alpha() or len(rgb_face) == 3
                else rgb_face[3]) != 0
    if not face and gc.get_hatch() is None and not all(
            -1 <= x <= width + 1 and -1 <= y <= height + 1 for x, y in pts):
        return None  # an outline Agg clips to the canvas: its new ends are not followed
    if mode is None and not _straight(pts, codes):
        return None
    return tuple((math.floor(x + 0.5), math.floor(y + 0.5)) for x, y in pts)


def _straight(pts: list[tuple[float, float]], codes: list[int] | None) -> bool:
    """Every line level or plumb (within Agg's tolerance), the closing ones too (stricter
    than Agg, which does not look at those: never called snapped when Agg would not)."""
    drawn = [k for k in codes if k != CLOSEPOLY] if codes is not None else None
    first = 0
    for i in range(len(pts) + 1):
        if i == len(pts) or (i and drawn is not None and drawn[i] == MOVETO):
            ends = (pts[i - 1], pts[first])  # the figure's last point back to its first
            if not _level_or_plumb(*ends):
                return False
            first = i
            continue
        if i > first and not _level_or_plumb(pts[i - 1], pts[i]):
            return False
    return True


def _level_or_plumb(p: tuple[float, float], q: tuple[float, float]) -> bool:
    return abs(p[0] - q[0]) < STRAIGHT_TOL or abs(p[1] - q[1]) < STRAIGHT_TOL


def box_of(pixels: tuple | None) -> tuple[int, int, int, int] | None:
    """The snapped corners of a path that is one level-and-plumb box (x0, top, x1, bottom
    in Agg's pixels, y down), else None."""
    if pixels is None or not 4 <= len(pixels) <= 5 or len(set(pixels)) != 4:
        return None
    xs, ys = {p[0] for p in pixels}, {p[1] for p in pixels}
    if len(xs) != 2 or len(ys) != 2:
        return None
    return min(xs), min(ys), max(xs), max(ys)


def edge_damage(old: tuple[int, int, int, int], new: tuple[int, int, int, int],
                pad: float, height: int) -> list[Box]:
    """Where a snapped box drawn with the same pen and colours changes pixels when its
    edges move from `old` to `new` (Agg's pixels, y down): a band along each edge that
    moved, from its old place to its new one, `pad` wide beyond (the pen and antialiasing),
    across both boxes. Anywhere else each pixel sees the same edges and is unchanged.
    Returned in display pixels (y up), as the recorder's boxes."""
    lo_x, hi_x = min(old[0], new[0]) - pad, max(old[2], new[2]) + pad
    lo_y, hi_y = min(old[1], new[1]) - pad, max(old[3], new[3]) + pad
    out: list[Box] = []
    for i in (0, 2):  # the left and right edges
        if old[i] != new[i]:
            a, b = sorted((old[i], new[i]))
            out.append((a - pad, height - hi_y, b + pad, height - lo_y))
    for i in (1, 3):  # the top and bottom edges
        if old[i] != new[i]:
            a, b = sorted((old[i], new[i]))
            out.append((lo_x, height - (b + pad), hi_x, height - (a - pad)))
    return out
