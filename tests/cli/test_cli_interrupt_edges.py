"""Ctrl+C and SIGTERM outside the command's own work (found by an attack on the command
line): README promises exit 130 (143) with one line, never a traceback, and "interrupted
after saving" whenever something was saved.

- pressed while the command was still starting (its modules loading, its parser being
  built: a fifth of a short command's time), a KeyboardInterrupt traceback;
- pressed just after the work, while its report was still being written out, a traceback
  too, under an import that had committed;
- SIGTERM there (a service manager, `timeout`) found the command's handler already gone:
  the process died silently with 143, the import committed and its report never written,
  so a script running it again imported every seat a second time;
- pressed before `cli.main` was even called (the package and `resultsdesk.cli` importing,
  the console script's `from resultsdesk.cli import main`): a traceback through whichever
  import it stopped, and the process killed by SIGINT. Python's own start-up before that
  (its site packages) is out of the package's reach."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from helpers.locations import ROOT
from test_cli_interrupted import _declarations, _import

from resultsdesk import cli


def _main(argv: list[str]) -> int:
    try:
        return cli.main(argv)
    except KeyboardInterrupt:
        pytest.fail("Ctrl+C escaped the command line: the user saw a traceback")


def test_ctrl_c_while_the_command_starts_is_one_line_and_130(nominations_db, monkeypatch,
                                                             capsys):
    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt  # as the command's modules load

    monkeypatch.setattr(cli, "build_parser", interrupted)
    assert _main(_import(nominations_db)) == 130
    assert capsys.readouterr().err == \
        "resultsdesk: interrupted; nothing half-written was kept.\n"
    assert _declarations(nominations_db) == 0


def test_ctrl_c_as_the_report_is_written_says_the_import_was_saved(nominations_db,
                                                                   monkeypatch, capsys):
    real, calls = cli._flush_output, []

    def flush_interrupted():
        if not calls:
            calls.append(1)
            raise KeyboardInterrupt
        real()

    monkeypatch.setattr(cli, "_flush_output", flush_interrupted)
    assert _main(_import(nominations_db)) == 130
    err = capsys.readouterr().err
    assert err == ("resultsdesk: interrupted after saving: what it saved is kept (see the "
                   "audit log, 'resultsdesk audit', before running it again).\n")
    assert _declarations(nominations_db) == 650


def test_sigterm_as_the_report_is_written_is_the_commands_to_report(nominations_db,
                                                                    monkeypatch, capsys):
    """The signal reaches the handler in place when the report is flushed: the command's,
    not whoever ran it (here a recorder standing in for SIGTERM's default, which ends the
    process silently)."""
    real, calls, outside = cli._flush_output, [], []

    def flush_terminated():
        if not calls:
            calls.append(1)
            os.kill(os.getpid(), signal.SIGTERM)
        real()

    monkeypatch.setattr(cli, "_flush_output", flush_terminated)
    before = signal.signal(signal.SIGTERM, lambda *_: outside.append(1))
    try:
        code = _main(_import(nominations_db))
    finally:
        signal.signal(signal.SIGTERM, before)
    assert outside == []
    assert code == 143
    assert capsys.readouterr().err == (
        "resultsdesk: terminated after saving: what it saved is kept (see the audit log, "
        "'resultsdesk audit', before running it again).\n")
    assert _declarations(nominations_db) == 650


# The console script, in a process whose import of MODULE is interrupted by a real SIGINT
# the moment it starts: the earliest the package's code runs ("logging", its first import),
# between the package and the CLI ("resultsdesk.cli" looked for), inside the CLI's imports.
_CTRL_C_AS_IT_LOADS = """
import signal, sys

module = sys.argv.pop(1)
sys.argv[0] = "resultsdesk"  # as the console script starts it

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == module:
            signal.raise_signal(signal.SIGINT)
        return None

sys.meta_path.insert(0, CtrlC())
from resultsdesk.cli import main
sys.exit(main())
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGINT is POSIX's")
@pytest.mark.parametrize("module", ["logging", "resultsdesk.cli", "argparse"])
def test_ctrl_c_before_main_is_one_line_and_130(night_db, module):
    with subprocess.Popen([sys.executable, "-c", _CTRL_C_AS_IT_LOADS, module, "summary",
                           "--db", str(night_db)], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as proc:
        out, err = proc.communicate(timeout=120)
    assert (proc.returncode, out, err) == (
        130, "", "resultsdesk: interrupted; nothing half-written was kept.\n")


def test_ctrl_c_while_a_class_is_made_is_interrupted_not_a_bug(night_db, tmp_path,
                                                                monkeypatch, capsys):
    """Ctrl+C landing while matplotlib's Axes class was made, as `export all` loads it:
    Python 3.11 wraps an exception raised in `__set_name__` in a RuntimeError ("Error
    calling __set_name__ on '_axis_method_wrapper' instance 'get_xmajorticklabels' in
    '_AxesBase'"), and the command said "unexpected error … a bug in ResultsDesk", exit 1
    (found by an attack on the command line in the h-cli session, SIGINT at 0.45 s)."""
    from resultsdesk.cli import exports

    class PressedHere:
        def __set_name__(self, _owner, _name):
            raise KeyboardInterrupt  # as Ctrl+C arrives while the class body is named

    def loading(_args):
        type("_AxesBase", (), {"get_xmajorticklabels": PressedHere()})
        return 0

    monkeypatch.setattr(exports, "_run_export_graphics", loading)
    assert _main(["export", "all", "--db", str(night_db), "--out", str(tmp_path / "x")]) \
        == 130
    assert capsys.readouterr().err == \
        "resultsdesk: interrupted; nothing half-written was kept.\n"


def test_ctrl_c_wrapped_while_the_command_starts_is_interrupted_too(nominations_db,
                                                                     monkeypatch, capsys):
    """The same wrapping while the command's modules load (a `cached_property` is named
    by `__set_name__` as its class is made), before the command's own handlers."""
    def loading(*_args, **_kwargs):
        raise RuntimeError("Error calling __set_name__") from KeyboardInterrupt()

    monkeypatch.setattr(cli, "build_parser", loading)
    assert _main(_import(nominations_db)) == 130
    assert capsys.readouterr().err == \
        "resultsdesk: interrupted; nothing half-written was kept.\n"
