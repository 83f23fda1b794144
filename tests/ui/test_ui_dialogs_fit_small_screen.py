"""History (Ctrl+H) and Keyboard shortcuts (F1) on a small laptop's screen (1024 × 600, the
size README's narrow window is measured on). They opened at a fixed 1100 × 480 and
860 × 600 whatever the screen: History's right-hand columns and Close button hung past a
1024-pixel screen's edge, and the shortcuts' Close under a 600-pixel one's foot. Each opens
no larger than the screen now (its rows and columns scroll), and as before on a larger one.
Run in a child process on an offscreen screen of that size."""

from __future__ import annotations

import pytest
from helpers.laptop import WINDOW, run_on_screen

CHILD = WINDOW + """
from PySide6.QtCore import QTimer
from resultsdesk.ui.history_dialog import HistoryDialog
from resultsdesk.ui.shortcuts_dialog import ShortcutsDialog
from resultsdesk.ui.sizing import window_frame

def measure():  # (History waits in its own exec loop)
    room = window.screen().availableGeometry()
    shown = [w for w in app.topLevelWidgets()
             if isinstance(w, (HistoryDialog, ShortcutsDialog)) and w.isVisible()]
    print(json.dumps({"room": [room.width(), room.height()],
                      "dialogs": {type(w).__name__: [w.width(), w.height() + window_frame(w)]
                                  for w in shown}}))
    sys.stdout.flush()
    os._exit(0)

window.table.selectRow(0)
window.show_shortcuts()
QTimer.singleShot(200, measure)
window.show_history()
measure()
"""


@pytest.mark.parametrize("screen, fixed", [((1024, 600), False), ((1920, 1080), True)])
def test_history_and_shortcuts_open_within_the_screen(night_db, tmp_path, screen, fixed):
    got = run_on_screen(CHILD, night_db, screen, tmp_path)
    assert set(got["dialogs"]) == {"HistoryDialog", "ShortcutsDialog"}, got
    width, height = got["room"]
    for name, (w, h) in got["dialogs"].items():
        assert w <= width and h <= height, (name, got)
    if fixed:  # a screen with room: the sizes they always had
        assert got["dialogs"]["HistoryDialog"][0] == 1100
        assert got["dialogs"]["ShortcutsDialog"][0] == 860
