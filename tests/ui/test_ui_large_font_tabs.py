"""A desk reading in a large font (14-16 pt, set for the eyes at 3 a.m.) on a laptop's
1366 × 768: the docks' tab bars had their tabs named in full and scrolled, so the lists' bar
showed "erification queue (2)" and the charts' bar hid the Map behind its scroll arrows.
Every tab is in sight, each named in full or shortened with "…", its whole title on hover.
On a 1920 × 1080 screen the same font cut "Verification q…" at the first run's 470-pixel
docks: they open as wide as their tabs' titles need, so every tab reads whole.
Run in a child process on an offscreen screen of the laptop's (or the desktop's) size."""

from __future__ import annotations

import pytest
from helpers.laptop import LARGE_FONT_WINDOW, run_on_screen

# The window in a large font (POINTS), shown, and its tab bars: each child goes on from it.
_OPENED = LARGE_FONT_WINDOW + """
from PySide6.QtWidgets import QTabBar
bars = [b for b in window.findChildren(QTabBar) if b.parent() is window and b.isVisible()]
"""

CHILD = _OPENED + """print(json.dumps([{"text": b.tabText(i), "tip": b.tabToolTip(i),
                   "width": b.tabRect(i).width(),
                   "needs": b.fontMetrics().horizontalAdvance(b.tabText(i)),
                   "in_sight": b.rect().contains(b.tabRect(i))}
                  for b in bars for i in range(b.count())]))
sys.stdout.flush()
os._exit(0)
"""


@pytest.mark.parametrize("points", [14, 16])
def test_every_dock_tab_is_in_sight_and_named_in_a_large_font(night_db, tmp_path, points):
    tabs = run_on_screen(CHILD.replace("POINTS", str(points)), night_db,
                         (1366, 768), tmp_path)
    assert {t["text"] for t in tabs} == {
        "Seats", "Chamber", "Vote share", "Timeline", "Map", "National summary",
        "Verification queue (0)", "Recount watch (13)"}  # the names the README gives
    for tab in tabs:
        assert tab["in_sight"], tab  # none behind the scroll arrows, none cut at its start
        # the whole title on the tab, or shortened with "…" and whole on hover
        assert tab["width"] >= tab["needs"] or tab["tip"] == tab["text"], tab
    assert any(t["width"] < t["needs"] for t in tabs)  # (the font is large enough to tell)


WIDE_CHILD = _OPENED + """def tabs():
    return [{"text": b.tabText(i), "width": b.tabRect(i).width(),
             "whole": b.tabSizeHint(i).width(), "in_sight": b.rect().contains(b.tabRect(i))}
            for b in bars for i in range(b.count())]
first = tabs()
window.queue_dock.setWindowTitle("Verification queue (12)")  # the queue fills as the night goes
for _ in range(20):
    app.processEvents()
print(json.dumps({"first": first, "later": tabs(), "window": window.width(),
                  "table": window.table.width()}))
sys.stdout.flush()
os._exit(0)
"""


@pytest.mark.parametrize("points", [14, 15, 16])
def test_on_a_desktop_screen_every_dock_tab_reads_whole_in_a_large_font(night_db, tmp_path,
                                                                        points):
    got = run_on_screen(WIDE_CHILD.replace("POINTS", str(points)), night_db, (1920, 1080),
                        tmp_path)
    assert "Verification queue (12)" in {t["text"] for t in got["later"]}
    for tab in got["first"] + got["later"]:
        # as wide as Qt's own measure of the tab with its whole title: not shortened with "…"
        assert tab["in_sight"] and tab["width"] >= tab["whole"], tab
    assert got["table"] > got["window"] / 2  # the results keep most of the window
