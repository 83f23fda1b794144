"""A stop that lands in a finaliser (found by killing `export all` with SIGTERM at random
moments, as `timeout` or a service manager would): Python runs a signal's handler at
whatever bytecode comes next, and drawing a graphic runs many weakref callbacks
(matplotlib's transforms, WeakKeyDictionary). A KeyboardInterrupt raised inside one is not
raised at all: Python prints "Exception ignored in: <function …> Traceback … KeyboardInterrupt"
and goes on. The command then ran to the end and exited 0, a traceback on stderr, the
stop asked for lost. README: SIGTERM is exit 143 with one line, Ctrl+C 130, never a
traceback."""

from __future__ import annotations

import signal
import weakref

import pytest

from resultsdesk import cli
from resultsdesk.cli import election


class _Drawn:
    """Stands in for a matplotlib object whose weakref callback runs as it is dropped."""


def _stop_inside_a_finaliser(signum: int) -> None:
    def callback(_ref: object) -> None:
        signal.raise_signal(signum)  # its handler runs here, inside the callback

    drawn = _Drawn()
    ref = weakref.ref(drawn, callback)
    del drawn  # the callback runs: the handler's KeyboardInterrupt is "ignored"
    assert ref() is None


@pytest.mark.parametrize(("signum", "code", "how"), [
    (signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")])
def test_a_stop_inside_a_finaliser_still_stops_the_command(night_db, monkeypatch, capsys,
                                                           signum, code, how):
    real = election._run_summary

    def summary_stopped_midway(args):
        _stop_inside_a_finaliser(signum)
        for _ in range(10**9):  # the command's work goes on, until the stop reaches it
            pass
        return real(args)

    monkeypatch.setattr(election, "_run_summary", summary_stopped_midway)
    # SIGINT's handler as a Python process has it (pytest keeps it so, or not at all)
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        result = cli.main(["summary", "--db", str(night_db), "--json"])
    finally:
        signal.signal(signal.SIGINT, before)
    out, err = capsys.readouterr()
    assert (result, out) == (code, "")
    assert err == f"resultsdesk: {how}; nothing half-written was kept.\n"


def test_a_command_left_alone_keeps_the_hook_it_found(night_db, capsys):
    import sys

    hook = sys.unraisablehook
    assert cli.main(["summary", "--db", str(night_db), "--json"]) == 0
    assert sys.unraisablehook is hook
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(("signum", "code", "how"), [
    (signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")])
def test_a_stop_a_library_turned_into_its_own_error_is_still_a_stop(night_db, monkeypatch,
                                                                   capsys, signum, code,
                                                                   how):
    """matplotlib's C++ (pybind11) takes a KeyboardInterrupt raised while it converts an
    argument as a mismatch: "TypeError: affine_transform(): incompatible function
    arguments", which the command called a bug in ResultsDesk, exit 1."""
    def summary_stopped_in_an_extension(args):
        try:
            signal.raise_signal(signum)
            for _ in range(10**9):  # until its handler has run
                pass
        except KeyboardInterrupt:
            pass  # as the extension does, reporting its own error instead
        raise TypeError("affine_transform(): incompatible function arguments")

    monkeypatch.setattr(election, "_run_summary", summary_stopped_in_an_extension)
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        result = cli.main(["summary", "--db", str(night_db), "--json"])
    finally:
        signal.signal(signal.SIGINT, before)
    assert result == code
    assert capsys.readouterr().err == f"resultsdesk: {how}; nothing half-written was kept.\n"


def test_a_refusal_said_after_a_stop_is_still_said(night_db, monkeypatch, capsys):
    """What a command says after a stop it took (a rehearsal stopping its clock, the file
    locked meanwhile) is its own line, not called an interruption."""
    from resultsdesk.cli.common import CommandError

    def summary_refused_after_a_stop(args):
        try:
            signal.raise_signal(signal.SIGTERM)
            for _ in range(10**9):  # until its handler has run
                pass
        except KeyboardInterrupt:
            pass
        raise CommandError("night.db is locked by another program; try again in a moment.")

    monkeypatch.setattr(election, "_run_summary", summary_refused_after_a_stop)
    assert cli.main(["summary", "--db", str(night_db), "--json"]) == 1
    assert capsys.readouterr().err == (
        "resultsdesk: error: night.db is locked by another program; try again in a moment.\n")
