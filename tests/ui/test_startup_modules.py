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

# QWidget subclasses the window never uses. PySide builds a class (and its enums) when it is
# first needed; a QWidget it has no Python object for yet, returned as a QWidget (a scroll
# area's viewport()), is matched against every subclass, building them all (~15 ms).
UNUSED_WIDGETS = ("QWizard", "QMdiArea", "QCalendarWidget", "QFontDialog", "QLCDNumber")
# What only a dialog opened later shows (a message, a file or text asked for, the sign-in's
# and the preferences' forms, a progress bar, a problem's override box):
# imported where used, so the first window builds none of these classes (~5 ms).
DIALOG_WIDGETS = ("QMessageBox", "QFileDialog", "QInputDialog", "QProgressDialog",
                  "QDialogButtonBox", "QCompleter", "QSpinBox", "QCheckBox",
                  "QListWidget")  # and the read-outs' list, a practise rehearsal's only

OPEN_AND_LIST = f"WIDGET_CLASSES = {UNUSED_WIDGETS + DIALOG_WIDGETS!r}\n" + """
import json, sys
from resultsdesk.ui.startup import before_loading
before_loading()  # as the app's entry does: what it loads before Qt counts too
import PySide6.QtWidgets as widgets
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
import importlib.util
modules = sorted(sys.modules)
built = [n for n in WIDGET_CLASSES if n in vars(widgets)]
gradient = "QGradient" in vars(sys.modules["PySide6.QtGui"])
# Then the idle lock's ears on (after the first paint), and someone at the keyboard.
while not window.locker.listening:
    app.processEvents()
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
QTest.mouseMove(window.windowHandle(), window.rect().center())
QTest.keyClick(window.windowHandle(), Qt.Key.Key_Shift)
for _ in range(5):
    app.processEvents()
print(json.dumps({"modules": modules,
                  "map_layouts_read": bundled_layouts.cache_info().currsize,
                  "not_run_yet": sorted(name for name, m in sys.modules.items()
                                        if type(m) is importlib.util._LazyModule),
                  "widget_classes_built": built,
                  "built_once_typed_in": [n for n in WIDGET_CLASSES if n in vars(widgets)],
                  "gradient_built": gradient}))
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
         "resultsdesk.ui.publish_dialog", "resultsdesk.store.postgres",
         # a practise rehearsal's read-outs: made when one opens (window_rehearsal)
         "resultsdesk.ui.readout_panel")


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


def test_the_first_window_builds_no_widget_class_it_does_not_use(first_window):
    assert [n for n in first_window["widget_classes_built"] if n in UNUSED_WIDGETS] == []


def test_hearing_the_keyboard_builds_no_widget_class(first_window):
    """The idle lock hears input on the top-level windows: a filter on the whole app met
    widgets with no Python object yet, each matched against every widget class, building
    them all (~30 ms of CPU just after the first paint, as the user starts to work)."""
    assert [n for n in first_window["built_once_typed_in"] if n in UNUSED_WIDGETS] == []


def test_the_first_window_builds_no_class_only_a_dialog_uses(first_window):
    assert [n for n in first_window["widget_classes_built"] if n in DIALOG_WIDGETS] == []


def test_the_first_window_builds_no_gradient_class(first_window):
    """Its tables' colours are solid brushes, made without QBrush(QColor), whose overloads
    make PySide build QGradient and its enums (`style.solid_brush`, ~1.7 ms before)."""
    assert first_window["gradient_built"] is False


def test_the_closed_map_reads_no_layout(first_window):
    assert first_window["map_layouts_read"] == 0


def test_the_first_window_skips_what_no_chart_uses(first_window):
    """matplotlib's 3-D toolkit is never loaded, and TeX's glyph names (fontTools.agl,
    imported with matplotlib's text) are imported but not run until TeX reads them."""
    assert "mpl_toolkits.mplot3d" not in first_window["modules"]
    assert first_window["not_run_yet"] == ["fontTools.agl"]


SKIPPED_STILL_WORK = """
import sys, warnings
warnings.simplefilter("error")  # matplotlib's warning about the missing 3-D toolkit too
from resultsdesk.ui.startup import before_matplotlib_in_qt
before_matplotlib_in_qt()
import importlib.util
lazy = type(sys.modules["fontTools.agl"]) is importlib.util._LazyModule
from matplotlib import dviread
import fontTools.agl
glyph = fontTools.agl.toUnicode("Agrave")  # what dviread asks of it: loads it now
import mpl_toolkits.mplot3d  # imported as usual by whoever asks for it after the start
print(lazy, glyph, mpl_toolkits.mplot3d.Axes3D.name,
      type(sys.modules["fontTools.agl"]) is importlib.util._LazyModule)
"""


def test_what_the_start_skips_still_loads_when_asked():
    done = subprocess.run([sys.executable, "-c", SKIPPED_STILL_WORK], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "\u00c0", "3d", "False"]


BLAS_POOL = """
import os, sys
from resultsdesk.ui.startup import BLAS_THREADS, before_matplotlib_in_qt
if sys.argv[1] == "gui":
    before_matplotlib_in_qt()  # as the app's entry does, before numpy
else:
    from resultsdesk.cli import main
    try:
        main(["--help"])  # any command: the setting comes before the parser is built
    except SystemExit:
        pass
    import matplotlib.figure  # what an export loads
import numpy
threads = len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else 1
print(os.environ.get(BLAS_THREADS), threads, "numpy" in sys.modules)
"""


@pytest.mark.parametrize("entry", ["gui", "cli"])
@pytest.mark.parametrize("given", [None, "2", "OMP_NUM_THREADS=2"])
def test_numpy_loads_without_a_pool_of_maths_threads(entry, given):
    """numpy's OpenBLAS started a thread per core, spinning as it waited for work no chart
    gives it: ~40 ms of CPU on every start (two cores). The app's entry and the command
    line ask for none before numpy loads, unless the environment already says otherwise."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")}
    if given is not None:
        name, _, value = given.rpartition("=")
        env[name or "OPENBLAS_NUM_THREADS"] = value
    done = subprocess.run([sys.executable, "-c", BLAS_POOL, entry], capture_output=True,
                          text=True, timeout=120, env={**env, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    setting, threads, loaded = done.stdout.split()[-3:]
    assert loaded == "True"
    # a count given in any variable OpenBLAS reads is the user's: ours is not set over it
    assert setting == {None: "1", "2": "2"}.get(given, "None")
    if given is None:
        assert threads == "1"  # this process's only thread: no pool started
