"""The tables' header views and the cyclic collector. An earlier session saw a full night's
window segfault after File > Switch user once the collector ran (with the Map tab shown, in
a window without the app's first-paint `gc.freeze`, as a test's window is), the header
views' Python objects collected. Every table and tree in the UI now keeps its headers'
objects (sizing.keep_headers). The scenario runs in a child process: a segfault there
fails this test instead of ending the whole run."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers.seats import CLEAN, HENDON
from PySide6.QtWidgets import QTableView, QTreeView
from shiboken6 import Shiboken

from resultsdesk.desk import declarations as dk
from resultsdesk.desk.audit_text import seat_trail
from resultsdesk.domain.model import Figures
from resultsdesk.ui.history_dialog import HistoryDialog
from resultsdesk.ui.shortcuts_dialog import ShortcutsDialog, all_shortcuts
from resultsdesk.ui.sizing import kept_headers

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
SCRIPT = TESTS / "helpers" / "gc_after_switch.py"


def _headers(view: QTableView | QTreeView) -> tuple:
    if isinstance(view, QTableView):
        return view.horizontalHeader(), view.verticalHeader()
    return (view.header(),)


def _assert_kept(widget) -> int:
    """Every table and tree in `widget` holds its own header views' Python objects, which
    a full collection leaves alive and the same. Returns how many views were checked."""
    views = widget.findChildren(QTableView) + widget.findChildren(QTreeView)
    before = {view.objectName(): kept_headers(view) for view in views}
    gc.collect()
    for view in views:
        kept = before[view.objectName()]
        assert kept, f"{view.objectName()} keeps no header views"
        assert all(Shiboken.isValid(h) for h in kept), view.objectName()
        assert all(a is b for a, b in zip(_headers(view), kept, strict=True)), \
            view.objectName()
    return len(views)


def test_every_table_in_the_window_keeps_its_headers(qtbot, main_window, night_db):
    window = main_window(night_db, user="alice")
    assert _assert_kept(window) == 4  # results, seats, verification queue, recount watch


def test_the_dialogs_tables_keep_their_headers(qtbot, main_window, nominations_store,
                                               nominations_db):
    dk.declare(nominations_store, HENDON, user="carol", figures=Figures(CLEAN, 120))
    dk.verify(nominations_store, HENDON, user="bob", votes=CLEAN, invalid=120)
    history = HistoryDialog(dk.history(nominations_store, HENDON),
                            seat_trail(nominations_store, HENDON))
    qtbot.addWidget(history)
    assert _assert_kept(history) >= 2  # the versions and the audit trail
    window = main_window(nominations_db, user="alice")
    shortcuts = ShortcutsDialog(all_shortcuts(window), window)
    assert _assert_kept(shortcuts) == 1


def test_the_window_survives_the_collector_after_switch_user(_night_2024, tmp_path):
    night = shutil.copyfile(_night_2024, tmp_path / "night.db")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(TESTS)]),
           "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-X", "faulthandler", str(SCRIPT), str(night)],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-4000:]
    assert "survived" in done.stdout
