"""The first run on a laptop screen (too small for 90 % of it: the window opens maximised)
arranges its docks for the maximised window, not for the small one it was before: the
charts and the recount watch get the width asked for, so the watch's figures read in full.
Run in a child process on an offscreen screen of the laptop's size."""

from __future__ import annotations

import shutil

import pytest
from helpers.laptop import WINDOW, run_on_screen
from helpers.rehearsal import build

CHILD = WINDOW + """
from PySide6.QtWidgets import QTabBar
from resultsdesk.ui.window_layout import FIRST_DOCK_WIDTH
bars = [b for b in window.findChildren(QTabBar) if b.parent() is window and b.isVisible()]
print(json.dumps({"tabs": [b.tabText(i) for b in bars for i in range(b.count())],
                  "cut": [b.tabText(i) for b in bars for i in range(b.count())
                          if not b.rect().contains(b.tabRect(i))],
                  "maximised": window.isMaximized(), "asked": FIRST_DOCK_WIDTH,
                  "charts": window.chart_docks[0].width(),
                  "watch": window.recount_dock.width(), "table": window.table.width()}))
sys.stdout.flush()
os._exit(0)
"""


@pytest.fixture(scope="module")
def _practise_db(tmp_path_factory):
    """A practise rehearsal of 2019 with its first read-outs in: one more tab, beside the
    charts."""
    return build(tmp_path_factory.mktemp("practise") / "practise.db", mode="practise",
                 speed=3600, until="23:32")


@pytest.mark.parametrize("night", ["live", "practise"])
@pytest.mark.parametrize("screen", [(1280, 720), (1366, 768)])
def test_a_maximised_first_window_gives_its_docks_the_width_asked_for(night_db, _practise_db,
                                                                      tmp_path, screen, night):
    db = night_db if night == "live" else shutil.copyfile(_practise_db, tmp_path / "p.db")
    got = run_on_screen(CHILD, db, screen, tmp_path)
    assert got["maximised"]
    assert got["charts"] == got["watch"] == got["asked"]  # 360, their least, before
    assert got["table"] > screen[0] / 2  # the results keep most of the width
    # Every dock's tab in sight: the map and the timeline were behind the scroll arrows of
    # one bar of six tabs, found only through the View menu; a practise night's read-outs
    # are one tab more.
    assert len(got["tabs"]) == (8 if night == "live" else 9) and got["cut"] == []
