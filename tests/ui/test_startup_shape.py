"""The shape of the first window's start (never its time): each chart on screen draws one
full frame, at the size it is painted at, even when the window is resized between show()
and its first paint (here: the offscreen screen is smaller than the window asked for); the
audit check and the collector wait for that paint; the results list sorts on keys worked
out once per row, not asked of the model on every comparison; matplotlib's artists work
without the `set()` docs the app's start skips."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys

import pytest
from helpers.locations import ROOT
from helpers.seats import HENDON, HENDON_2024
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui import constituency_model as cm
from resultsdesk.ui import main_window
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow
from resultsdesk.ui.startup import hold_collector, release_collector

# The benchmarks' one window layout (three charts along the bottom of a 1920 x 1080 window,
# bigger than the offscreen screen's 800 x 800 here: shown, it is cut down to fit).
sys.path.insert(0, str(ROOT / "benchmarks"))
from gui_child import show_all_charts


@pytest.fixture
def opened(qtbot, night_db):
    """A window on the 2024 night, built but not shown yet."""
    application()
    win = MainWindow(night_db, user="probe")
    qtbot.addWidget(win)
    return win


def test_each_chart_draws_one_full_frame_at_its_painted_size(qtbot, opened):
    views = show_all_charts(opened)
    drawn: dict = {view: [] for view in views}
    for view in views:
        view.canvas.mpl_connect("draw_event", lambda _e, v=view: drawn[v].append(
            (v.canvas.width(), v.canvas.height())))
    opened.show()
    qtbot.waitUntil(lambda: all(drawn.values()))
    # Later than the first paint: the audit check starts after it and reports.
    qtbot.waitUntil(lambda: opened.audit.result is not None, timeout=10_000)
    for view in views:
        assert view.canvas.frames.full_frames == 1, (view.objectName(), drawn[view])
        assert drawn[view] == [(view.canvas.width(), view.canvas.height())]


def test_the_audit_check_starts_after_the_first_paint(qtbot, opened):
    assert opened.audit._worker is None  # built, not painted: not started
    assert opened.audit_label.text() == "Audit: checking…"
    opened.show()
    qtbot.waitUntil(lambda: opened.audit.result is not None, timeout=10_000)
    assert opened.audit.result.intact
    assert opened.audit_label.text().startswith("Audit chain intact")


def test_a_window_never_painted_starts_them_anyway(qtbot, night_db, monkeypatch):
    monkeypatch.setattr(main_window, "FIRST_PAINT_WAIT_MS", 0)
    application()
    hold_collector()
    try:
        win = MainWindow(night_db, user="probe")
        qtbot.addWidget(win)
        win.setUpdatesEnabled(False)  # shown, never painted (as if minimised)
        win.show()
        qtbot.waitUntil(lambda: win.audit.result is not None and gc.isenabled(),
                        timeout=10_000)
    finally:
        release_collector()
    assert win.audit.result.intact


def test_the_held_collector_runs_again_after_the_first_paint(qtbot, night_db):
    application()
    hold_collector()  # as run_app does, before the window is built
    try:
        win = MainWindow(night_db, user="probe")
        qtbot.addWidget(win)
        assert not gc.isenabled()
        win.show()
        qtbot.waitUntil(gc.isenabled)
    finally:
        release_collector()  # whatever happened, the rest of the run collects
    assert gc.isenabled()


@pytest.mark.parametrize("opened_to", ["nobody signed in", "nothing to open"])
def test_no_window_to_paint_runs_the_collector_again(monkeypatch, tmp_path, opened_to):
    import resultsdesk.logs
    from resultsdesk.ui import app as app_module

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app sets the app's own
    monkeypatch.setattr(resultsdesk.logs, "setup_logging", lambda: None)
    answer = app_module.NOBODY if opened_to == "nobody signed in" else None
    monkeypatch.setattr(app_module, "open_window", lambda *_a, **_k: answer)
    try:
        assert app_module.run_app(db_path=tmp_path / "x.db") == (answer is None)
        assert gc.isenabled()
    finally:
        gc.enable()


def test_quitting_waits_for_a_background_job(monkeypatch, tmp_path, qtbot):
    """A job still running when the event loop ends (a backup, a publish) finishes and
    reports before run_app returns, not while Python tears its signals down."""
    import threading

    import resultsdesk.logs
    from resultsdesk.ui import app as app_module
    from resultsdesk.ui.worker import Worker, start

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app sets the app's own
    monkeypatch.setattr(resultsdesk.logs, "setup_logging", lambda: None)
    window = QWidget()
    qtbot.addWidget(window)
    window.offer_draft = lambda: None
    monkeypatch.setattr(app_module, "open_window", lambda *_a, **_k: window)
    release = threading.Event()
    done: list[str] = []
    kept: list[Worker] = []  # the caller keeps its worker until it reports, as the app does

    def job(progress) -> str:
        release.wait(30)  # still running when the loop ends
        done.append("ran")
        return "done"

    def quit_with_job_running() -> int:
        kept.append(start(Worker(job)))
        threading.Timer(0.05, release.set).start()  # the job ends only after exec returns
        return 0

    monkeypatch.setattr(app_module.application(), "exec", quit_with_job_running)
    try:
        assert app_module.run_app(db_path=tmp_path / "x.db") == 0
        assert done == ["ran"]  # finished before run_app returned
    finally:
        release.set()
        release_collector()  # the window here never paints to do it


def test_the_app_recalls_its_text_before_the_window_and_keeps_it_as_it_closes(
        monkeypatch, tmp_path, qtbot):
    """The charts' text memory (`charts.text_memory`) is read before the window builds (so
    its first paint can use it) and written after the event loop ends, in the user's
    cache folder."""
    import os

    import resultsdesk.logs
    from resultsdesk.charts import text_memory
    from resultsdesk.paths import text_memory_file
    from resultsdesk.ui import app as app_module

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app sets the app's own
    monkeypatch.setattr(resultsdesk.logs, "setup_logging", lambda: None)
    calls: list[tuple] = []
    monkeypatch.setattr(text_memory, "load", lambda path: calls.append(("load", path)) or 0)
    monkeypatch.setattr(text_memory, "save",
                        lambda path: calls.append(("save", path)) or True)
    window = QWidget()
    qtbot.addWidget(window)
    window.offer_draft = lambda: None

    def opened(*_a, **_k):
        calls.append(("window",))
        return window

    monkeypatch.setattr(app_module, "open_window", opened)
    monkeypatch.setattr(app_module.application(), "exec",
                        lambda: calls.append(("exec",)) or 0)
    try:
        assert app_module.run_app(db_path=tmp_path / "x.db") == 0
    finally:
        release_collector()  # the window here never paints to do it
    where = text_memory_file()
    assert calls == [("load", where), ("window",), ("exec",), ("save", where)]
    assert str(where).startswith(os.environ["XDG_CACHE_HOME"])


def test_the_app_opens_the_election_once(qtbot, night_db, monkeypatch):
    """Signing in and the window share one open desk: opening a file checks it whole
    (`PRAGMA quick_check`), which the window would otherwise do a second time."""
    from resultsdesk.desk import session
    from resultsdesk.desk.accounts import open_desk_user
    from resultsdesk.ui import app as app_module

    opened = []
    real = session.open_desk

    def open_desk(target, *args, **kwargs):
        opened.append(real(target, *args, **kwargs))
        return opened[-1]

    monkeypatch.setattr(session, "open_desk", open_desk)
    monkeypatch.setattr(main_window, "open_desk", open_desk)
    monkeypatch.setattr(app_module, "_who_is_at_the_desk",
                        lambda desk, user: open_desk_user("probe"))
    application()
    win = app_module.open_window(night_db)
    qtbot.addWidget(win)
    assert isinstance(win, MainWindow) and win.user == "probe"
    assert len(opened) == 1 and win.desk is opened[0]


SET_DOCS = """
import sys
from resultsdesk.ui.startup import skip_artist_set_docs
if sys.argv[1] == "skip":
    skip_artist_set_docs()
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
line = Line2D([0, 1], [0, 1])
line.set(color="red", lw=3, label="x")  # by name and by alias, as ever
assert (line.get_color(), line.get_linewidth(), line.get_label()) == ("red", 3, "x")
try:
    Text().set(no_such_property=1)
