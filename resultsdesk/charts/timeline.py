"""The night in time: the leading parties' running seat totals against the majority line,
with the moment a party crossed it ("Con majority 05:05"), over the declarations in each
half hour (bars). Times are UK local time, as at the counts.

Two axes share the time axis: the totals (the chart's main axes, placed by the base
layout) and the bars under them, placed by the same layout pass.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from ..domain.declaration_time import DAY_NAMES, UK_TIME
from ._bars import bars
from ._base import NO_SEATS, Chart, extent, fit_font, put
from ._text import PLAIN, named
from .story_data import TimelineData, untimed_words
from .textfit import wrapped
from .theme import LIGHT, Theme, outline_for, text_in
from .timeline_rule import (
    END_GAP,
    LINE_PT,
    MARKER_OFFSET,
    MARKER_PAD,
    RULE_PT,
    MajorityLabels,
)

NO_TIMES = "Declaration times not recorded for this night"
RIM_PT = 1.0  # the outline either side of a line too pale for the background (theme rule)
HALF_HOUR = 0.5  # hours: x is in hours from the first half hour


def _hours(when: datetime, origin: datetime) -> float:
    # in UTC: two times in one zone subtract by their wall clocks, an hour short across the
    # end of BST
    return (when.astimezone(UTC) - origin.astimezone(UTC)).total_seconds() / 3600


def _say_in_full(text, full: str) -> None:
    """`full` on `text` until the layout fits it (_fit_rule_labels): left as it is when
    it says that already, on one line or more, so an update that changes nothing about
    it leaves it as drawn."""
    if text.get_text().replace("\n", " ") != full:
        put(text, text=full)


def value_ticks(upper: float, most: int = 5) -> list[int]:
    """Whole-number ticks from 0 up to `upper`, at a round step (1, 2, 5, 10, 20, 50...),
    at most `most` + 1 of them: set explicitly, so no label falls outside the axes."""
    magnitude = 1
    while True:
        for m in (1, 2, 5):
            step = m * magnitude
            if upper / step <= most:
                return list(range(0, int(upper) + 1, step))
        magnitude *= 10


def clock_ticks(span_hours: float, most: int = 12) -> float:
    """Hours between time labels, so that at most `most` (and no more than 12) label the
    night. A night of days (a poll postponed a few days, within the 7 the Timeline draws)
    steps a day or two: at 12 hours at most, its "Sat 00:00"s ran into each other on a
    rehearsal's dock."""
    for step in (0.5, 1, 2, 3, 4, 6, 12, 24, 48, 72, 96):
        if span_hours / step <= min(most, 12):
            return step
    return 168


LABEL_EMS = 3.6  # room one "HH:MM" label needs, in ems of its type size, with a gap
DAY_LABEL_EMS = 5.4  # one "Sat 00:00" (DAY_NAMES, not %a: "sam. 00:00" on a French PC)
# The running totals' value ticks: at most this many steps, each label this many ems of
# its type apart at least (fewer steps on a short panel).
TOTALS_TICKS = 4
TICK_SPACING = 2.2


