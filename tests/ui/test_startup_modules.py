"""What the app loads to show its first window: no pandas (nor sqlite-utils, which pulled it
in), and numpy only because matplotlib draws with it. Run in a child process, the real main
window on the 2024 night with its charts painted."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from helpers.locations import ROOT

OPEN_AND_LIST = """
import json, sys
from PySide6.QtWidgets import QApplication
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
app = application()
window = MainWindow(sys.argv[1], user="probe")
window.resize(1366, 768)
window.show()
drawn = []
for view in (window.seat_view, window.hemicycle_view, window.shares_view):
    view.canvas.mpl_connect("draw_event", lambda _e, v=view: drawn.append(v))
while not drawn:
    app.processEvents()
print(json.dumps(sorted(m for m in ("pandas", "sqlite_utils", "numpy", "matplotlib")
                        if m in sys.modules)))
"""


def test_the_first_window_loads_no_pandas(night_db, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", OPEN_AND_LIST, str(night_db)], env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert "pandas" not in loaded and "sqlite_utils" not in loaded
    assert "numpy" not in loaded or "matplotlib" in loaded  # numpy only for drawing
