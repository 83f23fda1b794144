"""The Timeline's majority line labels (split from timeline.py): "326 for a majority" above
the line, and the crossing ("Con majority 05:05") beside the dot under it, each kept clear
of the parties' lines and end labels (`MajorityLabels`, a part of `TimelineChart`)."""

from __future__ import annotations

from bisect import bisect_right

from ._base import extent, put
from .textfit import fit_lines, wrapped

LINE_PT = 3.0  # a party's running total
MARKER_PAD = 0.25  # the crossing's ground beyond its words, in ems
# The crossing's label from the crossing, in points: beside the dot (5 points across) and
# under the majority line, its ground clear of both
MARKER_OFFSET = (8, 8)
END_GAP = 6  # points between a line's end and its label
RULE_PT = 1.6  # the majority line


class MajorityLabels:
    """`TimelineChart`'s placing of the majority line's labels, at each layout."""

    def _fit_rule_labels(self, renderer, left: float, right: float, y0: float,
                         y1: float, edge: float) -> None:
        """The majority line's two labels kept clear of the end labels, of the lines and of
        each other, in the running totals' panel (`left` to `right`, `y0` to `y1` pixels;
        the crossing's may run on to `edge` where no end label is beside it): each at its
        theme size, else on two lines, else smaller (textfit's rule), else shorter. In a
        dock the crossing ("Con majority 05:05") ran on over the end labels, and "326 for
        a majority" on past the crossing, where the winner's line rises through it.

        "326 for a majority" sits above the line, left of the crossing: no party is above
        the line before it. The crossing sits under the line beside it (_crossing_place),
        on its own ground: a line it must cross is hidden under it rather than its words."""
        th, px, span = self._th, self._px, max(self._span, 1e-9)
        line_y = y0 + (y1 - y0) * self._line_share(self.majority_rule.get_ydata()[0])
        gap = px(renderer, MARKER_OFFSET[0])
        cx = None if self._crossing_x is None else \
            left + (right - left) * min(max(self._crossing_x / span, 0.0), 1.0)
        # "326 for a majority": up to the crossing (the dot and a gap short of it)
        room = (right if cx is None else cx - gap) - left - px(renderer, 4)
        above = y1 - line_y - px(renderer, 3)
        label = self.majority_label
        fit_lines(label, renderer, self._majority_full, th.small_size, max(room, 1.0),
                  th.small_size, sep=" ", lines=2, wrap_below=th.small_size, cut=False)
        w, h = extent(label, renderer)
        figure = self._majority_full.split(" ")[0]  # "326": only where shorter or narrower
        if w > room + 0.5 or h > max(above, extent(label, renderer, figure)[1]) + 0.5:
            fit_lines(label, renderer, figure, th.small_size, max(room, 1.0), th.small_size,
                      cut=False)
        if cx is None or not self._marker_full:
            return
        side, shown, size, drop = self._crossing_place(renderer, cx, line_y,
                                                       (left, right, edge), (y0, y1))
        shift = 0.0
        if side == "left":  # clear of the winner's climb, not over it (_left_clear)
            spans = (left, right), (y0, y1)
            cleared = self._left_clear(renderer, cx, line_y, *spans, (shown, size, drop))
            time = self._marker_full.split(" ")[-1]
            if cleared is None and shown != time:
                # The words hide a line wherever they go left of the crossing (a laptop's
                # dock at the majority moment: "Con majority / 05:05" lay over both Con's
                # and Labour's climb): the time alone, as where no place is clear right.
                cleared = self._left_clear(renderer, cx, line_y, *spans,
                                           (time, th.small_size, drop))
            shift, size, shown, drop = cleared if cleared is not None else (
                0.0, *((size, shown) if shown == time else (th.small_size, time)), drop)
        marker = self.marker_text
        if marker.get_text() != shown:
            marker.set_text(shown)
        put(marker, fontsize=size)
        put(marker, horizontalalignment="right" if side == "left" else "left",
            verticalalignment="top")
        offset = (-MARKER_OFFSET[0] - shift if side == "left" else MARKER_OFFSET[0], -drop)
        if tuple(marker.xyann) != offset:
            marker.xyann = offset

    def _crossing_place(self, renderer, cx: float, line_y: float,
                        x_range: tuple[float, float, float],
                        y_range: tuple[float, float]) -> tuple[str, str, float, float]:
        """(side, text, size, drop) for the crossing's label, beside the crossing and under
        the majority line, its top `drop` points under it: "Con majority 05:05" on one line,
        else on two (from the theme's label size down to its small size, the largest that
        fits), else "05:05" alone, to the right where it hides no party's line (no line
        but the winner's runs over the majority line there): clear of the dot's ground
        (MARKER_OFFSET), else just clear of the line, else under the next line down, by
        the crossing's rule (on a laptop's dock Labour's line ran too near the majority
        line for "05:05": it was put over Labour's line); else the words that hide the
        least, anywhere under the line in the panel. To the right it may run on to `edge`
        where no end label is beside it, else to where they start; to the left (late in
        the night), to the panel's edge. `x_range`: the panel's left and right and that
        `edge`; `y_range`: the panel's foot and top; in pixels."""
        left, right, edge = x_range
        y0, y1 = y_range
        th, px, marker, full = self._th, self._px, self.marker_text, self._marker_full
        gap = px(renderer, MARKER_OFFSET[0])
        pad = px(renderer, th.label_size * MARKER_PAD)  # its ground beyond the words
        first = line_y - px(renderer, MARKER_OFFSET[1])
        ends = right + px(renderer, END_GAP) - px(renderer, 2)  # where the end labels start
        clear = px(renderer, LINE_PT / 2 + 1)  # a line's half width and a pixel

        def room(side: str, h: float, top: float = first) -> float:
            if side == "left":
                return cx - gap - pad - left
            free = not any(b < top + pad and t > top - h - pad for b, t in self._end_bands)
            return (edge if free else ends) - cx - gap - pad

        def lines_under(w: float) -> list[tuple[float, float]]:
            """The other parties' lines under words `w` wide right of the crossing, each
            as the pixels it spans there (they only rise: from its left end to its right)."""
            at = [(x - left) / max(right - left, 1e-9) * self._span
                  for x in (cx + gap - pad, cx + gap + w + pad)]
            return [tuple(y0 + (y1 - y0) * self._line_share(v[i]) for i in (0, 1))
                    for v in self._others_spans(*at)]

        tight = line_y - px(renderer, RULE_PT / 2 + 0.5) - pad  # just clear of the line

        def placings(texts) -> list[tuple]:
            """Each of `texts` measured once, with the lines under it and where its top
            may go (nearest the majority line first: clear of the dot's ground, just clear
            of the line, then under each other line)."""
            out = []
            for text, z in texts:
                w, h = extent(marker, renderer, text, z)
                lines = lines_under(w)
                under = sorted((t for t in (lo - clear - pad for lo, _hi in lines)
                                if t < tight), reverse=True)
                out.append((text, z, w, h, lines, [first, tight, *under]))
            return out

        def hides_none(top: float, h: float, lines: list[tuple[float, float]]) -> bool:
            return top - h - pad >= y0 and not any(
                lo - clear < top + pad and hi + clear > top - h - pad for lo, hi in lines)

        sizes = [th.label_size]
        while sizes[-1] - 0.5 >= th.small_size:
            sizes.append(sizes[-1] - 0.5)
        narrow = max(ends - cx - gap - pad, room("left", 0.0))  # beside the end labels
        said = [(full, z) for z in sizes]
        said += [(wrapped(marker, renderer, full, z, narrow), z) for z in sizes]
        time = [(full.split(" ")[-1], z) for z in sizes]
        placed_said, placed_time = placings(said), placings(time)
        # nearest the line first, in words, else the time alone (the summary strip says
        # whose majority)
        for which, placed in ((slice(0, 1), placed_said), (slice(0, 1), placed_time),
                              (slice(1, 2), placed_said), (slice(1, 2), placed_time),
                              (slice(2, None), placed_said), (slice(2, None), placed_time)):
            for text, z, w, h, lines, tops in placed:
                for top in tops[which]:
                    if w <= room("right", h, top) + 0.01 and hides_none(top, h, lines):
                        return "right", text, z, (line_y - top) / px(renderer, 1.0)
        return (*self._hiding_least(renderer, said, time, room, first - y0 - pad),
                MARKER_OFFSET[1])

    def _hiding_least(self, renderer, said, time, room, below: float) -> tuple[str, str, float]:
        """Where no place hides no line: the words that hide the least, else the time at
        the least size (at its largest it lay over most of Labour's line on a rehearsal's
        laptop dock), on either side of the crossing (the left first late in the night),
        `below` pixels at most under the line."""
        late = self._crossing_x is not None and self._crossing_x > self._span * 0.6
        either = ["left", "right"] if late else ["right", "left"]
        for texts in (said, time):
            fits = []
            for text, z in texts:
                w, h = extent(self.marker_text, renderer, text, z)
                fits += [(h, side, text, z) for side in either
                         if w <= room(side, h) + 0.01 and h <= below + 0.01]
            if fits:
                _h, side, text, z = min(fits, key=lambda f: f[0])
                return side, text, z
        text, z = time[-1]
        h = extent(self.marker_text, renderer, text, z)[1]
        return max(("right", "left"), key=lambda sd: room(sd, h)), text, z

    def _left_clear(self, renderer, cx: float, line_y: float, x_range: tuple[float, float],
                    y_range: tuple[float, float], chosen: tuple[str, float, float]
                    ) -> tuple[float, float, str, float] | None:
        """(shift in points, size, text, drop) for the crossing's words left of it: left of
        the crossing lies the winner's own climb to the majority, and the words on their
        ground just beside the dot hid it (05:05 on the 2019 night: Con's line cut out from
        about 290 seats to 326, on air). So they go as near the crossing as they hide no
        line there, the winner's included: at each drop tried, moved left a step at a time
        (every line only rises, so one a step left lies lower there), from `chosen` (the
        text, size and drop _crossing_place gave); None where nowhere in the panel is clear."""
        text, size, drop = chosen
        left, right = x_range
        px, marker = self._px, self.marker_text
        one, gap = px(renderer, 1.0), px(renderer, MARKER_OFFSET[0])
        pad = px(renderer, self._th.label_size * MARKER_PAD)
        clear = px(renderer, LINE_PT / 2 + 1)
        steps = [tuple(line.get_data()) for line in self.lines]
        span, x1, width = max(self._span, 1e-9), cx, max(right - left, 1e-9)

        def hours(x: float) -> float:
            return (x - left) / width * span

        def hides(a: float, b: float, top: float, h: float) -> bool:
            for xs, ys in steps:
                if not len(xs):
                    continue
                lo, hi = (ys[max(bisect_right(xs, hours(v)) - 1, 0)] for v in (a, b))
                lo_px, hi_px = (y_range[0] + (y_range[1] - y_range[0]) * self._line_share(v)
                                for v in (lo, hi))
                if lo_px - clear < top + pad and hi_px + clear > top - h - pad:
                    return True
            return False

        stride = max(px(renderer, 4.0), 1.0)
        for z in (size, *(z for z in (self._th.small_size,) if z < size)):
            w, h = extent(marker, renderer, text, z)
            for top in (line_y - drop * one, line_y - px(renderer, RULE_PT / 2 + 0.5) - pad):
                right_edge = x1 - gap
                while right_edge - w - pad >= left:
                    if not hides(right_edge - w - pad, right_edge + pad, top, h):
                        return (x1 - gap - right_edge) / one, z, text, (line_y - top) / one
                    right_edge -= stride
        return None

    def _line_share(self, seats: float) -> float:
        """Where `seats` are up the running totals' panel, as a share of its height."""
        low, high = self.ax.get_ylim()
        return (seats - low) / max(high - low, 1e-9)

    def _others_spans(self, start: float, end: float) -> list[tuple[float, float]]:
        """Each other party's running total (all but the winner's) at `start` and at
        `end` hours from the origin: each a step, held until its next seat."""
        def at(xs, ys, hours: float) -> float:
            return ys[max(bisect_right(xs, hours) - 1, 0)]
        return [(at(xs, ys, start), at(xs, ys, end)) for xs, ys in self._other_steps]
