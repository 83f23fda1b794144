"""The floor under the first-window figure: what any PySide6 window showing three
matplotlib charts costs, with none of the app. A bare QMainWindow of the benchmark's size
(`gui_child.SIZE`) with three `FigureCanvasQTAgg` along the bottom, as `gui_child.py`
lays the app's charts out, each a trivial bar chart with a title, run until each canvas
has drawn and painted, then `os._exit(0)` (as `gui_child.py` without --json).

    python benchmarks/gui_floor.py [--lean]

It imports `matplotlib.figure` and the Qt backend, which `import PySide6.QtWidgets,
matplotlib` (the anchor) does not: `matplotlib.figure` alone pulls in the axes, every
projection (mplot3d included), text, mathtext and pyparsing. So this is the cost the app
cannot go below while it draws with matplotlib in Qt; the app is reported against it too.

`--lean`: the same window with what the app's entry does first for any such window
(`ui.startup`: the cyclic collector held, matplotlib's artist `set()` docstrings skipped,
PySide's import check made quicker, matplotlib loaded before Qt): the floor for an app that
takes those measures, so what the app adds over it is its own work alone.
"""

from __future__ import annotations

import os
import sys

CHARTS = 3


def main() -> None:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from gui_child import SIZE, bench_screen

    screen = bench_screen()
    if "--lean" in sys.argv:
        from resultsdesk.ui.startup import before_matplotlib_in_qt

        before_matplotlib_in_qt()
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure
    from PySide6.QtWidgets import (
        QApplication,
        QHBoxLayout,
        QMainWindow,
        QVBoxLayout,
        QWidget,
    )

    app = QApplication(sys.argv[:1])
    if screen:
        os.unlink(screen)
    window = QMainWindow()
    central = QWidget(window)
    column = QVBoxLayout(central)
    column.addStretch(2)  # where the app has its results table
    row = QHBoxLayout()
    column.addLayout(row, 1)  # the charts: a third of the height, side by side
    window.setCentralWidget(central)
    painted: set[int] = set()
    for i in range(CHARTS):
        figure = Figure()
        ax = figure.add_subplot()
        ax.bar(range(10), range(10))
        ax.set_title("Seats")
        canvas = FigureCanvasQTAgg(figure)
        canvas.mpl_connect("draw_event", lambda _e, i=i: painted.add(i))
        row.addWidget(canvas)
    window.resize(*SIZE)
    window.show()
    while len(painted) < CHARTS:
        app.processEvents()
    app.processEvents()  # the canvases' buffers onto the window
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
