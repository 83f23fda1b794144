"""Matplotlib figures from plain data; no Qt, so exports run headless.

Each chart owns a `matplotlib.figure.Figure` (never pyplot) and redraws in place on
`update(data)`; the data types are in `charts.data`, built by `desk`. `charts.export` writes
any of them to PNG, SVG or PDF at a broadcast size.

The names below load with the module that defines them, when first asked for: the window
draws four of these charts, and its first paint does not wait for the graphics only ever
exported (result card, recount watch, summary, gains).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Each name, by the module (of this package) that defines it.
_WHERE = {
    "SOURCE": "_base", "ResultCardChart": "card", "GainsChart": "gains",
    "HemicycleChart": "hemicycle", "seat_geometry": "hemicycle",
    "RecountWatchChart": "recounts", "SeatChart": "seats", "VoteShareChart": "shares",
    "SummaryChart": "summary", "BROADCAST": "theme", "DARK": "theme", "LIGHT": "theme",
    "THEMES": "theme", "Theme": "theme", "apply_theme": "theme",
    "text_contrast": "theme", "TimelineChart": "timeline",
}

__all__ = [
    "BROADCAST", "DARK", "LIGHT", "SOURCE", "THEMES", "GainsChart", "HemicycleChart",
    "RecountWatchChart", "ResultCardChart", "SeatChart", "SummaryChart", "Theme",
    "TimelineChart", "VoteShareChart", "apply_theme", "seat_geometry", "text_contrast",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # asked once: the next look-up finds it here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
