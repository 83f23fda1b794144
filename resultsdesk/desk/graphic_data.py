"""The data beside every picture: what a graphic draws, as JSON, for graphics systems
(Vizrt, CasparCG, Flourish) that take data rather than pictures.

    graphic_json("seats", night, store)  # {"kind": "seats", "title": ..., "parties": [...]}
    export_graphic(store, "seats", "out/seats.json")  # the same, written atomically

Every kind's data object gives its own plain dict (`to_json()`); this module adds what the
chart adds when it draws (the footer, the theme's colour for "Others") and who "Others"
are. A new kind plugs in by having a data class with `to_json()` and a case in
`graphics.data_for`: nothing here names a kind.
"""

from __future__ import annotations

from pathlib import Path

from ..charts.data import named_json
from ..domain import tally
from ..domain.others import DEFAULT_NAMED, OTHERS
from ..io.safe_csv import write_json
from ..store import Store
from .live import NightState

FORMAT = "resultsdesk-graphic"
VERSION = 1


def graphic_json(kind: str, night: NightState, store: Store, *,
                 constituency: str | None = None, size: str | tuple = "hd",
                 theme: str = "light", title: str | None = None,
                 parties: int = DEFAULT_NAMED,
                 thresholds: tally.RecountThresholds = tally.DEFAULT_THRESHOLDS) -> dict:
    """The data graphic `kind` draws, as plain JSON values: title, subtitle, footer, the
    parties shown with their figures and colours, who "Others" are, and per-seat rows
    where the graphic has them. The numbers are the chart's own (the same data object)."""
    from .graphics import chart_for, size_in_pixels, theme_named

    th = theme_named(theme)
    chart = chart_for(kind, night, store, constituency=constituency, title=title, theme=th,
                      parties=parties, thresholds=thresholds)
    body = chart.data.to_json()
    if chart.header is not None:  # as drawn: a rehearsal's "REHEARSAL · …", as the footer's
        body["subtitle"] = chart.header.subtitle_in_full()
    if "named" not in body:  # a card or the recount watch folds no party: the night's set
        body.update(named_json(night.named_parties(parties)))
    _fill_others_colour(body, th.others)
    width, height = size_in_pixels(size)
    return {"format": FORMAT, "version": VERSION, **body,
            "election": night.election, "rehearsal": night.rehearsal,
            "sequence": night.seq,  # the change number read at: only grows (feed.json's)
            "size": {"width": width, "height": height}, "theme": th.name,
            "footer": {"source": chart.footer_source(), "status": chart.footer_status()}}


def _fill_others_colour(body: dict, colour: str) -> None:
    """"Others" is drawn in the theme's grey: the data says so (a data row leaves it out)."""
    for row in body.get("parties") or ():
        if row.get("party") == OTHERS and row.get("colour") is None:
            row["colour"] = colour
    for seat in body.get("seats") or ():  # the map's hexes of a party folded into Others
        if seat.get("winner") and "winner_colour" in seat and seat["winner_colour"] is None:
            seat["winner_colour"] = colour
    for flow in body.get("flows") or ():
        for side in ("from", "to"):
            if flow.get(side) == OTHERS and flow.get(f"{side}_colour") is None:
                flow[f"{side}_colour"] = colour
    body["others_colour"] = colour


def write_graphic_json(path: Path, kind: str, night: NightState, store: Store,
                       **options) -> Path:
    """Write `graphic_json` to `path` in one rename (never half a file)."""
    write_json(path, graphic_json(kind, night, store, **options))
    return path
