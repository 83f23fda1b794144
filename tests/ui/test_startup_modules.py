"""What the app loads to show its first window: no pandas (nor sqlite-utils, which pulled it
in), numpy only because matplotlib draws with it, and nothing that only a later action
needs (the importers, the rehearsal, the dialogs, the PostgreSQL driver, the PDF and SVG
writers), nor the Map's layouts while its dock is closed. Run in a child process, the real
main window on the 2024 night with its charts painted."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from helpers.locations import ROOT

OPEN_AND_LIST = """
import json, sys
from resultsdesk.ui.startup import before_loading
before_loading()  # as the app's entry does: what it loads before Qt counts too
from PySide6.QtWidgets import QApplication
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.desk.hexmap import bundled_layouts
app = application()
window = MainWindow(sys.argv[1], user="probe")
window.resize(1366, 768)
window.show()
drawn = []
for view in (window.seat_view, window.hemicycle_view, window.shares_view):
    view.canvas.mpl_connect("draw_event", lambda _e, v=view: drawn.append(v))
while not drawn:
    app.processEvents()
print(json.dumps({"modules": sorted(sys.modules),
                  "map_layouts_read": bundled_layouts.cache_info().currsize}))
"""

# Loaded only by what the user does after the window is up (File > Import, Rehearsal…,
# Help > About, a declaration form, an export, a team desk server). The graphics only
# exported (result card, recount watch, summary, gains) and their machinery, and the
# replay's rules, wait for an export or a rehearsal too.
LATER = ("pandas", "sqlite_utils", "psycopg", "matplotlib.backends.backend_pdf",
         "matplotlib.backends.backend_svg", "resultsdesk.desk.imports",
         "resultsdesk.desk.graphics", "resultsdesk.charts.card", "resultsdesk.charts.gains",
         "resultsdesk.charts.recounts", "resultsdesk.charts.summary", "resultsdesk.charts.export",
         "resultsdesk.domain.replay",
         "resultsdesk.desk.rehearsal", "resultsdesk.desk.practise", "resultsdesk.io.hoc_candidates",
         "resultsdesk.ui.declaration_form", "resultsdesk.ui.export_dialog",
         "resultsdesk.ui.about", "resultsdesk.ui.rehearsal_dialog",
         "resultsdesk.ui.shortcuts_dialog", "resultsdesk.ui.history_dialog",
         "resultsdesk.ui.publish_dialog", "resultsdesk.store.postgres")


@pytest.fixture(scope="module")
def first_window(_night_2024, tmp_path_factory) -> dict:
    """What the child loaded, once for this module (a private copy of the 2024 night)."""
    tmp = tmp_path_factory.mktemp("first-window")
    night_db = shutil.copyfile(_night_2024, tmp / "night.db")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp / "config"), "XDG_DATA_HOME": str(tmp / "data")}
    done = subprocess.run([sys.executable, "-c", OPEN_AND_LIST, str(night_db)], env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_first_window_loads_no_pandas(first_window):
    loaded = set(first_window["modules"])
    assert "pandas" not in loaded and "sqlite_utils" not in loaded
    assert "numpy" not in loaded or "matplotlib" in loaded  # numpy only for drawing


@pytest.mark.parametrize("module", LATER)
def test_the_first_window_leaves_for_later(first_window, module):
    assert module not in first_window["modules"]


def test_the_first_window_loads_the_charts_it_shows(first_window):
    loaded = set(first_window["modules"])
    assert {"resultsdesk.charts.seats", "resultsdesk.charts.hemicycle",
            "resultsdesk.charts.shares", "resultsdesk.desk.live_charts"} <= loaded


def test_the_closed_map_reads_no_layout(first_window):
    assert first_window["map_layouts_read"] == 0
