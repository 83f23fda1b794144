"""Quitting waits for a backup, a publish or the audit check still under way, but not for
ever: a publish to a dead share (or a backup onto a hung disk) kept the process alive with
no window at all, unseen, into the morning. After `app.QUIT_WAIT_MS` the app ends (exit 0),
the log naming the job it left, and its publishing process ends with it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers.locations import ROOT

# The real quit path (`run_app` after its loop ends) in a child process, with a job on the
# worker threads that never ends: held on an Event nobody sets, or waiting on a publishing
# process that never answers. The bound is cut to a second here.
CHILD = """
import sys
import threading


def main(case):
    from PySide6.QtWidgets import QWidget

    from resultsdesk.desk import publish_process
    from resultsdesk.ui import app as app_module
    from resultsdesk.ui.worker import Worker, start

    app_module.QUIT_WAIT_MS = 1000
    never = threading.Event()
    kept = []

    def held(progress):
        never.wait()

    def publishing(progress):
        future = publish_process._executor().submit(never_answers)
        print(*publish_process._pool._processes, flush=True)
        return future.result()

    app = app_module.application()
    window = QWidget()
    window.offer_draft = lambda: None
    app_module.open_window = lambda *_a, **_k: window

    def quit_with_a_job_stuck():
        job = held if case == "held" else publishing
        kept.append(start(Worker(job, f"a {case} job")))
        return 0

    app.exec = quit_with_a_job_stuck
    code = app_module.run_app(db_path=sys.argv[2])
    print("returned", code, flush=True)  # never: it ends the process itself
    sys.exit(code)


def never_answers():  # in the publishing process
    threading.Event().wait()


if __name__ == "__main__":
    main(sys.argv[1])
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("case", ["held", "publish"])
def test_quitting_leaves_a_stuck_job_and_ends(tmp_path, qtbot, case):
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "TMPDIR": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    # (an unbounded wait never returns: the timeout fails the test rather than hangs it)
    done = subprocess.run([sys.executable, str(script), case, str(tmp_path / "x.db")],
                          env=env, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
    assert "returned" not in done.stdout
    logs = list((tmp_path / "data").rglob("resultsdesk.log"))
    assert logs
    said = [line for line in logs[0].read_text(encoding="utf-8").splitlines()
            if "WARNING" in line and "quitting with" in line]
    assert len(said) == 1
    assert f"quitting with a {case} job still running after 1 s" in said[0]
    if case == "publish":  # its process went with the app, not left waiting for ever
        pids = [int(p) for p in done.stdout.split()]
        assert pids
        qtbot.waitUntil(lambda: not any(_alive(pid) for pid in pids), timeout=10_000)
