"""Colours and type for the charts: on screen (light, dark or high contrast) and for television.

Sizes are in points, so the same theme reads the same at any dpi; a chart shrinks a label
below its theme size only when it would otherwise not fit.
"""

from __future__ import annotations

import functools
import re
import warnings

from matplotlib.axes import Axes
from matplotlib.colors import to_rgb, to_rgba
from matplotlib.figure import Figure

from ..domain.records import record, replace

FONT_FAMILY = "DejaVu Sans"
# matplotlib warns once per glyph no font has (a name in Chinese where only DejaVu Sans is
# installed), as a raw Python warning on the console; an export says instead which words went
# on air as boxes, once per graphic (`_missing.undrawn`, `desk.graphics`).
warnings.filterwarnings("ignore", r"Glyph \d+ \(.*\) missing from font", UserWarning)
# The least a line that must be read (a subtitle, the footer: REHEARSAL on a rehearsal's
# graphics) is shrunk to fit, in points: 8 pt is 11 px at the charts' 100 dpi on screen.
# Below it such a line breaks onto another instead.
MIN_READABLE_PT = 8.0
# The light theme's keyboard focus ring: the window's (ui.style) and the map's current seat
# by keyboard (map_cursor), which the dark theme recolours from the window's palette.
FOCUS_COLOUR = "#1a66d6"
# Black and white, for every theme (and the type on a party colour: text_contrast).
BLACK = "#000000"
WHITE = "#ffffff"
# The high-contrast theme's colours, shared by the window (ui.style.HIGH_CONTRAST_UI) and its
# charts on screen (HIGH_CONTRAST): white type on black, a yellow keyboard focus (and
# majority line), cyan for what is selected, a red for alerts that reads as text on black
# (10:1) and on a recount-range row's dark red tint (7.8:1).
HC_YELLOW = "#ffff00"
HC_CYAN = "#00ffff"
HC_RED = "#ff9999"
HC_MUTED = "#d4d4d4"  # secondary text: 14:1 on black, yet told from white
HC_LINE = "#b3b3b3"  # rules, disabled text and hints: 10:1 on black, greyer than the text
# WCAG 2.1 (1.4.11, non-text contrast): a graphic needs 3:1 against what is next to it. A
# party colour below that against the background (SNP yellow on white; the Speaker's black
# and TUV's navy on the broadcast navy) is drawn with an outline that has it.
MIN_GRAPHIC_CONTRAST = 3.0
# WCAG 2.1 (1.4.3): text needs 4.5:1 against its background.
MIN_TEXT_CONTRAST = 4.5


@record
class Theme:
    name: str
    background: str
    foreground: str  # titles, values, tick labels
    muted: str  # subtitles, changes, secondary text
    grid: str  # axis lines and rules
    outline: str  # thin outline around bars and dots, so pale party colours read
    undeclared: str  # outline of a seat not yet declared
    others: str  # the folded "Others" bar
    majority: str  # the majority line and marker
    font_family: str = FONT_FAMILY
    title_size: float = 22.0
    subtitle_size: float = 14.0
    label_size: float = 17.0  # values on bars ("411", "33.7%")
    small_size: float = 13.0  # changes ("+12", "+1.6 pts"), legend, majority label
    tick_size: float = 15.0  # party abbreviations on the axis
    big_size: float = 60.0  # the hemicycle's central number
    margin: float = 14.0  # around the figure, points
    footer_size: float = 11.0  # the source line and "As of 04:58 · 325 of 650 declared"
    alert: str = "#c8102e"  # the RECOUNT badge
    caution: str = "#f0a500"  # the PROVISIONAL badge
    # What a shape (a bar, a dot, a hex) in a party colour needs against the background
    # before it goes without an outline, and what text in a party colour needs: WCAG's
    # minimums, raised by the high-contrast theme (AAA's 7:1 for text).
    min_graphic: float = MIN_GRAPHIC_CONTRAST
    min_text: float = MIN_TEXT_CONTRAST

    def scaled(self, k: float) -> Theme:
        """The same theme with type and margins `k` times the size."""
        if k == 1.0:
            return self
        return replace(self, title_size=self.title_size * k,
                       subtitle_size=self.subtitle_size * k, label_size=self.label_size * k,
                       small_size=self.small_size * k, tick_size=self.tick_size * k,
                       big_size=self.big_size * k, margin=self.margin * k,
                       footer_size=self.footer_size * k)

    def lighter(self, colour: str, amount: float = 0.55) -> tuple[float, float, float, float]:
        """`colour` washed towards the background (provisional seats)."""
        return mix(colour, self.background, amount)


LIGHT = Theme(
    name="light", background=WHITE, foreground="#1b1b1f", muted="#5c6068",
    grid="#c9ccd1", outline="#3a3d42", undeclared="#9aa0a6", others="#7b8594",
    majority="#1b1b1f",
)

DARK = Theme(
    name="dark", background="#1d1f23", foreground="#f1f2f4", muted="#a9aeb6",
    grid="#4a4e55", outline="#d8dbe0", undeclared="#7d838c", others="#7b8594",
    majority="#f1f2f4",
    # the window's dark alert (ui.style.DARK_UI): #c8102e is text at 2.8:1 on charcoal
    # (REHEARSAL footers, a close majority), and the same red as Labour's banner
    alert="#ff7b6e",
)