class TimelineChart(MajorityLabels, Chart):
    """`lines` are the parties drawn (in the data's order); `marker_text` the crossing."""

    def __init__(self, figure: Figure | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(figure, theme)
        self.bars_ax = None
        self.lines: list = []
        self.rims: list = []  # under each line, shown where its colour needs an outline
        self.end_labels: list = []
        self.bar_patches: list = []
        self._bars_box: Bbox | None = None
        self.origin: datetime | None = None
        self._empty_text = ""  # why nothing is drawn, unwrapped
        self._span = HALF_HOUR
        self._top = 1  # the running totals' highest value
        self._most = 0  # the most declarations in a half hour
        # the two labels on the majority line, in full (what is shown is fitted: _layout)
        self._majority_full = ""
        self._marker_full = ""
        self._crossing_x: float | None = None  # hours from the origin
        self._other_steps: list[tuple[list, list]] = []  # every line but the winner's
        self._end_bands: list[tuple[float, float]] = []  # see _spread_labels

    def update(self, data: TimelineData) -> None:
        super().update(data)

    def _shape_of(self, data: TimelineData):
        # Lines are recoloured in place: parties trading places is not a new chart.
        return (len(data.bins), len(data.parties), data.majority_at is not None)

    # -- drawing ----------------------------------------------------------------------------
    def _build(self, data: TimelineData) -> None:
        ax, th, fig = self.ax, self.theme, self.figure
        self.bars_ax = fig.add_axes((0.05, 0.05, 0.9, 0.2))
        self.bars_ax.set_axes_locator(self._locate_bars)
        for a in (ax, self.bars_ax):
            a.set_facecolor(th.background)
            for side in ("right", "top"):
                a.spines[side].set_visible(False)
            for side in ("left", "bottom"):
                a.spines[side].set_color(th.grid)
            a.tick_params(colors=th.muted, labelcolor=th.foreground, labelsize=th.small_size,
                          labelfontfamily=th.font_family, length=3)
            a.grid(axis="y", color=th.grid, linewidth=0.6, alpha=0.6)
            a.set_axisbelow(True)
        ax.tick_params(labelbottom=False)
        text = {**PLAIN, "fontfamily": th.font_family, "textcoords": "offset points",
                "annotation_clip": False, "zorder": 6}
        self.rims = [ax.step([], [], where="post", linewidth=LINE_PT + 2 * RIM_PT,
                             solid_capstyle="butt", zorder=3.9, visible=False)[0]
                     for _ in data.parties]
        self.lines = [ax.step([], [], where="post", color=p.colour, linewidth=LINE_PT,
                              solid_capstyle="butt", zorder=4)[0] for p in data.parties]
        self.end_labels = [ax.annotate("", (0, 0), (END_GAP, 0), fontsize=th.label_size,
                                       fontweight="bold", color=th.foreground, ha="left",
                                       va="center", **text) for _ in data.parties]
        # the smallest parties' labels as one, when the panel is too short for each
        self.merged_label = ax.annotate("", (0, 0), (END_GAP, 0), fontsize=th.label_size,
                                        fontweight="bold", color=th.foreground, ha="left",
                                        va="center", visible=False, **text)
        self.majority_rule = ax.axhline(0, color=th.majority, linewidth=RULE_PT,
                                        linestyle=(0, (6, 3)), zorder=3)
        self.majority_label = ax.annotate(
            "", (0, 0), (4, 3), fontsize=th.small_size, fontweight="bold", color=th.majority,
            ha="left", va="bottom", **text)
        self.crossing_rule = ax.axvline(0, color=th.alert, linewidth=1.4, zorder=5,
                                        visible=False)
        self.crossing_dot = ax.plot([], [], marker="o", markersize=10, color=th.alert,
                                    markeredgecolor=th.background, zorder=7)[0]
        self.marker_text = ax.annotate(
            "", (0, 0), MARKER_OFFSET, fontsize=th.label_size, fontweight="bold", color=th.alert,
            ha="left", va="bottom", bbox={"boxstyle": f"square,pad={MARKER_PAD}",
                                          "facecolor": th.background, "edgecolor": "none"},
            **text)
        self.bar_patches = bars(self.bars_ax, [HALF_HOUR * (i + 0.5) for i in range(
            len(data.bins))], HALF_HOUR * 0.82, color=th.others, zorder=2)
        self.bars_title = self.bars_ax.annotate(
            "Declarations per half hour", (0, 1), (0, 4), xycoords="axes fraction",
            fontsize=th.small_size, color=th.muted, ha="left", va="bottom", **text)
        self.empty = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center",
                             fontsize=th.label_size, color=th.muted,
                             fontfamily=th.font_family, **PLAIN)

    def _apply(self, data: TimelineData) -> None:
        ax = self.ax
        self.origin = data.bins[0][0] if data.bins else None
        self._empty_text = "" if data.bins else NO_TIMES if data.declared else NO_SEATS
        if self.empty.get_text().replace("\n", " ") != self._empty_text:  # (laid out wrapped)
            put(self.empty, text=self._empty_text)
        self._show_axes(bool(data.bins))
        span = self._span = HALF_HOUR * max(len(data.bins), 1)
        for line, rim, label, party in zip(self.lines, self.rims, self.end_labels,
                                           data.parties, strict=True):
            xs = [0.0] + [_hours(t, self.origin) for t, _ in party.points] + [span]
            ys = [0] + [n for _, n in party.points] + [party.points[-1][1]]
            line.set_data(xs, ys)
            line.set_color(party.colour)
            edge = outline_for(party.colour, self.theme)  # SNP yellow on white
            rim.set_data(xs, ys)
            put(rim, visible=edge is not None)
            if edge is not None:
                rim.set_color(edge)
            label.set_text(f"{named(party.party)} {ys[-1]:,}")
            label.set_color(text_in(party.colour, self.theme))
            label.xy = (span, ys[-1])
        for rect, (_, count) in zip(self.bar_patches, data.bins, strict=True):
            rect.set_height(count)
        top = max([data.majority_line] + [p.points[-1][1] for p in data.parties])
        ax.set_xlim(0, span)
        ax.set_ylim(0, top * 1.1)
        most = max([c for _, c in data.bins] or [1])
        self.bars_ax.set_xlim(0, span)
        self.bars_ax.set_ylim(0, most * 1.15)
        self.bars_ax.set_yticks(value_ticks(most, 2)[1:])  # no "0" beside the first time
        self._most = most
        self._top = top  # the running totals' ticks are the layout's: by the panel's height
        self.majority_rule.set_ydata([data.majority_line] * 2)
        self._majority_full = f"{data.majority_line:,} for a majority"
        _say_in_full(self.majority_label, self._majority_full)  # fitted by the layout
        self.majority_label.xy = (0, data.majority_line)
        crossed = data.majority_at is not None and self.origin is not None
        self.crossing_rule.set_visible(crossed)
        self.crossing_dot.set_visible(crossed)
        self.marker_text.set_visible(crossed)
        self._crossing_x = None
        self._marker_full = ""
        # every line but the winner's (hours, seats): under the majority line right of the
        # crossing, the crossing's words go over them (`MajorityLabels._crossing_place`)
        self._other_steps = [tuple(line.get_data()) for line, p in zip(
            self.lines, data.parties, strict=True) if p.party != data.majority_party]
        if crossed:
            x = self._crossing_x = _hours(data.majority_at, self.origin)
            self.crossing_rule.set_xdata([x, x])
            self.crossing_dot.set_data([x], [data.majority_line])
            self._marker_full = data.majority_label or ""
            _say_in_full(self.marker_text, self._marker_full)
            self.marker_text.xy = (x, data.majority_line)
        self._ticks(span)
        subtitle = data.subtitle
        if data.untimed and data.bins:  # none timed: the chart says so itself
            subtitle += f" \u00b7 {untimed_words(data.untimed)} not shown"
        self.header.set(data.title, subtitle, "")

    def _show_axes(self, on: bool) -> None:
        """Nothing to draw (no seat, or no seat with a time): neither panel's axes, rule
        nor title, only the words saying why."""
        put(self.ax.xaxis, visible=on)
        put(self.ax.yaxis, visible=on)
        for side in ("left", "bottom"):
            put(self.ax.spines[side], visible=on)
        for artist in (self.bars_ax, self.majority_rule, self.majority_label, self.bars_title):
            put(artist, visible=on)

    def _ticks(self, span: float) -> None:
        if self.origin is None:
            self.bars_ax.set_xticks([])
            return
        # as many labels as the axis is wide enough for: a narrow dock gets fewer, not a
        # smear (the layout calls this again with the axis's final width)
        width = self.bars_ax.get_position().width * self.figure.get_figwidth() * 72
        # A night over a day long (a recount declared the next afternoon, a poll postponed
        # days) shows each clock time twice: the day is named where it changes.
        days = span >= 24
        label = self._th.small_size * (DAY_LABEL_EMS if days else LABEL_EMS)
        step = clock_ticks(span, max(2, int(width / label)))
        local = self.origin.astimezone(UK_TIME)
        # labels on whole multiples of the step (in UK time), from the first one inside; a
        # step of days from the first midnight (from the next-but-one, two days' labels left
        # a 6-day night one)
        first = -((local.hour + local.minute / 60) % step) % min(step, 24)
        ticks = [first + i * step for i in range(int((span - first) / step) + 1)]
        start = self.origin.astimezone(UTC)  # by the moment: 01:00 comes twice as BST ends
        moments = [(start + timedelta(hours=t)).astimezone(UK_TIME) for t in ticks]
        labels = [f"{DAY_NAMES[m.weekday()]} {m:%H:%M}" if days and (
            i == 0 or m.date() != moments[i - 1].date()) else f"{m:%H:%M}"
            for i, m in enumerate(moments)]
        self.bars_ax.set_xticks(ticks, labels)
        self.ax.set_xticks(ticks)

    def _declared_text(self, data: TimelineData) -> str:
        return f"{data.declared:,} of {data.seats_total:,} declared"

    # -- layout -----------------------------------------------------------------------------
    def _layout(self, renderer, width, height):
        th, px = self._th, self._px
        m = px(renderer, th.margin)
        top = self.header.layout(renderer, width, height, m, self.scale) - px(renderer, 14)
        fit_font(self.bars_title, renderer, th.small_size)
        for a in (self.ax, self.bars_ax):
            a.tick_params(labelsize=th.small_size)
        tick_h = px(renderer, th.small_size * 1.8)
        bottom = self.floor + tick_h
        plot = max(top - bottom, 40.0)
        bars_h = plot * self.layout.timeline_bars
        title_h = extent(self.bars_title, renderer)[1] + px(renderer, 10)
        if not self.bars_ax.get_visible():  # nothing to draw: the words in the middle
            bars_h = title_h = 0.0
        y0, y1 = bottom + bars_h + title_h, bottom + plot  # the running totals' panel
        shown = self._fit_end_labels(renderer, y1 - y0)
        end_w = max((extent(t, renderer)[0] for t in shown), default=0)
        left = m + px(renderer, th.small_size * 2.6)  # room for "300" on the axis
        right = width - m - end_w - px(renderer, 10)
        if self.empty.get_text():  # no axes drawn: the words across the whole width
            left, right = m, width - m
            size = fit_font(self.empty, renderer, th.label_size)
            put(self.empty, text=wrapped(self.empty, renderer, self._empty_text, size,
                                         right - left))
        self._bars_box = Bbox.from_extents(left / width, bottom / height, right / width,
                                           (bottom + bars_h) / height)
        self._spread_labels(renderer, shown, y0, y1)
        self._fit_rule_labels(renderer, left, right, y0, y1, width - m)
        self.bars_ax.set_position(self._bars_box)
        self._ticks(self._span)
        self._value_ticks(renderer, y1 - y0)
        self._bar_ticks(renderer, bars_h)
        return left, y0, right, y1

    def _bar_ticks(self, renderer, bars_h: float) -> None:
        """The declarations per half hour up the bars' side, as far apart as a label is
        tall: else the highest alone ("1" and "2" ran into each other, 400 x 200)."""
        most = self._most
        ticks = value_ticks(most, 2)[1:] if most else []
        apart = bars_h / 1.15 * (ticks[1] - ticks[0]) / most if len(ticks) > 1 else 0.0
        if len(ticks) > 1 and apart < self._px(renderer, self._th.small_size) * 1.2:
            ticks = ticks[-1:]
        if [float(t) for t in self.bars_ax.get_yticks()] != [float(t) for t in ticks]:
            self.bars_ax.set_yticks(ticks)

    def _value_ticks(self, renderer, panel_h: float) -> None:
        """The seats up the running totals' side: as many steps (at most TOTALS_TICKS) as
        the panel's height holds TICK_SPACING ems apart, so a short dock gets "0, 200" (or
        "200" alone) rather than four numbers on top of each other. Set only when they
        change (new tick labels are new texts, laid out and drawn again)."""
        spacing = self._px(renderer, self._th.small_size) * TICK_SPACING
        fit = min(TOTALS_TICKS, int(panel_h / (spacing * 1.1)))
        # too short for two: one round figure, the axis's foot being 0 (as under the bars)
        ticks = value_ticks(self._top, fit) if fit >= 2 else value_ticks(self._top, 2)[1:]
        if [float(t) for t in self.ax.get_yticks()] != [float(t) for t in ticks]:
            self.ax.set_yticks(ticks)

    def _fit_end_labels(self, renderer, room: float) -> list:
        """The end labels sized to stand one above another in `room` pixels (the running
        totals' panel: beside the bars under it they would read as the bars' labels): at
        the theme's size, else smaller, down to the ticks' size; else the smallest parties
        share one label ("PC 4, Spk 1, APNI 1", or "3 more, 6 seats" where that is wider
        than the others). Returns the labels shown, most seats first."""
        th, merged = self._th, self.merged_label
        order = sorted(self.end_labels, key=lambda t: -t.xy[1])
        for t in order:
            put(t, visible=True)  # (a hidden text measures nothing)
            fit_font(t, renderer, th.label_size)

        def total() -> float:
            return sum(extent(t, renderer)[1] for t in order)

        if order and total() > room:
            least = min(th.small_size, th.label_size)
            size = max(least, math.floor(th.label_size * room / total() * 2) / 2)
            for t in order:
                put(t, fontsize=size)
        line = max((extent(t, renderer)[1] for t in order), default=0.0)
        fit = max(1, int(room // line)) if line else len(order)
        if fit >= len(order):
            put(merged, visible=False)
            return order
        keep, rest = order[:fit - 1], order[fit - 1:]
        for t in rest:
            put(t, visible=False)
        put(merged, fontsize=order[0].get_fontsize(), visible=True,
            color=self.theme.foreground)
        widest = max((extent(t, renderer)[0] for t in keep), default=0.0)
        names = ", ".join(t.get_text() for t in rest)
        seats = sum(int(t.xy[1]) for t in rest)
        # "more" than the labels above it; alone, it is every party ("9 more" said nothing)
        count = f"{len(rest):,} {'more' if keep else 'parties'}, {seats:,} " \
                f"seat{'s' if seats != 1 else ''}"
        put(merged, text=names if extent(merged, renderer, names)[0] <= widest else count)
        merged.xy = (self._span, max(t.xy[1] for t in rest))
        return [*keep, merged]

    def _spread_labels(self, renderer, labels: list, y0: float, y1: float) -> None:
        """End labels that would overlap are moved apart (in points): each group of
        touching labels is centred on its lines' ends, so a label stays beside its line
        as far as the others let it; all stay within the panel, y0 to y1 pixels."""
        ylim = self.ax.get_ylim()
        scale = (y1 - y0) / max(ylim[1] - ylim[0], 1e-9)
        # Stacked from the foot up, `labels` ranked (seats, then votes): parties level on
        # seats reversed, the higher on top ("PC 1" stood over "DUP 1", as nowhere else)
        labels = sorted(reversed(labels), key=lambda t: t.xy[1])
        want = [(t.xy[1] - ylim[0]) * scale for t in labels]
        heights = [extent(t, renderer)[1] for t in labels]
        groups = [[i] for i in range(len(labels))]  # runs of labels stacked together

        def place(g: list[int]) -> list[float]:
            total = sum(heights[i] for i in g)
            centre = sum(want[i] for i in g) / len(g)
            bottom = min(centre - total / 2 + heights[g[0]] / 2, (y1 - y0) - total
                         + heights[g[0]] / 2)
            bottom = max(bottom, heights[g[0]] / 2)  # not beside the bars under the panel
            out, y = [], bottom
            for i in g:
                out.append(y)
                y += heights[i]
            return out

        merged = True
        while merged:
            merged = False
            for k in range(len(groups) - 1):
                a, b = groups[k], groups[k + 1]
                top_a = place(a)[-1] + heights[a[-1]] / 2
                if top_a > place(b)[0] - heights[b[0]] / 2:
                    groups[k:k + 2] = [a + b]
                    merged = True
                    break
        self._end_bands = []  # each label's foot and top, in pixels
        for g in groups:
            for i, y in zip(g, place(g), strict=True):
                labels[i].xyann = (END_GAP, self._pt(renderer, y - want[i]))
                self._end_bands.append((y0 + y - heights[i] / 2, y0 + y + heights[i] / 2))

    def _locate_bars(self, ax, renderer) -> Bbox:
        self._locate(self.ax, renderer)  # the one layout pass places both axes
        return self._bars_box