except AttributeError:
    pass
else:
    raise AssertionError("an unknown property was taken")
print("documented" if "linewidth" in (Line2D.set.__doc__ or "") else "not documented")
"""


BEFORE_QT = """
import gc, json, sys
import resultsdesk.ui.app
loaded = {"ui.app": "PySide6" in sys.modules}
from resultsdesk.ui.startup import before_loading
before_loading()
gc.enable()
loaded["before_loading"] = "PySide6" in sys.modules
from matplotlib.backends import backend_qtagg, qt_compat
print(json.dumps({"qt": loaded, "binding": qt_compat.QT_API,
                  "preloaded": [m for m in ("matplotlib.figure", "resultsdesk.desk.live",
                                            "resultsdesk.charts.frames") if m in sys.modules]}))
"""


def test_what_needs_no_qt_loads_before_qt():
    """The app's entry loads without Qt, and `before_loading` loads matplotlib, the charts
    and the desk before it (PySide6's import hook then reads fewer modules); matplotlib's Qt
    backend still finds PySide6."""
    done = subprocess.run([sys.executable, "-c", BEFORE_QT], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["qt"] == {"ui.app": False, "before_loading": False}
    assert found["binding"].lower() == "pyside6"
    assert len(found["preloaded"]) == 3


PYSIDE_CHECK = """
import inspect, json, sys, types
real = inspect.getsource
read = []

def getsource(obj):
    if isinstance(obj, types.ModuleType):
        read.append(obj.__name__)
    return real(obj)

inspect.getsource = getsource
from resultsdesk.ui.startup import before_loading
before_loading()
import PySide6.QtWidgets
import resultsdesk.ui.main_window
feature = sys.modules["shibokensupport.feature"]

def pyside_answer(module):  # what PySide's own check answers
    try:
        return "PySide6" in real(module)
    except (TypeError, OSError, SyntaxError):
        return False

modules = [m for m in list(sys.modules.values()) if isinstance(m, types.ModuleType)]
origin = lambda m: getattr(getattr(m, "__spec__", None), "origin", None) or ""
print(json.dumps({
    "private": hasattr(feature, "_mod_uses_pyside"),
    "checked": len(feature.pyside_feature_dict),
    "sources_read": sorted(n for n in read if origin(sys.modules[n]).endswith(".py")),
    "differ": [m.__name__ for m in modules if feature._mod_uses_pyside(m) != pyside_answer(m)],
    "modules": len(modules)}))
"""


def test_pyside_checks_each_module_without_inspect_getsource():
    """PySide's import hook asks of each module imported once Qt is loaded whether its
    source mentions PySide6; on the way to the window, none of the app's (or anyone's)
    `.py` files is read for it through `inspect.getsource`, and the quicker check answers as
    PySide's own does for every module loaded."""
    done = subprocess.run([sys.executable, "-c", PYSIDE_CHECK], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    if not found["private"]:
        pytest.skip("this PySide has no _mod_uses_pyside: nothing replaced")
    assert found["checked"] > 100  # the hook did look at the window's modules
    assert found["sources_read"] == []
    assert found["modules"] > 500 and found["differ"] == []


@pytest.mark.parametrize("skip", ["skip", "keep"])
def test_artist_set_works_without_its_generated_docs(skip):
    done = subprocess.run([sys.executable, "-c", SET_DOCS, skip], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == (["not", "documented"] if skip == "skip" else ["documented"])


PROPERTY_LISTS = """
import sys
from resultsdesk.ui.startup import PROPERTY_LIST_SKIPPED, skip_artist_property_lists
if sys.argv[1] == "skip":
    skip_artist_property_lists()
elif sys.argv[1] == "entry":
    from resultsdesk.ui.startup import before_matplotlib_in_qt
    before_matplotlib_in_qt()  # as the app's entry does (and loads the figure)
import matplotlib.artist
built = []
real = matplotlib.artist.kwdoc


def kwdoc(artist):  # counted when a docstring's list asks (not the set() docs)
    if sys._getframe(1).f_code.co_name == "__missing__":
        built.append(artist)
    return real(artist)


matplotlib.artist.kwdoc = kwdoc
from matplotlib.axes import Axes
from matplotlib.figure import Figure
ax = Figure().add_subplot()
ax.plot([0, 1], [0, 1], antialiased=False)  # a property the skipped list names
ax.text(0, 0, "x", fontsize=9)
print(len(built), PROPERTY_LIST_SKIPPED in Axes.plot.__doc__,
      "antialiased or aa" in Axes.plot.__doc__)
"""


@pytest.mark.parametrize("skip", ["skip", "entry", "keep"])
def test_artists_work_without_their_property_lists(skip):
    """The property lists in matplotlib's docstrings (`%(Line2D:kwdoc)s`) were built at
    every start by inspecting each artist's setters (~25 ms): skipped, none is built and
    the artists take their properties as ever."""
    done = subprocess.run([sys.executable, "-c", PROPERTY_LISTS, skip], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    built, placeholder, listed = done.stdout.split()
    if skip != "keep":
        assert (built, placeholder, listed) == ("0", "True", "False")
    else:
        assert int(built) > 5 and (placeholder, listed) == ("False", "True")


def test_property_lists_are_skipped_only_before_matplotlib_loads():
    from matplotlib.axes import Axes

    from resultsdesk.ui.startup import skip_artist_property_lists

    skip_artist_property_lists()  # the axes are loaded in this process: nothing to change
    assert "antialiased or aa" in Axes.plot.__doc__


def test_set_docs_are_skipped_only_before_matplotlib_loads():
    import matplotlib.lines

    from resultsdesk.ui.startup import skip_artist_set_docs

    skip_artist_set_docs()  # the figure is loaded in this process: nothing to change
    assert "linewidth" in matplotlib.lines.Line2D.set.__doc__


def test_release_without_hold_leaves_the_collector_alone():
    gc.disable()
    try:
        release_collector()  # a window built by a script or a test: not ours to turn on
        assert not gc.isenabled()
    finally:
        gc.enable()


def _count_sort_keys(monkeypatch) -> list[tuple[str, int]]:
    asked: list[tuple[str, int]] = []
    real = cm.ConstituencyTableModel.sort_key

    def sort_key(model, row, col):
        asked.append((row.code, col))
        return real(model, row, col)

    monkeypatch.setattr(cm.ConstituencyTableModel, "sort_key", sort_key)
    return asked


def test_sorting_the_list_works_out_each_key_once(opened, monkeypatch):
    """Sorting 650 seats takes thousands of comparisons: the keys are worked out once per
    row and column (a regression to asking the model on every comparison fails here)."""
    real = cm.ConstituencyTableModel.sort_key
    asked = _count_sort_keys(monkeypatch)
    # Sorted by name as the window opened; then by three more columns; then by name and
    # by majority again, whose keys are kept.
    for col, fresh in ((cm.MAJORITY, True), (cm.STATUS, True), (cm.TURNOUT, True),
                       (cm.NAME, False), (cm.MAJORITY, False)):
        asked.clear()
        opened.table.sortByColumn(col, Qt.SortOrder.AscendingOrder)
        assert len(asked) == (opened.model.rowCount() if fresh else 0) == (650 if fresh else 0)
        shown = [opened.proxy.index(i, 0).data(cm.ROW_ROLE) for i in range(650)]
        keys = [real(opened.model, r, col) for r in shown]
        assert keys == sorted(keys)  # and in the column's order


def test_a_live_update_works_out_only_the_changed_seats_key(qtbot, main_window,
                                                           nominations_db, monkeypatch):
    win = main_window(nominations_db, user="alice")
    # By a column the proxy sorts (by name, as it opens, the model's own order: no keys)
    win.table.sortByColumn(cm.MAJORITY, Qt.SortOrder.AscendingOrder)
    asked = _count_sort_keys(monkeypatch)
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
    win.refresh_if_changed()
    assert win.model.row_at(win.model._index[HENDON]).status.value == "provisional"
    assert {code for code, _ in asked} == {HENDON}


def test_the_list_opens_in_name_order_with_nothing_to_compare(qtbot, night_db, monkeypatch):
    """The results list opens A-Z by name: its proxy compares no two rows (each comparison
    a call into Python from C++: ~3,500 for 650 seats, most of the first window's table).
    Sorted by another column, and back on Name, it compares none either: the model lists
    its rows in the header's order, with one sort in Python."""
    compared = []

    class Counting(cm.ConstituencyFilter):
        def lessThan(self, left, right):
            compared.append(1)
            return super().lessThan(left, right)

    monkeypatch.setattr(cm, "ConstituencyFilter", Counting)
    application()
    win = MainWindow(night_db, user="probe")
    qtbot.addWidget(win)
    shown = [win.proxy.index(i, 0).data(cm.ROW_ROLE) for i in range(win.proxy.rowCount())]
    assert len(shown) == 650 and compared == []
    names = [r.name.casefold() for r in shown]
    assert names == sorted(names)
    win.table.sortByColumn(cm.MAJORITY, Qt.SortOrder.AscendingOrder)
    assert compared == []
    assert [win.proxy.index(i, 0).data(cm.ROW_ROLE) for i in range(650)] != shown
    win.table.sortByColumn(cm.NAME, Qt.SortOrder.AscendingOrder)
    assert compared == []
    assert [win.proxy.index(i, 0).data(cm.ROW_ROLE) for i in range(650)] == shown


def test_the_demo_copy_goes_with_its_window(monkeypatch, tmp_path, qtbot):
    """`resultsdesk --demo` builds a throw-away night in a temporary folder: removed once its
    window has closed (each demo left 1.3 MB behind for good); a file asked for by name is
    never touched."""
    import resultsdesk.logs
    from resultsdesk.desk.election import DEMO_FILE, DEMO_FOLDER_PREFIX
    from resultsdesk.ui import app as app_module

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app sets the app's own
    monkeypatch.setattr(resultsdesk.logs, "setup_logging", lambda: None)
    demo = tmp_path / f"{DEMO_FOLDER_PREFIX}abc" / DEMO_FILE
    named = tmp_path / f"{DEMO_FOLDER_PREFIX}mine" / DEMO_FILE  # looks like one, but named
    for path in (demo, named):
        path.parent.mkdir()
        path.write_bytes(b"night")
    opened: dict[str, object] = {}

    def open_window(db_path=None, *, demo=False, user=None):
        window = QWidget()
        qtbot.addWidget(window)
        window.offer_draft = lambda: None
        window.db_path = opened["path"]
        return window

    monkeypatch.setattr(app_module, "open_window", open_window)
    monkeypatch.setattr(app_module.application(), "exec", lambda: 0)
    opened["path"] = named
    assert app_module.run_app(db_path=named) == 0
    assert named.read_bytes() == b"night"
    opened["path"] = demo
    assert app_module.run_app(demo=True) == 0
    assert not demo.parent.exists()
    # File > Open pointed the demo's window at another database: the demo copy still goes,
    # the other file stays.
    demo.parent.mkdir()
    demo.write_bytes(b"night")

    def open_elsewhere() -> int:
        opened["window"].db_path = named
        return 0

    real_open = open_window

    def remembered(*args, **kwargs):
        opened["window"] = real_open(*args, **kwargs)
        return opened["window"]

    monkeypatch.setattr(app_module, "open_window", remembered)
    monkeypatch.setattr(app_module.application(), "exec", open_elsewhere)
    assert app_module.run_app(demo=True) == 0
    assert not demo.parent.exists() and named.read_bytes() == b"night"