BROADCAST = Theme(
    name="broadcast", background="#0a1230", foreground=WHITE, muted="#cdd5e6",
    grid="#56608a", outline=WHITE, undeclared="#8c96b4", others="#7d89a8",
    majority="#ffd21f",
    title_size=30.0, subtitle_size=18.0, label_size=22.0, small_size=17.0, tick_size=21.0,
    big_size=80.0, margin=18.0, footer_size=14.0, caution="#ffb81c",
    # text as the dark theme's is (a rehearsal's footer, a close majority): #e4002b was
    # 3.8:1 on the navy, and Labour's red again beside a Labour banner (1.1:1)
    alert="#ff5a5f",
)

# On screen only (View > Theme > High contrast): every text 7:1 or more on black, every rule
# and outline 3:1 or more, and a party colour under 4.5:1 (Labour's red 3.8:1, the
# Conservatives' blue 3.5:1, Sinn Féin's green 3.1:1, TUV's navy 1.8:1) outlined in a
# lighter tone of itself. Not among the export themes (THEMES): a graphic for air or print
# is drawn for its audience, not for the screen of the person making it.
HIGH_CONTRAST = Theme(
    name="high-contrast", background=BLACK, foreground=WHITE, muted=HC_MUTED,
    grid=HC_LINE, outline=WHITE, undeclared=HC_LINE, others=DARK.others,
    majority=HC_YELLOW, alert=HC_RED, caution=HC_YELLOW,
    min_graphic=MIN_TEXT_CONTRAST, min_text=7.0,
)

THEMES = {t.name: t for t in (LIGHT, DARK, BROADCAST)}


def mix(colour: str, other: str, amount: float) -> tuple[float, float, float, float]:
    """`colour` moved `amount` (0..1) of the way towards `other`, as opaque RGBA."""
    a, b = to_rgb(colour), to_rgb(other)
    return (*(x + (y - x) * amount for x, y in zip(a, b, strict=True)), 1.0)


def _luminance(colour) -> float:
    # A name or a tuple: kept (each chart asks again for every party, every build); not
    # "C0" (the colour cycle's, which rcParams may change), nor a list or an array.
    if isinstance(colour, tuple) or (isinstance(colour, str) and not _NTH.match(colour)):
        return _kept_luminance(colour)
    return _relative_luminance(colour)


def _relative_luminance(colour) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


_kept_luminance = functools.lru_cache(maxsize=1024)(_relative_luminance)
_NTH = re.compile(r"C\d+$")


def contrast_ratio(a, b) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_contrast(colour) -> str:
    """Black or white, whichever reads better on `colour` (a label on a party colour)."""
    return BLACK if contrast_ratio(colour, BLACK) >= contrast_ratio(colour, WHITE) else WHITE


def needs_outline(colour, background, minimum: float = MIN_GRAPHIC_CONTRAST) -> bool:
    """Would `colour` alone melt into `background` (under `minimum`: a theme's
    `min_graphic`)?"""
    return contrast_ratio(colour, background) < minimum


def outline_for(colour, theme: Theme) -> tuple[float, float, float, float] | None:
    """The outline a shape of `colour` needs on `theme`'s background: the colour moved
    towards the text colour until it reads (the theme's `min_graphic`, 3:1 but on high
    contrast); None when the colour reads alone."""
    if not needs_outline(colour, theme.background, theme.min_graphic):
        return None
    for step in range(4, 11):
        rim = mix(colour, theme.foreground, step / 10)
        if contrast_ratio(rim[:3], theme.background) >= theme.min_graphic:
            return rim
    return to_rgba(theme.foreground)


def text_in(colour, theme: Theme) -> tuple[float, float, float, float]:
    """Text in a party's `colour` on `theme`'s background: the colour itself where it
    reads as text (the theme's `min_text`, 4.5:1 but on high contrast), else moved towards
    the text colour until it does, so it keeps its hue (Labour's red on the dark theme is
    3.0:1 as it is)."""
    if contrast_ratio(colour, theme.background) >= theme.min_text:
        return to_rgba(colour)
    for step in range(1, 10):
        ink = mix(colour, theme.foreground, step / 10)
        if contrast_ratio(ink[:3], theme.background) >= theme.min_text:
            return ink
    return to_rgba(theme.foreground)


def apply_theme(theme: Theme, figure: Figure, *axes: Axes) -> None:
    """Background, spines, ticks and fonts of `figure` and `axes` in the theme's style."""
    figure.set_facecolor(theme.background)
    for ax in axes:
        ax.set_facecolor(theme.background)
        for spine in ax.spines.values():
            spine.set_color(theme.grid)
        ax.tick_params(colors=theme.foreground, labelcolor=theme.foreground,
                       labelsize=theme.tick_size, labelfontfamily=theme.font_family)
        ax.xaxis.label.set_color(theme.foreground)
        ax.yaxis.label.set_color(theme.foreground)
