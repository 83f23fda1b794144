"""No timer or worker report outlives the window it was for (issue 11's flaky test: a 30 s
single-shot lambda fired on a deleted main window)."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

from helpers.locations import ROOT
from helpers.seats import HENDON, HENDON_2024
from PySide6.QtCore import QTimer

from resultsdesk.desk import declarations as dk
from resultsdesk.domain.model import Figures
from resultsdesk.store import Store
from resultsdesk.ui.app import application
from resultsdesk.ui.main_window import MainWindow

UI = ROOT / "resultsdesk" / "ui"


def _single_shots() -> list[tuple[str, ast.Call]]:
    calls = []
    for path in sorted(UI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr == "singleShot":
                calls.append((f"{path.name}:{node.lineno}", node))
    return calls


def test_every_single_shot_timer_has_a_context_object():
    calls = _single_shots()
    assert calls, "the ui uses single-shot timers; this test should see them"
    without = [where for where, call in calls
               if len(call.args) != 3 or isinstance(call.args[1], ast.Lambda)]
    assert without == []


def test_the_recount_alert_timer_dies_with_its_window(qtbot, nominations_db, monkeypatch):
    """The alert's 30 s timer, shortened to 20 ms, comes due after the window is deleted:
    nothing runs (a callback on the deleted window would raise in the event loop, which
    pytest-qt turns into a failure)."""
    shot = QTimer.singleShot

    def soon(ms, *rest):
        return shot(min(ms, 20), *rest)

    monkeypatch.setattr(QTimer, "singleShot", soon)
    application()
    window = MainWindow(nominations_db, user="alice")  # keyed it: sees the close result
    window.show()
    with Store(nominations_db) as desk:
        dk.declare(desk, HENDON, user="alice", figures=Figures(HENDON_2024, 187),
                   overrides=["recount_range"])
    window.refresh_if_changed()
    assert window.recount_alert.isVisible()  # the alert, and its timer, are under way
    window.close()
    with qtbot.waitSignal(window.destroyed, timeout=5000):
        window.deleteLater()
    later: list[bool] = []
    app = application()
    shot(200, app, lambda: later.append(True))  # well after the alert's timer came due
    qtbot.waitUntil(lambda: later == [True], timeout=5000)


def test_a_backup_report_after_the_window_is_gone_is_dropped(qtbot, nominations_db,
                                                             monkeypatch):
    """The backup finishes only once its window is deleted: its report must find no
    callback on the deleted window."""
    from resultsdesk.store import backup

    gone = threading.Event()
    real = backup.timestamped_backup

    def after_the_window(*args, **kwargs):
        assert gone.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(backup, "timestamped_backup", after_the_window)
    application()
    window = MainWindow(nominations_db, user="alice")  # keyed it: sees the close result
    window.show()
    window.backup_now("manual")
    worker = window._backup_worker
    done: list[object] = []
    worker.signals.finished.connect(done.append)
    worker.signals.failed.connect(done.append)
    window.close()
    with qtbot.waitSignal(window.destroyed, timeout=5000):
        window.deleteLater()
    gone.set()
    qtbot.waitUntil(lambda: len(done) == 1, timeout=20_000)  # delivered; nobody crashed
    assert isinstance(done[0], Path)
