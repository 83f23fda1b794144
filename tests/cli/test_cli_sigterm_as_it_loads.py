"""SIGTERM while the command's modules still load (a supervisor's `proc.terminate()`,
`timeout`, a service manager stopping the job): most of a short command's life, `summary`
a quarter of a second of which its imports take more than half. The command's handler was
not there yet, so the process died silently by the signal: no "terminated" line, and a
Python supervisor saw returncode -15 where README promises exit status 143. Now it is said
as Ctrl+C there is (test_cli_interrupt_edges), from the moment the package loads."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers.locations import ROOT

# The console script, in a process whose import of MODULE gets SIGTERM the moment it
# starts: the package's first import ("logging"), between the package and the command line
# ("resultsdesk.cli" looked for), inside the command line's imports ("argparse").
_SIGTERM_AS_IT_LOADS = """
import signal, sys

module = sys.argv.pop(1)
sys.argv[0] = "resultsdesk"  # as the console script starts it

class Terminate:
    def find_spec(self, name, path=None, target=None):
        if name == module:
            signal.raise_signal(signal.SIGTERM)
        return None

sys.meta_path.insert(0, Terminate())
from resultsdesk.cli import main
sys.exit(main())
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM is POSIX's")
@pytest.mark.parametrize("module", ["logging", "resultsdesk.cli", "argparse"])
def test_sigterm_as_it_loads_is_one_line_and_143(night_db, module):
    with subprocess.Popen([sys.executable, "-c", _SIGTERM_AS_IT_LOADS, module, "summary",
                           "--db", str(night_db)], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as proc:
        out, err = proc.communicate(timeout=120)
    assert (proc.returncode, out, err) == (
        143, "", "resultsdesk: terminated; nothing half-written was kept.\n")


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM is POSIX's")
def test_sigterm_once_the_command_is_done_ends_the_process_as_before(night_db):
    """After `main` the package's handler is gone: SIGTERM's default again, never a
    KeyboardInterrupt traceback from the interpreter's last lines."""
    script = ("import signal, sys\nsys.argv[0] = 'resultsdesk'\n"
              "from resultsdesk.cli import main\ncode = main()\n"
              "print(signal.getsignal(signal.SIGTERM) is signal.SIG_DFL, code)\n")
    done = subprocess.run([sys.executable, "-c", script, "summary", "--db", str(night_db),
                           "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[-1] == "True 0"
