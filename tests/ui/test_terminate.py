"""SIGTERM (or Ctrl+C) closes the app as File > Quit does: its window's layout saved, its
desk closed, the demo's throw-away copy removed, exit 0; and the handlers are put back as
they were once the app's loop has ended."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from collections.abc import Callable

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


def _env(tmp_path) -> dict[str, str]:
    """A child app's environment: headless, its temporary, settings and data folders in
    `tmp_path`."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
            "TMPDIR": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data")}


def _signal_when_ready(argv: list[str], env: dict[str, str], sent: int, waiting_for: str,
                       timeout: float, ready_line: Callable[[str], bool]
                       ) -> tuple[str, str, str, int]:
    """Run `argv`, wait (at most two minutes, then fail saying `waiting_for`) for the
    first line it prints, which `ready_line` must accept, send it `sent`, and wait
    `timeout` for it to end: (that line, the rest of its output, its errors, its exit
    status); a child still running is killed."""
    child = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        # if it never comes, the test fails rather than waits for ever
        ready, _, _ = select.select([child.stdout], [], [], 120)
        assert ready, waiting_for
        line = child.stdout.readline().strip()
        assert line, child.stderr.read()
        assert ready_line(line)
        child.send_signal(sent)
        out, err = child.communicate(timeout=timeout)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    return line, out, err, child.returncode


@pytest.mark.skipif(sys.platform == "win32", reason="Windows delivers no SIGTERM to an app")
@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_closes_the_app_as_quit_does(tmp_path, sent):
    demo, out, err, code = _signal_when_ready(
        [sys.executable, "-c", CHILD], _env(tmp_path), sent,
        "the app's window never showed", timeout=60, ready_line=os.path.isdir)
    assert code == 0, err
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


# The real entry on a night of nominations, with figures waiting to be answered for: typed
# in a form (real keys) after the start, or a draft a crash left, which the start offers
# to restore. Prints the draft's file once the question or the figures are there.
ASKING = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from resultsdesk.desk.accounts import open_desk_user
from resultsdesk.desk.drafts import Draft, save_draft
from resultsdesk.ui import app as app_module
from resultsdesk.ui import main_window
from resultsdesk.ui.declaration_form import Mode

app_module._who_is_at_the_desk = lambda desk, user: open_desk_user("sam")
shown = main_window.MainWindow.show
case = sys.argv[2]

def show(self):
    code = self.model.rows[0].code
    if case == "restore":  # a crash left it: the start asks "Restore them?"
        self.crashed = self.draft_file()  # (a file of the window's own while it asks)
        save_draft(self.crashed, Draft(code, Mode.ENTER.value, 0, {"vote0": "1234"}))
    shown(self)

    def type_figures():
        dialog = self.open_form(code, Mode.ENTER)
        QTest.keyClicks(dialog.form.vote_edits[0], "1234")
        print(self.draft_file(), flush=True)

    def asked():
        if not isinstance(QApplication.activeModalWidget(), QMessageBox):
            QTimer.singleShot(10, self, asked)
            return
        print(self.crashed, flush=True)

    # (typed after the start's own question, which a draft just typed would bring)
    QTimer.singleShot(0, self, lambda: QTimer.singleShot(
        0, self, type_figures if case == "typed" else asked))

main_window.MainWindow.show = show
code = app_module.run_app(sys.argv[1])
print("exit", code, flush=True)
sys.exit(code)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="Windows delivers no SIGTERM to an app")
@pytest.mark.parametrize("case", ["typed", "restore"])
def test_a_signal_closes_the_app_with_figures_unsaved_and_keeps_them(tmp_path,
                                                                     nominations_db, case):
    """Nobody is there to answer "Discard the figures?" (a form with figures typed) or
    "Restore them?" (a crash's draft, at the start): each refused to close unanswered, so
    the app went on running, every signal asking again, until a SIGKILL. Now it closes,
    the figures kept in their draft as a crash keeps them, offered at the next start."""
    # the question or the figures are up (the "restore" child polls until a question is)
    draft, out, err, code = _signal_when_ready(
        [sys.executable, "-c", ASKING, str(nominations_db), case], _env(tmp_path),
        signal.SIGTERM, "the question or the figures never came", timeout=30,
        ready_line=os.path.exists)
    assert code == 0, err
    assert out.split() == ["exit", "0"]
    with open(draft, encoding="utf-8") as kept:  # for the next start
        assert '"1234"' in kept.read()


