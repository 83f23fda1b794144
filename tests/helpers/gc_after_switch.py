"""Run as a script (a child process, since what it checks for is a segfault, which would
take pytest down with it): the full night's window at a laptop's 1366 x 768, the Map tab
shown, File > Switch user to another name, then the cyclic collector run as it would run
in the app once its first-paint freeze is behind it (a test's window never had one), and
every tab shown and painted again. Exits 0 when the window survived all that.

    python gc_after_switch.py NIGHT_DB
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtWidgets import QApplication

from helpers.switch_user import switch_open_desk_user
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow

NEXT_PERSON = "bob"


def _settle(app: QApplication, window: MainWindow) -> None:
    """What the event loop does between two things a person does: events, a repaint."""
    for _ in range(3):
        app.processEvents()
        window.repaint()
    app.processEvents()


def main(db: str) -> int:
    app = application()
    gc.unfreeze()  # a test's window: what application() froze is collectable again
    window = MainWindow(db, user="alice")
    window.showNormal()
    window.resize(1366, 768)
    _settle(app, window)
    map_dock = next(d for d in window.chart_docks if d.objectName() == "mapDock")
    map_dock.raise_()
    _settle(app, window)

    if not switch_open_desk_user(window, NEXT_PERSON) or window.user != NEXT_PERSON:
        print(f"switch user did not happen: {window.user}", file=sys.stderr)
        return 2

    for _ in range(3):
        gc.collect()
        _settle(app, window)
    for dock in (*window.chart_docks, window.queue_dock, window.recount_dock,
                 window.summary_dock):
        dock.raise_()
        _settle(app, window)
        gc.collect()
        _settle(app, window)
    window.refresh()
    _settle(app, window)
    window.close()
    _settle(app, window)
    print("survived")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
