"""Matplotlib figures from plain data; no Qt, so exports run headless.

Each chart owns a `matplotlib.figure.Figure` (never pyplot) and redraws in place on
`update(data)`; the data types are in `charts.data`, built by `desk`.
"""

from .hemicycle import HemicycleChart, seat_geometry
from .seats import SeatChart
from .shares import VoteShareChart
from .theme import BROADCAST, DARK, LIGHT, THEMES, Theme, apply_theme, text_contrast

__all__ = [
    "BROADCAST", "DARK", "LIGHT", "THEMES", "HemicycleChart", "SeatChart", "Theme",
    "VoteShareChart", "apply_theme", "seat_geometry", "text_contrast",
]
