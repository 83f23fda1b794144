"""A child process for the GUI figures: the real main window on a night, in the fixed
layout every benchmark uses (three charts on screen), run until each chart has painted.

    python benchmarks/gui_child.py DB [--json] [--closing | --cold]

Run with `common.fresh_env` (an empty settings folder). Without --json it ends with
`os._exit(0)` the moment the charts are painted, so the parent's stopwatch on the whole
process is the time to a first window with its charts; with --json it prints
{"painted_s": seconds since the interpreter started, "maxrss_mb": peak RSS,
"modules": [heavy modules loaded]} first (`peak_rss.peak_rss_mb`).

As `ui.app.run_app`, it reads the charts' text memory before the window builds
(`startup.recall_text`); `--closing` then writes it once the charts have painted, as the app
does when it closes (`startup.keep_text`: the benchmarks' untimed first run, so that timed
runs start as an app that was opened and closed before); `--cold` reads none, as the first
start on a machine.
"""

from __future__ import annotations

import itertools
import os
import sys
import time

HEAVY = ("pandas", "numpy", "matplotlib", "PySide6", "sqlite_utils", "scipy", "PIL")
SIZE = (1920, 1080)


def bench_screen() -> str | None:
    """Headless (the default here), a screen of SIZE for the window to fill. Qt's offscreen
    screen is 800 x 800 unless told otherwise, and a bigger window is shrunk to it once
    shown: the figures were then taken at 796 x 796 with each chart drawn twice, once at
    the size asked for and once at the size given. Call before the QApplication; returns
    the screen's file, to remove once the QApplication has read it (os._exit skips atexit)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if os.environ["QT_QPA_PLATFORM"] != "offscreen":
        return None  # a real display, or a screen configured by the caller
    import json
    import tempfile

    screen = {"name": "bench", "x": 0, "y": 0, "width": SIZE[0], "height": SIZE[1],
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    fd, path = tempfile.mkstemp(prefix="resultsdesk-screen-", suffix=".json")
    with os.fdopen(fd, "w") as out:
        json.dump({"screens": [screen]}, out)
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={path}"
    return path


def show_all_charts(window) -> list:
    """The benchmark layout: the seat chart, the chamber and the vote share side by side
    along the bottom of a 1920 × 1080 window, the tables and side docks as the default
    layout has them, the timeline and the map closed, and the national summary below the
    recount watch, both on screen as in every run before the summary moved among the
    lists' tabs. Returns the three chart views."""
    from PySide6.QtCore import Qt

    docks = window.chart_docks[:3]
    for dock in docks:
        window.removeDockWidget(dock)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, docks[0])
    for left, right in itertools.pairwise(docks):
        window.splitDockWidget(left, right, Qt.Orientation.Horizontal)
    for dock in docks:
        dock.show()
    for dock in window.chart_docks[3:]:  # the timeline and map: closed, not behind a tab
        dock.hide()
    # Out of the lists' tabs to a place of its own (moved, so shown: no show() needed).
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.summary_dock,
                         Qt.Orientation.Vertical)
    window.resize(*SIZE)
    window.resizeDocks(docks, [SIZE[0] // 3] * 3, Qt.Orientation.Horizontal)
    window.resizeDocks(docks[:1], [SIZE[1] // 3], Qt.Orientation.Vertical)
    return [dock.widget() for dock in docks]


def main() -> None:
    started = time.perf_counter()
    screen = bench_screen()
    from resultsdesk.ui.startup import before_loading

    before_loading()  # as the app's entry (ui.app.run_app) does before loading anything
    from PySide6.QtWidgets import QApplication

    from resultsdesk.ui.app import application
    from resultsdesk.ui.main_window import MainWindow

    app = application()
    if screen:
        os.unlink(screen)
    if "--cold" not in sys.argv:
        from resultsdesk.ui.startup import recall_text

        recall_text()
    window = MainWindow(sys.argv[1], user="bench")
    views = show_all_charts(window)
    painted: set[int] = set()
    for i, view in enumerate(views):
        view.canvas.mpl_connect("draw_event", lambda _e, i=i: painted.add(i))
    window.show()
    deadline = time.perf_counter() + 60
    while len(painted) < len(views) and time.perf_counter() < deadline:
        app.processEvents()
    app.processEvents()  # the canvases' buffers onto the window
    if len(painted) < len(views):
        print(f"only {len(painted)} of {len(views)} charts painted", file=sys.stderr)
        os._exit(1)
    if "--json" in sys.argv:
        import json

        from peak_rss import peak_rss_mb  # beside this script; not ru_maxrss (see there)

        print(json.dumps({
            "painted_s": time.perf_counter() - started,
            "maxrss_mb": peak_rss_mb(),
            "modules": sorted(m for m in HEAVY if m in sys.modules)}), flush=True)
    if "--closing" in sys.argv:
        from resultsdesk.ui.startup import keep_text

        keep_text()
    sys.stdout.flush()
    QApplication.processEvents()
    os._exit(0)


if __name__ == "__main__":
    main()
