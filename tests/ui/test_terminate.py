"""SIGTERM (or Ctrl+C) closes the app as File > Quit does: its window's layout saved, its
desk closed, the demo's throw-away copy removed, exit 0; and the handlers are put back as
they were once the app's loop has ended."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys

import pytest
from helpers.locations import ROOT

# The real entry on the demo night in a child process, its sign-in answered: prints the
# demo's folder once the window has painted, then runs until a signal closes it.
CHILD = """
import sys
from resultsdesk.desk.accounts import open_desk_user
from resultsdesk.ui import app as app_module
from resultsdesk.ui import main_window

app_module._who_is_at_the_desk = lambda desk, user: open_desk_user("sam")
shown = main_window.MainWindow.show

def show(self):
    shown(self)
    print(self.db_path.parent, flush=True)

main_window.MainWindow.show = show
code = app_module.run_app(demo=True)
print("exit", code, flush=True)
sys.exit(code)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="Windows delivers no SIGTERM to an app")
@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_closes_the_app_as_quit_does(tmp_path, sent):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "TMPDIR": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    child = subprocess.Popen([sys.executable, "-c", CHILD], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        # the window is up (or, if it never comes, the test fails rather than waits for ever)
        ready, _, _ = select.select([child.stdout], [], [], 120)
        assert ready, "the app's window never showed"
        demo = child.stdout.readline().strip()
        assert demo, child.stderr.read()
        assert os.path.isdir(demo)
        child.send_signal(sent)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 0, err
    assert out.split() == ["exit", "0"]
    assert not os.path.exists(demo)  # closed as Quit closes: the demo copy went with it
    settings = list((tmp_path / "config").rglob("*.conf"))
    assert settings and "geometry" in settings[0].read_text()  # the window's layout saved


def test_the_handlers_are_put_back_after_the_loop(qapp):
    from resultsdesk.ui.terminate import close_on_terminate

    before = {n: signal.getsignal(n) for n in (signal.SIGTERM, signal.SIGINT)}
    terminator = close_on_terminate(qapp)
    assert signal.getsignal(signal.SIGTERM) is not before[signal.SIGTERM]
    terminator.uninstall()
    assert {n: signal.getsignal(n) for n in before} == before
    assert signal.set_wakeup_fd(-1) == -1  # none left behind