# The real entry, File > Import of the 2024 results into a night of nominations, the
# signal sent by the import itself as it starts (so it arrives while the import runs).
IMPORTING = """
import os, signal, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog
from resultsdesk.desk import imports
from resultsdesk.desk.accounts import open_desk_user
from resultsdesk.ui import app as app_module
from resultsdesk.ui import main_window

app_module._who_is_at_the_desk = lambda desk, user: open_desk_user("sam")
QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (sys.argv[2], ""))
read = imports.import_results

def import_results(*args, **kwargs):  # on the worker's thread
    os.kill(os.getpid(), signal.SIGTERM)
    return read(*args, **kwargs)

imports.import_results = import_results
shown = main_window.MainWindow.show

def show(self):
    shown(self)
    # the Import dialog (its constituencies file as found beside) accepted as it opens
    QTimer.singleShot(0, self, lambda: self.import_file("import_results",
                                                        "Import results").accept())

main_window.MainWindow.show = show
code = app_module.run_app(sys.argv[1])
print("exit", code, flush=True)
sys.exit(code)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="Windows delivers no SIGTERM to an app")
def test_a_signal_during_an_import_closes_the_app_once_it_is_in(tmp_path, nominations_db):
    """An import runs with its progress dialog in an event loop of its own, which the app's
    quitting ended under it: `run_with_progress` found no outcome and raised IndexError,
    a bug in the log, and its window was closed before the import had said how it went.
    Now the windows close once the import (one transaction, about a second) is in."""
    from resultsdesk.store import Store

    results = ROOT / "resources" / "data" / "HoC-GE2024-results-by-candidate.csv"
    child = subprocess.run([sys.executable, "-c", IMPORTING, str(nominations_db),
                            str(results)], env=_env(tmp_path), capture_output=True, text=True,
                           timeout=120)
    assert child.returncode == 0, child.stderr
    assert child.stdout.split() == ["exit", "0"]
    assert "Traceback" not in child.stderr, child.stderr
    logs = "".join(p.read_text() for p in (tmp_path / "data").rglob("resultsdesk.log*"))
    assert "(a bug)" not in logs
    with Store(nominations_db) as store:
        assert store.scalar("SELECT count(*) FROM declarations") == 650  # whole


# The real entry on the demo night, its name prompt ("Who is at the desk?") left
# unanswered: prints the demo's folder once the prompt is up.
AT_SIGN_IN = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog
from resultsdesk.ui import app as app_module

asked = app_module._who_is_at_the_desk

def who(desk, user):
    def up():
        if not isinstance(QApplication.activeModalWidget(), QInputDialog):
            QTimer.singleShot(10, up)
            return
        print(desk.path.parent, flush=True)

    QTimer.singleShot(0, up)
    return asked(desk, user)

app_module._who_is_at_the_desk = who
code = app_module.run_app(demo=True)
print("exit", code, flush=True)
sys.exit(code)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="Windows delivers no SIGTERM to an app")
def test_a_signal_at_the_sign_in_closes_it_as_cancelled(tmp_path):
    """The handlers came only with the main window: a session ending while the start
    waited for a name killed the app (exit 143), leaving the demo's copy behind. Now the
    prompt closes as cancelled: exit 0, nothing written, the demo's copy removed."""
    demo, out, err, code = _signal_when_ready(
        [sys.executable, "-c", AT_SIGN_IN], _env(tmp_path), signal.SIGTERM,
        "the name prompt never showed", timeout=60, ready_line=os.path.isdir)
    assert code == 0, err
    assert out.split() == ["exit", "0"]
    assert not os.path.exists(demo)
