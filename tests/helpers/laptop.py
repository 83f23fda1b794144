"""A window in a child process on an offscreen screen of a laptop's size, with settings
of its own: what the child prints last, as JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers.locations import ROOT

# A child's start: the main window on argv[1], shown and laid out (`window`, `app`); each
# child goes on from it.
WINDOW = """
import json, os, sys
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
app = application()
window = MainWindow(sys.argv[1], user="probe")
window.show()
for _ in range(20):
    app.processEvents()
"""
# The same in a font of POINTS points (`.replace("POINTS", "16")`).
LARGE_FONT_WINDOW = """
import json, os, sys
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
app = application()
font = app.font()
font.setPointSize(POINTS)
app.setFont(font)
window = MainWindow(sys.argv[1], user="probe")
window.show()
for _ in range(20):
    app.processEvents()
"""


def run_on_screen(child: str, db: Path | str, screen: tuple[int, int], folder: Path) -> dict:
    """Run `child` (Python source, given `db` as argv[1]) on a `screen`-sized display, its
    settings under `folder`; returns the JSON of its last line."""
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": screen[0], "height": screen[1],
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "PYTHONPATH": str(ROOT),
           "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "XDG_CONFIG_HOME": str(folder / "config"), "XDG_DATA_HOME": str(folder / "data")}
    done = subprocess.run([sys.executable, "-c", child, str(db)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
