"""A paged graphic goes out on the same pages in every format: an SVG or PDF is laid out at
72 dpi with unhinted type, a hair taller than the PNG's, and the seat changes at HD went on
two graphics there (7 and 6 changes) and on one as PNG; a graphics system taking SVG got
other pages than one taking PNG (found reviewing exports in the twenty-sixth session)."""

from __future__ import annotations

import pytest

from resultsdesk.charts import RecountWatchChart
from resultsdesk.charts import export as ex
from resultsdesk.charts.data import RecountWatchData, WatchedSeat
from resultsdesk.charts.theme import THEMES
from resultsdesk.desk import graphics


def long_watch(n: int) -> RecountWatchData:
    seats = tuple(WatchedSeat(f"Seat number {i:02d}", "Lab", "#d50000", "Con", "#0063ba",
                              10 + i, 0.02 + i / 1000) for i in range(n))
    return RecountWatchData(seats, declared=650, seats_total=650)


def _pages(chart, path, size, monkeypatch) -> list[int]:
    shown: list[int] = []
    real = ex.render

    def render(c, p, s="hd", **kw):
        out = real(c, p, s, **kw)
        shown.append(c.shown)
        return out

    monkeypatch.setattr(ex, "render", render)
    written = ex.render_pages(chart, path, size)
    monkeypatch.setattr(ex, "render", real)
    assert len(written) == len(shown)
    return shown


def test_the_seat_changes_are_paged_alike_as_png_svg_and_pdf(night_store, tmp_path,
                                                             monkeypatch):
    night = graphics.night_state(night_store)
    pages = {}
    for fmt in ("png", "svg", "pdf"):
        chart = graphics.chart_for("gains", night, night_store, theme=THEMES["broadcast"])
        pages[fmt] = _pages(chart, tmp_path / f"gains.{fmt}", "hd", monkeypatch)
    assert pages["png"] == [13]
    assert pages["svg"] == pages["pdf"] == pages["png"]


@pytest.mark.parametrize("size", ["hd", (1280, 300), (360, 640)])
def test_a_long_recount_watch_is_paged_alike_in_every_format(tmp_path, size, monkeypatch):
    pages = {}
    for fmt in ("png", "svg", "pdf"):
        chart = RecountWatchChart()
        chart.update(long_watch(40))
        pages[fmt] = _pages(chart, tmp_path / f"recounts.{fmt}", size, monkeypatch)
    assert len(pages["png"]) > 1 and sum(pages["png"]) == 40
    assert pages["svg"] == pages["pdf"] == pages["png"]
