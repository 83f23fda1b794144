"""Matplotlib figures from plain data; no Qt, so exports run headless.

Each chart owns a `matplotlib.figure.Figure` (never pyplot) and redraws in place on
`update(data)`; the data types are in `charts.data`, built by `desk`. `charts.export` writes
any of them to PNG, SVG or PDF at a broadcast size.
"""

from ._base import SOURCE
from .card import ResultCardChart
from .gains import GainsChart
from .hemicycle import HemicycleChart, seat_geometry
from .recounts import RecountWatchChart
from .seats import SeatChart
from .shares import VoteShareChart
from .summary import SummaryChart
from .theme import BROADCAST, DARK, LIGHT, THEMES, Theme, apply_theme, text_contrast
from .timeline import TimelineChart

__all__ = [
    "BROADCAST", "DARK", "LIGHT", "SOURCE", "THEMES", "GainsChart", "HemicycleChart",
    "RecountWatchChart", "ResultCardChart", "SeatChart", "SummaryChart", "Theme",
    "TimelineChart", "VoteShareChart", "apply_theme", "seat_geometry", "text_contrast",
]
